import { describe, expect, it } from '@jest/globals';
import {
  DEFAULT_REMINDER_POLICY,
  reminderPolicy,
  scheduleOf,
} from '../../domain/reminder-policy.ts';
import { newAgreement } from '../support/fixtures.ts';

describe('the reminder policy', () => {
  it('fills the stages a coordinator did not set from the defaults', () => {
    const policy = reminderPolicy({ PKS: { firstAfterDays: 7, everyDays: 7, escalateAfter: 2 } });
    expect(policy.PKS).toEqual({
      firstAfterDays: 7,
      everyDays: 7,
      escalateAfter: 2,
      maxEscalations: 1,
      escalationEveryDays: 30,
    });
    expect(policy.MOU).toEqual(DEFAULT_REMINDER_POLICY.MOU);
    expect(policy.TRAINING.remindDaysBefore).toBe(2);
    expect(newAgreement().reminderPolicy).toEqual(DEFAULT_REMINDER_POLICY);
  });

  it('names the schedule of each reminded wait, and none for the waits nudged on fixed dates', () => {
    const policy = DEFAULT_REMINDER_POLICY;
    expect(scheduleOf(policy, 'PKS')).toBe(policy.PKS);
    expect(scheduleOf(policy, 'TRAINING_SCHEDULE')).toBe(policy.TRAINING);
    expect(scheduleOf(policy, 'TRAINING_COMPLETION')).toBe(policy.TRAINING);
    expect(scheduleOf(policy, 'TRAINING_UPCOMING')).toBeUndefined();
    expect(scheduleOf(policy, 'FOLLOW_UP')).toBeUndefined();
  });
});
