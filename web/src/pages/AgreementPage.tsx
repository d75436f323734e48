// One agreement: where it stands (stage progress, applications, contacts, next reminder,
// documents and signatories), its history as a timeline, and what the coordinator may do next.
import { useEffect, useState } from 'preact/hooks';
import {
  STAGES,
  unwrap,
  type Agreement,
  type HistoryEvent,
  type Milestone,
  type Stage,
} from '../api.ts';
import { Layout } from '../components/Layout.tsx';
import { TermStatus } from '../components/Term.tsx';
import { Loading, ProblemBanner, ReasonForm, Section, StageBadge } from '../components/ui.tsx';
import { useDraft, useLoad } from '../hooks.ts';
import { formatDate, formatInstant, t, tOf } from '../i18n.ts';
import { api, session } from '../state.ts';
import { DocumentFiles } from './DocumentFiles.tsx';
import { MilestoneForm } from './MilestoneForm.tsx';
import { PendingReports } from './PendingReports.tsx';

/** The road an agreement walks: every stage but the cancellation. */
const ROAD: readonly Stage[] = STAGES.filter((stage) => stage !== 'CANCELLED');

function StageProgress({ stage }: { stage: Agreement['stage'] }) {
  const current = ROAD.indexOf(stage);
  return (
    <ol
      class={stage === 'CANCELLED' ? 'progress progress-cancelled' : 'progress'}
      aria-label={t('stageProgress')}
    >
      {ROAD.map((step, i) => (
        <li
          key={step}
          class={i < current ? 'done' : i === current ? 'current' : ''}
          aria-current={i === current ? 'step' : undefined}
        >
          {tOf('stage', step)}
        </li>
      ))}
    </ol>
  );
}

const str = (value: unknown): string =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : '';

function eventText(event: HistoryEvent): string {
  const d = event.data;
  const milestone = d.milestone as
    { type?: string; appId?: string; occurredAt?: string } | undefined;
  switch (event.type) {
    case 'MILESTONE_RECORDED':
      return milestone?.type
        ? `${tOf('milestone', milestone.type)}${milestone.appId ? ` (${milestone.appId})` : ''}, ${formatDate(milestone.occurredAt)}`
        : t('event_MILESTONE_RECORDED');
    case 'STAGE_CHANGED':
      return `${tOf('stage', str(d.from))} → ${tOf('stage', str(d.to))}`;
    case 'AGREEMENT_CANCELLED':
      return str(d.reason);
    case 'NUDGE_SENT':
    case 'NUDGE_REJECTED':
      return [
        d.template ? tOf('nudge', str(d.template)) : '',
        d.subject ? `“${str(d.subject)}”` : '',
        str(d.reason),
      ]
        .filter(Boolean)
        .join(' · ');
    case 'CONTACT_UNDELIVERABLE':
      return [str(d.email), str(d.kind), str(d.detail)].filter(Boolean).join(' · ');
    case 'NEEDS_ATTENTION':
      return [str(d.error), str(d.cause)].filter(Boolean).join(': ');
    case 'OFFICIAL_REPORTED': {
      const contact = d.contact as { name?: string } | undefined;
      return [str(contact?.name), d.answer ? tOf('answer', str(d.answer)) : '']
        .filter(Boolean)
        .join(' · ');
    }
    case 'NUDGES_PAUSED':
      return `${formatDate(str(d.until))}: ${str(d.reason)}`;
    case 'REPORT_REJECTED':
      return str(d.reason);
    case 'DOCUMENT_ATTACHED':
    case 'DOCUMENT_WITHDRAWN':
      return [tOf('docKind', str(d.kind)), str(d.fileName), str(d.reason)]
        .filter(Boolean)
        .join(' · ');
    default:
      return '';
  }
}

const EVENT_CLASS: Record<string, string> = {
  NUDGE_SENT: 'event-nudge',
  NUDGE_REJECTED: 'event-failure',
  NEEDS_ATTENTION: 'event-failure',
  CONTACT_UNDELIVERABLE: 'event-failure',
  AGREEMENT_CANCELLED: 'event-failure',
  MILESTONE_RECORDED: 'event-milestone',
  DOCUMENT_ATTACHED: 'event-milestone',
  STAGE_CHANGED: 'event-stage',
};

/** The agreement's whole history, oldest first, a page at a time; reloaded when it changes. */
function useHistory(agreement: Agreement) {
  const [events, setEvents] = useState<HistoryEvent[]>([]);
  const [cursor, setCursor] = useState<string | undefined>();
  const [error, setError] = useState<unknown>();
  const load = async (from?: string) => {
    try {
      const page = unwrap(
        await api().GET('/agreements/{id}/history', {
          params: {
            path: { id: agreement.id },
            query: { limit: 100, ...(from ? { cursor: from } : {}) },
          },
        }),
      );
      setEvents((before) => (from ? [...before, ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (caught) {
      setError(caught);
    }
  };
  useEffect(() => {
    void load();
  }, [agreement.id, agreement.version]);
  return { events, error, more: cursor ? () => void load(cursor) : undefined };
}

function Timeline({
  agreement,
  history,
}: {
  agreement: Agreement;
  history: ReturnType<typeof useHistory>;
}) {
  const zone = agreement.partnerRegion;
  return (
    <>
      <ProblemBanner error={history.error} />
      <ol class="timeline">
        {history.events.map((event) => (
          <li
            key={`${String(event.version)}-${String(event.index)}`}
            class={EVENT_CLASS[event.type] ?? 'event-other'}
          >
            <time dateTime={event.at}>
              {formatInstant(event.at, zone.timeZone, zone.timeZoneLabel)}
            </time>
            <strong>{tOf('event', event.type)}</strong>
            <span>{eventText(event)}</span>
            {event.actorEmail && <span class="muted">{event.actorEmail}</span>}
          </li>
        ))}
      </ol>
      {history.more && (
        <button type="button" class="button-secondary" onClick={history.more}>
          {t('historyMore')}
        </button>
      )}
    </>
  );
}

type Recorded = Agreement['milestones'][number] & {
  documentNumbers?: { host?: string; partner?: string };
  signatories?: NonNullable<Extract<Milestone, { type: 'MOU_SIGNED' }>['signatories']>;
};

function Documents({ events }: { events: HistoryEvent[] }) {
  // The agreement keeps a summary of each milestone; numbers and signatories are in its history.
  const withDocuments = events.flatMap((event) => {
    const m =
      event.type === 'MILESTONE_RECORDED'
        ? (event.data.milestone as Recorded | undefined)
        : undefined;
    return m && (m.documentNumbers ?? m.signatories?.length) ? [m] : [];
  });
  if (withDocuments.length === 0) return <p class="muted">{t('noneToShow')}</p>;
  return (
    <dl class="documents">
      {withDocuments.map((m, i) => (
        <div key={i}>
          <dt>
            {tOf('milestone', m.type)} · {formatDate(m.occurredAt)}
          </dt>
          {m.documentNumbers?.host && (
            <dd>
              {t('documentHost')}: {m.documentNumbers.host}
            </dd>
          )}
          {m.documentNumbers?.partner && (
            <dd>
              {t('documentPartner')}: {m.documentNumbers.partner}
            </dd>
          )}
          {m.signatories?.map((s, j) => (
            <dd key={j}>
              {s.name}, {s.position} ({tOf('side', s.side)}; {tOf('capacity', s.capacity)}
              {s.onBehalfOf ? ` ${s.onBehalfOf}` : ''}
              {s.powerOfAttorneyNumber ? ` ${s.powerOfAttorneyNumber}` : ''})
            </dd>
          ))}
        </div>
      ))}
    </dl>
  );
}

function CancelForm({
  agreement,
  onSaved,
}: {
  agreement: Agreement;
  onSaved: (a: Agreement) => void;
}) {
  const [reason, setReason, clear] = useDraft(`cancel.${agreement.id}`, () => '');
  const [error, setError] = useState<unknown>();
  const submit = async (event: Event) => {
    event.preventDefault();
    setError(undefined);
    try {
      const updated = unwrap(
        await api().POST('/agreements/{id}/cancel', {
          params: { path: { id: agreement.id } },
          body: { reason },
        }),
      );
      clear();
      onSaved(updated);
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <ReasonForm
      className="cancel-form"
      label={t('cancelReason')}
      confirm={t('cancelConfirm')}
      reason={reason}
      setReason={setReason}
      error={error}
      onSubmit={submit}
    />
  );
}

export function AgreementPage({ id }: { id: string }) {
  const [loaded, reload] = useLoad(
    async () => unwrap(await api().GET('/agreements/{id}', { params: { path: { id } } })),
    id,
  );
  const [latest, setLatest] = useState<Agreement | undefined>();
  useEffect(() => {
    setLatest(undefined);
  }, [id]);
  const title = latest?.title ?? (loaded.state === 'ready' ? loaded.data.title : t('loading'));
  return (
    <Layout title={title}>
      <Loading result={loaded} retry={reload}>
        {(fetched) => {
          const a = latest && latest.id === fetched.id ? latest : fetched;
          return <AgreementView agreement={a} onSaved={setLatest} />;
        }}
      </Loading>
    </Layout>
  );
}

function AgreementView({
  agreement: a,
  onSaved,
}: {
  agreement: Agreement;
  onSaved: (a: Agreement) => void;
}) {
  const history = useHistory(a);
  // A completed agreement's term goes on: amended, renewed or terminated from here.
  const closed = a.stage === 'CANCELLED' || a.term?.status === 'TERMINATED';
  const zone = a.partnerRegion;
  return (
    <div class="agreement">
      <p class="lead">
        {a.partnerRegion.name}, {a.partnerRegion.provinceName} · <StageBadge stage={a.stage} />{' '}
        <span class="muted">
          {t('stageSince')} {formatDate(a.stageEnteredOn)}
        </span>
        {a.needsAttention && <span class="badge badge-alert">{t('needsAttentionBadge')}</span>}
      </p>
      <StageProgress stage={a.stage} />
      {a.cancellation && (
        <p class="banner banner-error">
          {t('cancelled')}: {a.cancellation.reason}
        </p>
      )}
      <PendingReports agreement={a} onSaved={onSaved} />
      <div class="columns">
        <Section title="applications">
          <ul class="plain-list">
            {a.apps.map((app) => (
              <li key={app.id}>
                <strong>{app.name}</strong> — {tOf('app', app.status)}
                {app.handedOverOn && ` · ${t('appHandedOverOn')} ${formatDate(app.handedOverOn)}`}
                {app.bastNumber && ` · ${t('bast')} ${app.bastNumber}`}
              </li>
            ))}
          </ul>
        </Section>
        <Section title="nextReminder">
          <p>
            {a.nextReminderDueAt
              ? formatInstant(a.nextReminderDueAt, zone.timeZone, zone.timeZoneLabel)
              : t('noReminder')}
          </p>
        </Section>
        <Section title="term">
          {a.term ? (
            <p>
              {tOf('termOf', a.term.document)}: {t('validUntil').toLowerCase()}{' '}
              {formatDate(a.term.validUntil)} <TermStatus term={a.term} />
              {a.term.maxTermAssumed && <small class="muted block">{t('maxTermAssumed')}</small>}
            </p>
          ) : (
            <p class="muted">{t('noTerm')}</p>
          )}
        </Section>
        <Section title="contacts">
          <ul class="plain-list">
            {a.contacts.map((c) => (
              <li key={`${c.side}-${c.role}-${c.email}`}>
                {c.name} · {tOf('contactRole', c.role)} · {tOf('side', c.side)} ·{' '}
                <a href={`mailto:${c.email}`}>{c.email}</a>
              </li>
            ))}
          </ul>
        </Section>
        <Section title="documents">
          <Documents events={history.events} />
        </Section>
      </div>
      <Section title="documentFiles" intro="documentFilesIntro">
        <DocumentFiles agreement={a} onChanged={onSaved} />
      </Section>
      <Section title="actions">
        {closed ? (
          <p class="muted">{t('closedNoActions')}</p>
        ) : (
          <>
            <h3>{t('recordMilestone')}</h3>
            {/* A new stage waits for another milestone: the form starts over on it. */}
            <MilestoneForm key={a.stage} agreement={a} onSaved={onSaved} />
            {session.value?.role === 'host' && (
              <>
                <h3>{t('cancelAgreement')}</h3>
                <CancelForm agreement={a} onSaved={onSaved} />
              </>
            )}
          </>
        )}
      </Section>
      <Section title="history">
        <Timeline agreement={a} history={history} />
      </Section>
    </div>
  );
}
