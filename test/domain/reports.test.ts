import { describe, expect, it } from '@jest/globals';
import type { Agreement } from '../../domain/agreement.ts';
import { remindersOf, searchable, stageBefore, waitingOf } from '../../domain/reports.ts';
import { handedOver, inPks, newAgreement, through } from '../support/fixtures.ts';

const withNudges = (agreement: Agreement, nudges: Agreement['nudges']): Agreement => ({
  ...agreement,
  nudges,
});

describe('remindersOf', () => {
  it('does not count the opening message of a stage as a reminder', () => {
    expect(remindersOf(withNudges(inPks, { PKS: { sent: 1 } }))).toEqual({
      remindersSent: 0,
      stalled: false,
      escalated: false,
    });
  });

  it('calls a stage stalled from its first reminder and escalated after escalateAfter', () => {
    // The default policy escalates after 3 reminders: the 4th reminder is the escalation.
    expect(remindersOf(withNudges(inPks, { PKS: { sent: 4 } }))).toEqual({
      remindersSent: 3,
      stalled: true,
      escalated: false,
    });
    expect(remindersOf(withNudges(inPks, { PKS: { sent: 5 } })).escalated).toBe(true);
  });

  it('reads only the waits of the current stage', () => {
    expect(remindersOf(withNudges(inPks, { MOU: { sent: 6 } })).stalled).toBe(false);
    const handover = through(inPks, {
      type: 'PKS_SIGNED',
      occurredAt: '2019-02-22',
    });
    const oneLeft = through(handover, handedOver('sabilulungan'));
    const nudges = { 'HANDOVER#sabilulungan': { sent: 6 }, 'HANDOVER#e-rk': { sent: 2 } };
    expect(remindersOf(withNudges(handover, nudges)).remindersSent).toBe(5);
    // A handed-over application waits no more: its reminders no longer count.
    expect(remindersOf(withNudges(oneLeft, nudges)).remindersSent).toBe(1);
  });
});

describe('waitingOf', () => {
  it('counts whole days in the partner region’s calendar, and nothing once closed', () => {
    const agreement = { ...newAgreement(), stageEnteredOn: '2019-05-01' };
    // 2019-05-31T17:30Z is already 1 June in Kubu Raya (WIB, UTC+7).
    expect(waitingOf(agreement, new Date('2019-05-31T17:30:00Z'))?.days).toBe(31);
    expect(waitingOf({ ...agreement, stage: 'CANCELLED' }, new Date())).toBeUndefined();
  });
});

describe('stageBefore', () => {
  it('is where the first stage change of the events came from', () => {
    const events = [
      { type: 'STAGE_CHANGED' as const, at: '', actor: 'x', data: { from: 'PKS', to: 'HANDOVER' } },
      {
        type: 'STAGE_CHANGED' as const,
        at: '',
        actor: 'x',
        data: { from: 'HANDOVER', to: 'TRAINING' },
      },
    ];
    expect(stageBefore({ ...inPks, stage: 'TRAINING' }, events)).toBe('PKS');
    expect(stageBefore(inPks, [])).toBe('PKS');
  });
});

describe('searchable', () => {
  it('ignores case, accents and repeated spaces', () => {
    expect(searchable('  Kota   BANJARMASÍN ')).toBe('kota banjarmasin');
  });
});
