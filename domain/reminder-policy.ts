// When the workflow reminds people, per stage: the one place that says how many days after a
// wait began the first reminder is due, how often the next ones follow, which of them is an
// escalation, and when the ladder ends (the wait goes dormant). The dates themselves are
// computed in nudge-plan.ts.
import { DEFAULT_OFFICE_HOURS, type OfficeHours } from './office-hours.ts';
import type { Route } from './routes.ts';
import type { NudgeSchedule, ReminderPolicyInput } from './schemas.ts';

export interface ReminderPolicy {
  MOU: NudgeSchedule;
  PKS: NudgeSchedule;
  HANDOVER: NudgeSchedule;
  TRAINING: NudgeSchedule & { remindDaysBefore: number };
  FOLLOW_UP: { checkInAfterDays: number[]; windowDays: number };
  /** When nudges may go out, local time of the partner region, on working days. */
  officeHours: OfficeHours;
  /** Days before a term ends on which an expiry notice goes out (term.ts); absent in older records. */
  expiryNoticeDays?: number[];
}

/** The end of every ladder, unless a policy says otherwise. */
export const DEFAULT_LADDER_END = { maxEscalations: 1, escalationEveryDays: 30 } as const;

const DEFAULT_SCHEDULE = { firstAfterDays: 30, everyDays: 14, escalateAfter: 3 };

export const DEFAULT_REMINDER_POLICY: ReminderPolicy = {
  MOU: { ...DEFAULT_SCHEDULE, ...DEFAULT_LADDER_END },
  PKS: { ...DEFAULT_SCHEDULE, ...DEFAULT_LADDER_END },
  HANDOVER: { ...DEFAULT_SCHEDULE, ...DEFAULT_LADDER_END },
  TRAINING: { ...DEFAULT_SCHEDULE, firstAfterDays: 14, ...DEFAULT_LADDER_END, remindDaysBefore: 2 },
  FOLLOW_UP: { checkInAfterDays: [30, 90], windowDays: 120 },
  officeHours: DEFAULT_OFFICE_HOURS,
  // The practice of local systems such as Samarinda's SIKERJA.
  expiryNoticeDays: [90, 60, 30, 7, 0],
};

/** A policy from its input, each part not given taken from `defaults`. */
export function reminderPolicy(
  input: ReminderPolicyInput = {},
  defaults: ReminderPolicy = DEFAULT_REMINDER_POLICY,
): ReminderPolicy {
  const d = defaults;
  const expiryNoticeDays = input.expiryNoticeDays ?? d.expiryNoticeDays;
  return {
    MOU: ladderOf({ ...d.MOU, ...input.MOU }),
    PKS: ladderOf({ ...d.PKS, ...input.PKS }),
    HANDOVER: ladderOf({ ...d.HANDOVER, ...input.HANDOVER }),
    TRAINING: {
      ...d.TRAINING,
      ...input.TRAINING,
      ...ladderOf({ ...d.TRAINING, ...input.TRAINING }),
    },
    FOLLOW_UP: input.FOLLOW_UP ?? d.FOLLOW_UP,
    officeHours: input.officeHours ?? d.officeHours,
    ...(expiryNoticeDays ? { expiryNoticeDays } : {}),
  };
}

/**
 * The reminder schedule of a wait, or undefined for the waits nudged on fixed dates instead
 * (the training's invitation and pre-training reminder, the follow-up check-ins).
 */
export function scheduleOf(policy: ReminderPolicy, route: Route): NudgeSchedule | undefined {
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
      return undefined;
  }
}

/** A schedule with its ladder's end filled in (policies stored before it had none). */
export function ladderOf(schedule: NudgeSchedule): Ladder {
  return {
    firstAfterDays: schedule.firstAfterDays,
    everyDays: schedule.everyDays,
    escalateAfter: schedule.escalateAfter,
    maxEscalations: schedule.maxEscalations ?? DEFAULT_LADDER_END.maxEscalations,
    escalationEveryDays: schedule.escalationEveryDays ?? DEFAULT_LADDER_END.escalationEveryDays,
  };
}

export type Ladder = Required<NudgeSchedule>;

/**
 * One rung of a wait's ladder, after its opening message: `escalateAfter` reminders, the
 * escalation, `maxEscalations` further escalations, then the notice that the wait goes dormant
 * (to the host coordinators). Nothing follows it until the wait is woken with a fresh ladder.
 */
export interface Rung {
  kind: 'REMINDER' | 'ESCALATION' | 'DORMANT_NOTICE';
  /** Days after the ladder began that it is due. */
  afterDays: number;
  /** Days it keeps from the nudge before it at least (an overdue ladder does not burst). */
  gapDays: number;
  /** The reminders of this ladder before it. */
  remindersBefore: number;
  /** For an escalation, which one (1 for the first); for the dormancy notice, how many came. */
  escalation: number;
  /** An escalation after which the wait goes dormant. */
  lastEscalation: boolean;
}

/** The `n`-th rung (1 for the first reminder); past the dormancy notice there is none. */
export function rungOf(ladder: Ladder, n: number): Rung | undefined {
  const { firstAfterDays, everyDays, escalateAfter, maxEscalations, escalationEveryDays } = ladder;
  if (n < 1) return undefined;
  if (n <= escalateAfter) {
    const afterDays = firstAfterDays + (n - 1) * everyDays;
    return rung('REMINDER', afterDays, everyDays, n - 1, 0, false);
  }
  const firstEscalation = firstAfterDays + escalateAfter * everyDays;
  const escalation = n - escalateAfter;
  const afterDays = firstEscalation + (escalation - 1) * escalationEveryDays;
  const gap = escalation === 1 ? everyDays : escalationEveryDays;
  if (escalation <= maxEscalations + 1) {
    return rung(
      'ESCALATION',
      afterDays,
      gap,
      escalateAfter,
      escalation,
      escalation > maxEscalations,
    );
  }
  if (escalation === maxEscalations + 2) {
    return rung(
      'DORMANT_NOTICE',
      afterDays,
      escalationEveryDays,
      escalateAfter,
      escalation - 1,
      false,
    );
  }
  return undefined;
}

function rung(
  kind: Rung['kind'],
  afterDays: number,
  gapDays: number,
  remindersBefore: number,
  escalation: number,
  lastEscalation: boolean,
): Rung {
  return { kind, afterDays, gapDays, remindersBefore, escalation, lastEscalation };
}

/**
 * The most emails one person receives about one wait in one ladder: the opening message (for a
 * wait that opens a stage), every reminder and every escalation. The dormancy notice goes to the
 * host coordinators instead (one more for them).
 */
export function nudgesPerLadder(ladder: Ladder, opensStage: boolean): number {
  return (opensStage ? 1 : 0) + ladder.escalateAfter + 1 + ladder.maxEscalations;
}
