// Thirty identical milestone POSTs at once: exactly one is recorded, the others are replayed
// or refused, and the workflow is woken exactly once.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MAX_MILESTONES_OF_A_KIND } from '../../domain/agreement.ts';
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

/** Moves an agreement on to the training stage, one milestone at a time. */
async function inTraining(): Promise<string> {
  const { id } = await asleepInMou();
  const apps = (agreementBody().apps as { id: string }[]).map((a) => a.id);
  const milestones = [
    { type: 'MOU_SIGNED', occurredAt: '2018-12-14' },
    { type: 'PKS_SIGNED', occurredAt: '2018-12-20' },
    ...apps.map((appId) => ({ type: 'APP_HANDED_OVER', occurredAt: '2018-12-21', appId })),
  ];
  for (const body of milestones) {
    const answer = await h.call({
      method: 'POST',
      path: `/agreements/${id}/milestones`,
      token: host,
      body,
    });
    expect({ body, status: answer.status }).toEqual({ body, status: 202 });
  }
  return id;
}

describe('40 different trainings scheduled at once on one agreement', () => {
  it('answers no 5xx: each is stored, or refused as a conflict to retry or past the bound', async () => {
    const id = await inTraining();
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        h.call({
          method: 'POST',
          path: `/agreements/${id}/milestones`,
          token: host,
          body: {
            type: 'TRAINING_SCHEDULED',
            occurredAt: '2018-12-22',
            startsOn: `2019-01-${String(7 + (i % 20)).padStart(2, '0')}`,
            endsOn: '2019-01-31',
          },
        }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s !== 202 && s !== 409)).toEqual([]);
    const refused = answers.filter((a) => a.status === 409);
    const tooLarge = refused.filter(
      (a) => a.body.type === 'urn:sepakat:problem:agreement-too-large',
    );
    for (const answer of refused.filter((a) => !tooLarge.includes(a))) {
      expect(answer.contentType).toBe('application/problem+json');
      expect(answer.body.type).toBe('urn:sepakat:problem:conflict-retry');
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    // Backing off lets most of them through, up to the bound of trainings one agreement keeps;
    // a refusal for the bound means the bound was reached. Each one stored is in the history once.
    const stored = statuses.filter((s) => s === 202).length;
    expect(stored).toBeLessThanOrEqual(MAX_MILESTONES_OF_A_KIND);
    expect(stored).toBeGreaterThanOrEqual(MAX_MILESTONES_OF_A_KIND * 0.75);
    if (tooLarge.length > 0) expect(stored).toBe(MAX_MILESTONES_OF_A_KIND);
    const history = await historyOf(h, id);
    expect(
      history.filter(
        (e) =>
          e.type === 'MILESTONE_RECORDED' &&
          (e.data.milestone as { type: string }).type === 'TRAINING_SCHEDULED',
      ),
    ).toHaveLength(stored);
  }, 60_000);
});
