// The reports: cycle times over the agreements a coordinator may see. A host coordinator's come
// from the report rows kept beside every agreement (one index, a few pages for ten thousand); a
// partner coordinator's region has a handful of agreements, read whole from its list.
import type { Principal } from '../domain/access.ts';
import type { AgreementStore, ReportStore } from '../domain/ports.ts';
import {
  cycleTimes,
  matchesFilter,
  type CycleTimeReport,
  type ReportFilter,
} from '../domain/reports/cycle-times.ts';
import { reportRowOf, type ReportRow } from '../domain/reports/stage-times.ts';
import { AccessDeniedError } from './errors.ts';

export interface ReportsDeps {
  reports: ReportStore;
  agreements: Pick<AgreementStore, 'list'>;
  now: () => Date;
}

/** Every agreement of a partner region, all pages. */
export async function regionRows(
  agreements: Pick<AgreementStore, 'list'>,
  partnerRegionCode: string,
): Promise<ReportRow[]> {
  const rows: ReportRow[] = [];
  let cursor: string | undefined;
  do {
    const page = await agreements.list({
      partnerRegionCode,
      limit: 100,
      ...(cursor ? { cursor } : {}),
    });
    rows.push(...page.items.map(reportRowOf));
    cursor = page.nextCursor;
  } while (cursor);
  return rows;
}

/** The report rows of the agreements `principal` may see that pass `filter`. */
export async function visibleReportRows(
  deps: Omit<ReportsDeps, 'now'>,
  principal: Principal,
  filter: ReportFilter,
): Promise<ReportRow[]> {
  let rows: ReportRow[];
  if (principal.role === 'HOST_COORDINATOR') {
    rows = await deps.reports.reportRows({
      ...(filter.from ? { from: filter.from } : {}),
      ...(filter.to ? { to: filter.to } : {}),
    });
  } else if (principal.role === 'PARTNER_COORDINATOR' && principal.regionCode) {
    rows = await regionRows(deps.agreements, principal.regionCode);
  } else {
    throw new AccessDeniedError('Your role may not see reports.');
  }
  return rows.filter((row) => matchesFilter(row, filter));
}

export function cycleTimesUseCase(deps: ReportsDeps) {
  return async (principal: Principal, filter: ReportFilter): Promise<CycleTimeReport> =>
    cycleTimes(await visibleReportRows(deps, principal, filter), deps.now().toISOString());
}
