// When the workflow nudges people while it waits: the opening "action needed" message of a
// stage, the reminders and the escalation on the reminder policy's schedule, the training's
// invitation and pre-training reminder, and the follow-up check-ins. Every answer is computed
// from the stored agreement, so a new execution continues the count where the old one stopped.
import { latestMilestone, type Agreement } from './agreement.ts';
import { addDays, atLocalHour } from './dates.ts';
import { renewalDue, renewalDueAt } from './execution.ts';
import { claimHeldUntil, confirmedMessageId } from './nudge-ledger.ts';
import { isWorkingDay, nextOfficeTime } from './office-hours.ts';
import { pausedUntil } from './pauses.ts';
import { scheduleOf } from './reminder-policy.ts';
import {
  isWaitRoute,
  parseWaitKey,
  routeOf,
  trainingUpcomingKey,
  waitIsOpen,
  waitKeysOf,
  type Route,
  type WaitKey,
  type WaitRoute,
} from './routes.ts';

/** Step Functions' largest task timeout. */
const MAX_TIMEOUT_SECONDS = 99_999_999;

export const NUDGE_KINDS = [
  'ACTION_NEEDED',
  'REMINDER',
  'ESCALATION',
  'TRAINING_INVITATION',
  'TRAINING_UPCOMING',
  'FOLLOW_UP_CHECK_IN',
] as const;
export type NudgeKind = (typeof NUDGE_KINDS)[number];

/** The waits that open a stage: their first nudge, when the stage begins, says what is expected. */
const OPENS_A_STAGE: ReadonlySet<Route> = new Set(['MOU', 'PKS', 'HANDOVER', 'TRAINING_SCHEDULE']);

export interface Nudge {
  waitKey: WaitKey;
  /** Where the count is kept in `agreement.nudges`. */
  key: string;
  /** 1 for the first nudge of this wait; with the agreement id and key, the nudge's identity. */
  number: number;
  kind: NudgeKind;
  dueAt: string;
}

export const WAIT_ACTIONS = ['DONE', 'NUDGE', 'WAIT', 'CLOSE_FOLLOW_UP', 'RENEW'] as const;

export type WaitPlan =
  | { action: 'DONE' }
  | { action: 'NUDGE'; nudge: Nudge }
  | { action: 'WAIT'; timeoutSeconds: number; nextAt: string }
  | { action: 'CLOSE_FOLLOW_UP' }
  | { action: 'RENEW' };

/** Whether the wait is over (its milestone came), what to send now, or how long to sleep. */
export function planWait(agreement: Agreement, key: WaitKey, now: Date): WaitPlan {
  if (!waitIsOpen(agreement, key, now)) return { action: 'DONE' };
  if (renewalDue(agreement, now)) return { action: 'RENEW' };
  // An official said what blocks the wait and until when: no nudge before that date.
  const paused = pausedUntil(agreement, key, now);
  if (paused) return sleepUntil(agreement, paused, now);

  const next = nextNudge(agreement, key, now);
  if ('action' in next) return next;
  // A claimed nudge whose sender may still be at work is not sent again before the claim's
  // confirmation timeout (nudge-ledger.ts): the wait sleeps until then, unless its send event
  // already says that it went (then the send task only records it).
  const held = claimHeldUntil(agreement, next, now);
  if (held && !confirmedMessageId(agreement, next)) return sleepUntil(agreement, held, now);
  // An overdue nudge still waits for the office to open.
  const { officeHours } = agreement.reminderPolicy;
  const zone = agreement.partnerRegion.timeZone;
  const sendAt = nextOfficeTime(
    new Date(Math.max(Date.parse(next.dueAt), now.getTime())),
    zone,
    officeHours,
  );
  if (sendAt <= now) return { action: 'NUDGE', nudge: next };
  return sleepUntil(agreement, sendAt, now);
}

/**
 * The date a wait's reminders count from: the day its stage began, or for the completion of a
 * training the training's last day.
 */
export function remindersCountFrom(agreement: Agreement, route: WaitRoute): string {
  return route === 'TRAINING_COMPLETION'
    ? (latestMilestone(agreement, 'TRAINING_SCHEDULED')?.endsOn ?? agreement.stageEnteredOn)
    : agreement.stageEnteredOn;
}

/**
 * The date the first reminder of a wait is due, before office hours move it; undefined for the
 * waits nudged on fixed dates (the training's invitation and reminder, the follow-up check-ins).
 */
export function firstReminderOn(agreement: Agreement, route: WaitRoute): string | undefined {
  const schedule = scheduleOf(agreement.reminderPolicy, route);
  return schedule && addDays(remindersCountFrom(agreement, route), schedule.firstAfterDays);
}

/** The next nudge of a wait, or when it has none left, what the wait does instead. */
function nextNudge(
  agreement: Agreement,
  key: WaitKey,
  now: Date,
): Nudge | Extract<WaitPlan, { action: 'CLOSE_FOLLOW_UP' | 'WAIT' }> {
  const { reminderPolicy: policy, stageEnteredOn } = agreement;
  const zone = agreement.partnerRegion.timeZone;
  // Nudges go out in the partner's office hours on working days (see office-hours.ts).
  const office = (instant: Date) => nextOfficeTime(instant, zone, policy.officeHours);
  const at = (date: string) => office(atLocalHour(date, 0, zone));
  const { route } = parseWaitKey(key);
  switch (route) {
    case 'TRAINING_UPCOMING': {
      const schedule = latestMilestone(agreement, 'TRAINING_SCHEDULED');
      if (!schedule) throw new Error('TRAINING_UPCOMING without a schedule');
      const countKey = trainingUpcomingKey(schedule);
      // First the invitation, as soon as the training is scheduled (or rescheduled).
      if ((agreement.nudges[countKey]?.sent ?? 0) === 0) {
        return nudge(key, countKey, 1, 'TRAINING_INVITATION', at(schedule.occurredAt));
      }
      // Then a reminder before the training, not after: a day off moves it earlier.
      let day = addDays(schedule.startsOn, -policy.TRAINING.remindDaysBefore);
      while (!isWorkingDay(day)) day = addDays(day, -1);
      return nudge(key, countKey, 2, 'TRAINING_UPCOMING', at(day));
    }
    case 'FOLLOW_UP': {
      const { checkInAfterDays, windowDays } = policy.FOLLOW_UP;
      const sent = agreement.nudges[key]?.sent ?? 0;
      const offset = checkInAfterDays[sent];
      if (offset !== undefined) {
        const dueAt = at(addDays(stageEnteredOn, offset));
        return nudge(key, key, sent + 1, 'FOLLOW_UP_CHECK_IN', dueAt);
      }
      const closesAt = atLocalHour(addDays(stageEnteredOn, windowDays), 0, zone);
      return closesAt <= now ? { action: 'CLOSE_FOLLOW_UP' } : sleepUntil(agreement, closesAt, now);
    }
    default: {
      const schedule = scheduleOf(policy, route);
      if (!schedule) throw new Error(`No reminder schedule for ${route}`);
      const base = remindersCountFrom(agreement, route);
      const state = agreement.nudges[key];
      const number = (state?.sent ?? 0) + 1;
      if (OPENS_A_STAGE.has(route) && number === 1) {
        return nudge(key, key, 1, 'ACTION_NEEDED', at(base));
      }
      const reminder = reminderNumber({ waitKey: key, number });
      const scheduled = at(
        addDays(base, schedule.firstAfterDays + (reminder - 1) * schedule.everyDays),
      );
      // A long-stalled agreement (e.g. registered late) gets one nudge now, not a burst of overdue ones.
      const spaced = state?.lastSentAt
        ? new Date(Date.parse(state.lastSentAt) + schedule.everyDays * 86_400_000)
        : scheduled;
      const dueAt = office(spaced > scheduled ? spaced : scheduled);
      const kind = reminder % (schedule.escalateAfter + 1) === 0 ? 'ESCALATION' : 'REMINDER';
      return nudge(key, key, number, kind, dueAt);
    }
  }
}

/** Which reminder a nudge is: the opening message of a stage comes before the first. */
export function reminderNumber(nudge: Pick<Nudge, 'waitKey' | 'number'>): number {
  return OPENS_A_STAGE.has(parseWaitKey(nudge.waitKey).route) ? nudge.number - 1 : nudge.number;
}

function nudge(waitKey: WaitKey, key: string, number: number, kind: NudgeKind, dueAt: Date): Nudge {
  return { waitKey, key, number, kind, dueAt: dueAt.toISOString() };
}

function sleepUntil(
  agreement: Agreement,
  until: Date,
  now: Date,
): Extract<WaitPlan, { action: 'WAIT' }> {
  const renewAt = renewalDueAt(agreement);
  const wakeAt = renewAt && renewAt < until ? renewAt : until;
  const seconds = Math.ceil((wakeAt.getTime() - now.getTime()) / 1000);
  return {
    action: 'WAIT',
    timeoutSeconds: Math.min(MAX_TIMEOUT_SECONDS, Math.max(1, seconds)),
    nextAt: wakeAt.toISOString(),
  };
}

/** When the next reminder of any open wait is due (for people; the workflow plans its own). */
export function nextNudgeDue(agreement: Agreement, now: Date): string | undefined {
  const route = routeOf(agreement, now);
  if (!isWaitRoute(route)) return undefined;
  const due = waitKeysOf(agreement, route)
    .map((key) => planWait(agreement, key, now))
    .map((plan) =>
      plan.action === 'NUDGE' ? plan.nudge.dueAt : plan.action === 'WAIT' ? plan.nextAt : undefined,
    )
    .filter((at): at is string => at !== undefined)
    .sort();
  return due[0];
}
