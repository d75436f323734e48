// When the workflow nudges people while it waits: the opening "action needed" message of a
// stage, the reminders and the escalation on the reminder policy's schedule, the training's
// invitation and pre-training reminder, and the follow-up check-ins. Every answer is computed
// from the stored agreement, so a new execution continues the count where the old one stopped.
import { latestMilestone, type Agreement } from './agreement.ts';
import { addDays, atLocalHour, dateInZone } from './dates.ts';
import { deliverableRecipientsOf } from './delivery.ts';
import { isDormant } from './dormancy.ts';
import { renewalDue, renewalDueAt } from './execution.ts';
import {
  awaitingOtherEmail,
  claimHeldUntil,
  confirmedMessageId,
  NUDGE_CONFIRMATION_TIMEOUT_MS,
  nudgeStatus,
} from './nudge-ledger.ts';
import { isWorkingDay, nextOfficeTime } from './office-hours.ts';
import { pausedUntil } from './pauses.ts';
import { ladderOf, rungOf, scheduleOf, type Rung } from './reminder-policy.ts';
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
  // To the host coordinators: a wait's ladder ended unanswered, the wait goes dormant.
  'DORMANT_NOTICE',
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

  // A dormant wait sends nothing until it is woken (which wakes this wait too).
  if (isDormant(agreement, key)) return sleepUntil(agreement, farFuture(now), now);

  const next = nextNudge(agreement, key, now);
  if ('action' in next) return next;
  // A claimed nudge whose sender may still be at work is not sent again before the claim's
  // confirmation timeout (nudge-ledger.ts): the wait sleeps until then, unless its send event
  // already says that it went (then the send task only records it).
  const held = claimHeldUntil(agreement, next, now);
  if (held && !confirmedMessageId(agreement, next)) return sleepUntil(agreement, held, now);
  // Claimed for another wait's email that is still on its way: its sender records this one too.
  if (awaitingCompanionEmail(agreement, next, now)) {
    return sleepUntil(agreement, new Date(now.getTime() + NUDGE_CONFIRMATION_TIMEOUT_MS), now);
  }
  // An overdue nudge still waits for the office to open.
  const { officeHours } = agreement.reminderPolicy;
  const zone = agreement.partnerRegion.timeZone;
  const sendAt = nextOfficeTime(
    new Date(Math.max(Date.parse(next.dueAt), now.getTime())),
    zone,
    officeHours,
  );
  if (sendAt > now) return sleepUntil(agreement, sendAt, now);
  // Whatever the policy says, nobody gets two nudges about one agreement on one working day.
  if (alreadyNudgedToday(agreement, next, now)) {
    return sleepUntil(agreement, nextOfficeDay(agreement, now), now);
  }
  return { action: 'NUDGE', nudge: next };
}

/** Whether the nudge went into another open wait's email that its sender has not recorded yet. */
export function awaitingCompanionEmail(agreement: Agreement, nudge: Nudge, now: Date): boolean {
  return awaitingOtherEmail(agreement, nudge, (key) => {
    const { route, appId } = parseWaitKey(key as WaitKey);
    if (routeOf(agreement, now) !== route) return false;
    return !appId || agreement.apps.some((a) => a.id === appId && a.status === 'PENDING');
  });
}

function farFuture(now: Date): Date {
  return new Date(now.getTime() + MAX_TIMEOUT_SECONDS * 1000);
}

/** The addresses a nudge goes to (to and cc), lower-cased. */
export function addressesOf(agreement: Agreement, kind: NudgeKind): string[] {
  const { to, cc } = deliverableRecipientsOf(agreement, kind);
  return [...to, ...cc].map((c) => c.email.toLowerCase());
}

/** Whether one of the nudge's recipients already had a nudge about the agreement today. */
export function alreadyNudgedToday(agreement: Agreement, nudge: Nudge, now: Date): boolean {
  const last = agreement.lastNudged;
  if (last?.on !== dateInZone(now, agreement.partnerRegion.timeZone)) return false;
  return addressesOf(agreement, nudge.kind).some((address) => last.to.includes(address));
}

/** When the partner's office opens on its next working day. */
function nextOfficeDay(agreement: Agreement, now: Date): Date {
  const zone = agreement.partnerRegion.timeZone;
  const tomorrow = addDays(dateInZone(now, zone), 1);
  return nextOfficeTime(atLocalHour(tomorrow, 0, zone), zone, agreement.reminderPolicy.officeHours);
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
 * The date (the partner's) the first reminder of a wait will come if its opening message goes
 * out at `openingAt` and nobody acts: for an agreement registered late that is not the
 * policy's date, which has passed, but the ladder's spacing after the opening message.
 */
export function firstReminderDue(
  agreement: Agreement,
  key: WaitKey,
  openingAt: Date,
): string | undefined {
  if (!OPENS_A_STAGE.has(parseWaitKey(key).route)) return undefined;
  const state = agreement.nudges[key];
  const opened: Agreement = {
    ...agreement,
    nudges: {
      ...agreement.nudges,
      [key]: {
        sent: 1,
        lastSentAt: openingAt.toISOString(),
        ...(state?.ladder ? { ladder: state.ladder } : {}),
      },
    },
  };
  const next = nextNudge(opened, key, openingAt);
  if ('action' in next || next.kind !== 'REMINDER') return undefined;
  return dateInZone(new Date(next.dueAt), agreement.partnerRegion.timeZone);
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
      const state = agreement.nudges[key];
      // A woken wait's ladder counts from the day it was woken, without an opening message.
      const base = state?.ladder?.on ?? remindersCountFrom(agreement, route);
      const number = (state?.sent ?? 0) + 1;
      if (!state?.ladder && OPENS_A_STAGE.has(route) && number === 1) {
        return nudge(key, key, 1, 'ACTION_NEEDED', at(base));
      }
      const rung = rungOfNudge(agreement, { waitKey: key, number });
      // Past the dormancy notice nothing is planned: the wait is dormant (planWait).
      if (!rung) return sleepUntil(agreement, farFuture(now), now);
      const scheduled = at(addDays(base, rung.afterDays));
      // A long-stalled agreement (e.g. registered late) gets one nudge now, not a burst of overdue ones.
      const spaced = state?.lastSentAt
        ? new Date(Date.parse(state.lastSentAt) + rung.gapDays * 86_400_000)
        : scheduled;
      const dueAt = office(spaced > scheduled ? spaced : scheduled);
      return nudge(key, key, number, rung.kind, dueAt);
    }
  }
}

/**
 * Where a reminder, escalation or dormancy notice stands on its wait's ladder (how many reminders
 * came before it, which escalation it is); undefined for the other nudges.
 */
export function rungOfNudge(
  agreement: Agreement,
  nudge: Pick<Nudge, 'waitKey' | 'number'>,
): Rung | undefined {
  const { route } = parseWaitKey(nudge.waitKey);
  const schedule = scheduleOf(agreement.reminderPolicy, route);
  if (!schedule) return undefined;
  const ladder = agreement.nudges[nudge.waitKey]?.ladder;
  const first = ladder ? ladder.from : OPENS_A_STAGE.has(route) ? 1 : 0;
  return rungOf(ladderOf(schedule), nudge.number - first);
}

/** Whether a wait's nudges begin with the opening "action needed" message of its stage. */
export function opensStage(route: WaitRoute): boolean {
  return OPENS_A_STAGE.has(route);
}

/**
 * The nudges of the agreement's other waits that go out in the same email as `nudge`: those of
 * the same kind due today (the partner's date), e.g. the reminders of every application still
 * awaiting its handover. Each is claimed and recorded for its own wait.
 */
export function companionsOf(agreement: Agreement, nudge: Nudge, now: Date): Nudge[] {
  const { route } = parseWaitKey(nudge.waitKey);
  const zone = agreement.partnerRegion.timeZone;
  const today = dateInZone(now, zone);
  return waitKeysOf(agreement, route)
    .filter(
      (key) =>
        key !== nudge.waitKey && !isDormant(agreement, key) && !pausedUntil(agreement, key, now),
    )
    .flatMap((key) => {
      const next = nextNudge(agreement, key, now);
      if ('action' in next || next.kind !== nudge.kind || next.key !== key) return [];
      const sentWith = agreement.nudges[key]?.sentWith;
      const ours = sentWith?.key === nudge.key && sentWith.number === nudge.number;
      const status = nudgeStatus(agreement, next);
      if (status === 'SENT' || (status === 'CLAIMED' && !ours)) return [];
      // Due today or overdue (this email may go out after office hours on a busy day).
      return dateInZone(new Date(next.dueAt), zone) <= today ? [next] : [];
    });
}

function nudge(waitKey: WaitKey, key: string, number: number, kind: NudgeKind, dueAt: Date): Nudge {
  return { waitKey, key, number, kind, dueAt: dueAt.toISOString() };
}

/** Sleep until `until`, or until the execution's renewal if that comes first. */
export function sleepUntil(
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
  // The term's notices are not reminders (term.ts shows the term instead).
  if (!isWaitRoute(route) || route === 'TERM') return undefined;
  const due = waitKeysOf(agreement, route)
    .filter((key) => !isDormant(agreement, key))
    .map((key) => planWait(agreement, key, now))
    .map((plan) =>
      plan.action === 'NUDGE' ? plan.nudge.dueAt : plan.action === 'WAIT' ? plan.nextAt : undefined,
    )
    .filter((at): at is string => at !== undefined)
    .sort();
  return due[0];
}
