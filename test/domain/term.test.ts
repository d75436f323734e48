// The term of an agreement (domain/term.ts), its milestones (term-milestones.ts) and its watch
// in the workflow's plans (term-plan.ts). Kubu Raya (WIB, office from 01:00 UTC): the PKS of
// 22 February 2019 is in force until Thursday 22 February 2024.
import { describe, expect, it } from '@jest/globals';
import type { Agreement } from '../../domain/agreement.ts';
import { attachWorkflow } from '../../domain/execution.ts';
import { recordMilestone } from '../../domain/lifecycle.ts';
import { claimNudge } from '../../domain/nudge-ledger.ts';
import { routeOf } from '../../domain/routes.ts';
import type { MilestoneInput } from '../../domain/schemas.ts';
import { nextTermStep, termIndexOf, termOf, termSteps, type TermStep } from '../../domain/term.ts';
import { planWaitWithTerm, recordTermStep, type TermNudge } from '../../domain/term-plan.ts';
import {
  ctx,
  execution,
  handedOver,
  inPks,
  mouSigned,
  newAgreement,
  pksSigned,
  through,
} from '../support/fixtures.ts';

const inHandover = through(inPks, pksSigned);
const completed = through(
  inHandover,
  handedOver('sabilulungan'),
  handedOver('e-rk'),
  {
    type: 'TRAINING_SCHEDULED',
    occurredAt: '2019-03-20',
    startsOn: '2019-04-08',
    endsOn: '2019-04-12',
  },
  { type: 'TRAINING_COMPLETED', occurredAt: '2019-04-12' },
  { type: 'FOLLOW_UP_REPORTED', occurredAt: '2019-04-20', appId: 'sabilulungan', live: true },
  { type: 'FOLLOW_UP_REPORTED', occurredAt: '2019-04-21', appId: 'e-rk', live: true },
);

/** `milestone` recorded at `now`, or the code it was refused with. */
function recordAt(agreement: Agreement, milestone: MilestoneInput, now: Date): Agreement | string {
  const outcome = recordMilestone(agreement, milestone, { ...ctx, now });
  return outcome.ok ? outcome.agreement : outcome.rejection.code;
}

function recorded(agreement: Agreement, milestone: MilestoneInput, now: Date): Agreement {
  const result = recordAt(agreement, milestone, now);
  if (typeof result === 'string') throw new Error(`refused: ${result}`);
  return result;
}

/** The agreement with its execution attached, as the workflow sees it at `now`. */
function driven(agreement: Agreement, now: Date): Agreement {
  const change = attachWorkflow(agreement, execution, now);
  if (!change || change === 'superseded') throw new Error('not attached');
  return change.agreement;
}

/** Takes every step when it comes due (as the workflow's timers do) and says when each was taken. */
function walk(start: Agreement, from: Date, until: Date): { kind: string; at: string }[] {
  let agreement = start;
  const taken: { kind: string; at: string }[] = [];
  let now = from;
  for (let step = nextTermStep(agreement, now); step; step = nextTermStep(agreement, now)) {
    if (Date.parse(step.dueAt) > now.getTime()) {
      now = new Date(step.dueAt);
      continue;
    }
    if (now > until) break;
    taken.push({ kind: `${step.kind}${String(step.daysBefore ?? '')}`, at: now.toISOString() });
    agreement = take(agreement, step, now);
  }
  return taken;
}

function take(agreement: Agreement, step: TermStep, now: Date): Agreement {
  const nudge: TermNudge = { ...step, waitKey: 'TERM' };
  return recordTermStep(agreement, nudge, { sent: { recipients: [] } }, now).agreement;
}

describe('the term', () => {
  it('is the PKS’s validUntil, in force, with the days left', () => {
    expect(termOf(inHandover, new Date('2019-06-01T03:00:00Z'))).toEqual({
      validUntil: '2024-02-22',
      document: 'PKS',
      status: 'IN_FORCE',
      daysLeft: 1727,
    });
  });

  it('is EXPIRING inside the first notice window, EXPIRED from the day after its last day', () => {
    // 90 days before: 24 November 2023.
    expect(termOf(inHandover, new Date('2023-11-23T16:59:00Z'))?.status).toBe('IN_FORCE');
    expect(termOf(inHandover, new Date('2023-11-23T17:00:00Z'))).toMatchObject({
      status: 'EXPIRING',
      daysLeft: 90,
    });
    // The last day, 23:59 WIB, is still in force; midnight ends it.
    expect(termOf(inHandover, new Date('2024-02-22T16:59:00Z'))).toMatchObject({
      status: 'EXPIRING',
      daysLeft: 0,
    });
    expect(termOf(inHandover, new Date('2024-02-22T17:00:00Z'))).toMatchObject({
      status: 'EXPIRED',
      daysLeft: 0,
    });
  });

  it('agrees with the list index at every boundary', () => {
    const index = termIndexOf(inHandover);
    expect(index).toEqual({
      terminated: false,
      endsAt: '2024-02-22T17:00:00.000Z',
      noticeFrom: '2023-11-23T17:00:00.000Z',
    });
  });

  it('runs five years from the signing when the PKS names no end, and says so', () => {
    const open: MilestoneInput = { ...pksSigned };
    delete open.validUntil;
    const agreement = through(inPks, open);
    expect(termOf(agreement, ctx.now)).toMatchObject({
      validUntil: '2024-02-22',
      maxTermAssumed: true,
    });
  });

  it('is the KSB’s until the PKS, if the KSB has one', () => {
    const agreement = through(newAgreement(), { ...mouSigned, validUntil: '2023-12-14' });
    expect(termOf(agreement, ctx.now)).toMatchObject({ document: 'MOU', validUntil: '2023-12-14' });
    expect(termOf(newAgreement(), ctx.now)).toBeUndefined();
  });

  it('is TERMINATED once the parties end it, and takes no more milestones', () => {
    const now = new Date('2020-01-06T03:00:00Z');
    const ended = recorded(
      completed,
      { type: 'AGREEMENT_TERMINATED', occurredAt: '2020-01-06', reason: 'Aplikasi diganti' },
      now,
    );
    expect(ended.stage).toBe('COMPLETED');
    expect(termOf(ended, now)).toMatchObject({ status: 'TERMINATED', daysLeft: 0 });
    expect(termSteps(ended)).toEqual([]);
    expect(routeOf(ended, now)).toBe('COMPLETED');
    expect(termIndexOf(ended)?.terminated).toBe(true);
    const again = { type: 'TERM_RENEWED', occurredAt: '2020-01-07', validUntil: '2024-01-01' };
    expect(recordAt(ended, again as MilestoneInput, new Date('2020-01-07T03:00:00Z'))).toBe(
      'AGREEMENT_TERMINATED',
    );
  });

  it('cancels an implementation still under way when it is terminated', () => {
    const now = new Date('2019-06-03T03:00:00Z');
    const ended = recorded(
      inHandover,
      { type: 'AGREEMENT_TERMINATED', occurredAt: '2019-06-03', reason: 'Tidak dilanjutkan' },
      now,
    );
    expect(ended.stage).toBe('CANCELLED');
    expect(termOf(ended, now)?.status).toBe('TERMINATED');
    expect(routeOf(ended, now)).toBe('CANCELLED');
  });
});

describe('the term’s milestones', () => {
  const now = new Date('2023-06-01T03:00:00Z');
  const amend = (validUntil: string, extra: object = {}) =>
    ({ type: 'TERM_AMENDED', occurredAt: '2023-05-31', validUntil, ...extra }) as MilestoneInput;

  it('are refused before the PKS', () => {
    expect(recordAt(inPks, amend('2026-01-01'), now)).toBe('PKS_NOT_SIGNED');
  });

  it('refuse a validUntil in the past, before the signing, or past the maximum', () => {
    expect(recordAt(completed, amend('2023-05-30'), now)).toBe('PKS_TERM_NOT_AFTER_SIGNING');
    const late = { type: 'TERM_RENEWED', occurredAt: '2023-05-01', validUntil: '2023-05-15' };
    expect(recordAt(completed, late as MilestoneInput, now)).toBe('TERM_IN_PAST');
    // Five years from the original signing (22 February 2019) at most, unless the adendum says so.
    expect(recordAt(completed, amend('2024-02-23'), now)).toBe('PKS_TERM_TOO_LONG');
    const beyond = recorded(completed, amend('2025-02-22', { extendsBeyondMaxTerm: true }), now);
    expect(termOf(beyond, now)?.validUntil).toBe('2025-02-22');
  });

  it('count a new PKS from its own signing', () => {
    const renewal = { type: 'TERM_RENEWED', occurredAt: '2023-05-31', validUntil: '2028-05-31' };
    const renewed = recorded(completed, renewal as MilestoneInput, now);
    expect(termOf(renewed, now)).toMatchObject({ validUntil: '2028-05-31', status: 'IN_FORCE' });
    expect(
      recordAt(completed, { ...renewal, validUntil: '2028-06-01' } as MilestoneInput, now),
    ).toBe('PKS_TERM_TOO_LONG');
  });

  it('refuse an adendum after the PKS ended: that takes a new PKS', () => {
    const after = new Date('2024-03-01T03:00:00Z');
    const adendum = { type: 'TERM_AMENDED', occurredAt: '2024-03-01', validUntil: '2024-12-31' };
    expect(recordAt(completed, adendum as MilestoneInput, after)).toBe('TERM_ALREADY_EXPIRED');
  });
});

describe('the expiry notices', () => {
  it('go at 90, 60, 30, 7 and 0 days in the partner’s office hours, a holiday moving one on', () => {
    expect(termSteps(completed).map((s) => [s.kind, s.daysBefore, s.dueAt])).toEqual([
      ['EXPIRY_NOTICE', 90, '2023-11-24T01:00:00.000Z'],
      // 24 December 2023 is a Sunday and the 25th Christmas: Tuesday.
      ['EXPIRY_NOTICE', 60, '2023-12-26T01:00:00.000Z'],
      ['EXPIRY_NOTICE', 30, '2024-01-23T01:00:00.000Z'],
      ['EXPIRY_NOTICE', 7, '2024-02-15T01:00:00.000Z'],
      ['EXPIRY_NOTICE', 0, '2024-02-22T01:00:00.000Z'],
      ['TERM_EXPIRED', undefined, '2024-02-23T01:00:00.000Z'],
    ]);
  });

  it('each go once, in order, then the term is over', () => {
    const taken = walk(
      completed,
      new Date('2023-11-01T00:00:00Z'),
      new Date('2024-03-01T00:00:00Z'),
    );
    expect(taken).toEqual([
      { kind: 'EXPIRY_NOTICE90', at: '2023-11-24T01:00:00.000Z' },
      { kind: 'EXPIRY_NOTICE60', at: '2023-12-26T01:00:00.000Z' },
      { kind: 'EXPIRY_NOTICE30', at: '2024-01-23T01:00:00.000Z' },
      { kind: 'EXPIRY_NOTICE7', at: '2024-02-15T01:00:00.000Z' },
      { kind: 'EXPIRY_NOTICE0', at: '2024-02-22T01:00:00.000Z' },
      { kind: 'TERM_EXPIRED', at: '2024-02-23T01:00:00.000Z' },
    ]);
  });

  it('send only the latest one due to an agreement registered late: no burst', () => {
    // Registered on 1 February 2024: the 90, 60 and 30-day notices are past.
    const taken = walk(
      completed,
      new Date('2024-02-01T03:00:00Z'),
      new Date('2024-03-01T00:00:00Z'),
    );
    expect(taken.map((t) => t.kind)).toEqual([
      'EXPIRY_NOTICE30',
      'EXPIRY_NOTICE7',
      'EXPIRY_NOTICE0',
      'TERM_EXPIRED',
    ]);
    expect(taken[0]?.at).toBe('2024-02-01T03:00:00.000Z');
  });

  it('are none for a term that ended last year: the expiry alone, at once', () => {
    const now = new Date('2025-03-03T03:00:00Z');
    expect(termOf(completed, now)?.status).toBe('EXPIRED');
    expect(walk(completed, now, new Date('2025-03-10T00:00:00Z'))).toEqual([
      { kind: 'TERM_EXPIRED', at: '2025-03-03T03:00:00.000Z' },
    ]);
  });

  it('start again after an amendment', () => {
    const midway = new Date('2024-01-24T03:00:00Z');
    const before = walk(completed, new Date('2023-11-01T00:00:00Z'), midway);
    expect(before).toHaveLength(3);
    let agreement = completed;
    for (const { at } of before) {
      const step = nextTermStep(agreement, new Date(at));
      if (!step) throw new Error('no step');
      agreement = take(agreement, step, new Date(at));
    }
    // Past five years from the signing: the adendum says so.
    const amendment = {
      type: 'TERM_AMENDED',
      occurredAt: '2024-01-24',
      validUntil: '2024-05-31',
      extendsBeyondMaxTerm: true,
    };
    const amended = recorded(agreement, amendment as MilestoneInput, midway);
    expect(termOf(agreement, midway)?.status).toBe('EXPIRING');
    expect(termOf(amended, midway)).toMatchObject({ status: 'IN_FORCE', daysLeft: 128 });
    const after = walk(amended, midway, new Date('2024-06-05T00:00:00Z'));
    expect(after.map((t) => t.kind)).toEqual([
      'EXPIRY_NOTICE90',
      'EXPIRY_NOTICE60',
      'EXPIRY_NOTICE30',
      'EXPIRY_NOTICE7',
      'EXPIRY_NOTICE0',
      'TERM_EXPIRED',
    ]);
  });

  it('follow the agreement’s own notice days', () => {
    const agreement = newAgreement({ reminderPolicy: { expiryNoticeDays: [14, 45] } });
    const withPks = through(agreement, mouSigned, pksSigned);
    expect(termSteps(withPks).map((s) => s.daysBefore)).toEqual([45, 14, undefined]);
    expect(termOf(withPks, new Date('2024-01-01T03:00:00Z'))?.status).toBe('IN_FORCE');
  });
});

describe('the workflow’s plans', () => {
  it('fold the next notice into the first wait of the stage', () => {
    const now = new Date('2023-11-20T03:00:00Z');
    const agreement = driven(inHandover, now);
    const plan = planWaitWithTerm(agreement, 'HANDOVER#sabilulungan', now);
    // The handover's own nudges are long overdue: it nudges first.
    expect(plan.action).toBe('NUDGE');
    const quiet: Agreement = {
      ...agreement,
      nudges: {
        'HANDOVER#sabilulungan': { sent: 1, lastSentAt: '2023-11-20T02:00:00.000Z' },
        'HANDOVER#e-rk': { sent: 1, lastSentAt: '2023-11-20T02:00:00.000Z' },
      },
    };
    expect(planWaitWithTerm(quiet, 'HANDOVER#sabilulungan', now)).toMatchObject({
      action: 'WAIT',
      nextAt: '2023-11-24T01:00:00.000Z',
    });
    // The other application's wait leaves the term to the first.
    expect(planWaitWithTerm(quiet, 'HANDOVER#e-rk', now)).toMatchObject({
      action: 'WAIT',
      nextAt: '2023-12-04T02:00:00.000Z',
    });
    const due = planWaitWithTerm(quiet, 'HANDOVER#sabilulungan', new Date('2023-11-24T01:00:00Z'));
    expect(due).toMatchObject({
      action: 'NUDGE',
      nudge: { kind: 'EXPIRY_NOTICE', daysBefore: 90 },
    });
  });

  it('watch the term of a completed agreement on the TERM route until it is over', () => {
    const now = new Date('2023-11-20T03:00:00Z');
    const agreement = driven(completed, now);
    expect(routeOf(agreement, now)).toBe('TERM');
    expect(planWaitWithTerm(agreement, 'TERM', now)).toMatchObject({
      action: 'WAIT',
      nextAt: '2023-11-24T01:00:00.000Z',
    });
    const last = nextTermStep(agreement, new Date('2024-02-23T01:00:00Z'));
    if (!last) throw new Error('no step');
    const over = recordTermStep(
      agreement,
      { ...last, waitKey: 'TERM' },
      { sent: { recipients: [] } },
      now,
    );
    expect(over.events.map((e) => e.type)).toEqual(['TERM_EXPIRED']);
    expect(routeOf(over.agreement, now)).toBe('COMPLETED');
    expect(planWaitWithTerm(over.agreement, 'TERM', now)).toEqual({ action: 'DONE' });
  });

  it('leave a claimed notice to its sender until the claim times out', () => {
    const due = new Date('2023-11-24T01:00:00Z');
    const agreement = driven(completed, due);
    const plan = planWaitWithTerm(agreement, 'TERM', due);
    if (plan.action !== 'NUDGE') throw new Error('expected a notice');
    const claimed = claimNudge(agreement, plan.nudge, due);
    expect(planWaitWithTerm(claimed, 'TERM', due)).toMatchObject({
      action: 'WAIT',
      nextAt: '2023-11-24T01:15:00.000Z',
    });
  });
});
