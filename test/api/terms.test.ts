// The term over HTTP: in GET /agreements/{id} and in lists, the term filters on the sparse
// ByTermEnd index (DynamoDB Local), role-scoped, and the term milestones' refusals.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addDays, dateInZone } from '../../domain/dates.ts';
import { agreementBody, KUBU_RAYA, startApiHarness, type ApiHarness } from '../support/api.ts';

let h: ApiHarness;
let host: string;
let partner: string;
let otherPartner: string;
beforeAll(async () => {
  h = await startApiHarness();
  host = await h.token({ role: 'host' });
  partner = await h.token({ role: 'partner', region: KUBU_RAYA });
  otherPartner = await h.token({ role: 'partner', region: '63.71' });
}, 120_000);
afterAll(async () => {
  await h.close();
});

/** Kubu Raya's date (WIB) `offset` days from the harness's today. */
const day = (offset: number) => addDays(dateInZone(h.clock.now(), 'Asia/Jakarta'), offset);

/** Registers an agreement whose PKS was signed long ago and ends `endsIn` days from today. */
async function withTerm(title: string, endsIn: number, signedDaysAgo = 400): Promise<string> {
  const created = await h.call({
    method: 'POST',
    path: '/agreements',
    token: host,
    body: agreementBody({
      title,
      milestones: [
        { type: 'MOU_SIGNED', occurredAt: day(-signedDaysAgo - 30) },
        { type: 'PKS_SIGNED', occurredAt: day(-signedDaysAgo), validUntil: day(endsIn) },
      ],
    }),
  });
  expect(created.status).toBe(201);
  return created.body.id as string;
}

async function listIds(query: string, token = host): Promise<string[]> {
  const answer = await h.call({ path: `/agreements?${query}`, token });
  expect(answer.status).toBe(200);
  return (answer.body.items as { id: string }[]).map((a) => a.id);
}

describe('the term in the API', () => {
  let soon: string;
  let later: string;
  let far: string;
  let ended: string;
  let noTerm: string;
  beforeAll(async () => {
    soon = await withTerm('Ends in 20 days', 20);
    later = await withTerm('Ends in 100 days', 100);
    far = await withTerm('Ends in 1000 days', 1000);
    ended = await withTerm('Ended last year', -200, 2000);
    const created = await h.call({
      method: 'POST',
      path: '/agreements',
      token: host,
      body: agreementBody({ title: 'No PKS yet' }),
    });
    noTerm = created.body.id as string;
  }, 120_000);

  it('shows the term, its status and the days left', async () => {
    const answer = await h.call({ path: `/agreements/${soon}`, token: host });
    expect(answer.body.term).toEqual({
      validUntil: day(20),
      document: 'PKS',
      status: 'EXPIRING',
      daysLeft: 20,
    });
    expect(answer.body.reminderPolicy.expiryNoticeDays).toEqual([90, 60, 30, 7, 0]);
    const old = await h.call({ path: `/agreements/${ended}`, token: host });
    expect(old.body.term).toMatchObject({ status: 'EXPIRED', daysLeft: 0 });
    const none = await h.call({ path: `/agreements/${noTerm}`, token: host });
    expect(none.body.term).toBeUndefined();
    const listed = await h.call({ path: '/agreements?limit=100', token: host });
    const item = (listed.body.items as { id: string; term?: unknown }[]).find((a) => a.id === far);
    expect(item?.term).toMatchObject({ status: 'IN_FORCE', daysLeft: 1000 });
  });

  it('lists the terms ending within so many days, soonest first, never the expired', async () => {
    expect(await listIds('expiringWithinDays=100')).toEqual([soon, later]);
    expect(await listIds('expiringWithinDays=99')).toEqual([soon]);
    expect(await listIds('expiringWithinDays=0')).toEqual([]);
  });

  it('lists by status, as each agreement shows it', async () => {
    expect(await listIds('termStatus=EXPIRING')).toEqual([soon]);
    expect(await listIds('termStatus=IN_FORCE')).toEqual([later, far]);
    expect(await listIds('termStatus=EXPIRED')).toEqual([ended]);
    expect(await listIds('termStatus=EXPIRED&expiringWithinDays=30')).toEqual([]);
    expect(await listIds('termStatus=IN_FORCE&stage=HANDOVER&expiringWithinDays=365')).toEqual([
      later,
    ]);
  });

  it('pages through a term list with its cursor', async () => {
    const first = await h.call({ path: '/agreements?termStatus=IN_FORCE&limit=1', token: host });
    const ids = (items: { id: string }[]) => items.map((a) => a.id);
    expect(ids(first.body.items as { id: string }[])).toEqual([later]);
    const next = await h.call({
      path: `/agreements?termStatus=IN_FORCE&limit=1&cursor=${encodeURIComponent(first.body.nextCursor as string)}`,
      token: host,
    });
    expect(ids(next.body.items as { id: string }[])).toEqual([far]);
  });

  it('scopes the term lists to a partner coordinator’s region', async () => {
    expect(await listIds('expiringWithinDays=100', partner)).toEqual([soon, later]);
    expect(await listIds('expiringWithinDays=100', otherPartner)).toEqual([]);
  });

  it('refuses a filter it cannot read, naming it', async () => {
    for (const query of ['termStatus=SOON', 'expiringWithinDays=-1', 'expiringWithinDays=abc']) {
      const answer = await h.call({ path: `/agreements?${query}`, token: host });
      expect(answer.status).toBe(400);
      expect(answer.contentType).toContain('application/problem+json');
      expect(answer.body.errors[0].field).toBe(`query.${query.split('=')[0] ?? ''}`);
    }
  });

  it('moves a term back in force with an adendum, and ends it with a termination', async () => {
    const id = await withTerm('Amended in time', 10, 300);
    const amend = await h.call({
      method: 'POST',
      path: `/agreements/${id}/milestones`,
      token: partner,
      body: { type: 'TERM_AMENDED', occurredAt: day(0), validUntil: day(200) },
    });
    expect(amend.status).toBe(202);
    expect(amend.body.term).toMatchObject({ status: 'IN_FORCE', daysLeft: 200 });
    expect(await listIds('expiringWithinDays=100')).not.toContain(id);
    const end = await h.call({
      method: 'POST',
      path: `/agreements/${id}/milestones`,
      token: host,
      body: { type: 'AGREEMENT_TERMINATED', occurredAt: day(0), reason: 'Kerja sama diakhiri' },
    });
    expect(end.status).toBe(202);
    expect(end.body.term).toMatchObject({ status: 'TERMINATED' });
    expect(end.body.stage).toBe('CANCELLED');
    expect(await listIds('termStatus=TERMINATED')).toEqual([id]);
    const after = await h.call({
      method: 'POST',
      path: `/agreements/${id}/milestones`,
      token: host,
      body: { type: 'TERM_RENEWED', occurredAt: day(0), validUntil: day(300) },
    });
    expect(after.status).toBe(409);
    expect(after.body.code).toBe('AGREEMENT_TERMINATED');
  });

  it('refuses term milestones that do not fit, with a clear code', async () => {
    const cases: [string, object, number, string][] = [
      [
        noTerm,
        { type: 'TERM_AMENDED', occurredAt: day(0), validUntil: day(30) },
        409,
        'PKS_NOT_SIGNED',
      ],
      [
        far,
        { type: 'TERM_RENEWED', occurredAt: day(-10), validUntil: day(-1) },
        400,
        'TERM_IN_PAST',
      ],
      [
        far,
        { type: 'TERM_AMENDED', occurredAt: day(0), validUntil: day(5000) },
        400,
        'PKS_TERM_TOO_LONG',
      ],
    ];
    for (const [id, body, status, code] of cases) {
      const answer = await h.call({
        method: 'POST',
        path: `/agreements/${id}/milestones`,
        token: host,
        body,
      });
      expect([answer.status, answer.body.code]).toEqual([status, code]);
    }
    const missing = await h.call({
      method: 'POST',
      path: `/agreements/${far}/milestones`,
      token: host,
      body: { type: 'AGREEMENT_TERMINATED', occurredAt: day(0) },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0].field).toBe('body.reason');
  });
});
