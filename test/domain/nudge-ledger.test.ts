import { describe, expect, it } from '@jest/globals';
import {
  claimNudge,
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
