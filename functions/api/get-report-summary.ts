// GET /reports/summary?partnerRegion=&limit=: application/report-summary.ts over HTTP, the
// dashboard of what the caller may see.
import { reportSummaryUseCase, type ReportSummary } from '../../application/report-summary.ts';
import { findRegion } from '../../domain/regions/regions.ts';
import { oldestPendingReport, scheduledTraining } from '../../domain/reports.ts';
import { STAGES } from '../../domain/enums.ts';
import { reportSummaryQuerySchema } from '../../domain/query-schemas.ts';
import type { Stage } from '../../domain/schema-parts.ts';
import type { Activity } from '../../domain/ports.ts';
import type { ApiOptions, FunctionEnvironment } from '../shared/environment.ts';
import { onFirstCall } from '../shared/middleware.ts';
import { tableParts, wiring } from '../shared/wiring/parts.ts';
import { apiHandler, parse } from './http.ts';
import { summaryViewOf } from './view-of.ts';
import type { ReportSummaryView } from './views.ts';

type ActivityView = ReportSummaryView['recentActivity'][number];

/** What the dashboard shows of an event: its kind and the few facts that name it, not its data. */
function activityViewOf(event: Activity): ActivityView {
  const { data } = event;
  const milestone = data.milestone as { type?: string; appId?: string } | undefined;
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const stage = (value: unknown) =>
    STAGES.includes(value as Stage) ? (value as Stage) : undefined;
  const facts = {
    actorEmail: text(event.actorEmail),
    milestoneType: text(milestone?.type),
    appId: text(milestone?.appId),
    fromStage: event.type === 'STAGE_CHANGED' ? stage(data.from) : undefined,
    toStage: event.type === 'STAGE_CHANGED' ? stage(data.to) : undefined,
    nudgeKind: event.type.startsWith('NUDGE_') ? text(data.kind) : undefined,
  };
  return {
    agreementId: event.agreementId,
    title: event.title,
    partnerRegion: event.partnerRegion,
    type: event.type,
    at: event.at,
    actor: event.actor,
    ...Object.fromEntries(Object.entries(facts).filter(([, value]) => value !== undefined)),
  };
}

export function summaryView(summary: ReportSummary): ReportSummaryView {
  const now = summary.generatedAt;
  const region = summary.partnerRegionCode ? findRegion(summary.partnerRegionCode) : undefined;
  const stageCounts = STAGES.map((stage) => ({ stage, count: summary.stageCounts[stage] }));
  return {
    generatedAt: now.toISOString(),
    ...(region ? { partnerRegion: region } : {}),
    stageCounts,
    total: stageCounts.reduce((sum, { count }) => sum + count, 0),
    stalled: summary.stalled.map((agreement) => summaryViewOf(agreement, now)),
    needsAttention: summary.needsAttention.flatMap((agreement) =>
      agreement.needsAttention
        ? [
            {
              agreement: summaryViewOf(agreement, now),
              since: agreement.needsAttention.since,
              error: agreement.needsAttention.error,
            },
          ]
        : [],
    ),
    upcomingTrainings: summary.upcomingTrainings.flatMap((agreement) => {
      const training = scheduledTraining(agreement);
      if (!training) return [];
      const { startsOn, endsOn, location } = training;
      return [
        {
          agreement: summaryViewOf(agreement, now),
          startsOn,
          endsOn,
          ...(location ? { location } : {}),
        },
      ];
    }),
    recentActivity: summary.recentActivity.map(activityViewOf),
    pendingReports: summary.pendingReports.flatMap((agreement) => {
      const since = oldestPendingReport(agreement);
      if (!since) return [];
      const count = agreement.reports?.length ?? 0;
      return [{ agreement: summaryViewOf(agreement, now), count, since }];
    }),
  };
}

export function createHandler(env: FunctionEnvironment, options: ApiOptions = {}) {
  const reportSummary = reportSummaryUseCase(tableParts(wiring(env, options)));
  return apiHandler({ auth: true, env }, async ({ principal, query }) => {
    const { partnerRegion, limit } = parse(reportSummaryQuerySchema, query, 'query');
    const summary = await reportSummary({ principal, partnerRegionCode: partnerRegion, limit });
    return { status: 200, body: summaryView(summary) };
  });
}

export const handler = onFirstCall(() => createHandler(process.env));
