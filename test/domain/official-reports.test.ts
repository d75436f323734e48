// What officials may answer through action links, and what coordinators do with it: the rules,
// without storage (the API and workflow tests run them on the real parts).
import { describe, expect, it } from '@jest/globals';
import { answersFor, deadLinkReason, linkFor, type ActionLink } from '../../domain/action-links.ts';
import { actionAnswerSchema } from '../../domain/action-schemas.ts';
import type { Agreement } from '../../domain/agreement.ts';
import { addDays } from '../../domain/dates.ts';
import { planWait } from '../../domain/nudge-plan.ts';
import {
  answerThroughLink,
  confirmReport,
  MAX_PENDING_REPORTS,
  milestoneOfReport,
  rejectReport,
  replaceContacts,
} from '../../domain/official-reports.ts';
import { ctx, inPks, pksSigned, through } from '../support/fixtures.ts';

// 27 January 2019, 09:00 WIB: the PKS has waited since 14 December 2018.
const NOW = new Date('2019-01-27T02:00:00Z');
const found = inPks.contacts.find((c) => c.role === 'OFFICIAL' && c.side === 'PARTNER');
if (!found) throw new Error('the fixture has no partner official');
const official = found;

function linkIn(agreement: Agreement, waitKey = 'PKS' as const, number = 1): ActionLink {
  return linkFor(agreement, { waitKey, key: waitKey, number }, official, 'f'.repeat(64), NOW, 30);
}
const answer = (agreement: Agreement, input: unknown, link = linkIn(agreement)) =>
  answerThroughLink(agreement, link, actionAnswerSchema.parse(input), {
    now: NOW,
    reportId: 'r-1',
    maxPauseDays: 90,
  });

describe('an action link', () => {
  it('allows every answer but DONE while a training is to be scheduled', () => {
    expect(answersFor('PKS')).toEqual(['DONE', 'OBSTACLE', 'WRONG_PERSON']);
    expect(answersFor('TRAINING_SCHEDULE')).toEqual(['OBSTACLE', 'WRONG_PERSON']);
  });

  it('works until used, expired, its wait over, a later nudge of the wait, or its holder gone', () => {
    const link = linkIn(inPks);
    expect(deadLinkReason(link, inPks, NOW)).toBeUndefined();
    expect(deadLinkReason({ ...link, usedAt: NOW.toISOString() }, inPks, NOW)).toBe('USED');
    expect(deadLinkReason(link, inPks, new Date(NOW.getTime() + 30 * 86_400_000))).toBe('EXPIRED');
    expect(deadLinkReason(link, through(inPks, pksSigned), NOW)).toBe('WAIT_OVER');
    expect(deadLinkReason(link, undefined, NOW)).toBe('WAIT_OVER');
    const later = { ...inPks, nudges: { PKS: { sent: 2 } } };
    expect(deadLinkReason(link, later, NOW)).toBe('SUPERSEDED');
    const moved = { ...inPks, contacts: inPks.contacts.filter((c) => c.email !== official.email) };
    expect(deadLinkReason(link, moved, NOW)).toBe('SUPERSEDED');
  });
});

describe('the answers', () => {
  it('DONE: a pending report of the milestone the wait stands for, on the official side', () => {
    const outcome = answer(inPks, {
      answer: 'DONE',
      occurredAt: '2019-01-25',
      documentNumber: 'X/1',
    });
    if (!outcome.ok) throw new Error(outcome.rejection.message);
    expect(outcome.agreement.stage).toBe('PKS');
    expect(outcome.agreement.version).toBe(inPks.version + 1);
    expect(outcome.agreement.reports).toEqual([
      expect.objectContaining({
        id: 'r-1',
        milestone: {
          type: 'PKS_SIGNED',
          occurredAt: '2019-01-25',
          documentNumbers: { partner: 'X/1' },
        },
      }),
    ]);
    expect(outcome.events.map((e) => e.type)).toEqual(['OFFICIAL_REPORTED']);
  });

  it('DONE meets the milestone rules: not before the MoU, not in the future', () => {
    for (const occurredAt of ['2018-12-01', '2019-02-01']) {
      const outcome = answer(inPks, { answer: 'DONE', occurredAt });
      expect(outcome.ok).toBe(false);
    }
  });

  it('DONE in the follow-up needs the application and whether it is live', () => {
    expect(milestoneOfReport('FOLLOW_UP', { occurredAt: '2019-05-01' }, 'PARTNER')).toMatchObject({
      code: 'REPORT_INCOMPLETE',
    });
    expect(
      milestoneOfReport(
        'FOLLOW_UP',
        { occurredAt: '2019-05-01', appId: 'e-rk', live: true },
        'PARTNER',
      ),
    ).toEqual({ type: 'FOLLOW_UP_REPORTED', occurredAt: '2019-05-01', appId: 'e-rk', live: true });
    expect(
      milestoneOfReport(
        'HANDOVER#e-rk',
        { occurredAt: '2019-03-01', documentNumber: 'BAST/1' },
        'HOST',
      ),
    ).toEqual({
      type: 'APP_HANDED_OVER',
      occurredAt: '2019-03-01',
      appId: 'e-rk',
      bastNumber: 'BAST/1',
    });
  });

  it('DONE is refused past the bound of pending reports', () => {
    let agreement: Agreement = inPks;
    for (let i = 0; i < MAX_PENDING_REPORTS; i++) {
      const outcome = answer(agreement, { answer: 'DONE', occurredAt: '2019-01-25' });
      if (!outcome.ok) throw new Error(outcome.rejection.message);
      agreement = outcome.agreement;
    }
    const refused = answer(agreement, { answer: 'DONE', occurredAt: '2019-01-25' });
    expect(refused.ok ? undefined : refused.rejection.code).toBe('TOO_MANY_REPORTS');
  });

  it('OBSTACLE pauses the wait until its date, planned as a sleep, then the ladder resumes', () => {
    // The opening message went out when the PKS stage began.
    const opened: Agreement = {
      ...inPks,
      nudges: { PKS: { sent: 1, lastSentAt: '2018-12-17T02:00:00.000Z' } },
    };
    const until = '2019-03-01';
    const outcome = answer(opened, { answer: 'OBSTACLE', reason: 'Menunggu DPRD', until });
    if (!outcome.ok) throw new Error(outcome.rejection.message);
    const paused = outcome.agreement;
    expect(paused.pauses?.PKS).toMatchObject({ until, reason: 'Menunggu DPRD' });
    // Monday 11 February 2019, 10:00 WIB: the first reminder (30 days on) is overdue.
    const monday = new Date('2019-02-11T03:00:00Z');
    expect(planWait(opened, 'PKS', monday)).toMatchObject({
      action: 'NUDGE',
      nudge: { kind: 'REMINDER' },
    });
    // Paused: asleep until midnight of 1 March in Kubu Raya (WIB).
    expect(planWait(paused, 'PKS', monday)).toMatchObject({
      action: 'WAIT',
      nextAt: '2019-02-28T17:00:00.000Z',
    });
    // Friday 1 March, 10:00 WIB: the ladder resumes with the reminder that was due, once.
    expect(planWait(paused, 'PKS', new Date('2019-03-01T03:00:00Z'))).toMatchObject({
      action: 'NUDGE',
      nudge: { kind: 'REMINDER', number: 2 },
    });
  });

  it('OBSTACLE until at most the configured number of days, after today', () => {
    const tooLate = answer(inPks, {
      answer: 'OBSTACLE',
      reason: 'x',
      until: addDays('2019-01-27', 91),
    });
    expect(tooLate.ok ? undefined : tooLate.rejection.code).toBe('PAUSE_TOO_LONG');
    const today = answer(inPks, { answer: 'OBSTACLE', reason: 'x', until: '2019-01-27' });
    expect(today.ok ? undefined : today.rejection.code).toBe('PAUSE_NOT_IN_FUTURE');
  });

  it('an answer the link does not allow is refused', () => {
    const link = { ...linkIn(inPks), answers: answersFor('TRAINING_SCHEDULE') };
    const outcome = answer(inPks, { answer: 'DONE', occurredAt: '2019-01-25' }, link);
    expect(outcome.ok ? undefined : outcome.rejection.code).toBe('ANSWER_NOT_ALLOWED');
  });

  it('strips control characters and bounds what officials type', () => {
    const parsed = actionAnswerSchema.parse({
      answer: 'OBSTACLE',
      reason: ' Menunggu\u0000 DPRD\r\nbaris dua\u202e ',
      until: '2019-02-01',
    });
    expect(parsed).toMatchObject({ reason: 'Menunggu  DPRD\nbaris dua' });
    expect(
      actionAnswerSchema.safeParse({
        answer: 'OBSTACLE',
        reason: 'x'.repeat(1001),
        until: '2019-02-01',
      }).success,
    ).toBe(false);
    expect(
      actionAnswerSchema.safeParse({ answer: 'OBSTACLE', reason: '\u0007', until: '2019-02-01' })
        .success,
    ).toBe(false);
  });
});

describe('a coordinator', () => {
  const reported = (() => {
    const outcome = answer(inPks, { answer: 'DONE', occurredAt: '2019-01-25' });
    if (!outcome.ok) throw new Error(outcome.rejection.message);
    return outcome.agreement;
  })();
  const coordinator = { ...ctx, now: NOW };

  it('confirms a report into the milestone, naming the official and the coordinator', () => {
    const outcome = confirmReport(reported, 'r-1', { occurredAt: '2019-01-24' }, coordinator);
    if (!outcome.ok) throw new Error(outcome.rejection.message);
    expect(outcome.agreement.stage).toBe('HANDOVER');
    expect(outcome.agreement.reports).toEqual([]);
    expect(outcome.events.map((e) => e.type)).toEqual([
      'REPORT_CONFIRMED',
      'MILESTONE_RECORDED',
      'STAGE_CHANGED',
    ]);
    expect(outcome.events[1]?.data.milestone).toMatchObject({
      occurredAt: '2019-01-24',
      recordedBy: ctx.actor,
      reportedBy: { email: official.email, reportId: 'r-1' },
    });
  });

  it('rejects a report with a reason; an unknown report is not found', () => {
    const outcome = rejectReport(reported, 'r-1', { reason: 'Belum ditandatangani' }, coordinator);
    if (!outcome.ok) throw new Error(outcome.rejection.message);
    expect(outcome.agreement.stage).toBe('PKS');
    expect(outcome.events[0]).toMatchObject({
      type: 'REPORT_REJECTED',
      data: { reason: 'Belum ditandatangani' },
    });
    const unknown = confirmReport(reported, 'r-2', {}, coordinator);
    expect(unknown.ok ? undefined : unknown.rejection.code).toBe('REPORT_NOT_FOUND');
  });

  it('replaces contacts: a partner its own side only; bounced addresses no longer listed go', () => {
    const bounced: Agreement = {
      ...inPks,
      undeliverable: {
        [official.email]: { since: NOW.toISOString(), kind: 'BOUNCE', detail: '550' },
      },
    };
    const newOfficial = {
      ...official,
      name: 'Plt. Kepala Diskominfo',
      email: 'plt@kuburaya.example.go.id',
    };
    const outcome = replaceContacts(bounced, [newOfficial], 'PARTNER', coordinator);
    if (!outcome.ok) throw new Error(outcome.rejection.message);
    expect(outcome.agreement.contacts.filter((c) => c.side === 'HOST')).toEqual(
      inPks.contacts.filter((c) => c.side === 'HOST'),
    );
    expect(outcome.agreement.contacts.filter((c) => c.side === 'PARTNER')).toEqual([newOfficial]);
    expect(outcome.agreement.undeliverable).toBeUndefined();
    expect(outcome.events[0]?.type).toBe('CONTACTS_CHANGED');
    const other = replaceContacts(
      bounced,
      [{ ...newOfficial, side: 'HOST' }],
      'PARTNER',
      coordinator,
    );
    expect(other.ok ? undefined : other.rejection.code).toBe('CONTACTS_OF_OTHER_SIDE');
  });

  it('wakes the dormant waits when the contacts change: new people get a fresh ladder', () => {
    const dormant: Agreement = {
      ...inPks,
      nudges: { PKS: { sent: 7, lastSentAt: NOW.toISOString() } },
      dormant: ['PKS'],
    };
    const outcome = replaceContacts(
      dormant,
      [{ ...official, email: 'plt@kuburaya.example.go.id' }],
      'PARTNER',
      coordinator,
    );
    if (!outcome.ok) throw new Error(outcome.rejection.message);
    expect(outcome.agreement.dormant).toBeUndefined();
    expect(outcome.agreement.nudges.PKS?.ladder).toEqual({ from: 7, on: '2019-01-27' });
    expect(outcome.events.map((e) => [e.type, e.data.cause])).toEqual([
      ['CONTACTS_CHANGED', undefined],
      ['NUDGES_RESUMED', 'CONTACTS_CHANGED'],
    ]);
    expect(planWait(outcome.agreement, 'PKS', NOW).action).toBe('WAIT');
  });
});
