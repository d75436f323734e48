// The reports: days per stage (median and 90th percentile of the agreements that left it, and
// how many are still in it) from GET /reports/cycle-times, the stalled agreements longest
// waiting first, filters in the URL (period of the MoU, province, application), and the list
// exported as CSV or XLSX (GET /agreements/export, fetched with the session's token and saved).
import { useEffect, useState } from 'preact/hooks';
import { unwrap, type Region, type Schemas } from '../api.ts';
import { CycleTimeChart } from '../components/CycleTimeChart.tsx';
import { Layout } from '../components/Layout.tsx';
import { RegionSearch } from '../components/RegionSearch.tsx';
import { AgreementCells, Loading, ProblemBanner, Section } from '../components/ui.tsx';
import { useLoad } from '../hooks.ts';
import { t, tOf } from '../i18n.ts';
import { Link, location, navigate } from '../router.tsx';
import { api, session } from '../state.ts';
import { searchRegions } from './regions.ts';

type Report = Schemas['CycleTimeReport'];
const FILTERS = ['from', 'to', 'province', 'app'] as const;
type Filters = Partial<Record<(typeof FILTERS)[number], string>>;

function filtersOf(query: URLSearchParams): Filters {
  return Object.fromEntries(
    FILTERS.flatMap((name) => (query.get(name) ? [[name, query.get(name)]] : [])),
  );
}

function hrefOf(filters: Filters): string {
  const query = new URLSearchParams();
  for (const name of FILTERS) if (filters[name]) query.set(name, filters[name]);
  const text = query.toString();
  return text ? `/reports?${text}` : '/reports';
}

/**
 * Saves a file the API answered, under the name the API gives (Content-Disposition) when the
 * browser lets the page read it; the API's CORS does not expose it, so the same name is made here.
 */
function save(blob: Blob, disposition: string | null, format: string): void {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
  const name =
    /filename="([^"]+)"/.exec(disposition ?? '')?.[1] ?? `sepakat-kerja-sama-${today}.${format}`;
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = name;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function ExportButtons({ province }: { province: string | undefined }) {
  const [busy, setBusy] = useState<'csv' | 'xlsx' | undefined>();
  const [error, setError] = useState<unknown>();
  const download = async (format: 'csv' | 'xlsx') => {
    setBusy(format);
    setError(undefined);
    try {
      const result = await api().GET('/agreements/export', {
        params: { query: { format, ...(province ? { province } : {}) } },
        parseAs: 'blob',
      });
      const blob = unwrap<Blob>(result);
      save(blob, result.response.headers.get('content-disposition'), format);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <div>
      <p class="muted">{t('exportIntro')}</p>
      <div class="buttons">
        {(['csv', 'xlsx'] as const).map((format) => (
          <button
            key={format}
            type="button"
            class="button-secondary"
            disabled={busy !== undefined}
            onClick={() => void download(format)}
          >
            {busy === format ? t('exporting') : t(format === 'csv' ? 'exportCsv' : 'exportXlsx')}
          </button>
        ))}
      </div>
      <ProblemBanner error={error} />
    </div>
  );
}

function StalledTable({ province }: { province: string | undefined }) {
  const [page, reload] = useLoad(
    async () =>
      unwrap(
        await api().GET('/agreements', {
          params: {
            query: {
              stalled: 'true',
              sort: 'longest-waiting',
              limit: 10,
              ...(province ? { province } : {}),
            },
          },
        }),
      ),
    `stalled-${province ?? ''}`,
  );
  return (
    <Loading result={page} retry={reload}>
      {(data) =>
        data.items.length === 0 ? (
          <p class="muted">{t('noneToShow')}</p>
        ) : (
          <div class="table-wrap">
            <table class="stalled">
              <thead>
                <tr>
                  <th scope="col">{t('colTitle')}</th>
                  <th scope="col">{t('colRegion')}</th>
                  <th scope="col">{t('colStage')}</th>
                  <th scope="col">{t('daysInStage')}</th>
                  <th scope="col">{t('remindersSent')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((item) => (
                  <tr key={item.id}>
                    <AgreementCells item={item} />
                    <td data-label={t('daysInStage')} class="number">
                      {item.waiting?.days ?? '—'}
                    </td>
                    <td data-label={t('remindersSent')} class="number">
                      {item.waiting
                        ? `${String(item.waiting.remindersSent)}${item.waiting.escalated ? ` · ${t('escalated')}` : ''}`
                        : '—'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      }
    </Loading>
  );
}

export function Reports() {
  const query = location.value.query;
  const applied = filtersOf(query);
  const [draft, setDraft] = useState<Filters>(applied);
  const [province, setProvince] = useState<Region | undefined>();
  const partner = session.value?.role === 'partner';
  const [catalog] = useLoad(async () => unwrap(await api().GET('/apps')).items, 'apps');

  useEffect(() => {
    setDraft(applied);
    if (!applied.province) {
      setProvince(undefined);
      return;
    }
    const code = applied.province;
    void searchRegions(code).then((found) => setProvince(found.find((r) => r.code === code)));
  }, [query.toString()]);

  const [report, reload] = useLoad(
    async () =>
      unwrap(
        await api().GET('/reports/cycle-times', {
          params: {
            query: Object.fromEntries(
              FILTERS.flatMap((n) => (applied[n] ? [[n, applied[n]]] : [])),
            ),
          },
        }),
      ),
    query.toString(),
  );

  const set = (name: keyof Filters, value: string) => {
    setDraft({ ...draft, [name]: value || undefined });
  };
  const apply = (event: Event) => {
    event.preventDefault();
    navigate(hrefOf({ ...draft, province: province?.code }));
  };

  return (
    <Layout title={t('reportsTitle')}>
      <form class="filters card" onSubmit={apply} aria-label={t('reportsFilters')}>
        <div class="field">
          <label for="r-from">{t('reportsFrom')}</label>
          <input
            id="r-from"
            type="date"
            value={draft.from ?? ''}
            onInput={(e) => set('from', e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="r-to">{t('reportsTo')}</label>
          <input
            id="r-to"
            type="date"
            value={draft.to ?? ''}
            onInput={(e) => set('to', e.currentTarget.value)}
          />
        </div>
        {!partner && (
          <RegionSearch
            label={t('filterProvince')}
            value={province}
            onChange={setProvince}
            search={searchRegions}
            types={['PROVINSI']}
          />
        )}
        <div class="field">
          <label for="r-app">{t('reportsApp')}</label>
          <select
            id="r-app"
            value={draft.app ?? ''}
            onChange={(e) => set('app', e.currentTarget.value)}
          >
            <option value="">{t('reportsAllApps')}</option>
            {catalog.state === 'ready' &&
              catalog.data.map((app) => (
                <option key={app.id} value={app.id}>
                  {app.name}
                </option>
              ))}
          </select>
        </div>
        <div class="buttons">
          <button type="submit">{t('applyFilters')}</button>
          <Link href="/reports" class="button-secondary">
            {t('resetFilters')}
          </Link>
        </div>
      </form>
      <Loading result={report} retry={reload}>
        {(data: Report) => (
          <div class="dashboard">
            <Section title="cycleTimesTitle" intro="cycleTimesIntro">
              <p class="muted">
                {data.overall.agreements} {t('agreementsCount')}
                {data.overall.live.share !== null
                  ? ` · ${t('liveShare')} ${String(Math.round(data.overall.live.share * 100))}%`
                  : ''}
              </p>
              <CycleTimeChart stages={data.overall.stages} />
              <div class="table-wrap">
                <table class="cycle-times">
                  <thead>
                    <tr>
                      <th scope="col">{t('colStage')}</th>
                      <th scope="col">{t('cycleLeft')}</th>
                      <th scope="col">{t('cycleMedian')}</th>
                      <th scope="col">{t('cycleP90')}</th>
                      <th scope="col">{t('cycleStill')}</th>
                      <th scope="col">{t('cycleOldest')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.overall.stages.map((s) => (
                      <tr key={s.stage} data-stage={s.stage}>
                        <th scope="row">{tOf('stage', s.stage)}</th>
                        <td class="number">{s.completed.count}</td>
                        <td class="number">{s.completed.medianDays ?? '—'}</td>
                        <td class="number">{s.completed.p90Days ?? '—'}</td>
                        <td class="number">{s.ongoing.count}</td>
                        <td class="number">{s.ongoing.oldestDays ?? '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </Section>
            <Section title="stalledTitle" intro="stalledIntro">
              <StalledTable province={applied.province} />
            </Section>
            <Section title="exportTitle">
              <ExportButtons province={applied.province} />
            </Section>
          </div>
        )}
      </Loading>
    </Layout>
  );
}
