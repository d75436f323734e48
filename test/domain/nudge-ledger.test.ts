import { describe, expect, it } from '@jest/globals';
import {
  claimHeldUntil,
  claimNudge,
  confirmedMessageId,
  confirmNudgeClaim,
  NUDGE_CONFIRMATION_TIMEOUT_MS,
  nudgeStatus,
  recordNudgeSent,
  releaseNudge,
} from '../../domain/nudge-ledger.ts';
import { planWait } from '../../domain/nudge-plan.ts';
import { ctx, inPks, nudgeOf } from '../support/fixtures.ts';

describe('sending a nudge exactly once', () => {
  const nudge = nudgeOf(planWait(inPks, 'PKS', new Date('2018-12-14T03:00:00Z')));

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
        data: expect.objectContaining({ kind: 'ACTION_NEEDED', number: 1, messageId: 'm-1' }),
      }),
    ]);
  });
});

describe('a claimed nudge whose sender stopped before recording it', () => {
  const at = new Date('2018-12-14T03:00:00Z');
  const nudge = nudgeOf(planWait(inPks, 'PKS', at));
  const claimed = claimNudge(inPks, nudge, at);
  const minutes = (n: number) => new Date(at.getTime() + n * 60_000);

  it('is not planned again while the first attempt may still be in flight', () => {
    expect(NUDGE_CONFIRMATION_TIMEOUT_MS).toBe(15 * 60_000);
    expect(planWait(claimed, 'PKS', minutes(1))).toEqual({
      action: 'WAIT',
      timeoutSeconds: 14 * 60,
      nextAt: minutes(15).toISOString(),
    });
  });

  it('is planned again once its confirmation timeout passed without a send event', () => {
    expect(planWait(claimed, 'PKS', minutes(15))).toEqual({ action: 'NUDGE', nudge });
    expect(claimHeldUntil(claimed, nudge, minutes(15))).toBeUndefined();
  });

  it('is planned at once, to be recorded, when its send event came', () => {
    const confirmed = confirmNudgeClaim(
      claimed,
      { key: nudge.key, number: nudge.number, messageId: 'm-1' },
      minutes(1),
    );
    if (!confirmed) throw new Error('expected the send event to be kept');
    expect(confirmed.events).toEqual([]);
    expect(confirmedMessageId(confirmed.agreement, nudge)).toBe('m-1');
    expect(planWait(confirmed.agreement, 'PKS', minutes(1))).toEqual({ action: 'NUDGE', nudge });
  });

  it('keeps no send event of a nudge that is recorded already, or not claimed', () => {
    const sent = recordNudgeSent(claimed, nudge, { recipients: [], messageId: 'm-1' }, at);
    const event = { key: nudge.key, number: nudge.number, messageId: 'm-1' };
    expect(confirmNudgeClaim(sent.agreement, event, at)).toBeUndefined();
    expect(confirmNudgeClaim(inPks, event, at)).toBeUndefined();
    // Recording the nudge drops the claim and its send event: the ledger does not grow.
    expect(sent.agreement.nudges[nudge.key]).toEqual({ sent: 1, lastSentAt: at.toISOString() });
  });
});

describe('recording a nudge that shared an email', () => {
  const at = new Date('2018-12-14T03:00:00Z');
  const hoursLater = (n: number) => new Date(at.getTime() + n * 3_600_000);
  const nudge = nudgeOf(planWait(inPks, 'PKS', at));
  const companion = { ...nudge, key: 'PKS-companion' };
  const claimed = claimNudge(inPks, nudge, at, [companion]);
  const delivery = { recipients: ['a@example.go.id'], messageId: 'm-1' };

  it('gives every nudge of the email the time it was claimed, whoever records it when', () => {
    // The companion's own attempt found the send event and recorded it first, hours later.
    const byCompanion = recordNudgeSent(claimed, companion, delivery, hoursLater(2));
    const bySender = recordNudgeSent(byCompanion.agreement, nudge, delivery, hoursLater(5), [
      companion,
    ]);
    expect(bySender.agreement.nudges[nudge.key]?.lastSentAt).toBe(at.toISOString());
    expect(bySender.agreement.nudges[companion.key]?.lastSentAt).toBe(at.toISOString());
    // The companion was recorded once: the sender's record adds only its own event.
    expect(bySender.events.map((e) => e.data.waitKey)).toEqual([nudge.waitKey]);
  });

  it('changes nothing when recorded a second time', () => {
    const once = recordNudgeSent(claimed, nudge, delivery, hoursLater(1), [companion]);
    const twice = recordNudgeSent(once.agreement, nudge, delivery, hoursLater(3), [companion]);
    expect(twice.events).toEqual([]);
    expect(twice.agreement.nudges).toEqual(once.agreement.nudges);
  });
});
