import { describe, expect, it } from '@jest/globals';
import type { Agreement } from '../../domain/agreement.ts';
import { atLocalHour } from '../../domain/dates.ts';
import { recordMilestone } from '../../domain/lifecycle.ts';
import { composeNudgeEmail } from '../../domain/nudge-email.ts';
import type { MilestoneInput } from '../../domain/schemas.ts';
import {
  attachWorkflow,
  claimNudge,
  closeFollowUp,
  DEFAULT_REMINDER_POLICY,
  markNeedsAttention,
  nextNudgeDue,
  nudgeStatus,
  planWait,
  recipientsOf,
  recordNudgeSent,
  releaseNudge,
  reminderPolicy,
  routeOf,
  workflowRoute,
  type Nudge,
  type WaitPlan,
} from '../../domain/workflow.ts';
import { ctx, handedOver, mouSigned, newAgreement, pksSigned } from '../support/fixtures.ts';

const DAY = 86_400_000;
const at = (iso: string) => new Date(iso);
const execution = {
  executionArn: 'arn:aws:states:ap-southeast-3:000000000000:execution:lifecycle:one',
  executionStartTime: '2019-06-01T03:00:00.000Z',
};

function apply(agreement: Agreement, ...milestones: MilestoneInput[]): Agreement {
  return milestones.reduce((current, milestone) => {
    const outcome = recordMilestone(current, milestone, ctx);
    if (!outcome.ok) throw new Error(outcome.rejection.message);
    return outcome.agreement;
  }, agreement);
}

function nudgeOf(plan: WaitPlan): Nudge {
  if (plan.action !== 'NUDGE') throw new Error(`expected a nudge, got ${plan.action}`);
  return plan.nudge;
}

/** The agreement after `count` nudges of `key` were sent, the last at `lastSentAt`. */
function afterNudges(agreement: Agreement, key: string, count: number, lastSentAt: string) {
  return { ...agreement, nudges: { [key]: { sent: count, lastSentAt } } };
}

// Kubu Raya is in West Kalimantan: WIB (UTC+7), so nudges go out at 02:00 UTC.
const inPks = apply(newAgreement(), mouSigned); // PKS stage entered on 2018-12-14

describe('the reminder policy', () => {
  it('fills the stages a coordinator did not set from the defaults', () => {
    const policy = reminderPolicy({ PKS: { firstAfterDays: 7, everyDays: 7, escalateAfter: 2 } });
    expect(policy.PKS).toEqual({ firstAfterDays: 7, everyDays: 7, escalateAfter: 2 });
    expect(policy.MOU).toEqual(DEFAULT_REMINDER_POLICY.MOU);
    expect(policy.TRAINING.remindDaysBefore).toBe(2);
    expect(newAgreement().reminderPolicy).toEqual(DEFAULT_REMINDER_POLICY);
  });
});

describe('planning a wait', () => {
  it('sleeps until the first reminder, 30 days after the MoU at 09:00 in the partner zone', () => {
    const plan = planWait(inPks, 'PKS', at('2018-12-20T00:00:00Z'));
    expect(plan).toEqual({
      action: 'WAIT',
      nextAt: '2019-01-13T02:00:00.000Z',
      timeoutSeconds:
        (Date.parse('2019-01-13T02:00:00Z') - Date.parse('2018-12-20T00:00:00Z')) / 1000,
    });
  });

  it('asks for a reminder once it is due, then every 14 days, and escalates the fourth', () => {
    const first = nudgeOf(planWait(inPks, 'PKS', at('2019-01-13T02:00:00Z')));
    expect(first).toMatchObject({ number: 1, kind: 'REMINDER', key: 'PKS' });

    const afterThree = afterNudges(inPks, 'PKS', 3, '2019-02-10T02:00:00.000Z');
    const waiting = planWait(afterThree, 'PKS', at('2019-02-11T00:00:00Z'));
    expect(waiting).toMatchObject({ action: 'WAIT', nextAt: '2019-02-24T02:00:00.000Z' });
    const fourth = nudgeOf(planWait(afterThree, 'PKS', at('2019-02-24T02:00:00Z')));
    expect(fourth).toMatchObject({ number: 4, kind: 'ESCALATION' });
    expect(
      nudgeOf(
        planWait(afterNudges(inPks, 'PKS', 4, fourth.dueAt), 'PKS', at('2019-03-10T02:00:00Z')),
      ),
    ).toMatchObject({ number: 5, kind: 'REMINDER' });
  });

  it('gives a long-stalled agreement one nudge now and the next one an interval later, not a burst', () => {
    const muchLater = at('2020-06-01T05:00:00Z');
    expect(nudgeOf(planWait(inPks, 'PKS', muchLater)).number).toBe(1);
    const justSent = afterNudges(inPks, 'PKS', 1, muchLater.toISOString());
    expect(planWait(justSent, 'PKS', muchLater)).toMatchObject({
      action: 'WAIT',
      timeoutSeconds: 14 * 86_400,
    });
  });

  it('is over once the stage moved on or the application was handed over', () => {
    const inHandover = apply(inPks, pksSigned);
    expect(planWait(inHandover, 'PKS', ctx.now)).toEqual({ action: 'DONE' });
    expect(planWait(inHandover, 'HANDOVER#e-rk', ctx.now).action).not.toBe('DONE');
    const oneHandedOver = apply(inHandover, handedOver('e-rk'));
    expect(planWait(oneHandedOver, 'HANDOVER#e-rk', ctx.now)).toEqual({ action: 'DONE' });
    expect(planWait(oneHandedOver, 'HANDOVER#sabilulungan', ctx.now).action).not.toBe('DONE');
  });

  it('walks the training through scheduling, a reminder two days before, and completion', () => {
    const inTraining = apply(inPks, pksSigned, handedOver('e-rk'), handedOver('sabilulungan'));
    expect(routeOf(inTraining, ctx.now)).toBe('TRAINING_SCHEDULE');
    const scheduled = apply(inTraining, {
      type: 'TRAINING_SCHEDULED',
      occurredAt: '2019-05-20',
      startsOn: '2019-06-10',
      endsOn: '2019-06-12',
    });
    expect(routeOf(scheduled, ctx.now)).toBe('TRAINING_UPCOMING');
    expect(planWait(scheduled, 'TRAINING_UPCOMING', ctx.now)).toMatchObject({
      action: 'WAIT',
      nextAt: '2019-06-08T02:00:00.000Z',
    });
    const due = nudgeOf(planWait(scheduled, 'TRAINING_UPCOMING', at('2019-06-08T02:00:00Z')));
    expect(due).toMatchObject({ kind: 'TRAINING_UPCOMING', key: 'TRAINING_UPCOMING#2019-06-10' });
    const reminded = recordNudgeSent(scheduled, due, { recipients: [] }, ctx.now).agreement;
    expect(routeOf(reminded, ctx.now)).toBe('TRAINING_COMPLETION');
    // Completion reminders count from the end of the training.
    expect(planWait(reminded, 'TRAINING_COMPLETION', at('2019-06-13T00:00:00Z'))).toMatchObject({
      action: 'WAIT',
      nextAt: '2019-06-26T02:00:00.000Z',
    });
    // A reminder delayed into the first training day still goes out; after that day, no more.
    expect(routeOf(scheduled, at('2019-06-10T10:00:00Z'))).toBe('TRAINING_UPCOMING');
    expect(routeOf(scheduled, at('2019-06-10T17:00:00Z'))).toBe('TRAINING_COMPLETION');
  });

  it('checks in after 30 and 90 days of follow-up and closes the window after 120', () => {
    const followUp: Agreement = { ...inPks, stage: 'FOLLOW_UP', stageEnteredOn: '2019-07-01' };
    expect(planWait(followUp, 'FOLLOW_UP', at('2019-07-02T00:00:00Z'))).toMatchObject({
      nextAt: '2019-07-31T02:00:00.000Z',
    });
    const second = nudgeOf(
      planWait(
        afterNudges(followUp, 'FOLLOW_UP', 1, '2019-07-31T02:00:00Z'),
        'FOLLOW_UP',
        at('2019-09-29T02:00:00Z'),
      ),
    );
    expect(second).toMatchObject({ number: 2, kind: 'FOLLOW_UP_CHECK_IN' });
    const checkedTwice = afterNudges(followUp, 'FOLLOW_UP', 2, '2019-09-29T02:00:00Z');
    expect(planWait(checkedTwice, 'FOLLOW_UP', at('2019-10-01T00:00:00Z'))).toMatchObject({
      action: 'WAIT',
      nextAt: '2019-10-29T02:00:00.000Z',
    });
    expect(planWait(checkedTwice, 'FOLLOW_UP', at('2019-10-29T02:00:00Z'))).toEqual({
      action: 'CLOSE_FOLLOW_UP',
    });
  });

  it('asks for a new execution 330 days after this one took over, and never sleeps past that', () => {
    const attached = attachWorkflow(inPks, execution, at('2019-01-01T00:00:00Z'));
    if (!attached || attached === 'superseded') throw new Error('expected a change');
    const owned = attached.agreement;
    const renewAt = Date.parse('2019-01-01T00:00:00Z') + 330 * DAY;
    const stalled = afterNudges(owned, 'PKS', 30, new Date(renewAt - DAY).toISOString());
    const plan = planWait(stalled, 'PKS', new Date(renewAt - DAY));
    expect(plan).toMatchObject({ action: 'WAIT', nextAt: new Date(renewAt).toISOString() });
    expect(planWait(owned, 'PKS', new Date(renewAt))).toEqual({ action: 'RENEW' });
    expect(workflowRoute(owned, new Date(renewAt))).toBe('RENEW');
    expect(workflowRoute({ ...owned, stage: 'COMPLETED' }, new Date(renewAt))).toBe('COMPLETED');
  });
});

describe('the execution that drives an agreement', () => {
  it('takes over with an audit event, and an older execution stands down', () => {
    const first = attachWorkflow(inPks, execution, ctx.now);
    if (!first || first === 'superseded') throw new Error('expected a change');
    expect(first.events.map((e) => e.type)).toEqual(['WORKFLOW_STARTED', 'WAITING']);
    expect(first.agreement.version).toBe(inPks.version + 1);
    expect(attachWorkflow(first.agreement, execution, ctx.now)).toBeUndefined();
    const older = { executionArn: 'arn:old', executionStartTime: '2019-05-01T00:00:00.000Z' };
    expect(attachWorkflow(first.agreement, older, ctx.now)).toBe('superseded');
    const newer = { executionArn: 'arn:new', executionStartTime: '2019-07-01T00:00:00.000Z' };
    const taken = attachWorkflow(first.agreement, newer, ctx.now);
    expect(taken !== 'superseded' && taken?.agreement.workflow?.executionArn).toBe('arn:new');
  });
});

describe('sending a nudge exactly once', () => {
  const nudge = nudgeOf(planWait(inPks, 'PKS', at('2019-01-13T02:00:00Z')));

  it('is new, then claimed, then sent; a released claim is new again', () => {
    expect(nudgeStatus(inPks, nudge)).toBe('NEW');
    const claimed = claimNudge(inPks, nudge, ctx.now);
    expect(nudgeStatus(claimed, nudge)).toBe('CLAIMED');
    expect(nudgeStatus(releaseNudge(claimed, nudge, ctx.now), nudge)).toBe('NEW');
    const sent = recordNudgeSent(
      claimed,
      nudge,
      { recipients: ['a@example.go.id'], messageId: 'm-1' },
      ctx.now,
    );
    expect(nudgeStatus(sent.agreement, nudge)).toBe('SENT');
    expect(sent.events).toEqual([
      expect.objectContaining({
        type: 'NUDGE_SENT',
        data: expect.objectContaining({ kind: 'REMINDER', number: 1, messageId: 'm-1' }),
      }),
    ]);
  });

  it('goes to the officials with the coordinator copied, and escalates to the escalation contact', () => {
    const reminder = recipientsOf(inPks, 'REMINDER');
    expect(reminder.to.map((c) => c.role)).toEqual(['OFFICIAL']);
    expect(reminder.cc.map((c) => c.role)).toEqual(['COORDINATOR']);
    const escalation = recipientsOf(inPks, 'ESCALATION');
    expect(escalation.to.map((c) => c.email)).toEqual(['sekda@kuburaya.example.go.id']);
  });

  it('is written in Indonesian unless every recipient reads English', () => {
    const recipients = recipientsOf(inPks, 'REMINDER');
    const indonesian = composeNudgeEmail(inPks, nudge, recipients);
    expect(indonesian.subject).toBe(
      'Pengingat: penandatanganan Perjanjian Kerja Sama (PKS) - Kabupaten Kubu Raya',
    );
    expect(indonesian.text).toContain('Yth. Bapak/Ibu Kepala Diskominfo Kabupaten Kubu Raya');
    expect(indonesian.text).toContain('Hormat kami,');
    const english = composeNudgeEmail(inPks, nudge, {
      ...recipients,
      to: recipients.to.map((c) => ({ ...c, locale: 'en' as const })),
    });
    expect(english.subject).toBe(
      'Reminder: signing of the cooperation agreement (PKS) - Kabupaten Kubu Raya',
    );
  });
});

describe('the end of the follow-up and failures', () => {
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

  it('records a failure once per execution and error', () => {
    const failure = { error: 'States.Runtime', cause: 'boom', executionArn: 'arn:x' };
    const marked = markNeedsAttention(inPks, failure, ctx.now);
    expect(marked?.agreement.needsAttention).toMatchObject(failure);
    expect(marked?.events[0]?.type).toBe('NEEDS_ATTENTION');
    expect(markNeedsAttention(marked?.agreement ?? inPks, failure, ctx.now)).toBeUndefined();
  });

  it('finds 09:00 in each Indonesian zone', () => {
    expect(atLocalHour('2019-01-13', 9, 'Asia/Jakarta').toISOString()).toBe(
      '2019-01-13T02:00:00.000Z',
    );
    expect(atLocalHour('2019-01-13', 9, 'Asia/Makassar').toISOString()).toBe(
      '2019-01-13T01:00:00.000Z',
    );
    expect(atLocalHour('2019-01-13', 9, 'Asia/Jayapura').toISOString()).toBe(
      '2019-01-13T00:00:00.000Z',
    );
  });
});

describe('the next reminder a coordinator sees', () => {
  it('is the earliest of the open waits, and none once the agreement is closed', () => {
    expect(nextNudgeDue(inPks, at('2018-12-20T00:00:00Z'))).toBe('2019-01-13T02:00:00.000Z');
    const inHandover = apply(inPks, pksSigned);
    const oneHandedOver = afterNudges(inHandover, 'HANDOVER#e-rk', 1, '2019-03-24T02:00:00.000Z');
    // sabilulungan's first reminder (30 days after the PKS) comes before e-rk's second.
    expect(nextNudgeDue(oneHandedOver, at('2019-03-25T00:00:00Z'))).toBe(
      '2019-03-24T02:00:00.000Z',
    );
    expect(nextNudgeDue({ ...inPks, stage: 'CANCELLED' }, ctx.now)).toBeUndefined();
  });
});
