// The dashboard: agreements per stage, the stalled ones and those needing attention (longest
// waiting first), the trainings ahead and the latest activity, of everything the principal
// may see. Each part is read from what the table keeps for it (adapters/dynamodb/report-items.ts).
import type { Principal } from '../domain/access.ts';
import type { Agreement } from '../domain/agreement.ts';
import { dateInZone } from '../domain/dates.ts';
import type { Activity, AgreementStore, ReportStore } from '../domain/ports.ts';
import type { Stage } from '../domain/schemas.ts';
import { regionInScope } from './list-agreements.ts';

export interface ReportSummaryDeps {
  agreements: Pick<AgreementStore, 'list'>;
  reports: ReportStore;
  now: () => Date;
}

export interface ReportSummaryQuery {
  principal: Principal;
  partnerRegionCode?: string | undefined;
  /** How many agreements each list holds at most. */
  limit: number;
}

export interface ReportSummary {
  generatedAt: Date;
  /** Set when the summary covers one partner region. */
  partnerRegionCode?: string;
  stageCounts: Record<Stage, number>;
  stalled: Agreement[];
  needsAttention: Agreement[];
  upcomingTrainings: Agreement[];
  recentActivity: Activity[];
  /** Agreements with officials' reports waiting for a coordinator, oldest report first. */
  pendingReports: Agreement[];
}

/** Trainings count as upcoming from today in the westernmost zone (WIB): today's anywhere. */
const TRAINING_ZONE = 'Asia/Jakarta';

export function reportSummaryUseCase(deps: ReportSummaryDeps) {
  return async ({ principal, limit, ...query }: ReportSummaryQuery): Promise<ReportSummary> => {
    const partnerRegionCode = regionInScope(principal, query.partnerRegionCode);
    const scope = partnerRegionCode ? { partnerRegionCode } : {};
    const now = deps.now();
    const longestWaiting = { ...scope, sort: 'longest-waiting' as const, limit };
    const [stageCounts, stalled, needsAttention, upcomingTrainings, recentActivity, pending] =
      await Promise.all([
        deps.reports.stageCounts(scope),
        deps.agreements.list({ ...longestWaiting, stalled: true }),
        deps.agreements.list({ ...longestWaiting, needsAttention: true }),
        deps.reports.upcomingTrainings(scope, dateInZone(now, TRAINING_ZONE), limit),
        deps.reports.recentActivity(scope, limit),
        deps.reports.pendingReports(scope, limit),
      ]);
    return {
      generatedAt: now,
      ...scope,
      stageCounts,
      stalled: stalled.items,
      needsAttention: needsAttention.items,
      upcomingTrainings,
      recentActivity,
      pendingReports: pending,
    };
  };
}
