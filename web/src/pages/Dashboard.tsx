// The first page: agreements per stage, the stalled ones, those needing attention, upcoming
// trainings, recent activity and the officials' reports waiting for a coordinator, from
// GET /reports/summary (scoped to a partner's own region).
import { unwrap, type Schemas } from '../api.ts';
import { Layout } from '../components/Layout.tsx';
import { StageChart } from '../components/StageChart.tsx';
import { Loading, Section, StageBadge } from '../components/ui.tsx';
import { useLoad } from '../hooks.ts';
import { formatDate, formatInstant, t, tOf } from '../i18n.ts';
import { Link } from '../router.tsx';
import { api } from '../state.ts';

type Summary = Schemas['ReportSummary'];
type Item = Schemas['AgreementSummary'];

function AgreementLine({ item, extra }: { item: Item; extra?: string }) {
  return (
    <li>
      <Link href={`/agreements/${item.id}`}>{item.title}</Link>{' '}
      <span class="muted">{item.partnerRegion.name}</span> <StageBadge stage={item.stage} />
      {item.waiting && (
        <span class="muted">
          {' '}
          · {item.waiting.days} {t('daysInStage')} · {item.waiting.remindersSent}{' '}
          {t('remindersSent')}
          {item.waiting.escalated ? ` · ${t('escalated')}` : ''}
        </span>
      )}
      {extra && <span class="muted"> · {extra}</span>}
    </li>
  );
}

function List<T>({ items, render }: { items: T[]; render: (item: T) => preact.ComponentChildren }) {
  if (items.length === 0) return <p class="muted">{t('noneToShow')}</p>;
  return <ul class="plain-list">{items.map(render)}</ul>;
}

function activityText(a: Summary['recentActivity'][number]): string {
  // An official's report names the milestone it stands for: it is not recorded yet.
  if (a.type === 'OFFICIAL_REPORTED') {
    const what = a.milestoneType ? `: ${tOf('milestone', a.milestoneType)}` : '';
    return `${t('event_OFFICIAL_REPORTED')}${what}`;
  }
  if (a.milestoneType) return tOf('milestone', a.milestoneType);
  if (a.type === 'STAGE_CHANGED' && a.toStage)
    return `${t('event_STAGE_CHANGED')}: ${tOf('stage', a.toStage)}`;
  if (a.nudgeKind) return `${t('event_NUDGE_SENT')} (${tOf('nudge', a.nudgeKind)})`;
  return tOf('event', a.type);
}

export function Dashboard() {
  const [summary, reload] = useLoad(
    async () => unwrap(await api().GET('/reports/summary', { params: { query: { limit: 8 } } })),
    'summary',
  );
  return (
    <Layout title={t('dashboardTitle')}>
      <Loading result={summary} retry={reload}>
        {(data: Summary) => (
          <div class="dashboard">
            <Section title="byStage">
              <p class="muted">
                {data.partnerRegion ? `${data.partnerRegion.name} · ` : ''}
                {data.total} {t('agreementsCount')}
              </p>
              <StageChart counts={data.stageCounts} />
            </Section>
            <Section title="reportsToConfirmTitle" intro="reportsToConfirmIntro">
              <List
                items={data.pendingReports}
                render={(entry) => (
                  <AgreementLine
                    key={entry.agreement.id}
                    item={entry.agreement}
                    extra={`${String(entry.count)} ${t('pendingReportsCount')} ${formatInstant(entry.since, entry.agreement.partnerRegion.timeZone, entry.agreement.partnerRegion.timeZoneLabel)}`}
                  />
                )}
              />
            </Section>
            <Section title="stalledTitle" intro="stalledIntro">
              <List
                items={data.stalled}
                render={(item) => <AgreementLine key={item.id} item={item} />}
              />
            </Section>
            <Section title="attentionTitle" intro="attentionIntro">
              <List
                items={data.needsAttention}
                render={(entry) => (
                  <AgreementLine
                    key={entry.agreement.id}
                    item={entry.agreement}
                    extra={entry.error}
                  />
                )}
              />
            </Section>
            <Section title="trainingsTitle">
              <List
                items={data.upcomingTrainings}
                render={(entry) => (
                  <AgreementLine
                    key={entry.agreement.id}
                    item={entry.agreement}
                    extra={`${formatDate(entry.startsOn)} – ${formatDate(entry.endsOn)}${entry.location ? `, ${entry.location}` : ''}`}
                  />
                )}
              />
            </Section>
            <Section title="activityTitle">
              <List
                items={data.recentActivity}
                render={(a) => (
                  <li key={`${a.agreementId}-${a.at}-${a.type}`}>
                    <time dateTime={a.at}>{formatInstant(a.at, 'Asia/Jakarta', 'WIB')}</time> ·{' '}
                    {activityText(a)} · <Link href={`/agreements/${a.agreementId}`}>{a.title}</Link>{' '}
                    <span class="muted">({a.partnerRegion.name})</span>
                  </li>
                )}
              />
            </Section>
          </div>
        )}
      </Loading>
    </Layout>
  );
}
