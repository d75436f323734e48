// What the API answers about agreements, mapped from the domain: typed against the schemas of
// views.ts (which the OpenAPI document is generated from) by their types alone, so the
// schemas stay out of the handlers' bundles.
import type { Agreement, AuditEvent } from '../../domain/agreement.ts';
import { nextNudgeDue } from '../../domain/nudge-plan.ts';
import { waitingOf } from '../../domain/reports.ts';
import { expiryNoticeDaysOf, termOf } from '../../domain/term.ts';
import type { AgreementSummaryView, AgreementView, HistoryItemView } from './views.ts';

export function viewOf(agreement: Agreement, now: Date): AgreementView {
  const due = nextNudgeDue(agreement, now);
  const term = termOf(agreement, now);
  return {
    id: agreement.id,
    title: agreement.title,
    stage: agreement.stage,
    stageEnteredOn: agreement.stageEnteredOn,
    hostRegion: agreement.hostRegion,
    partnerRegion: agreement.partnerRegion,
    apps: agreement.apps,
    contacts: agreement.contacts,
    milestones: agreement.milestones,
    milestoneCounts: agreement.milestoneCounts,
    reminderPolicy: {
      ...agreement.reminderPolicy,
      expiryNoticeDays: expiryNoticeDaysOf(agreement.reminderPolicy),
    },
    ...(term ? { term } : {}),
    ...(due ? { nextReminderDueAt: due } : {}),
    remindersSent: Object.fromEntries(
      Object.entries(agreement.nudges).map(([key, state]) => [key, state.sent]),
    ),
    dormant: agreement.dormant ?? [],
    ...(agreement.needsAttention
      ? {
          needsAttention: {
            since: agreement.needsAttention.since,
            error: agreement.needsAttention.error,
            cause: agreement.needsAttention.cause,
          },
        }
      : {}),
    ...(agreement.cancellation ? { cancellation: agreement.cancellation } : {}),
    ...(agreement.workflow ? { executionArn: agreement.workflow.executionArn } : {}),
    ...(agreement.reports?.length ? { pendingReports: agreement.reports } : {}),
    ...(agreement.pauses && Object.keys(agreement.pauses).length > 0
      ? { pausedWaits: agreement.pauses }
      : {}),
    createdAt: agreement.createdAt,
    updatedAt: agreement.updatedAt,
    version: agreement.version,
  };
}

export function summaryViewOf(agreement: Agreement, now: Date): AgreementSummaryView {
  const { id, title, stage, stageEnteredOn, hostRegion, partnerRegion, createdAt } = agreement;
  const { nextReminderDueAt, term, executionArn, updatedAt, version } = viewOf(agreement, now);
  const waiting = waitingOf(agreement, now);
  return {
    id,
    title,
    stage,
    stageEnteredOn,
    hostRegion,
    partnerRegion,
    apps: agreement.apps.map((a) => ({ id: a.id, name: a.name, status: a.status })),
    ...(nextReminderDueAt ? { nextReminderDueAt } : {}),
    dormant: agreement.dormant ?? [],
    ...(term ? { term } : {}),
    ...(agreement.needsAttention ? { needsAttention: true } : {}),
    ...(waiting ? { waiting } : {}),
    ...(executionArn ? { executionArn } : {}),
    createdAt,
    updatedAt,
    version,
  };
}

export function historyItemOf(event: AuditEvent): HistoryItemView {
  return {
    version: event.version,
    index: event.index,
    type: event.type,
    at: event.at,
    actor: event.actor,
    ...(event.actorEmail ? { actorEmail: event.actorEmail } : {}),
    data: event.data,
  };
}
