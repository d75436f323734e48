// Every endpoint for every kind of caller: a host coordinator may do everything; a partner
// coordinator sees only their region's agreements and records only their side's milestones;
// a signed-in account in no group may do nothing; no token is a 401.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { latestIndonesianDate } from '../../domain/dates.ts';
import { agreementBody, KUBU_RAYA, startApiHarness, type ApiHarness } from '../support/api.ts';

type Caller = 'host' | 'partner' | 'otherPartner' | 'none' | 'anonymous';
const CALLERS: Caller[] = ['host', 'partner', 'otherPartner', 'none', 'anonymous'];

let h: ApiHarness;
const tokens: Partial<Record<Caller, string>> = {};
beforeAll(async () => {
  h = await startApiHarness();
  tokens.host = await h.token({ role: 'host' });
  tokens.partner = await h.token({ role: 'partner', region: KUBU_RAYA });
  tokens.otherPartner = await h.token({ role: 'partner', region: '63.71' });
  tokens.none = await h.token({ role: 'none' });
});
afterAll(async () => {
  await h.close();
});

/** A fresh Kubu Raya agreement, so that state-changing calls never depend on each other. */
async function freshAgreement(): Promise<string> {
  const created = await h.call({
    method: 'POST',
    path: '/agreements',
    token: tokens.host,
    body: agreementBody(),
  });
  expect(created.status).toBe(201);
  return created.body.id as string;
}

const today = () => latestIndonesianDate(h.clock.now());

interface Case {
  name: string;
  request: (id: string) => { method?: string; path: string; body?: unknown };
  expected: Record<Caller, number>;
}

const CASES: Case[] = [
  {
    name: 'POST /agreements',
    request: () => ({ method: 'POST', path: '/agreements', body: agreementBody() }),
    expected: { host: 201, partner: 403, otherPartner: 403, none: 403, anonymous: 401 },
  },
  {
    name: 'GET /agreements',
    request: () => ({ path: '/agreements' }),
    expected: { host: 200, partner: 200, otherPartner: 200, none: 403, anonymous: 401 },
  },
  {
    name: 'GET /agreements?partnerRegion=61.12',
    request: () => ({ path: `/agreements?partnerRegion=${KUBU_RAYA}` }),
    expected: { host: 200, partner: 200, otherPartner: 403, none: 403, anonymous: 401 },
  },
  {
    name: 'GET /agreements/{id}',
    request: (id) => ({ path: `/agreements/${id}` }),
    expected: { host: 200, partner: 200, otherPartner: 404, none: 403, anonymous: 401 },
  },
  {
    name: 'GET /agreements/{id}/history',
    request: (id) => ({ path: `/agreements/${id}/history` }),
    expected: { host: 200, partner: 200, otherPartner: 404, none: 403, anonymous: 401 },
  },
  {
    name: 'POST /agreements/{id}/milestones (MoU, both sides sign)',
    request: (id) => ({
      method: 'POST',
      path: `/agreements/${id}/milestones`,
      body: { type: 'MOU_SIGNED', occurredAt: today() },
    }),
    expected: { host: 202, partner: 202, otherPartner: 404, none: 403, anonymous: 401 },
  },
  {
    name: 'POST /agreements/{id}/milestones (a drop the partner decides)',
    request: (id) => ({
      method: 'POST',
      path: `/agreements/${id}/milestones`,
      body: {
        type: 'APP_DROPPED',
        occurredAt: today(),
        appId: 'e-rk',
        reason: 'Sudah punya aplikasi serupa',
      },
    }),
    expected: { host: 202, partner: 202, otherPartner: 404, none: 403, anonymous: 401 },
  },
  {
    name: 'POST /agreements/{id}/milestones (a schedule only the host sets)',
    request: (id) => ({
      method: 'POST',
      path: `/agreements/${id}/milestones`,
      body: { type: 'TRAINING_SCHEDULED', occurredAt: today(), startsOn: today(), endsOn: today() },
    }),
    // The host gets past authorization to the rules: no training before the handover.
    expected: { host: 409, partner: 403, otherPartner: 404, none: 403, anonymous: 401 },
  },
  {
    name: 'POST /agreements/{id}/cancel',
    request: (id) => ({
      method: 'POST',
      path: `/agreements/${id}/cancel`,
      body: { reason: 'Uji peran' },
    }),
    expected: { host: 200, partner: 403, otherPartner: 404, none: 403, anonymous: 401 },
  },
  {
    name: 'GET /apps',
    request: () => ({ path: '/apps' }),
    expected: { host: 200, partner: 200, otherPartner: 200, none: 403, anonymous: 401 },
  },
  {
    name: 'GET /regions?q=bandung',
    request: () => ({ path: '/regions?q=bandung' }),
    expected: { host: 200, partner: 200, otherPartner: 200, none: 403, anonymous: 401 },
  },
  {
    name: 'GET /health',
    request: () => ({ path: '/health' }),
    expected: { host: 200, partner: 200, otherPartner: 200, none: 200, anonymous: 200 },
  },
  {
    name: 'GET /openapi.json',
    request: () => ({ path: '/openapi.json' }),
    expected: { host: 200, partner: 200, otherPartner: 200, none: 200, anonymous: 200 },
  },
];

describe.each(CASES)('$name', ({ request, expected }) => {
  it.each(CALLERS)('answers %s as the role allows', async (caller) => {
    const id = await freshAgreement();
    const answer = await h.call({
      ...request(id),
      ...(tokens[caller] ? { token: tokens[caller] } : {}),
    });
    expect({ caller, status: answer.status }).toEqual({ caller, status: expected[caller] });
    if (answer.status >= 400) expect(answer.contentType).toBe('application/problem+json');
  });
});

describe('what a partner coordinator sees', () => {
  it('lists only the agreements of their own region', async () => {
    await freshAgreement();
    const other = await h.call({
      method: 'POST',
      path: '/agreements',
      token: tokens.host,
      body: agreementBody({ partnerRegion: { code: '63.71' } }),
    });
    const mine = await h.call({ path: '/agreements?limit=100', token: tokens.partner });
    const regions = new Set(
      (mine.body.items as { partnerRegion: { code: string } }[]).map((a) => a.partnerRegion.code),
    );
    expect([...regions]).toEqual([KUBU_RAYA]);
    const theirs = await h.call({ path: '/agreements?limit=100', token: tokens.otherPartner });
    expect((theirs.body.items as { id: string }[]).map((a) => a.id)).toEqual([other.body.id]);
  });
});
