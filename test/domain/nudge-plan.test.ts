import { describe, expect, it } from '@jest/globals';
import type { Agreement } from '../../domain/agreement.ts';
import { attachWorkflow, workflowRoute } from '../../domain/execution.ts';
import { recordNudgeSent } from '../../domain/nudge-ledger.ts';
import {
  firstReminderDue,
  nextNudgeDue,
  planWait,
  remindersCountFrom,
} from '../../domain/nudge-plan.ts';
import { routeOf } from '../../domain/routes.ts';
import {
  ctx,
  execution,
  handedOver,
  inPks,
  nudgeOf,
  pksSigned,
  through,
} from '../support/fixtures.ts';

const DAY = 86_400_000;
const at = (iso: string) => new Date(iso);

/** The agreement after `count` nudges of `key` were sent, the last at `lastSentAt`. */
function afterNudges(agreement: Agreement, key: string, count: number, lastSentAt: string) {
  return { ...agreement, nudges: { [key]: { sent: count, lastSentAt } } };
}

describe('planning a wait', () => {
  // Kubu Raya is in WIB (UTC+7): office hours 08:00-16:00 are 01:00-09:00 UTC. The MoU was
  // signed on Friday 14 December 2018; 30-day and 14-day steps from it land on Sundays.

  it('opens the stage with an action-needed message in office hours', () => {
    expect(planWait(inPks, 'PKS', at('2018-12-14T00:00:00Z'))).toEqual({
      action: 'WAIT',
      nextAt: '2018-12-14T01:00:00.000Z',
      timeoutSeconds: 3600,
    });
    expect(nudgeOf(planWait(inPks, 'PKS', at('2018-12-14T03:00:00Z')))).toMatchObject({
      number: 1,
      kind: 'ACTION_NEEDED',
      key: 'PKS',
    });
  });

  it('reminds 30 days after the stage began, moved to the next working morning', () => {
    const opened = afterNudges(inPks, 'PKS', 1, '2018-12-14T03:00:00.000Z');
    // 13 January 2019 is a Sunday.
    expect(planWait(opened, 'PKS', at('2018-12-20T00:00:00Z'))).toMatchObject({
      action: 'WAIT',
      nextAt: '2019-01-14T01:00:00.000Z',
    });
    expect(nudgeOf(planWait(opened, 'PKS', at('2019-01-14T01:00:00Z')))).toMatchObject({
      number: 2,
      kind: 'REMINDER',
    });
  });

  // Changed by issue 16: the ladder ends. After the escalation comes one more (maxEscalations
  // 1) 30 days later (escalationEveryDays), then the notice that the wait goes dormant.
  it('escalates after three unanswered reminders, once more 30 days later, then goes dormant', () => {
    const afterThree = afterNudges(inPks, 'PKS', 4, '2019-02-11T01:00:00.000Z');
    expect(planWait(afterThree, 'PKS', at('2019-02-12T00:00:00Z'))).toMatchObject({
      action: 'WAIT',
      nextAt: '2019-02-25T01:00:00.000Z',
    });
    const escalation = nudgeOf(planWait(afterThree, 'PKS', at('2019-02-25T01:00:00Z')));
    expect(escalation).toMatchObject({ number: 5, kind: 'ESCALATION' });
    const escalated = afterNudges(inPks, 'PKS', 5, escalation.dueAt);
    // 30 days after the escalation went out (Monday 25 February): Wednesday 27 March.
    expect(planWait(escalated, 'PKS', at('2019-03-11T01:00:00Z'))).toMatchObject({
      action: 'WAIT',
      nextAt: '2019-03-27T01:00:00.000Z',
    });
    const again = nudgeOf(planWait(escalated, 'PKS', at('2019-03-27T01:00:00Z')));
    expect(again).toMatchObject({ number: 6, kind: 'ESCALATION' });
    const twice = afterNudges(inPks, 'PKS', 6, again.dueAt);
    const notice = nudgeOf(planWait(twice, 'PKS', at('2019-04-26T01:00:00Z')));
    expect(notice).toMatchObject({ number: 7, kind: 'DORMANT_NOTICE' });
    const dormant = { ...afterNudges(inPks, 'PKS', 7, notice.dueAt), dormant: ['PKS' as const] };
    const years = planWait(dormant, 'PKS', at('2022-01-03T01:00:00Z'));
    expect(years.action).toBe('WAIT');
    expect(nextNudgeDue(dormant, at('2022-01-03T01:00:00Z'))).toBeUndefined();
  });

  it('holds an overdue nudge until the office opens', () => {
    // Friday 17:00 WIB: the action-needed message waits for Monday 08:00.
    expect(planWait(inPks, 'PKS', at('2018-12-14T10:00:00Z'))).toMatchObject({
      action: 'WAIT',
      nextAt: '2018-12-17T01:00:00.000Z',
    });
  });

  it('gives a long-stalled agreement one nudge now and the next one an interval later, not a burst', () => {
    const muchLater = at('2020-06-02T05:00:00Z'); // a Tuesday (1 June is Pancasila Day)
    expect(nudgeOf(planWait(inPks, 'PKS', muchLater))).toMatchObject({
      number: 1,
      kind: 'ACTION_NEEDED',
    });
    const justSent = afterNudges(inPks, 'PKS', 1, muchLater.toISOString());
    expect(planWait(justSent, 'PKS', muchLater)).toMatchObject({
      action: 'WAIT',
      timeoutSeconds: 14 * 86_400,
    });
  });

  it('is over once the stage moved on or the application was handed over', () => {
    const inHandover = through(inPks, pksSigned);
    expect(planWait(inHandover, 'PKS', ctx.now)).toEqual({ action: 'DONE' });
    expect(planWait(inHandover, 'HANDOVER#e-rk', ctx.now).action).not.toBe('DONE');
    const oneHandedOver = through(inHandover, handedOver('e-rk'));
    expect(planWait(oneHandedOver, 'HANDOVER#e-rk', ctx.now)).toEqual({ action: 'DONE' });
    expect(planWait(oneHandedOver, 'HANDOVER#sabilulungan', ctx.now).action).not.toBe('DONE');
  });

  it('walks the training through scheduling, a reminder before it, and completion', () => {
    const inTraining = through(inPks, pksSigned, handedOver('e-rk'), handedOver('sabilulungan'));
    expect(routeOf(inTraining, ctx.now)).toBe('TRAINING_SCHEDULE');
    const scheduled = through(inTraining, {
      type: 'TRAINING_SCHEDULED',
      occurredAt: '2019-05-20',
      startsOn: '2019-06-10',
      endsOn: '2019-06-12',
    });
    expect(routeOf(scheduled, ctx.now)).toBe('TRAINING_UPCOMING');
    // Two days before Monday 10 June is a Saturday: the reminder goes on Friday instead.
    // The invitation goes out as soon as the training is scheduled.
    const invitation = nudgeOf(
      planWait(scheduled, 'TRAINING_UPCOMING', at('2019-05-20T03:00:00Z')),
    );
    expect(invitation).toMatchObject({
      number: 1,
      kind: 'TRAINING_INVITATION',
      key: 'TRAINING_UPCOMING#2019-06-10',
    });
    const invited = recordNudgeSent(scheduled, invitation, { recipients: [] }, ctx.now).agreement;
    expect(routeOf(invited, ctx.now)).toBe('TRAINING_UPCOMING');
    expect(planWait(invited, 'TRAINING_UPCOMING', ctx.now)).toMatchObject({
      action: 'WAIT',
      nextAt: '2019-06-07T01:00:00.000Z',
    });
    const due = nudgeOf(planWait(invited, 'TRAINING_UPCOMING', at('2019-06-07T01:00:00Z')));
    expect(due).toMatchObject({
      number: 2,
      kind: 'TRAINING_UPCOMING',
      key: 'TRAINING_UPCOMING#2019-06-10',
    });
    const reminded = recordNudgeSent(invited, due, { recipients: [] }, ctx.now).agreement;
    expect(routeOf(reminded, ctx.now)).toBe('TRAINING_COMPLETION');
    // Completion reminders count from the end of the training.
    expect(planWait(reminded, 'TRAINING_COMPLETION', at('2019-06-13T00:00:00Z'))).toMatchObject({
      action: 'WAIT',
      nextAt: '2019-06-26T01:00:00.000Z',
    });
    // A reminder delayed into the first training day still goes out; after that day, no more.
    expect(routeOf(scheduled, at('2019-06-10T10:00:00Z'))).toBe('TRAINING_UPCOMING');
    expect(routeOf(scheduled, at('2019-06-10T17:00:00Z'))).toBe('TRAINING_COMPLETION');
  });

  it('checks in after 30 and 90 days of follow-up and closes the window after 120', () => {
    const followUp: Agreement = { ...inPks, stage: 'FOLLOW_UP', stageEnteredOn: '2019-07-01' };
    expect(planWait(followUp, 'FOLLOW_UP', at('2019-07-02T00:00:00Z'))).toMatchObject({
      nextAt: '2019-07-31T01:00:00.000Z',
    });
    const checkedOnce = afterNudges(followUp, 'FOLLOW_UP', 1, '2019-07-31T01:00:00Z');
    // Day 90 is Sunday 29 September.
    expect(nudgeOf(planWait(checkedOnce, 'FOLLOW_UP', at('2019-09-30T01:00:00Z')))).toMatchObject({
      number: 2,
      kind: 'FOLLOW_UP_CHECK_IN',
    });
    const checkedTwice = afterNudges(followUp, 'FOLLOW_UP', 2, '2019-09-30T01:00:00Z');
    expect(planWait(checkedTwice, 'FOLLOW_UP', at('2019-10-01T00:00:00Z'))).toMatchObject({
      action: 'WAIT',
      nextAt: '2019-10-28T17:00:00.000Z',
    });
    expect(planWait(checkedTwice, 'FOLLOW_UP', at('2019-10-28T17:00:00Z'))).toEqual({
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

describe('the next reminder a coordinator sees', () => {
  it('is the earliest of the open waits, and none once the agreement is closed', () => {
    expect(nextNudgeDue(inPks, at('2018-12-13T00:00:00Z'))).toBe('2018-12-14T01:00:00.000Z');
    const inHandover = through(inPks, pksSigned); // PKS on Friday 22 February 2019
    const progressed: Agreement = {
      ...inHandover,
      nudges: {
        'HANDOVER#sabilulungan': { sent: 1, lastSentAt: '2019-02-22T01:00:00.000Z' },
        'HANDOVER#e-rk': { sent: 2, lastSentAt: '2019-03-25T01:00:00.000Z' },
      },
    };
    // sabilulungan's first reminder (Monday 25 March) comes before e-rk's next (8 April).
    expect(nextNudgeDue(progressed, at('2019-03-20T00:00:00Z'))).toBe('2019-03-25T01:00:00.000Z');
    expect(nextNudgeDue({ ...inPks, stage: 'CANCELLED' }, ctx.now)).toBeUndefined();
  });
});

describe("the date a wait's reminders count from", () => {
  const inTraining = through(inPks, pksSigned, handedOver('e-rk'), handedOver('sabilulungan'));
  const trained = through(inTraining, {
    type: 'TRAINING_SCHEDULED',
    occurredAt: '2019-05-20',
    startsOn: '2019-06-10',
    endsOn: '2019-06-12',
  });

  it("is the day the stage began, or for a training's completion its last day", () => {
    expect(remindersCountFrom(inPks, 'PKS')).toBe('2018-12-14');
    expect(remindersCountFrom(inTraining, 'TRAINING_SCHEDULE')).toBe(inTraining.stageEnteredOn);
    expect(remindersCountFrom(trained, 'TRAINING_COMPLETION')).toBe('2019-06-12');
    expect(remindersCountFrom(inTraining, 'TRAINING_COMPLETION')).toBe(inTraining.stageEnteredOn);
  });

  // Changed by issue 16: the date is the one the reminder will actually go out on (office
  // hours included), and only the waits with an opening message announce one.
  it("puts the first reminder the policy's days after the opening, and none on the other waits", () => {
    // 13 January 2019 is a Sunday: office hours move the reminder to Monday.
    expect(firstReminderDue(inPks, 'PKS', at('2018-12-14T01:00:00Z'))).toBe('2019-01-14');
    const opening = at('2019-05-20T02:00:00Z');
    expect(firstReminderDue(trained, 'TRAINING_COMPLETION', opening)).toBeUndefined();
    expect(firstReminderDue(trained, 'TRAINING_UPCOMING', opening)).toBeUndefined();
    expect(
      firstReminderDue({ ...inPks, stage: 'FOLLOW_UP' }, 'FOLLOW_UP', opening),
    ).toBeUndefined();
  });

  it('agrees with the date the plan sends the first reminder on', () => {
    const opened = afterNudges(inPks, 'PKS', 1, '2018-12-14T01:00:00Z');
    const first = nudgeOf(planWait(opened, 'PKS', at('2019-01-14T01:00:00Z')));
    expect(firstReminderDue(inPks, 'PKS', at('2018-12-14T01:00:00Z'))).toBe('2019-01-14');
    expect(first).toMatchObject({ number: 2, kind: 'REMINDER', dueAt: '2019-01-14T01:00:00.000Z' });
  });

  it('announces, for an agreement registered years late, the date the first reminder really comes', () => {
    // The PKS stage began on 14 December 2018; the opening message goes out on 1 March 2021.
    const openingAt = at('2021-03-01T02:00:00Z');
    const announced = firstReminderDue(inPks, 'PKS', openingAt);
    expect(announced).toBe('2021-03-15');
    const opened = afterNudges(inPks, 'PKS', 1, openingAt.toISOString());
    const first = nudgeOf(planWait(opened, 'PKS', at('2021-03-15T02:00:00Z')));
    expect(first).toMatchObject({ number: 2, kind: 'REMINDER', dueAt: '2021-03-15T02:00:00.000Z' });
  });
});
