// Thirty identical milestone POSTs at once: exactly one is recorded, the others are replayed
// or refused, and the workflow is woken exactly once.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { latestIndonesianDate } from '../../domain/dates.ts';
import { agreementBody, startApiHarness, type ApiHarness } from '../support/api.ts';
import { eventually, executionHistory, historyOf, waitingFor } from '../support/workflow.ts';

let h: ApiHarness;
let host: string;
beforeAll(async () => {
  h = await startApiHarness();
  host = await h.token({ role: 'host' });
});
afterAll(async () => {
  await h.close();
});

async function asleepInMou(): Promise<{ id: string }> {
  const created = await h.call({
    method: 'POST',
    path: '/agreements',
    token: host,
    body: agreementBody(),
  });
  const id = created.body.id as string;
  await eventually('the MoU wait asleep', async () =>
    (await h.table.repository.taskTokens(id)).some((t) => t.waitKey === 'MOU'),
  );
  return { id };
}

async function wakeUps(executionArn: string): Promise<number> {
  return (await executionHistory(h, executionArn)).filter(
    (e) => e.type === 'TaskSucceeded' && e.taskSucceededEventDetails?.output === '{"woken":true}',
  ).length;
}

describe.each([
  ['with one Idempotency-Key', { 'idempotency-key': 'mou-signed-once' }, [202]],
  ['without a key', {}, [202, 409]],
])('30 identical MoU milestones at once, %s', (_, headers, allowed) => {
  it('records one, and wakes the workflow once', async () => {
    const { id } = await asleepInMou();
    const body = { type: 'MOU_SIGNED', occurredAt: latestIndonesianDate(h.clock.now()) };
    const answers = await Promise.all(
      Array.from({ length: 30 }, () =>
        h.call({
          method: 'POST',
          path: `/agreements/${id}/milestones`,
          token: host,
          body,
          headers,
        }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => !allowed.includes(s))).toEqual([]);
    expect(statuses.filter((s) => s === 202).length).toBeGreaterThanOrEqual(1);
    if (allowed.length === 2) {
      expect(statuses.filter((s) => s === 202)).toHaveLength(1);
      const refused = answers.filter((a) => a.status === 409).map((a) => a.body.code as string);
      expect(new Set(refused)).toEqual(new Set(['STAGE_MISMATCH']));
    }

    await waitingFor(h, id, 'PKS');
    const history = await historyOf(h, id);
    expect(history.filter((e) => e.type === 'MILESTONE_RECORDED')).toHaveLength(1);
    expect(history.filter((e) => e.type === 'WAITING' && e.data.for === 'PKS')).toHaveLength(1);
    const executionArn = (await h.table.repository.get(id))?.workflow?.executionArn ?? '';
    expect(await wakeUps(executionArn)).toBe(1);
  });
});
