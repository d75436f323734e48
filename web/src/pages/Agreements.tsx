// The list with its filters; the filters live in the URL (bookmarkable, shareable), and the
// API does the filtering (GET /agreements, role-scoped: a partner sees their own region only).
import { useEffect, useState } from 'preact/hooks';
import { STAGES, unwrap, type Region, type Stage } from '../api.ts';
import { termStatusValues } from '../api/openapi.ts';
import { Layout } from '../components/Layout.tsx';
import { RegionSearch } from '../components/RegionSearch.tsx';
import { TermStatus } from '../components/Term.tsx';
import { AgreementCells, Loading, Options } from '../components/ui.tsx';
import { useLoad } from '../hooks.ts';
import { formatDate, formatInstant, t } from '../i18n.ts';
import { Link, location, navigate } from '../router.tsx';
import { api, session } from '../state.ts';
import { searchRegions } from './regions.ts';

const FILTERS = [
  'stage',
  'province',
  'partnerRegion',
  'stalled',
  'needsAttention',
  'q',
  'sort',
  'termStatus',
  'expiringWithinDays',
] as const;
type Filters = Partial<Record<(typeof FILTERS)[number], string>>;

/** The quick choices of "ends within": the first expiry notices go out at 90, 60 and 30 days. */
const EXPIRING_WITHIN = ['30', '60', '90'] as const;

/** The term filters of the URL as GET /agreements takes them; anything else is left out. */
function termQuery(filters: Filters) {
  const status = termStatusValues.find((value) => value === filters.termStatus);
  const days = Number(filters.expiringWithinDays);
  return {
    ...(status ? { termStatus: status } : {}),
    ...(Number.isInteger(days) && days >= 0 ? { expiringWithinDays: days } : {}),
  };
}

function filtersOf(query: URLSearchParams): Filters {
  return Object.fromEntries(
    FILTERS.flatMap((name) => (query.get(name) ? [[name, query.get(name)]] : [])),
  );
}

function hrefOf(filters: Filters, cursor?: string): string {
  const query = new URLSearchParams();
  for (const name of FILTERS) if (filters[name]) query.set(name, filters[name]);
  if (cursor) query.set('cursor', cursor);
  const text = query.toString();
  return text ? `/agreements?${text}` : '/agreements';
}

export function Agreements() {
  const query = location.value.query;
  const applied = filtersOf(query);
  const cursor = query.get('cursor') ?? undefined;
  const [draft, setDraft] = useState<Filters>(applied);
  const [region, setRegion] = useState<Region | undefined>();
  const regionCode = applied.partnerRegion ?? applied.province;

  useEffect(() => {
    setDraft(applied);
    if (!regionCode) {
      setRegion(undefined);
      return;
    }
    // The URL holds the code; the field shows the name.
    void searchRegions(regionCode).then((found) =>
      setRegion(found.find((r) => r.code === regionCode)),
    );
  }, [query.toString()]);

  const [page, reload] = useLoad(async () => {
    const params = {
      ...(applied.stage ? { stage: applied.stage as Stage } : {}),
      ...(applied.province ? { province: applied.province } : {}),
      ...(applied.partnerRegion ? { partnerRegion: applied.partnerRegion } : {}),
      ...(applied.stalled ? { stalled: 'true' as const } : {}),
      ...(applied.needsAttention ? { needsAttention: 'true' as const } : {}),
      ...(applied.q ? { q: applied.q } : {}),
      ...termQuery(applied),
      sort: applied.sort === 'longest-waiting' ? ('longest-waiting' as const) : ('newest' as const),
      limit: 20,
      ...(cursor ? { cursor } : {}),
    };
    return unwrap(await api().GET('/agreements', { params: { query: params } }));
  }, query.toString());

  const set = (name: keyof Filters, value: string | undefined) => {
    setDraft({ ...draft, [name]: value || undefined });
  };

  const apply = (event: Event) => {
    event.preventDefault();
    const next: Filters = { ...draft, province: undefined, partnerRegion: undefined };
    if (region) next[region.type === 'PROVINSI' ? 'province' : 'partnerRegion'] = region.code;
    navigate(hrefOf(next));
  };

  const partner = session.value?.role === 'partner';
  return (
    <Layout title={t('listTitle')}>
      <form class="filters card" onSubmit={apply} aria-label={t('applyFilters')}>
        <div class="field">
          <label for="f-q">{t('filterSearch')}</label>
          <input
            id="f-q"
            type="search"
            value={draft.q ?? ''}
            onInput={(e) => set('q', e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="f-stage">{t('filterStage')}</label>
          <select
            id="f-stage"
            value={draft.stage ?? ''}
            onChange={(e) => set('stage', e.currentTarget.value)}
          >
            <option value="">{t('filterAllStages')}</option>
            <Options values={STAGES} prefix="stage" />
          </select>
        </div>
        {!partner && (
          <RegionSearch
            label={`${t('filterProvince')} / ${t('filterRegion')}`}
            value={region}
            onChange={setRegion}
            search={searchRegions}
          />
        )}
        <div class="field">
          <label for="f-term">{t('filterTermStatus')}</label>
          <select
            id="f-term"
            value={draft.termStatus ?? ''}
            onChange={(e) => set('termStatus', e.currentTarget.value)}
          >
            <option value="">{t('filterAnyTerm')}</option>
            <Options values={termStatusValues} prefix="termStatus" />
          </select>
        </div>
        <div class="field">
          <label for="f-expiring">{t('filterExpiringWithin')}</label>
          <select
            id="f-expiring"
            value={draft.expiringWithinDays ?? ''}
            onChange={(e) => set('expiringWithinDays', e.currentTarget.value)}
          >
            <option value="">{t('filterAnyTerm')}</option>
            {EXPIRING_WITHIN.map((days) => (
              <option key={days} value={days}>
                {days} {t('days')}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-sort">{t('sortBy')}</label>
          <select
            id="f-sort"
            value={draft.sort ?? 'newest'}
            onChange={(e) => set('sort', e.currentTarget.value)}
          >
            <option value="newest">{t('sortNewest')}</option>
            <option value="longest-waiting">{t('sortLongestWaiting')}</option>
          </select>
        </div>
        <div class="checks">
          <label>
            <input
              type="checkbox"
              checked={draft.stalled === 'true'}
              onChange={(e) => set('stalled', e.currentTarget.checked ? 'true' : undefined)}
            />{' '}
            {t('filterStalled')}
          </label>
          <label>
            <input
              type="checkbox"
              checked={draft.needsAttention === 'true'}
              onChange={(e) => set('needsAttention', e.currentTarget.checked ? 'true' : undefined)}
            />{' '}
            {t('filterAttention')}
          </label>
        </div>
        <div class="buttons">
          <button type="submit">{t('applyFilters')}</button>
          <Link href="/agreements" class="button-secondary">
            {t('resetFilters')}
          </Link>
        </div>
      </form>
      <Loading result={page} retry={reload}>
        {(data) =>
          data.items.length === 0 ? (
            <p class="card">{t('noAgreements')}</p>
          ) : (
            <div class="card table-wrap">
              <table class="agreements">
                <thead>
                  <tr>
                    <th scope="col">{t('colTitle')}</th>
                    <th scope="col">{t('colRegion')}</th>
                    <th scope="col">{t('colStage')}</th>
                    <th scope="col">{t('colSince')}</th>
                    <th scope="col">{t('colNextReminder')}</th>
                    <th scope="col">{t('term')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((item) => (
                    <tr key={item.id}>
                      <AgreementCells item={item}>
                        {item.needsAttention && (
                          <span class="badge badge-alert">{t('needsAttentionBadge')}</span>
                        )}
                      </AgreementCells>
                      <td data-label={t('colSince')}>{formatDate(item.stageEnteredOn)}</td>
                      <td data-label={t('colNextReminder')}>
                        {item.nextReminderDueAt
                          ? formatInstant(
                              item.nextReminderDueAt,
                              item.partnerRegion.timeZone,
                              item.partnerRegion.timeZoneLabel,
                            )
                          : '—'}
                      </td>
                      <td data-label={t('term')}>
                        {item.term ? <TermStatus term={item.term} /> : '—'}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <nav class="pager" aria-label={t('listTitle')}>
                {cursor && <Link href={hrefOf(applied)}>{t('firstPage')}</Link>}
                {data.nextCursor && (
                  <Link href={hrefOf(applied, data.nextCursor)}>{t('nextPage')} →</Link>
                )}
              </nav>
            </div>
          )
        }
      </Loading>
    </Layout>
  );
}
