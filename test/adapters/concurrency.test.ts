import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Agreement } from '../../domain/agreement.ts';
import { recordMilestone } from '../../domain/lifecycle.ts';
import { VersionConflictError } from '../../domain/ports.ts';
import type { MilestoneInput } from '../../domain/schemas.ts';
import { createTestTable, type TestTable } from '../support/dynamodb.ts';
import { ctx, mouSigned, newAgreement, pksSigned } from '../support/fixtures.ts';

const WRITERS = 20;
let table: TestTable;
beforeAll(async () => {
  table = await createTestTable();
});
afterAll(() => {
  table.destroy();
});

async function storedInHandover(id: string): Promise<Agreement> {
  let agreement = newAgreement({ apps: [{ id: 'sabilulungan' }, { id: 'e-rk' }] }, id);
  await table.repository.create(agreement, []);
  for (const m of [mouSigned, pksSigned]) {
    const outcome = recordMilestone(agreement, m, ctx);
    if (!outcome.ok) throw new Error(outcome.rejection.message);
    await table.repository.update(outcome.agreement, outcome.events);
    agreement = outcome.agreement;
  }
  return agreement;
}

const note = (writer: number): MilestoneInput => ({
  type: 'APP_DROPPED',
  occurredAt: '2019-03-01',
  appId: 'e-rk',
  reason: `Writer ${String(writer)}`,
});

async function expectGapFreeHistory(id: string, lastVersion: number) {
  const history = await table.repository.history(id, { limit: 100 });
  const keys = history.items.map((e) => `${String(e.version)}#${String(e.index)}`);
  expect(new Set(keys).size).toBe(keys.length);
  const versions = [...new Set(history.items.map((e) => e.version))];
  expect(versions).toEqual(Array.from({ length: lastVersion - 1 }, (_, i) => i + 2));
}

describe(`${String(WRITERS)} concurrent writers on one agreement`, () => {
  it('let exactly one win per expected version and lose no event', async () => {
    const agreement = await storedInHandover('agr-race');
    // Every writer read the same version and records a different change.
    const attempts = Array.from({ length: WRITERS }, (_, writer) => {
      const outcome = recordMilestone(agreement, note(writer), ctx);
      if (!outcome.ok) throw new Error(outcome.rejection.message);
      return table.repository.update(outcome.agreement, outcome.events).then(
        () => ({ writer, won: true as const }),
        (error: unknown) => ({ writer, won: false as const, error }),
      );
    });
    const results = await Promise.all(attempts);
    const winners = results.filter((r) => r.won);
    expect(winners).toHaveLength(1);
    for (const loser of results.filter((r) => !r.won)) {
      expect(loser.error).toBeInstanceOf(VersionConflictError);
    }
    const winner = winners[0]?.writer as number;
    const stored = await table.repository.get('agr-race');
    expect(stored).toMatchObject({ version: 4, stage: 'HANDOVER' });
    expect(stored?.apps.find((a) => a.id === 'e-rk')?.droppedReason).toBe(
      `Writer ${String(winner)}`,
    );
    const history = await table.repository.history('agr-race', { limit: 100 });
    expect(history.items.filter((e) => e.version === 4).map((e) => e.actor)).toEqual([ctx.actor]);
    await expectGapFreeHistory('agr-race', 4);
  });

  it('all succeed, one version each, when losers re-read and retry', async () => {
    await table.repository.create(newAgreement({}, 'agr-retry'), []);

    // Each writer appends one audit-worthy change, re-reading after every conflict.
    const writer = async (n: number) => {
      for (let attempt = 1; ; attempt++) {
        const current = (await table.repository.get('agr-retry')) as Agreement;
        const next = {
          ...current,
          version: current.version + 1,
          title: `Title by writer ${String(n)}`,
        };
        try {
          await table.repository.update(next, [
            {
              type: 'MILESTONE_RECORDED',
              at: ctx.now.toISOString(),
              actor: `writer-${String(n)}`,
              data: {},
            },
          ]);
          return attempt;
        } catch (error) {
          if (!(error instanceof VersionConflictError)) throw error;
        }
      }
    };
    const attempts = await Promise.all(Array.from({ length: WRITERS }, (_, n) => writer(n)));
    expect(attempts.some((a) => a > 1)).toBe(true);

    expect((await table.repository.get('agr-retry'))?.version).toBe(1 + WRITERS);
    await expectGapFreeHistory('agr-retry', 1 + WRITERS);
    const history = await table.repository.history('agr-retry', { limit: 100 });
    expect(new Set(history.items.map((e) => e.actor))).toEqual(
      new Set(Array.from({ length: WRITERS }, (_, n) => `writer-${String(n)}`)),
    );
  });
});
