import { describe, expect, it } from '@jest/globals';
import {
  latestMilestone,
  MAX_MILESTONES_OF_A_KIND,
  nextVersion,
  summarized,
  type Agreement,
  type RecordedMilestone,
} from '../../domain/agreement.ts';
import { recordMilestone } from '../../domain/lifecycle.ts';
import { ctx, handedOver, inPks, pksSigned, through } from '../support/fixtures.ts';

describe('an agreement', () => {
  const inTraining = through(inPks, pksSigned, handedOver('e-rk'), handedOver('sabilulungan'));
  const schedule = { type: 'TRAINING_SCHEDULED' as const, occurredAt: '2019-04-01' };

  it('finds the last milestone of a type, typed by it', () => {
    const rescheduled = through(
      inTraining,
      { ...schedule, startsOn: '2019-04-15', endsOn: '2019-04-16' },
      { ...schedule, startsOn: '2019-04-22', endsOn: '2019-04-26' },
    );
    expect(latestMilestone(rescheduled, 'TRAINING_SCHEDULED')?.startsOn).toBe('2019-04-22');
    expect(latestMilestone(rescheduled, 'APP_HANDED_OVER')?.appId).toBe('sabilulungan');
    expect(latestMilestone(inPks, 'TRAINING_SCHEDULED')).toBeUndefined();
  });

  it('moves to its next version, stamped with the time of the change', () => {
    const later = new Date('2019-07-01T00:00:00Z');
    const next = nextVersion(inPks, later);
    expect(next.version).toBe(inPks.version + 1);
    expect(next.updatedAt).toBe('2019-07-01T00:00:00.000Z');
    expect({ ...next, version: inPks.version, updatedAt: inPks.updatedAt }).toEqual(inPks);
  });

  it('keeps a bounded summary: the latest of each type without its free text, and counts', () => {
    const heavy = { notes: 'n'.repeat(2000), documentNumbers: { host: 'h' } };
    let agreement = inTraining;
    for (let day = 10; day < 10 + MAX_MILESTONES_OF_A_KIND - 1; day++) {
      agreement = through(agreement, {
        ...schedule,
        ...heavy,
        startsOn: `2019-04-${day}`,
        endsOn: '2019-04-30',
      });
    }
    expect(agreement.milestones.filter((m) => m.type === 'TRAINING_SCHEDULED')).toHaveLength(1);
    expect(latestMilestone(agreement, 'TRAINING_SCHEDULED')).toMatchObject({
      startsOn: '2019-04-28',
    });
    expect(latestMilestone(agreement, 'TRAINING_SCHEDULED')).not.toHaveProperty('notes');
    expect(agreement.milestoneCounts).toMatchObject({
      MOU_SIGNED: 1,
      'APP_HANDED_OVER#e-rk': 1,
      TRAINING_SCHEDULED: MAX_MILESTONES_OF_A_KIND - 1,
    });
  });

  it('refuses a milestone past the bound of its kind, per application', () => {
    let agreement = inTraining;
    for (let n = 0; n < MAX_MILESTONES_OF_A_KIND; n++) {
      agreement = through(agreement, { ...schedule, startsOn: '2019-04-15', endsOn: '2019-04-16' });
    }
    const outcome = recordMilestone(
      agreement,
      { ...schedule, startsOn: '2019-04-15', endsOn: '2019-04-16' },
      ctx,
    );
    expect(outcome).toEqual({
      ok: false,
      rejection: expect.objectContaining({
        code: 'AGREEMENT_TOO_LARGE',
        details: { kind: 'TRAINING_SCHEDULED', limit: MAX_MILESTONES_OF_A_KIND },
      }),
    });
    // A rule's refusal comes first: the bound is never the reason for what the rules refuse.
    const early = recordMilestone(
      agreement,
      { ...schedule, occurredAt: '2019-01-01', startsOn: '2019-04-15', endsOn: '2019-04-16' },
      ctx,
    );
    expect(early.ok ? undefined : early.rejection.code).toBe('DATE_BEFORE_PREREQUISITE');
  });

  it('reads an agreement stored with every milestone in the summary shape', () => {
    const rescheduled = through(
      inTraining,
      { ...schedule, startsOn: '2019-04-15', endsOn: '2019-04-16' },
      { ...schedule, startsOn: '2019-04-22', endsOn: '2019-04-26', notes: 'moved' },
    );
    const full: RecordedMilestone[] = [
      { ...pksSigned, recordedAt: 'r', recordedBy: 'b' },
      {
        ...schedule,
        startsOn: '2019-04-15',
        endsOn: '2019-04-16',
        recordedAt: 'r',
        recordedBy: 'b',
      },
      {
        ...schedule,
        startsOn: '2019-04-22',
        endsOn: '2019-04-26',
        notes: 'moved',
        recordedAt: 'r',
        recordedBy: 'b',
      },
    ];
    const old: Parameters<typeof summarized>[0] = { ...rescheduled, milestones: full };
    delete old.milestoneCounts;
    const read: Agreement = summarized(old);
    expect(read.milestones.map((m) => m.type)).toEqual(['PKS_SIGNED', 'TRAINING_SCHEDULED']);
    expect(latestMilestone(read, 'TRAINING_SCHEDULED')).toMatchObject({ startsOn: '2019-04-22' });
    expect(read.milestoneCounts).toEqual({ PKS_SIGNED: 1, TRAINING_SCHEDULED: 2 });
    expect(summarized(rescheduled)).toEqual(rescheduled);
  });
});
