// Growing one agreement through the API as far as each role can (issue 14, finding 1): the
// repeatable milestones stop at the documented bound with a 409 `agreement-too-large`, the
// agreement stays writable (needs attention, cancel), its item stays far below DynamoDB's
// 400 KB, and a list page of many large agreements stays small.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { keys } from '../../adapters/dynamodb/table-design.ts';
import { MAX_MILESTONES_OF_A_KIND } from '../../domain/agreement.ts';
import { createHandler as markNeedsAttentionHandler } from '../../functions/mark-needs-attention.ts';
import { agreementBody, KUBU_RAYA, startApiHarness, type ApiHarness } from '../support/api.ts';
import { OPERATIONS_EMAIL } from '../support/workflow.ts';

/** Three bytes in UTF-8, one character for the schema: the most bytes a field can hold. */
const fill = (n: number) => '€'.repeat(n);
const signatory = {
  name: fill(200),
  position: fill(200),
  side: 'PARTNER',
  capacity: 'POWER_OF_ATTORNEY',
  onBehalfOf: fill(200),
  powerOfAttorneyNumber: fill(100),
};
/** What every milestone may carry at most: about 29 KB stored. */
const heavy = {
  notes: fill(2000),
  documentNumbers: { host: fill(100), partner: fill(100) },
  signatories: Array.from({ length: 10 }, () => signatory),
};
const handedOver = (appId: string) => ({
  type: 'APP_HANDED_OVER',
  occurredAt: '2018-12-21',
  appId,
  ...heavy,
});
const TO_TRAINING = [
  { type: 'MOU_SIGNED', occurredAt: '2018-12-14', ...heavy },
  { type: 'PKS_SIGNED', occurredAt: '2018-12-20', ...heavy },
  handedOver('sabilulungan'),
  handedOver('e-rk'),
];
const schedule = (day: number) => ({
  type: 'TRAINING_SCHEDULED',
  occurredAt: '2018-12-22',
  startsOn: `2019-01-${String(day).padStart(2, '0')}`,
  endsOn: '2019-01-30',
  location: fill(200),
  ...heavy,
});
const TO_FOLLOW_UP = [
  ...TO_TRAINING,
  schedule(7),
  { type: 'TRAINING_COMPLETED', occurredAt: '2019-01-09', ...heavy },
];
const notLive = {
  type: 'FOLLOW_UP_REPORTED',
  occurredAt: '2019-02-09',
  appId: 'e-rk',
  live: false,
  ...heavy,
};

let h: ApiHarness;
let host: string;
let partner: string;
beforeAll(async () => {
  h = await startApiHarness();
  host = await h.token({ role: 'host' });
  partner = await h.token({ role: 'partner', region: KUBU_RAYA });
});
afterAll(async () => {
  await h.close();
});

async function created(milestones: unknown[]): Promise<string> {
  const answer = await h.call({
    method: 'POST',
    path: '/agreements',
    token: host,
    body: agreementBody({ milestones }),
  });
  expect(answer.status).toBe(201);
  return answer.body.id as string;
}

/** Records `milestone` until the API refuses it; returns how many it took and the refusal. */
async function growUntilRefused(id: string, token: string, milestone: (n: number) => unknown) {
  for (let n = 0; n < 60; n++) {
    const answer = await h.call({
      method: 'POST',
      path: `/agreements/${id}/milestones`,
      token,
      body: milestone(n),
    });
    if (answer.status !== 202) return { accepted: n, refusal: answer };
  }
  throw new Error('the agreement took 60 heavy milestones of one kind without a refusal');
}

/** The stored agreement item's size, as UTF-8 JSON: more than DynamoDB counts. */
async function storedBytes(id: string): Promise<number> {
  const { Item } = await h.table.client.send(
    new GetCommand({ TableName: h.table.tableName, Key: keys.agreement(id) }),
  );
  return Buffer.byteLength(JSON.stringify(Item));
}

describe.each([
  {
    role: 'host',
    token: () => host,
    start: TO_TRAINING,
    repeat: (n: number) => schedule(1 + (n % 28)),
  },
  {
    role: 'partner coordinator',
    token: () => partner,
    start: TO_FOLLOW_UP,
    repeat: () => notLive,
  },
])('the $role growing one agreement', ({ token, start, repeat }) => {
  let id: string;
  let outcome: Awaited<ReturnType<typeof growUntilRefused>>;
  beforeAll(async () => {
    id = await created(start);
    outcome = await growUntilRefused(id, token(), repeat);
  }, 120_000);

  it('is refused with 409 agreement-too-large once the documented bound is reached', () => {
    expect(outcome.accepted).toBe(MAX_MILESTONES_OF_A_KIND);
    expect(outcome.refusal.status).toBe(409);
    expect(outcome.refusal.contentType).toBe('application/problem+json');
    expect(outcome.refusal.body).toMatchObject({
      type: expect.stringMatching(/agreement-too-large$/),
      code: 'AGREEMENT_TOO_LARGE',
      details: { limit: MAX_MILESTONES_OF_A_KIND },
    });
  });

  it('keeps the item far below 400 KB and the history complete', async () => {
    expect(await storedBytes(id)).toBeLessThan(300_000);
    const history = await h.call({ path: `/agreements/${id}/history?limit=100`, token: host });
    expect(history.status).toBe(200);
    const recorded = (history.body.items as { type: string }[]).filter(
      (e) => e.type === 'MILESTONE_RECORDED',
    );
    expect(recorded).toHaveLength(start.length + MAX_MILESTONES_OF_A_KIND);
  });

  it('can still be marked as needing attention, shown, and cancelled', async () => {
    const mark = markNeedsAttentionHandler(
      {
        TABLE_NAME: h.table.tableName,
        SENDER_EMAIL: 'sepakat@bandung.example.go.id',
        OPERATIONS_EMAIL,
      },
      { now: h.clock.now },
    );
    const marked = await mark(
      {
        agreementId: id,
        executionArn: 'arn:aws:states:local:000000000000:execution:sepakat:grown',
        failure: { Error: 'States.TaskFailed', Cause: fill(5000) },
      },
      {} as Context,
    );
    expect(marked).toEqual({ recorded: true });
    const shown = await h.call({ path: `/agreements/${id}`, token: host });
    expect(shown.status).toBe(200);
    expect(shown.body.needsAttention).toMatchObject({ error: 'States.TaskFailed' });
    const cancelled = await h.call({
      method: 'POST',
      path: `/agreements/${id}/cancel`,
      token: host,
      body: { reason: fill(1000) },
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.stage).toBe('CANCELLED');
    expect(await storedBytes(id)).toBeLessThan(300_000);
  });
});

it('answers a list page of large agreements in a bounded size', async () => {
  // Agreements registered with as many heavy milestones as a request body (256 KB) carries.
  const many = [...TO_FOLLOW_UP, notLive];
  for (let i = 0; i < 20; i++) await created(many);
  const page = await h.call({ path: '/agreements', token: host });
  expect(page.status).toBe(200);
  expect(page.body.items).toHaveLength(20);
  // A list item is a summary: no contacts, milestones or free text beyond the title.
  expect(Buffer.byteLength(JSON.stringify(page.body))).toBeLessThan(100_000);
}, 120_000);
