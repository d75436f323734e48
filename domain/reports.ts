// What the coordinators' dashboard and list filters read of an agreement: how overdue its
// current stage is against its reminder policy, its upcoming training, the stage a change
// started from (for the stage counts), and which history events count as activity.
import {
  isTerminal,
  latestMilestone,
  type Agreement,
  type AuditEventDraft,
  type AuditEventType,
  type MilestoneOf,
} from './agreement.ts';
import { dateInZone } from './dates.ts';
import { rungOfNudge } from './nudge-plan.ts';
import { waitKeysOf, type WaitKey, type WaitRoute } from './routes.ts';
import type { Stage } from './schemas.ts';

export interface Waiting {
  /** Whole days since the current stage began, in the partner region's calendar. */
  days: number;
  /** Reminders sent in the current stage, its opening message not counted. */
  remindersSent: number;
  /** Overdue against the reminder policy: at least one reminder went out. */
  stalled: boolean;
  /** The escalation (the reminder after `escalateAfter` unanswered ones) went out. */
  escalated: boolean;
}

/** The waits of a stage that remind people on the reminder policy's schedule. */
function remindingWaits(agreement: Agreement): { route: WaitRoute; keys: string[] }[] {
  switch (agreement.stage) {
    case 'MOU':
    case 'PKS':
      return [{ route: agreement.stage, keys: [agreement.stage] }];
    case 'HANDOVER':
      return [{ route: 'HANDOVER', keys: waitKeysOf(agreement, 'HANDOVER') }];
    case 'TRAINING':
      return [
        { route: 'TRAINING_SCHEDULE', keys: ['TRAINING_SCHEDULE'] },
        { route: 'TRAINING_COMPLETION', keys: ['TRAINING_COMPLETION'] },
      ];
    default:
      // The follow-up's check-ins come on fixed dates: they are not reminders of a delay.
      return [];
  }
}

/** How overdue the current stage is; its `days` need the date of `now`. */
export function remindersOf(agreement: Agreement): Omit<Waiting, 'days'> {
  let remindersSent = 0;
  let escalated = false;
  for (const { keys } of remindingWaits(agreement)) {
    for (const key of keys) {
      const sent = agreement.nudges[key]?.sent ?? 0;
      // Where the last nudge of the wait stands on its ladder (a woken wait starts a fresh one).
      const rung =
        sent > 0 ? rungOfNudge(agreement, { waitKey: key as WaitKey, number: sent }) : undefined;
      if (!rung) continue;
      const reminders = rung.remindersBefore + (rung.kind === 'REMINDER' ? 1 : rung.escalation);
      remindersSent = Math.max(remindersSent, reminders);
      if (rung.kind !== 'REMINDER') escalated = true;
    }
  }
  return { remindersSent, stalled: remindersSent > 0, escalated };
}

/** How the agreement waits in its current stage; undefined once it is completed or cancelled. */
export function waitingOf(agreement: Agreement, now: Date): Waiting | undefined {
  if (isTerminal(agreement.stage)) return undefined;
  const today = dateInZone(now, agreement.partnerRegion.timeZone);
  const days = Math.max(
    0,
    Math.round((Date.parse(today) - Date.parse(agreement.stageEnteredOn)) / 86_400_000),
  );
  return { days, ...remindersOf(agreement) };
}

/** The training an agreement in stage TRAINING has scheduled, if any. */
export function scheduledTraining(
  agreement: Agreement,
): MilestoneOf<'TRAINING_SCHEDULED'> | undefined {
  return agreement.stage === 'TRAINING'
    ? latestMilestone(agreement, 'TRAINING_SCHEDULED')
    : undefined;
}

/**
 * The stage a stored agreement was in before the change that produced `events`: every stage
 * change writes a STAGE_CHANGED event naming where it came from (domain/lifecycle.ts).
 */
export function stageBefore(agreement: Agreement, events: AuditEventDraft[]): Stage {
  const change = events.find((event) => event.type === 'STAGE_CHANGED');
  return (change?.data.from as Stage | undefined) ?? agreement.stage;
}

/** When the oldest of the officials' reports waiting for a coordinator came in, if any. */
export function oldestPendingReport(agreement: Agreement): string | undefined {
  const times = (agreement.reports ?? []).map((report) => report.reportedAt).sort();
  return times[0];
}

/** History events the dashboard shows as activity: not the workflow's own bookkeeping. */
const NOT_ACTIVITY: ReadonlySet<AuditEventType> = new Set(['WAITING', 'WORKFLOW_STARTED']);

export function isActivity(type: AuditEventType): boolean {
  return !NOT_ACTIVITY.has(type);
}

/** Lower case, accents and repeated spaces removed: what a text search compares. */
export function searchable(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
