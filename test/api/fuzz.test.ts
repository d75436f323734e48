// Generated malformed requests at every endpoint: whatever a client sends, the answer is
// never a 5xx, every refusal is a problem document, and nothing is left half-written.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { MILESTONE_TYPES } from '../../domain/schemas.ts';
import { API_ROUTES } from '../../functions/api/routes.ts';
import { agreementBody, KUBU_RAYA, startApiHarness, type ApiHarness } from '../support/api.ts';

const RUNS = 1_200;

let h: ApiHarness;
let tokens: string[];
let agreementId: string;
/** Cancellations go to their own agreement, so that the other one lives on through the stages. */
let cancelTargetId: string;
/** The growth attack's target, registered in the training stage. */
let growthTargetId: string;
beforeAll(async () => {
  h = await startApiHarness();
  tokens = [
    await h.token({ role: 'host' }),
    await h.token({ role: 'partner', region: KUBU_RAYA }),
    await h.token({ role: 'none' }),
  ];
  const created = await h.call({
    method: 'POST',
    path: '/agreements',
    token: tokens[0],
    body: agreementBody(),
  });
  agreementId = created.body.id as string;
  const target = await h.call({
    method: 'POST',
    path: '/agreements',
    token: tokens[0],
    body: agreementBody(),
  });
  cancelTargetId = target.body.id as string;
  const growth = await h.call({
    method: 'POST',
    path: '/agreements',
    token: tokens[0],
    body: agreementBody({ milestones: VALID_MILESTONES.slice(0, 4) }),
  });
  growthTargetId = growth.body.id as string;
});
afterAll(async () => {
  await h.close();
});

const nasty = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom(
    '',
    ' ',
    '\r\n',
    '\u0000',
    '../',
    '%00',
    '%ZZ',
    '{}',
    'null',
    '1e999',
    '__proto__',
    'constructor',
  ),
);
const anyValue = fc.oneof(
  nasty,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue(),
);

/** Bodies near the real ones, so generated requests get past parsing into the rules. */
const nearlyValidAgreement = fc
  .record(
    {
      title: anyValue,
      partnerRegion: fc.oneof(fc.constant({ code: KUBU_RAYA }), fc.record({ code: anyValue })),
      apps: fc.oneof(fc.constant([{ id: 'e-rk' }]), fc.array(fc.record({ id: anyValue }))),
      contacts: fc.oneof(
        fc.constant(agreementBody().contacts),
        fc.array(anyValue, { maxLength: 3 }),
      ),
      milestones: fc.array(
        fc.record({ type: fc.constantFrom(...MILESTONE_TYPES), occurredAt: anyValue }),
      ),
      extra: anyValue,
    },
    { requiredKeys: [] },
  )
  .map((overrides) => agreementBody(overrides));

const nearlyValidMilestone = fc.record(
  {
    type: fc.oneof(fc.constantFrom(...MILESTONE_TYPES), nasty),
    occurredAt: fc.oneof(fc.constantFrom('2019-02-29', '2018-12-14', '9999-12-31'), nasty),
    appId: fc.oneof(fc.constantFrom('e-rk', 'sabilulungan'), nasty),
    live: anyValue,
    startsOn: anyValue,
    endsOn: anyValue,
    reason: anyValue,
    signatories: fc.array(anyValue, { maxLength: 2 }),
  },
  { requiredKeys: [] },
);

/** Milestones that move the agreement on, so later runs meet later stages. */
const VALID_MILESTONES = [
  { type: 'MOU_SIGNED', occurredAt: '2018-12-14' },
  { type: 'PKS_SIGNED', occurredAt: '2018-12-20' },
  { type: 'APP_HANDED_OVER', occurredAt: '2018-12-21', appId: 'sabilulungan' },
  { type: 'APP_HANDED_OVER', occurredAt: '2018-12-21', appId: 'e-rk' },
  {
    type: 'TRAINING_SCHEDULED',
    occurredAt: '2018-12-22',
    startsOn: '2019-01-07',
    endsOn: '2019-01-09',
  },
  { type: 'TRAINING_COMPLETED', occurredAt: '2019-01-09' },
  { type: 'FOLLOW_UP_REPORTED', occurredAt: '2019-02-09', appId: 'e-rk', live: true },
];

/** Three bytes each in UTF-8: fields as heavy as the schema lets them be. */
const fill = (n: number) => '€'.repeat(n);
const heavy = {
  notes: fill(2000),
  documentNumbers: { host: fill(100), partner: fill(100) },
  signatories: Array.from({ length: 10 }, () => ({
    name: fill(200),
    position: fill(200),
    side: 'PARTNER',
    capacity: 'ON_BEHALF',
    onBehalfOf: fill(200),
  })),
};
/** The growth attack (issue 14): the repeatable milestones, as heavy as allowed, again and again. */
const GROWTH_MILESTONES = [
  {
    type: 'TRAINING_SCHEDULED',
    occurredAt: '2018-12-22',
    startsOn: '2019-01-07',
    endsOn: '2019-01-09',
    location: fill(200),
    ...heavy,
  },
  { type: 'FOLLOW_UP_REPORTED', occurredAt: '2019-02-09', appId: 'e-rk', live: false, ...heavy },
];

/** Host and partner grow one agreement; a training completion now and then moves it on. */
const growthRequests = (growthTargetId: string): fc.Arbitrary<GeneratedRequest> =>
  fc.record({
    method: fc.constant('POST'),
    path: fc.constant(`/agreements/${growthTargetId}/milestones`),
    tokenIndex: fc.constantFrom(0, 1),
    contentType: fc.constant('application/json'),
    idempotencyKey: fc.constant(undefined),
    body: fc
      .oneof(
        { weight: 10, arbitrary: fc.constantFrom(...GROWTH_MILESTONES) },
        {
          weight: 1,
          arbitrary: fc.constant({
            type: 'TRAINING_COMPLETED',
            occurredAt: '2019-01-09',
            ...heavy,
          }),
        },
      )
      .map((b) => JSON.stringify(b)),
  });

const pathsTo = (agreementId: string) =>
  fc.oneof(
    fc.constantFrom(...API_ROUTES.map((r) => r.path)).map((p) => p.replace('{id}', agreementId)),
    fc
      .tuple(fc.constantFrom(...API_ROUTES.map((r) => r.path)), nasty)
      .map(([p, id]) => p.replace('{id}', encodeURIComponent(id))),
    fc
      .tuple(
        fc.constantFrom('/agreements', '/regions', `/agreements/${agreementId}/history`),
        fc.dictionary(nasty, nasty, { maxKeys: 3 }),
      )
      .map(([p, query]) => `${p}?${new URLSearchParams(query).toString()}`),
    nasty.map((s) => `/${encodeURIComponent(s)}`),
  );

interface GeneratedRequest {
  method: string;
  path: string;
  tokenIndex: number;
  contentType: string;
  idempotencyKey: string | undefined;
  body: string | undefined;
}

/** Anything at all: methods, paths, headers and bodies with no regard for the contract. */
const wildRequests = (agreementId: string): fc.Arbitrary<GeneratedRequest> =>
  fc.record({
    method: fc.constantFrom('GET', 'POST', 'POST', 'PUT', 'DELETE'),
    path: pathsTo(agreementId),
    tokenIndex: fc.nat({ max: 3 }),
    contentType: fc.constantFrom('application/json', 'text/plain', 'application/problem+json', ''),
    idempotencyKey: fc.option(nasty, { nil: undefined }),
    body: fc.oneof(
      fc.constant(undefined),
      nasty,
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.constant('{"title": '),
    ),
  });

/** Requests aimed at one route, mostly well-formed, with one thing or another wrong. */
const aimedRequests = (
  agreementId: string,
  cancelTargetId: string,
): fc.Arbitrary<GeneratedRequest> =>
  // Milestones get extra weight: they have the most rules to get through.
  fc
    .constantFrom(...API_ROUTES, ...API_ROUTES.filter((r) => r.name === 'record-milestone'))
    .chain((route) => {
      const id = route.name === 'cancel-agreement' ? cancelTargetId : agreementId;
      const bodies =
        route.name === 'create-agreement'
          ? fc.oneof(fc.constant(agreementBody()), nearlyValidAgreement)
          : route.name === 'record-milestone'
            ? fc.oneof(
                nearlyValidMilestone,
                fc.constantFrom(...VALID_MILESTONES),
                fc.constantFrom(...VALID_MILESTONES),
                fc.constantFrom(...GROWTH_MILESTONES),
                fc.constantFrom(...GROWTH_MILESTONES),
              )
            : route.name === 'cancel-agreement'
              ? fc.record({ reason: anyValue }, { requiredKeys: [] })
              : fc.constant(undefined);
      return fc.record({
        method: fc.constant(route.method),
        path: fc.oneof(
          { weight: 4, arbitrary: fc.constant(route.path.replace('{id}', id)) },
          {
            weight: 1,
            arbitrary: nasty.map((id) => route.path.replace('{id}', encodeURIComponent(id))),
          },
        ),
        tokenIndex: fc.constantFrom(0, 0, 0, 1, 2, 3),
        contentType: fc.constantFrom(
          'application/json',
          'application/json',
          'application/json; charset=utf-8',
          'text/plain',
        ),
        idempotencyKey: fc.option(fc.constantFrom('k-1', 'k-2', 'k 3'), { nil: undefined }),
        body: bodies.map((b) => (b === undefined ? undefined : JSON.stringify(b))),
      });
    });

const requestsTo = (agreementId: string, cancelTargetId: string, growthTargetId: string) =>
  fc.oneof(
    { weight: 1, arbitrary: wildRequests(agreementId) },
    { weight: 2, arbitrary: aimedRequests(agreementId, cancelTargetId) },
    { weight: 1, arbitrary: growthRequests(growthTargetId) },
  );

it(`never answers a generated request with a 5xx (${RUNS} runs)`, async () => {
  const statuses = new Map<number, number>();
  await fc.assert(
    fc.asyncProperty(requestsTo(agreementId, cancelTargetId, growthTargetId), async (request) => {
      const response = await fetch(`${h.api.endpoint}${request.path}`, {
        method: request.method,
        headers: {
          ...(request.tokenIndex < tokens.length
            ? { authorization: `Bearer ${tokens[request.tokenIndex] ?? ''}` }
            : {}),
          ...(request.contentType ? { 'content-type': request.contentType } : {}),
          ...(request.idempotencyKey !== undefined
            ? { 'idempotency-key': encodeURIComponent(request.idempotencyKey) }
            : {}),
        },
        ...(request.body !== undefined && request.method !== 'GET' ? { body: request.body } : {}),
      });
      const text = await response.text();
      expect({ status: response.status, text }).toEqual({
        status: expect.any(Number),
        text: expect.any(String),
      });
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      expect(response.status).toBeLessThan(500);
      if (response.status >= 400) {
        expect(response.headers.get('content-type')).toBe('application/problem+json');
        expect(JSON.parse(text)).toMatchObject({
          status: response.status,
          title: expect.any(String),
        });
      }
    }),
    { numRuns: RUNS },
  );
  // The generated requests reach every layer: routing, sign-in, parsing, the rules, storage.
  // No 405: a method the API lacks is API Gateway's 404 (issue 21).
  for (const status of [201, 202, 400, 401, 403, 404, 409, 415]) {
    expect({ status, seen: (statuses.get(status) ?? 0) > 0 }).toEqual({ status, seen: true });
  }
}, 120_000);

it('left no agreement half-written', async () => {
  const agreements = (await h.table.repository.list({ limit: 100 })).items;
  expect(agreements.length).toBeGreaterThanOrEqual(1);
  for (const agreement of agreements) {
    const events = [];
    let cursor: string | undefined;
    do {
      const page = await h.table.repository.history(agreement.id, {
        limit: 100,
        ...(cursor ? { cursor } : {}),
      });
      events.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    const versions = [...new Set(events.map((e) => e.version))];
    // Every version from creation on is in the history, each with its events, and no more.
    expect(versions[0]).toBe(1);
    expect(versions.every((v, i) => i === 0 || v > (versions[i - 1] ?? 0))).toBe(true);
    expect(Math.max(...versions)).toBeLessThanOrEqual(agreement.version);
    const recorded = events.filter((e) => e.type === 'MILESTONE_RECORDED');
    const counted = Object.values(agreement.milestoneCounts).reduce((sum, n) => sum + n, 0);
    expect(recorded).toHaveLength(counted);
  }
});

// Finding: forged cursors and bursts of concurrent writes (issue 14). Its own block, after the
// generated requests above, on agreements of its own.
describe('forged cursors and write contention', () => {
  const FORGERY_RUNS = 300;
  const ATTRIBUTES = ['PK', 'SK', 'allPK', 'stagePK', 'partnerRegionPK', 'createdSK', 'expiresAt'];
  const keyValue = fc.oneof(
    anyValue,
    fc.string({ minLength: 1_000, maxLength: 1_400 }),
    fc.constantFrom('', 'AGREEMENT', 'EVENT#', 'TOKEN#MOU', 'IDEMPOTENCY'),
    fc.record({ S: fc.string() }),
  );
  const forgedKey = fc.oneof(
    fc.dictionary(fc.oneof(fc.constantFrom(...ATTRIBUTES), nasty), keyValue, { maxKeys: 6 }),
    anyValue,
  );
  const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  /** A cursor as the API issues them, `{q, k}`, with anything inside; or a page's real cursor, altered. */
  const forgedCursor = (realCursors: string[]) =>
    fc.oneof(
      fc
        .record({
          q: fc.oneof(fc.constantFrom('All', 'ByStage', 'ByPartnerRegion', 'history'), nasty),
          k: forgedKey,
        })
        .map(base64url),
      fc
        .tuple(fc.constantFrom(...realCursors), fc.constantFrom(...ATTRIBUTES), keyValue)
        .map(([real, name, value]) => {
          const decoded = JSON.parse(Buffer.from(real, 'base64url').toString('utf8')) as {
            q: string;
            k: Record<string, unknown>;
          };
          return base64url({ ...decoded, k: { ...decoded.k, [name]: value } });
        }),
    );

  it(`answers forged cursors with a 400, never a 5xx (${FORGERY_RUNS} runs)`, async () => {
    // Enough agreements and history for a real cursor on each paged query.
    const pages = [
      '/agreements?limit=1',
      '/agreements?limit=1&stage=MOU',
      `/agreements?limit=1&partnerRegion=${KUBU_RAYA}`,
      `/agreements/${cancelTargetId}/history?limit=1`,
    ];
    const realCursors: string[] = [];
    for (const page of pages) {
      const answer = await h.call({ path: page, token: tokens[0] });
      if (typeof answer.body.nextCursor === 'string') realCursors.push(answer.body.nextCursor);
    }
    expect(realCursors.length).toBeGreaterThanOrEqual(3);
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...pages), forgedCursor(realCursors), async (page, c) => {
        const path = `${page.replace('limit=1', 'limit=5')}&cursor=${encodeURIComponent(c)}`;
        const answer = await h.call({ path, token: tokens[0] });
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        expect({ path, status: answer.status }).toEqual({ path, status: expect.any(Number) });
        expect(answer.status).toBeLessThan(500);
        if (answer.status >= 400) {
          expect(answer.contentType).toBe('application/problem+json');
          expect(answer.body.errors[0].field).toBe('query.cursor');
        }
      }),
      { numRuns: FORGERY_RUNS },
    );
    expect((statuses.get(400) ?? 0) > 0).toBe(true);
  }, 120_000);

  it('answers bursts of concurrent changes to one agreement with no 5xx', async () => {
    const created = await h.call({
      method: 'POST',
      path: '/agreements',
      token: tokens[0],
      body: agreementBody(),
    });
    const id = created.body.id as string;
    for (const body of VALID_MILESTONES.slice(0, 4)) {
      await h.call({
        method: 'POST',
        path: `/agreements/${id}/milestones`,
        token: tokens[0],
        body,
      });
    }
    const burst = fc.array(
      fc.record({
        // Mostly (re)schedulings: every one of them passes the rules, so they all contend.
        body: fc.oneof(
          // The others, refused in training; but not the one that ends it.
          {
            weight: 1,
            arbitrary: fc.constantFrom(
              ...VALID_MILESTONES.filter((m) => m.type !== 'TRAINING_COMPLETED'),
            ),
          },
          {
            weight: 6,
            arbitrary: fc.record({
              type: fc.constant('TRAINING_SCHEDULED'),
              occurredAt: fc.constant('2018-12-22'),
              startsOn: fc.constantFrom('2019-01-07', '2019-01-08', '2019-01-09'),
              endsOn: fc.constantFrom('2019-01-09', '2019-01-31'),
            }),
          },
        ),
        key: fc.oneof(
          { weight: 4, arbitrary: fc.constant(undefined) },
          { weight: 1, arbitrary: fc.constantFrom('c-1', 'c-2', 'c-3') },
        ),
      }),
      { minLength: 30, maxLength: 40 },
    );
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(burst, async (requests) => {
        const answers = await Promise.all(
          requests.map(({ body, key }) =>
            h.call({
              method: 'POST',
              path: `/agreements/${id}/milestones`,
              token: tokens[0],
              body,
              headers: key === undefined ? {} : { 'idempotency-key': key },
            }),
          ),
        );
        for (const answer of answers) {
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
          expect(answer.status).toBeLessThan(500);
          if (answer.status >= 400) expect(answer.contentType).toBe('application/problem+json');
        }
      }),
      // No shrinking: a failing burst is already small enough to read, and shrinking one is slow.
      { numRuns: 3, endOnFailure: true },
    );
    expect((statuses.get(202) ?? 0) > 0).toBe(true);
  }, 120_000);
});
