// What the lifecycle workflow waits for, and when it nudges people. The state machine
// (statemachines/agreement-lifecycle.asl.json) knows how to wait; these rules know what for.
// Every answer is computed from the stored agreement, so a new execution (a resume, a new
// workflow version) picks up exactly where the old one was, reminder count included.
import type { Agreement, AuditEventDraft, RecordedMilestone } from './agreement.ts';
import { addDays, atLocalHour } from './dates.ts';
import {
  DEFAULT_OFFICE_HOURS,
  isWorkingDay,
  nextOfficeTime,
  type OfficeHours,
} from './office-hours.ts';
import type { Contact, NudgeSchedule, ReminderPolicyInput } from './schemas.ts';

export interface ReminderPolicy {
  MOU: NudgeSchedule;
  PKS: NudgeSchedule;
  HANDOVER: NudgeSchedule;
  TRAINING: NudgeSchedule & { remindDaysBefore: number };
  FOLLOW_UP: { checkInAfterDays: number[]; windowDays: number };
  /** When nudges may go out, local time of the partner region, on working days. */
  officeHours: OfficeHours;
}

export const DEFAULT_REMINDER_POLICY: ReminderPolicy = {
  MOU: { firstAfterDays: 30, everyDays: 14, escalateAfter: 3 },
  PKS: { firstAfterDays: 30, everyDays: 14, escalateAfter: 3 },
  HANDOVER: { firstAfterDays: 30, everyDays: 14, escalateAfter: 3 },
  TRAINING: { firstAfterDays: 14, everyDays: 14, escalateAfter: 3, remindDaysBefore: 2 },
  FOLLOW_UP: { checkInAfterDays: [30, 90], windowDays: 120 },
  officeHours: DEFAULT_OFFICE_HOURS,
};

/** A policy from its input, each part not given taken from `defaults`. */
export function reminderPolicy(
  input: ReminderPolicyInput = {},
  defaults: ReminderPolicy = DEFAULT_REMINDER_POLICY,
): ReminderPolicy {
  const d = defaults;
  return {
    MOU: input.MOU ?? d.MOU,
    PKS: input.PKS ?? d.PKS,
    HANDOVER: input.HANDOVER ?? d.HANDOVER,
    TRAINING: { ...d.TRAINING, ...input.TRAINING },
    FOLLOW_UP: input.FOLLOW_UP ?? d.FOLLOW_UP,
    officeHours: input.officeHours ?? d.officeHours,
  };
}

/** A Standard execution lives at most a year: hand over to a new one well before. */
export const RENEW_EXECUTION_AFTER_DAYS = 330;
/** Step Functions' largest task timeout. */
const MAX_TIMEOUT_SECONDS = 99_999_999;

/**
 * What the workflow waits for now. Each value has its own branch in the state machine's
 * "Route by stage" choice; RENEW asks for a fresh execution.
 */
export const ROUTES = [
  'MOU',
  'PKS',
  'HANDOVER',
  'TRAINING_SCHEDULE',
  'TRAINING_UPCOMING',
  'TRAINING_COMPLETION',
  'FOLLOW_UP',
  'COMPLETED',
  'CANCELLED',
  'RENEW',
] as const;
export type Route = (typeof ROUTES)[number];

/** A wait of the state machine: a route, or `HANDOVER#<appId>` for one application. */
export type WaitKey = string;

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

export function routeOf(agreement: Agreement, now: Date): Route {
  switch (agreement.stage) {
    case 'TRAINING': {
      const schedule = latestSchedule(agreement);
      if (!schedule) return 'TRAINING_SCHEDULE';
      // Nudge 1 of this schedule is the invitation, nudge 2 the reminder shortly before it;
      // once the reminder is sent (or claimed), only the completion is awaited.
      const state = agreement.nudges[upcomingKey(schedule)];
      const reminded = state !== undefined && (state.sent >= 2 || state.pending === 2);
      // Up to the end of the first training day a late pre-training reminder still helps.
      const firstDayOver =
        now >= atLocalHour(addDays(schedule.startsOn, 1), 0, agreement.partnerRegion.timeZone);
      return reminded || firstDayOver ? 'TRAINING_COMPLETION' : 'TRAINING_UPCOMING';
    }
    default:
      return agreement.stage;
  }
}

/** The route, or RENEW when the execution that drives the agreement is close to its age limit. */
export function workflowRoute(agreement: Agreement, now: Date): Route {
  const route = routeOf(agreement, now);
  if (route === 'COMPLETED' || route === 'CANCELLED') return route;
  return renewDue(agreement, now) ? 'RENEW' : route;
}

export function pendingAppIds(agreement: Agreement): string[] {
  return agreement.apps.filter((a) => a.status === 'PENDING').map((a) => a.id);
}

/** Whether the wait is over (its milestone came), what to send now, or how long to sleep. */
export function planWait(agreement: Agreement, waitKey: WaitKey, now: Date): WaitPlan {
  const [waitRoute, appId] = waitKey.split('#');
  if (routeOf(agreement, now) !== waitRoute) return { action: 'DONE' };
  if (appId && agreement.apps.find((a) => a.id === appId)?.status !== 'PENDING') {
    return { action: 'DONE' };
  }
  if (renewDue(agreement, now)) return { action: 'RENEW' };

  const next = nextNudge(agreement, waitKey, now);
  if ('action' in next) return next;
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

function nextNudge(
  agreement: Agreement,
  waitKey: WaitKey,
  now: Date,
): Nudge | Extract<WaitPlan, { action: 'CLOSE_FOLLOW_UP' | 'WAIT' }> {
  const { reminderPolicy: policy, stageEnteredOn } = agreement;
  const zone = agreement.partnerRegion.timeZone;
  // Nudges go out in the partner's office hours on working days (see office-hours.ts).
  const office = (instant: Date) => nextOfficeTime(instant, zone, policy.officeHours);
  const at = (date: string) => office(atLocalHour(date, 0, zone));
  const route = waitKey.split('#')[0] as Route;
  switch (route) {
    case 'TRAINING_UPCOMING': {
      const schedule = latestSchedule(agreement);
      if (!schedule) throw new Error('TRAINING_UPCOMING without a schedule');
      const key = upcomingKey(schedule);
      // First the invitation, as soon as the training is scheduled (or rescheduled).
      if ((agreement.nudges[key]?.sent ?? 0) === 0) {
        return nudge(waitKey, key, 1, 'TRAINING_INVITATION', at(schedule.occurredAt));
      }
      // Then a reminder before the training, not after: a day off moves it earlier.
      let day = addDays(schedule.startsOn, -policy.TRAINING.remindDaysBefore);
      while (!isWorkingDay(day)) day = addDays(day, -1);
      return nudge(waitKey, key, 2, 'TRAINING_UPCOMING', at(day));
    }
    case 'FOLLOW_UP': {
      const { checkInAfterDays, windowDays } = policy.FOLLOW_UP;
      const sent = agreement.nudges[waitKey]?.sent ?? 0;
      const offset = checkInAfterDays[sent];
      if (offset !== undefined) {
        return nudge(
          waitKey,
          waitKey,
          sent + 1,
          'FOLLOW_UP_CHECK_IN',
          at(addDays(stageEnteredOn, offset)),
        );
      }
      const closesAt = atLocalHour(addDays(stageEnteredOn, windowDays), 0, zone);
      return closesAt <= now ? { action: 'CLOSE_FOLLOW_UP' } : sleepUntil(agreement, closesAt, now);
    }
    default: {
      const schedule = scheduleOf(policy, route);
      const base =
        route === 'TRAINING_COMPLETION'
          ? (latestSchedule(agreement)?.endsOn ?? stageEnteredOn)
          : stageEnteredOn;
      const state = agreement.nudges[waitKey];
      const number = (state?.sent ?? 0) + 1;
      const opening = OPENS_A_STAGE.has(route);
      if (opening && number === 1) return nudge(waitKey, waitKey, 1, 'ACTION_NEEDED', at(base));
      const reminder = reminderNumber({ waitKey, number });
      const scheduled = at(
        addDays(base, schedule.firstAfterDays + (reminder - 1) * schedule.everyDays),
      );
      // A long-stalled agreement (e.g. registered late) gets one nudge now, not a burst of overdue ones.
      const spaced = state?.lastSentAt
        ? new Date(Date.parse(state.lastSentAt) + schedule.everyDays * 86_400_000)
        : scheduled;
      const dueAt = office(spaced > scheduled ? spaced : scheduled);
      const kind = reminder % (schedule.escalateAfter + 1) === 0 ? 'ESCALATION' : 'REMINDER';
      return nudge(waitKey, waitKey, number, kind, dueAt);
    }
  }
}

/** Which reminder a nudge is: the opening message of a stage comes before the first. */
export function reminderNumber(nudge: Pick<Nudge, 'waitKey' | 'number'>): number {
  const route = nudge.waitKey.split('#')[0] as Route;
  return OPENS_A_STAGE.has(route) ? nudge.number - 1 : nudge.number;
}

function nudge(waitKey: WaitKey, key: string, number: number, kind: NudgeKind, dueAt: Date): Nudge {
  return { waitKey, key, number, kind, dueAt: dueAt.toISOString() };
}

function scheduleOf(policy: ReminderPolicy, route: Route): NudgeSchedule {
  switch (route) {
    case 'MOU':
      return policy.MOU;
    case 'PKS':
      return policy.PKS;
    case 'HANDOVER':
      return policy.HANDOVER;
    case 'TRAINING_SCHEDULE':
    case 'TRAINING_COMPLETION':
      return policy.TRAINING;
    default:
      throw new Error(`No reminder schedule for ${route}`);
  }
}

function sleepUntil(
  agreement: Agreement,
  until: Date,
  now: Date,
): Extract<WaitPlan, { action: 'WAIT' }> {
  const renewAt = renewAtOf(agreement);
  const wakeAt = renewAt && renewAt < until ? renewAt : until;
  const seconds = Math.ceil((wakeAt.getTime() - now.getTime()) / 1000);
  return {
    action: 'WAIT',
    timeoutSeconds: Math.min(MAX_TIMEOUT_SECONDS, Math.max(1, seconds)),
    nextAt: wakeAt.toISOString(),
  };
}

function renewAtOf(agreement: Agreement): Date | undefined {
  const startedAt = agreement.workflow?.startedAt;
  return startedAt
    ? new Date(Date.parse(startedAt) + RENEW_EXECUTION_AFTER_DAYS * 86_400_000)
    : undefined;
}

function renewDue(agreement: Agreement, now: Date): boolean {
  const renewAt = renewAtOf(agreement);
  return renewAt !== undefined && renewAt <= now;
}

type TrainingSchedule = Extract<RecordedMilestone, { type: 'TRAINING_SCHEDULED' }>;

function latestSchedule(agreement: Agreement): TrainingSchedule | undefined {
  return agreement.milestones.findLast(
    (m): m is TrainingSchedule => m.type === 'TRAINING_SCHEDULED',
  );
}

/** A rescheduled training gets its own pre-training reminder. */
function upcomingKey(schedule: TrainingSchedule): string {
  return `TRAINING_UPCOMING#${schedule.startsOn}`;
}

export interface Recipients {
  to: Contact[];
  cc: Contact[];
}

/** Reminders go to the officials, escalations to the escalation contacts; coordinators are copied. */
export function recipientsOf(agreement: Agreement, kind: NudgeKind): Recipients {
  const withRole = (role: Contact['role']) => agreement.contacts.filter((c) => c.role === role);
  const officials = withRole('OFFICIAL');
  const coordinators = withRole('COORDINATOR');
  const escalation = withRole('ESCALATION');
  if (kind === 'ESCALATION' && escalation.length > 0) {
    return { to: escalation, cc: [...officials, ...coordinators] };
  }
  if (officials.length === 0) return { to: coordinators, cc: [] };
  return { to: officials, cc: coordinators };
}

/** Changes the workflow makes to an agreement: each returns the new agreement and its events. */
export interface WorkflowChange {
  agreement: Agreement;
  events: AuditEventDraft[];
}

export interface ExecutionRef {
  executionArn: string;
  /** The execution's start time as Step Functions reports it: orders executions. */
  executionStartTime: string;
}

const WORKFLOW_ACTOR = 'workflow';

/**
 * Links the agreement to the execution that now drives it and notes what it waits for.
 * Returns undefined when nothing changed, and `superseded` when a newer execution owns it.
 */
export function attachWorkflow(
  agreement: Agreement,
  execution: ExecutionRef,
  now: Date,
): WorkflowChange | 'superseded' | undefined {
  const at = now.toISOString();
  const current = agreement.workflow;
  const route = workflowRoute(agreement, now);
  const events: AuditEventDraft[] = [];
  let startedAt = current?.startedAt ?? at;
  let attached = agreement;
  if (current?.executionArn !== execution.executionArn) {
    if (current && isNewer(current, execution)) return 'superseded';
    startedAt = at;
    // A new execution (a resume) attends to the agreement: the failed execution's mark goes.
    const { needsAttention, ...unmarked } = agreement;
    attached = unmarked;
    events.push({
      type: 'WORKFLOW_STARTED',
      at,
      actor: WORKFLOW_ACTOR,
      data: {
        executionArn: execution.executionArn,
        stage: agreement.stage,
        ...(needsAttention ? { clearedNeedsAttention: needsAttention } : {}),
      },
    });
  } else if (current.route === route) {
    return undefined;
  }
  if (route !== 'RENEW' && route !== 'COMPLETED' && route !== 'CANCELLED') {
    events.push({ type: 'WAITING', at, actor: WORKFLOW_ACTOR, data: { for: route } });
  }
  return {
    agreement: bump(
      {
        ...attached,
        workflow: {
          executionArn: execution.executionArn,
          executionStartTime: execution.executionStartTime,
          startedAt,
          route,
        },
      },
      now,
    ),
    events,
  };
}

function isNewer(current: Agreement['workflow'] & object, execution: ExecutionRef): boolean {
  return current.executionStartTime > execution.executionStartTime;
}

export function ownedBy(agreement: Agreement, executionArn: string): boolean {
  return agreement.workflow?.executionArn === executionArn;
}

/** Claims a nudge before sending it, so that a retry after a crash never sends it twice. */
export function claimNudge(agreement: Agreement, nudge: Nudge, now: Date): Agreement {
  const state = agreement.nudges[nudge.key] ?? { sent: 0 };
  return bump(
    {
      ...agreement,
      nudges: { ...agreement.nudges, [nudge.key]: { ...state, pending: nudge.number } },
    },
    now,
  );
}

/** Whether this nudge was already sent, or claimed by an attempt whose outcome is unknown. */
export function nudgeStatus(agreement: Agreement, nudge: Nudge): 'NEW' | 'SENT' | 'CLAIMED' {
  const state = agreement.nudges[nudge.key];
  if (state && state.sent >= nudge.number) return 'SENT';
  return state?.pending === nudge.number ? 'CLAIMED' : 'NEW';
}

export function releaseNudge(agreement: Agreement, nudge: Nudge, now: Date): Agreement {
  const state = agreement.nudges[nudge.key] ?? { sent: 0 };
  const released = {
    sent: state.sent,
    ...(state.lastSentAt ? { lastSentAt: state.lastSentAt } : {}),
  };
  return bump({ ...agreement, nudges: { ...agreement.nudges, [nudge.key]: released } }, now);
}

export interface Delivery {
  recipients: string[];
  /** Which message template went out. */
  template?: string;
  /** The mail service's message id; absent when an earlier attempt's outcome is unknown. */
  messageId?: string;
  subject?: string;
}

export function recordNudgeSent(
  agreement: Agreement,
  nudge: Nudge,
  delivery: Delivery,
  now: Date,
): WorkflowChange {
  return nudgeDone(
    agreement,
    nudge,
    'NUDGE_SENT',
    {
      ...delivery,
      ...(delivery.messageId ? {} : { unconfirmed: true }),
    },
    now,
  );
}

/**
 * A nudge is over (sent, or refused for good): its count moves on and one audit event says
 * how it ended.
 */
export function nudgeDone(
  agreement: Agreement,
  nudge: Nudge,
  type: 'NUDGE_SENT' | 'NUDGE_REJECTED',
  data: Record<string, unknown>,
  now: Date,
): WorkflowChange {
  const at = now.toISOString();
  return {
    agreement: bump(
      {
        ...agreement,
        nudges: { ...agreement.nudges, [nudge.key]: { sent: nudge.number, lastSentAt: at } },
      },
      now,
    ),
    events: [
      {
        type,
        at,
        actor: WORKFLOW_ACTOR,
        data: { kind: nudge.kind, waitKey: nudge.waitKey, number: nudge.number, ...data },
      },
    ],
  };
}

/** The follow-up window closed: the agreement completes, with the applications not live flagged. */
export function closeFollowUp(agreement: Agreement, now: Date): WorkflowChange | undefined {
  if (agreement.stage !== 'FOLLOW_UP') return undefined;
  const at = now.toISOString();
  const apps = agreement.apps.map((a) =>
    a.status === 'HANDED_OVER' ? { ...a, status: 'NOT_LIVE' as const } : a,
  );
  const notLive = apps.filter((a) => a.status === 'NOT_LIVE').map((a) => a.id);
  return {
    agreement: bump(
      { ...agreement, apps, stage: 'COMPLETED', stageEnteredOn: at.slice(0, 10) },
      now,
    ),
    events: [
      { type: 'FOLLOW_UP_CLOSED', at, actor: WORKFLOW_ACTOR, data: { notLive } },
      {
        type: 'STAGE_CHANGED',
        at,
        actor: WORKFLOW_ACTOR,
        data: { from: 'FOLLOW_UP', to: 'COMPLETED' },
      },
    ],
  };
}

export interface Failure {
  error: string;
  cause: string;
  executionArn?: string;
}

/** Returns undefined when this failure of this execution is already recorded. */
export function markNeedsAttention(
  agreement: Agreement,
  failure: Failure,
  now: Date,
): WorkflowChange | undefined {
  const previous = agreement.needsAttention;
  if (
    previous &&
    previous.executionArn === failure.executionArn &&
    previous.error === failure.error
  ) {
    return undefined;
  }
  const at = now.toISOString();
  return {
    agreement: bump({ ...agreement, needsAttention: { since: at, ...failure } }, now),
    events: [{ type: 'NEEDS_ATTENTION', at, actor: WORKFLOW_ACTOR, data: { ...failure } }],
  };
}

/** The next version of an agreement changed at `now`. */
export function bump(agreement: Agreement, now: Date): Agreement {
  return { ...agreement, version: agreement.version + 1, updatedAt: now.toISOString() };
}

/** When the next reminder of any open wait is due (for people; the workflow plans its own). */
export function nextNudgeDue(agreement: Agreement, now: Date): string | undefined {
  const route = routeOf(agreement, now);
  if (route === 'COMPLETED' || route === 'CANCELLED') return undefined;
  const waitKeys =
    route === 'HANDOVER' ? pendingAppIds(agreement).map((id) => `HANDOVER#${id}`) : [route];
  const due = waitKeys
    .map((key) => planWait(agreement, key, now))
    .map((plan) =>
      plan.action === 'NUDGE' ? plan.nudge.dueAt : plan.action === 'WAIT' ? plan.nextAt : undefined,
    )
    .filter((at): at is string => at !== undefined)
    .sort();
  return due[0];
}
