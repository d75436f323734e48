import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { Agreement } from '../../domain/agreement.ts';
import { cancelAgreement, recordMilestone } from '../../domain/lifecycle.ts';
import { STAGES, type MilestoneInput } from '../../domain/schemas.ts';
import { ctx, newAgreement } from '../support/fixtures.ts';

const day = fc
  .integer({ min: 0, max: 200 })
  .map((n) => new Date(Date.UTC(2018, 11, 1 + n)).toISOString().slice(0, 10));
const appId = fc.constantFrom('sabilulungan', 'e-rk', 'gampil');

const milestone: fc.Arbitrary<MilestoneInput> = fc.oneof(
  fc.record({ type: fc.constant('MOU_SIGNED' as const), occurredAt: day }),
  fc.record({ type: fc.constant('PKS_SIGNED' as const), occurredAt: day }),
  fc.record({ type: fc.constant('APP_HANDED_OVER' as const), occurredAt: day, appId }),
  fc.record({
    type: fc.constant('APP_DROPPED' as const),
    occurredAt: day,
    appId,
    reason: fc.constant('Ditunda'),
  }),
  fc.record({
    type: fc.constant('TRAINING_SCHEDULED' as const),
    occurredAt: day,
    startsOn: day,
    endsOn: day,
  }),
  fc.record({ type: fc.constant('TRAINING_COMPLETED' as const), occurredAt: day }),
  fc.record({
    type: fc.constant('FOLLOW_UP_REPORTED' as const),
    occurredAt: day,
    appId,
    live: fc.boolean(),
  }),
);

const stageRank = (agreement: Agreement) => STAGES.indexOf(agreement.stage);

describe('any sequence of milestones', () => {
  it('keeps the lifecycle invariants', () => {
    const reached = new Set<string>();
    fc.assert(
      fc.property(
        fc.array(milestone, { maxLength: 40 }),
        fc.boolean(),
        (milestones, cancelAtEnd) => {
          let agreement = newAgreement();
          for (const m of milestones) {
            const before = agreement;
            const outcome = recordMilestone(before, m, ctx);
            if (!outcome.ok) {
              expect(outcome.rejection.code).toMatch(/^[A-Z_]+$/);
              continue;
            }
            agreement = outcome.agreement;
            reached.add(agreement.stage);
            // Exactly one version per accepted change, described by at least one event.
            expect(agreement.version).toBe(before.version + 1);
            expect(outcome.events[0]?.type).toBe('MILESTONE_RECORDED');
            // Stages only move forward, and every stage change is in the history.
            expect(stageRank(agreement)).toBeGreaterThanOrEqual(stageRank(before));
            expect(outcome.events.some((e) => e.type === 'STAGE_CHANGED')).toBe(
              agreement.stage !== before.stage,
            );
            // Past the handover nothing is pending, and at least one application is kept.
            if (stageRank(agreement) > STAGES.indexOf('HANDOVER')) {
              expect(agreement.apps.some((a) => a.status === 'PENDING')).toBe(false);
            }
            expect(agreement.apps.some((a) => a.status !== 'DROPPED')).toBe(true);
            // Milestone dates never run backwards along the prerequisite chain.
            const dateOf = (type: string) =>
              agreement.milestones.find((x) => x.type === type)?.occurredAt;
            const mou = dateOf('MOU_SIGNED');
            const pks = dateOf('PKS_SIGNED');
            if (mou && pks) expect(pks >= mou).toBe(true);
          }
          if (cancelAtEnd) {
            const cancelled = cancelAgreement(agreement, { reason: 'Batal' }, ctx);
            expect(cancelled.ok).toBe(
              agreement.stage !== 'COMPLETED' && agreement.stage !== 'CANCELLED',
            );
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
