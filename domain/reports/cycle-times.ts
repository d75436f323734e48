// Cycle times: for each stage, how long agreements took to leave it (median, 90th percentile),
// how old those still in it are, and how many nudges and escalations it took before the
// milestone came; overall and by year of MoU, by province and by application. Read from the
// report rows (stage-times.ts), never from the histories.
import { findRegion } from '../regions/regions.ts';
import type { Stage } from '../agreement.ts';
import { cohortDate, daysUntil, type ReportRow } from './stage-times.ts';

/** The stages an agreement waits in; COMPLETED and CANCELLED are ends, not waits. */
export const OPEN_STAGES = [
  'MOU',
  'PKS',
  'HANDOVER',
  'TRAINING',
  'FOLLOW_UP',
] as const satisfies readonly Stage[];

export interface Distribution {
  count: number;
  /** Whole days; null when count is 0. */
  medianDays: number | null;
  p90Days: number | null;
}

export interface StageCycleTime {
  stage: (typeof OPEN_STAGES)[number];
  /** Agreements that left the stage (whose entry into it is known): days it took. */
  completed: Distribution & {
    /** Average nudges and escalations sent in the stage before the milestone came. */
    averageNudges: number | null;
    averageEscalations: number | null;
  };
  /** Agreements still in the stage: their age in it on `asOf`. */
  ongoing: Distribution & { oldestDays: number | null };
}

export interface CycleTimeGroup {
  /** '2018' (year of MoU; `NO_MOU` before it), a province code, or an application id. */
  key: string;
  label: string;
  agreements: number;
  stages: StageCycleTime[];
  /** Agreements with every application they kept (all but the dropped) live. */
  live: { agreements: number; share: number | null };
}

export interface CycleTimeReport {
  asOf: string;
  overall: CycleTimeGroup;
  byMouYear: CycleTimeGroup[];
  byProvince: CycleTimeGroup[];
  byApp: CycleTimeGroup[];
}

/** The median: the middle value, or the mean of the two middle values, rounded to a day. */
export function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const middle = Math.floor(sorted.length / 2);
  const value =
    sorted.length % 2 === 1
      ? (sorted[middle] ?? 0)
      : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  return Math.round(value);
}

/** The nearest-rank percentile: the smallest value with at least p% of the values at or below. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? null;
}

function distribution(values: number[]): Distribution {
  const sorted = values.toSorted((a, b) => a - b);
  return { count: sorted.length, medianDays: median(sorted), p90Days: percentile(sorted, 90) };
}

const average = (values: number[]) =>
  values.length === 0
    ? null
    : Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) / 100;

function stageCycleTime(
  stage: StageCycleTime['stage'],
  rows: readonly ReportRow[],
  asOf: string,
): StageCycleTime {
  const done: number[] = [];
  const nudges: number[] = [];
  const escalations: number[] = [];
  const ages: number[] = [];
  for (const row of rows) {
    const span = row.stageTimes[stage];
    if (span?.enteredOn === undefined) continue;
    if (span.leftOn !== undefined) {
      done.push(daysUntil(span.enteredOn, span.leftOn));
      nudges.push(span.nudges);
      escalations.push(span.escalations);
    } else if (row.stage === stage) {
      ages.push(Math.max(0, daysUntil(span.enteredOn, asOf)));
    }
  }
  const ongoing = distribution(ages);
  return {
    stage,
    completed: {
      ...distribution(done),
      averageNudges: average(nudges),
      averageEscalations: average(escalations),
    },
    ongoing: { ...ongoing, oldestDays: ages.length > 0 ? Math.max(...ages) : null },
  };
}

/** Every application the partner kept is live. */
export function wentLive(row: ReportRow): boolean {
  const kept = row.apps.filter((a) => a.status !== 'DROPPED');
  return kept.length > 0 && kept.every((a) => a.status === 'LIVE');
}

export function cycleTimeGroup(
  key: string,
  label: string,
  rows: readonly ReportRow[],
  asOf: string,
): CycleTimeGroup {
  const live = rows.filter(wentLive).length;
  return {
    key,
    label,
    agreements: rows.length,
    stages: OPEN_STAGES.map((stage) => stageCycleTime(stage, rows, asOf)),
    live: {
      agreements: live,
      share: rows.length === 0 ? null : Math.round((live / rows.length) * 1000) / 1000,
    },
  };
}

function groups(
  rows: readonly ReportRow[],
  asOf: string,
  keysOf: (row: ReportRow) => { key: string; label: string }[],
): CycleTimeGroup[] {
  const byKey = new Map<string, { label: string; rows: ReportRow[] }>();
  for (const row of rows) {
    for (const { key, label } of keysOf(row)) {
      const group = byKey.get(key) ?? { label, rows: [] };
      group.rows.push(row);
      byKey.set(key, group);
    }
  }
  return [...byKey.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, group]) => cycleTimeGroup(key, group.label, group.rows, asOf));
}

export const NO_MOU = 'NO_MOU';

export function provinceOf(regionCode: string): string {
  return regionCode.slice(0, 2);
}

/** The report over `rows`; `asOf` (an instant) dates the age of agreements still in a stage. */
export function cycleTimes(rows: readonly ReportRow[], asOf: string): CycleTimeReport {
  return {
    asOf,
    overall: cycleTimeGroup('ALL', 'Semua kerja sama', rows, asOf),
    byMouYear: groups(rows, asOf, (row) => [
      row.mouSignedOn
        ? { key: row.mouSignedOn.slice(0, 4), label: `MoU ${row.mouSignedOn.slice(0, 4)}` }
        : { key: NO_MOU, label: 'Belum ada MoU' },
    ]),
    byProvince: groups(rows, asOf, (row) => {
      const code = provinceOf(row.partner.code);
      return [{ key: code, label: findRegion(code)?.name ?? code }];
    }),
    byApp: groups(rows, asOf, (row) => row.apps.map((a) => ({ key: a.id, label: a.name }))),
  };
}

export interface ReportFilter {
  /** Cohort dates (MoU, else registration), inclusive. */
  from?: string | undefined;
  to?: string | undefined;
  /** A province code ("61"): the partner region lies in it. */
  province?: string | undefined;
  app?: string | undefined;
}

export function matchesFilter(row: ReportRow, filter: ReportFilter): boolean {
  const date = cohortDate(row);
  return (
    (filter.from === undefined || date >= filter.from) &&
    (filter.to === undefined || date <= filter.to) &&
    (filter.province === undefined || provinceOf(row.partner.code) === filter.province) &&
    (filter.app === undefined || row.apps.some((a) => a.id === filter.app))
  );
}
