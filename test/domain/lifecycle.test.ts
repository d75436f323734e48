import { describe, expect, it } from '@jest/globals';
import type { Agreement } from '../../domain/agreement.ts';
import {
  cancelAgreement,
  closeFollowUp,
  createAgreement,
  recordMilestone,
  type Outcome,
} from '../../domain/lifecycle.ts';
import type { MilestoneInput } from '../../domain/schemas.ts';
import {
  ctx,
  handedOver,
  inPks,
  kubuRayaInput,
  mouSigned,
  newAgreement,
  pksSigned,
  through,
} from '../support/fixtures.ts';

function accepted(outcome: Outcome): Agreement {
  if (!outcome.ok)
    throw new Error(`unexpected rejection ${outcome.rejection.code}: ${outcome.rejection.message}`);
  return outcome.agreement;
}

function rejectionOf(outcome: Outcome) {
  if (outcome.ok)
    throw new Error(`expected a rejection, the agreement moved to ${outcome.agreement.stage}`);
  return outcome.rejection;
}

const trainingScheduled = {
  type: 'TRAINING_SCHEDULED',
  occurredAt: '2019-03-20',
  startsOn: '2019-04-08',
  endsOn: '2019-04-17',
  location: 'Bandung Command Center',
} satisfies MilestoneInput;
const trainingCompleted = {
  type: 'TRAINING_COMPLETED',
  occurredAt: '2019-04-17',
  participants: 12,
} satisfies MilestoneInput;
const report = (appId: string, live: boolean, occurredAt = '2019-05-20'): MilestoneInput => ({
  type: 'FOLLOW_UP_REPORTED',
  occurredAt,
  appId,
  live,
});

describe('creating an agreement', () => {
  it('starts in MOU at version 1 with resolved regions and pending applications', () => {
    const outcome = createAgreement(kubuRayaInput(), {
      ...ctx,
      id: 'a1',
      defaultHostRegionCode: '32.73',
    });
    const agreement = accepted(outcome);
    expect(agreement).toMatchObject({
      id: 'a1',
      stage: 'MOU',
      version: 1,
      stageEnteredOn: '2019-06-01',
      hostRegion: { code: '32.73', name: 'Kota Bandung', timeZoneLabel: 'WIB' },
      partnerRegion: {
        code: '61.12',
        name: 'Kabupaten Kubu Raya',
        type: 'KABUPATEN',
        provinceName: 'Kalimantan Barat',
      },
      apps: [
        { id: 'sabilulungan', name: 'Sabilulungan', status: 'PENDING' },
        { id: 'e-rk', name: 'e-RK (E-Remunerasi)', status: 'PENDING' },
      ],
      milestones: [],
      createdAt: '2019-06-01T03:00:00.000Z',
    });
    expect(outcome.ok && outcome.events.map((e) => e.type)).toEqual(['AGREEMENT_CREATED']);
  });

  it('refuses a partner that is the host region itself', () => {
    const outcome = createAgreement(kubuRayaInput({ partnerRegion: { code: '32.73' } }), {
      ...ctx,
      id: 'a1',
      defaultHostRegionCode: '32.73',
    });
    expect(rejectionOf(outcome).code).toBe('PARTNER_IS_HOST');
  });

  it('refuses an unknown configured host region', () => {
    const outcome = createAgreement(kubuRayaInput(), {
      ...ctx,
      id: 'a1',
      defaultHostRegionCode: '99.99',
    });
    expect(rejectionOf(outcome)).toMatchObject({
      code: 'UNKNOWN_REGION',
      details: { code: '99.99' },
    });
  });

  it('registers an agreement already past its PKS at the right stage, dated by the PKS', () => {
    const outcome = createAgreement(kubuRayaInput({ milestones: [mouSigned, pksSigned] }), {
      ...ctx,
      id: 'a1',
      defaultHostRegionCode: '32.73',
    });
    const agreement = accepted(outcome);
    expect(agreement).toMatchObject({
      stage: 'HANDOVER',
      stageEnteredOn: '2019-02-22',
      version: 1,
    });
    expect(outcome.ok && outcome.events.map((e) => [e.type, e.data.to])).toEqual([
      ['AGREEMENT_CREATED', undefined],
      ['MILESTONE_RECORDED', undefined],
      ['STAGE_CHANGED', 'PKS'],
      ['MILESTONE_RECORDED', undefined],
      ['STAGE_CHANGED', 'HANDOVER'],
    ]);
  });

  it('says which past milestone was refused', () => {
    const outcome = createAgreement(
      kubuRayaInput({ milestones: [mouSigned, { ...pksSigned, occurredAt: '2018-12-01' }] }),
      {
        ...ctx,
        id: 'a1',
        defaultHostRegionCode: '32.73',
      },
    );
    expect(rejectionOf(outcome)).toMatchObject({
      code: 'DATE_BEFORE_PREREQUISITE',
      details: { milestoneIndex: 1, prerequisite: 'MOU_SIGNED', prerequisiteDate: '2018-12-14' },
    });
  });
});

describe('the lifecycle of Kubu Raya', () => {
  it('walks MOU, PKS, HANDOVER, TRAINING, FOLLOW_UP to COMPLETED, one version per milestone', () => {
    let agreement = newAgreement();
    const stages: string[] = [agreement.stage];
    for (const milestone of [
      mouSigned,
      pksSigned,
      handedOver('sabilulungan'),
      handedOver('e-rk', '2019-03-12'),
      trainingScheduled,
      trainingCompleted,
      report('sabilulungan', true),
      report('e-rk', true),
    ]) {
      agreement = accepted(recordMilestone(agreement, milestone, ctx));
      stages.push(agreement.stage);
    }
    expect(stages).toEqual([
      'MOU',
      'PKS',
      'HANDOVER',
      'HANDOVER',
      'TRAINING',
      'TRAINING',
      'FOLLOW_UP',
      'FOLLOW_UP',
      'COMPLETED',
    ]);
    expect(agreement.version).toBe(9);
    // The agreement keeps the latest milestone of each type and counts them all.
    expect(agreement.milestones).toHaveLength(6);
    expect(Object.values(agreement.milestoneCounts).reduce((sum, n) => sum + n, 0)).toBe(8);
    expect(agreement.apps.map((a) => [a.id, a.status, a.bastNumber])).toEqual([
      ['sabilulungan', 'LIVE', 'BAST/sabilulungan/2019'],
      ['e-rk', 'LIVE', 'BAST/e-rk/2019'],
    ]);
  });

  it('records who recorded a milestone and when, and announces the stage change', () => {
    const outcome = recordMilestone(newAgreement(), mouSigned, ctx);
    const agreement = accepted(outcome);
    expect(agreement.milestones[0]).toMatchObject({
      type: 'MOU_SIGNED',
      recordedAt: '2019-06-01T03:00:00.000Z',
      recordedBy: 'coordinator-sub-1',
    });
    expect(outcome.ok && outcome.events).toEqual([
      expect.objectContaining({
        type: 'MILESTONE_RECORDED',
        actor: 'coordinator-sub-1',
        actorEmail: 'coordinator@bandung.example.go.id',
      }),
      expect.objectContaining({
        type: 'STAGE_CHANGED',
        data: { from: 'MOU', to: 'PKS', on: '2018-12-14' },
      }),
    ]);
  });

  it('never changes the agreement it is given', () => {
    const agreement = newAgreement();
    const before = structuredClone(agreement);
    recordMilestone(agreement, mouSigned, ctx);
    expect(agreement).toEqual(before);
  });
});

describe('milestone rules', () => {
  const signPks = (changes: Partial<typeof pksSigned>, context = ctx) =>
    recordMilestone(through(newAgreement(), mouSigned), { ...pksSigned, ...changes }, context);

  it('refuse a milestone of another stage, naming the stages that accept it', () => {
    expect(rejectionOf(recordMilestone(newAgreement(), pksSigned, ctx))).toMatchObject({
      code: 'STAGE_MISMATCH',
      details: { stage: 'MOU', acceptedIn: ['PKS'] },
    });
  });

  it('refuse a date in the future', () => {
    const outcome = recordMilestone(
      newAgreement(),
      { ...mouSigned, occurredAt: '2019-06-03' },
      ctx,
    );
    expect(rejectionOf(outcome)).toMatchObject({
      code: 'DATE_IN_FUTURE',
      details: { today: '2019-06-01' },
    });
  });

  it('accept "today" from the easternmost office even while it is still yesterday in UTC', () => {
    const lateEvening = { ...ctx, now: new Date('2019-05-31T16:30:00Z') }; // 01:30 on 1 June in Jayapura
    expect(
      recordMilestone(newAgreement(), { ...mouSigned, occurredAt: '2019-06-01' }, lateEvening).ok,
    ).toBe(true);
  });

  it('refuse a PKS signed before the MoU', () => {
    const outcome = signPks({ occurredAt: '2018-12-13' });
    expect(rejectionOf(outcome).code).toBe('DATE_BEFORE_PREREQUISITE');
  });

  it('accept a PKS on the day of the MoU and a term of exactly five years', () => {
    const outcome = signPks({ occurredAt: '2018-12-14', validUntil: '2023-12-14' });
    expect(accepted(outcome).stage).toBe('HANDOVER');
  });

  it('refuse a PKS term longer than five years, with the latest allowed end', () => {
    const outcome = signPks({ validUntil: '2024-02-23' });
    expect(rejectionOf(outcome)).toMatchObject({
      code: 'PKS_TERM_TOO_LONG',
      details: { maxTermYears: 5, latestValidUntil: '2024-02-22' },
    });
  });

  it('take the maximum PKS term from the rules', () => {
    const shortRules = { ...ctx, rules: { pksMaxTermYears: 2 } };
    const outcome = signPks({}, shortRules);
    expect(rejectionOf(outcome)).toMatchObject({
      code: 'PKS_TERM_TOO_LONG',
      details: { latestValidUntil: '2021-02-22' },
    });
  });

  it('refuse a PKS that ends before it is signed', () => {
    const outcome = signPks({ validUntil: '2019-02-22' });
    expect(rejectionOf(outcome).code).toBe('PKS_TERM_NOT_AFTER_SIGNING');
  });

  it('refuse a handover of an application that is not part of the agreement', () => {
    const outcome = recordMilestone(
      through(newAgreement(), mouSigned, pksSigned),
      handedOver('gampil'),
      ctx,
    );
    expect(rejectionOf(outcome)).toMatchObject({
      code: 'APP_NOT_IN_AGREEMENT',
      details: { appId: 'gampil' },
    });
  });

  it('refuse a second handover of the same application', () => {
    const agreement = through(newAgreement(), mouSigned, pksSigned, handedOver('sabilulungan'));
    expect(rejectionOf(recordMilestone(agreement, handedOver('sabilulungan'), ctx))).toMatchObject({
      code: 'APP_ALREADY_HANDED_OVER',
      details: { handedOverOn: '2019-03-11' },
    });
  });

  it('refuse a handover dated before the PKS', () => {
    const outcome = recordMilestone(
      through(newAgreement(), mouSigned, pksSigned),
      handedOver('sabilulungan', '2019-02-21'),
      ctx,
    );
    expect(rejectionOf(outcome)).toMatchObject({
      code: 'DATE_BEFORE_PREREQUISITE',
      details: { prerequisite: 'PKS_SIGNED' },
    });
  });

  it('let a partner drop an application before its handover, and then refuse its handover', () => {
    const drop: MilestoneInput = {
      type: 'APP_DROPPED',
      occurredAt: '2019-01-10',
      appId: 'e-rk',
      reason: 'Sudah punya sistem sendiri',
    };
    const agreement = through(newAgreement(), mouSigned, drop, pksSigned);
    expect(agreement.apps.find((a) => a.id === 'e-rk')).toMatchObject({
      status: 'DROPPED',
      droppedReason: 'Sudah punya sistem sendiri',
    });
    expect(rejectionOf(recordMilestone(agreement, handedOver('e-rk'), ctx)).code).toBe(
      'APP_DROPPED',
    );
    expect(through(agreement, handedOver('sabilulungan')).stage).toBe('TRAINING');
  });

  it('end the handover stage when the last pending application is dropped', () => {
    const agreement = through(newAgreement(), mouSigned, pksSigned, handedOver('sabilulungan'));
    const drop: MilestoneInput = {
      type: 'APP_DROPPED',
      occurredAt: '2019-03-15',
      appId: 'e-rk',
      reason: 'Ditunda',
    };
    expect(through(agreement, drop).stage).toBe('TRAINING');
  });

  it('refuse to drop the last application: that is a cancellation', () => {
    const agreement = newAgreement({ apps: [{ id: 'gampil' }] });
    const drop: MilestoneInput = {
      type: 'APP_DROPPED',
      occurredAt: '2019-01-10',
      appId: 'gampil',
      reason: 'Tidak jadi',
    };
    expect(rejectionOf(recordMilestone(agreement, drop, ctx)).code).toBe('LAST_APPLICATION');
  });

  const inTraining = () =>
    through(newAgreement(), mouSigned, pksSigned, handedOver('sabilulungan'), handedOver('e-rk'));

  it('refuse a completed training that was never scheduled', () => {
    expect(rejectionOf(recordMilestone(inTraining(), trainingCompleted, ctx)).code).toBe(
      'TRAINING_NOT_SCHEDULED',
    );
  });

  it('refuse a training completed before it starts', () => {
    const outcome = recordMilestone(
      through(inTraining(), trainingScheduled),
      { ...trainingCompleted, occurredAt: '2019-04-01' },
      ctx,
    );
    expect(rejectionOf(outcome)).toMatchObject({
      code: 'TRAINING_NOT_STARTED',
      details: { startsOn: '2019-04-08' },
    });
  });

  it('refuse a training that starts before the day it was scheduled', () => {
    const outcome = recordMilestone(
      inTraining(),
      { ...trainingScheduled, startsOn: '2019-03-19' },
      ctx,
    );
    expect(rejectionOf(outcome).code).toBe('TRAINING_STARTS_BEFORE_SCHEDULING');
  });

  it('accept a rescheduled training and judge completion by the latest schedule', () => {
    const moved: MilestoneInput = {
      ...trainingScheduled,
      occurredAt: '2019-04-01',
      startsOn: '2019-04-22',
      endsOn: '2019-04-26',
    };
    const agreement = through(inTraining(), trainingScheduled, moved);
    expect(rejectionOf(recordMilestone(agreement, trainingCompleted, ctx)).code).toBe(
      'TRAINING_NOT_STARTED',
    );
    expect(through(agreement, { ...trainingCompleted, occurredAt: '2019-04-26' }).stage).toBe(
      'FOLLOW_UP',
    );
  });

  it('keep following up until every application is live', () => {
    let agreement = through(
      inTraining(),
      trainingScheduled,
      trainingCompleted,
      report('sabilulungan', true),
      report('e-rk', false),
    );
    expect(agreement.stage).toBe('FOLLOW_UP');
    expect(agreement.apps.map((a) => a.status)).toEqual(['LIVE', 'NOT_LIVE']);
    agreement = through(agreement, report('e-rk', true, '2019-05-30'));
    expect(agreement).toMatchObject({ stage: 'COMPLETED', stageEnteredOn: '2019-05-30' });
  });

  it('refuse a follow-up dated before the training ended', () => {
    const agreement = through(inTraining(), trainingScheduled, trainingCompleted);
    expect(
      rejectionOf(recordMilestone(agreement, report('e-rk', true, '2019-04-16'), ctx)).code,
    ).toBe('DATE_BEFORE_PREREQUISITE');
  });

  it('refuse any milestone once the agreement is completed', () => {
    const done = through(
      inTraining(),
      trainingScheduled,
      trainingCompleted,
      report('sabilulungan', true),
      report('e-rk', true),
    );
    expect(rejectionOf(recordMilestone(done, report('e-rk', false), ctx))).toMatchObject({
      code: 'AGREEMENT_CLOSED',
      details: { stage: 'COMPLETED' },
    });
  });
});

describe('cancelling', () => {
  it('ends the agreement at any open stage and records why', () => {
    const outcome = cancelAgreement(
      through(newAgreement(), mouSigned),
      { reason: 'Pergantian kepala daerah' },
      ctx,
    );
    const cancelled = accepted(outcome);
    expect(cancelled).toMatchObject({
      stage: 'CANCELLED',
      version: 3,
      cancellation: {
        reason: 'Pergantian kepala daerah',
        cancelledBy: 'coordinator-sub-1',
        cancelledByEmail: 'coordinator@bandung.example.go.id',
      },
    });
    expect(outcome.ok && outcome.events.map((e) => e.type)).toEqual([
      'AGREEMENT_CANCELLED',
      'STAGE_CHANGED',
    ]);
  });

  it('refuses milestones and a second cancellation afterwards', () => {
    const cancelled = accepted(cancelAgreement(newAgreement(), { reason: 'Batal' }, ctx));
    expect(rejectionOf(recordMilestone(cancelled, mouSigned, ctx)).code).toBe('AGREEMENT_CLOSED');
    expect(rejectionOf(cancelAgreement(cancelled, { reason: 'Lagi' }, ctx)).code).toBe(
      'AGREEMENT_CLOSED',
    );
  });
});

describe('the end of the follow-up', () => {
  it('completes the agreement with the applications not reported live flagged', () => {
    const followUp: Agreement = {
      ...inPks,
      stage: 'FOLLOW_UP',
      apps: inPks.apps.map((a, i) => ({ ...a, status: i === 0 ? 'LIVE' : 'HANDED_OVER' })),
    };
    const closed = closeFollowUp(followUp, ctx.now);
    expect(closed?.agreement.stage).toBe('COMPLETED');
    expect(closed?.agreement.apps.map((a) => a.status)).toEqual(['LIVE', 'NOT_LIVE']);
    expect(closed?.events[0]).toMatchObject({
      type: 'FOLLOW_UP_CLOSED',
      data: { notLive: ['e-rk'] },
    });
    expect(closeFollowUp(inPks, ctx.now)).toBeUndefined();
  });
});
