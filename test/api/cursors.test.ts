// Forged page cursors (valid base64url JSON, wrong inside) are a 400 naming query.cursor on
// both paged endpoints, never a DynamoDB ValidationException answered 500.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { agreementBody, startApiHarness, type ApiHarness } from '../support/api.ts';

let h: ApiHarness;
let host: string;
let id: string;
beforeAll(async () => {
  h = await startApiHarness();
  host = await h.token({ role: 'host' });
  const created = await h.call({
    method: 'POST',
    path: '/agreements',
    token: host,
    body: agreementBody(),
  });
  id = created.body.id as string;
});
afterAll(async () => {
  await h.close();
});

const forge = (q: string, k: unknown) =>
  encodeURIComponent(Buffer.from(JSON.stringify({ q, k })).toString('base64url'));
// Past DynamoDB's 1 KB sort key, yet within the 2,000 characters a cursor may have.
const huge = 'x'.repeat(1_100);

describe('a forged cursor is a 400', () => {
  const listKey = () => ({
    PK: `AGREEMENT#${id}`,
    SK: 'AGREEMENT',
    allPK: 'AGREEMENT',
    createdSK: `2018-12-14T00:00:00.000Z#${id}`,
  });
  const historyKey = () => ({ PK: `AGREEMENT#${id}`, SK: 'EVENT#0000000001#000' });

  const listForgeries: [string, () => unknown][] = [
    ['a number for a string', () => ({ ...listKey(), createdSK: 5 })],
    ['a DynamoDB attribute value', () => ({ ...listKey(), createdSK: { S: 'x' } })],
    ['an extra attribute', () => ({ ...listKey(), stagePK: 'MOU' })],
    ['empty strings', () => ({ ...listKey(), PK: '', createdSK: '' })],
    ['a huge sort key', () => ({ ...listKey(), createdSK: `${huge}#${id}` })],
    ['a huge partition key', () => ({ ...listKey(), PK: `AGREEMENT#${huge}` })],
    [
      'the key of another item kind',
      () => ({ ...listKey(), PK: 'IDEMPOTENCY#k', SK: 'IDEMPOTENCY' }),
    ],
    ['a sort key not of its item', () => ({ ...listKey(), createdSK: 'not-a-date#other' })],
    ['the keys of the history', historyKey],
    ['an array', () => [listKey()]],
  ];
  it.each(listForgeries)('listing agreements: %s', async (_, key) => {
    const answer = await h.call({ path: `/agreements?cursor=${forge('All', key())}`, token: host });
    expect({ status: answer.status, type: answer.contentType }).toEqual({
      status: 400,
      type: 'application/problem+json',
    });
    expect(answer.body.errors[0].field).toBe('query.cursor');
  });

  it.each([
    ['the keys of the list of another index', 'ByStage'],
    ['the keys of the list of one partner', 'ByPartnerRegion'],
  ])('listing agreements: %s', async (_, index) => {
    const key = {
      ...listKey(),
      allPK: undefined,
      [`${index === 'ByStage' ? 'stage' : 'partnerRegion'}PK`]: 'MOU',
    };
    const answer = await h.call({ path: `/agreements?cursor=${forge(index, key)}`, token: host });
    expect(answer.status).toBe(400);
  });

  const historyForgeries: [string, () => unknown][] = [
    ['a number for a string', () => ({ ...historyKey(), SK: 1 })],
    ['an extra attribute', () => ({ ...historyKey(), version: '1' })],
    ['an empty sort key', () => ({ ...historyKey(), SK: '' })],
    ['a sort key outside the history', () => ({ ...historyKey(), SK: 'TOKEN#MOU' })],
    ['a malformed event key', () => ({ ...historyKey(), SK: 'EVENT#one#two' })],
    ['a huge sort key', () => ({ ...historyKey(), SK: `EVENT#${huge}` })],
    ['the keys of the agreement list', listKey],
  ];
  it.each(historyForgeries)('reading the history: %s', async (_, key) => {
    const answer = await h.call({
      path: `/agreements/${id}/history?cursor=${forge('history', key())}`,
      token: host,
    });
    expect({ status: answer.status, type: answer.contentType }).toEqual({
      status: 400,
      type: 'application/problem+json',
    });
    expect(answer.body.errors[0].field).toBe('query.cursor');
  });

  it('a genuine cursor still pages', async () => {
    await h.call({ method: 'POST', path: '/agreements', token: host, body: agreementBody() });
    const first = await h.call({ path: '/agreements?limit=1', token: host });
    const second = await h.call({
      path: `/agreements?limit=1&cursor=${encodeURIComponent(first.body.nextCursor as string)}`,
      token: host,
    });
    expect(second.status).toBe(200);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    const history = await h.call({ path: `/agreements/${id}/history?limit=1`, token: host });
    const next = await h.call({
      path: `/agreements/${id}/history?limit=1&cursor=${encodeURIComponent(history.body.nextCursor as string)}`,
      token: host,
    });
    expect(next.status).toBe(200);
    expect(next.body.items[0]).not.toEqual(history.body.items[0]);
  });
});
