import { describe, expect, it } from '@jest/globals';
import { recipientsOf } from '../../domain/recipients.ts';
import { inPks } from '../support/fixtures.ts';

describe('the recipients of a nudge', () => {
  it('goes to the officials with the coordinator copied, and escalates to the escalation contact', () => {
    const reminder = recipientsOf(inPks, 'REMINDER');
    expect(reminder.to.map((c) => c.role)).toEqual(['OFFICIAL']);
    expect(reminder.cc.map((c) => c.role)).toEqual(['COORDINATOR']);
    const escalation = recipientsOf(inPks, 'ESCALATION');
    expect(escalation.to.map((c) => c.email)).toEqual(['sekda@kuburaya.example.go.id']);
  });
});
