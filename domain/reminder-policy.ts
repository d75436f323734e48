// When the workflow reminds people, per stage: the one place that says how many days after a
// wait began the first reminder is due, how often the next ones follow, and which of them is
// an escalation. The dates themselves are computed in nudge-plan.ts.
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

export const DEFAULT_REMINDER_POLICY: ReminderPolicy = {
  MOU: { firstAfterDays: 30, everyDays: 14, escalateAfter: 3 },
  PKS: { firstAfterDays: 30, everyDays: 14, escalateAfter: 3 },
  HANDOVER: { firstAfterDays: 30, everyDays: 14, escalateAfter: 3 },
  TRAINING: { firstAfterDays: 14, everyDays: 14, escalateAfter: 3, remindDaysBefore: 2 },
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
    MOU: input.MOU ?? d.MOU,
    PKS: input.PKS ?? d.PKS,
    HANDOVER: input.HANDOVER ?? d.HANDOVER,
    TRAINING: { ...d.TRAINING, ...input.TRAINING },
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
