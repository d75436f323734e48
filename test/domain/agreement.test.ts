import { describe, expect, it } from '@jest/globals';
import { latestMilestone, nextVersion } from '../../domain/agreement.ts';
import { handedOver, inPks, pksSigned, through } from '../support/fixtures.ts';

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
});
