// Every endpoint over HTTP, as a coordinator's script uses it.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addDays, latestIndonesianDate } from '../../domain/dates.ts';
import { DEFAULT_REMINDER_POLICY } from '../../domain/reminder-policy.ts';
import { createHandler as createAgreementHandler } from '../../functions/api/create-agreement.ts';
import {
  agreementBody,
  ENVIRONMENT_REMINDER_POLICY,
  startApiHarness,
  WEB_ORIGIN,
  type ApiHarness,
} from '../support/api.ts';
import { eventually, historyOf, waitingFor } from '../support/workflow.ts';

let h: ApiHarness;
let host: string;
beforeAll(async () => {
  h = await startApiHarness({ origin: new Date('2019-01-02T01:00:00Z') });
  host = await h.token({ role: 'host', email: 'koordinator@bandung.example.go.id' });
});
afterAll(async () => {
  await h.close();
});

const today = () => latestIndonesianDate(h.clock.now());

async function create(
  overrides: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) {
  return h.call({
    method: 'POST',
    path: '/agreements',
    token: host,
    body: agreementBody(overrides),
    headers,
  });
}

function expectProblem(
  answer: { status: number; contentType: string; body: unknown },
  status: number,
) {
  expect(answer.contentType).toBe('application/problem+json');
  expect(answer.body).toMatchObject({
    status,
    type: expect.stringMatching(/^urn:sepakat:problem:/),
    title: expect.any(String),
    detail: expect.any(String),
  });
}

describe('POST /agreements', () => {
  it('creates an agreement in MOU with its regions resolved, and starts its workflow', async () => {
    const answer = await create();
    expect(answer.status).toBe(201);
    expect(answer.headers.get('location')).toBe(`/agreements/${answer.body.id}`);
    expect(answer.body).toMatchObject({
      stage: 'MOU',
      version: 1,
      hostRegion: { code: '32.73', name: 'Kota Bandung', timeZoneLabel: 'WIB' },
      partnerRegion: { code: '61.12', name: 'Kabupaten Kubu Raya' },
      apps: [
        { id: 'sabilulungan', status: 'PENDING' },
        { id: 'e-rk', status: 'PENDING' },
      ],
      contacts: expect.arrayContaining([
        expect.objectContaining({ role: 'OFFICIAL', locale: 'id' }),
        expect.objectContaining({ role: 'ESCALATION' }),
      ]),
    });
    await waitingFor(h, answer.body.id, 'MOU');
  });

  it("gives an agreement the environment's reminder policy where its own says nothing", async () => {
    const pks = { firstAfterDays: 7, everyDays: 7, escalateAfter: 2 };
    const answer = await create({ reminderPolicy: { PKS: pks } });
    expect(answer.status).toBe(201);
    expect(answer.body.reminderPolicy).toMatchObject({
      MOU: DEFAULT_REMINDER_POLICY.MOU,
      PKS: pks,
      FOLLOW_UP: ENVIRONMENT_REMINDER_POLICY.FOLLOW_UP,
    });
  });

  it('refuses to start with an environment reminder policy that does not validate', () => {
    const env = { TABLE_NAME: 't', STATE_MACHINE_ARN: 'arn', HOST_REGION_CODE: '32.73' };
    expect(() =>
      createAgreementHandler({ ...env, REMINDER_POLICY: '{"MOU":{"firstAfterDays":-1}}' }),
    ).toThrow('REMINDER_POLICY is not a valid reminder policy');
  });

  it('refuses unknown region and application codes with the offending fields', async () => {
    const answer = await create({
      partnerRegion: { code: '99.99' },
      apps: [{ id: 'no-such-app' }],
    });
    expect(answer.status).toBe(400);
    expectProblem(answer, 400);
    expect(answer.body.errors).toEqual([
      { field: 'body.partnerRegion.code', message: 'is not a known Kemendagri region code' },
      { field: 'body.apps.0.id', message: 'is not an application of the catalog (see GET /apps)' },
    ]);
  });

  it('answers malformed JSON, a wrong media type and a missing body with clear problems', async () => {
    const malformed = await h.call({
      method: 'POST',
      path: '/agreements',
      token: host,
      rawBody: '{"title": ',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.type).toBe('urn:sepakat:problem:malformed-json');
    const text = await h.call({
      method: 'POST',
      path: '/agreements',
      token: host,
      rawBody: 'x',
      headers: { 'content-type': 'text/plain' },
    });
    expect(text.status).toBe(415);
    const empty = await h.call({ method: 'POST', path: '/agreements', token: host });
    expect(empty.status).toBe(400);
    expect(empty.body.errors).toEqual([{ field: 'body', message: 'is required' }]);
  });

  it('returns the first response to a retry with the same Idempotency-Key, and refuses the key for another body', async () => {
    const first = await create({}, { 'idempotency-key': 'create-kubu-raya-1' });
    const retry = await create({}, { 'idempotency-key': 'create-kubu-raya-1' });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(first.body.id);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    const other = await create(
      { title: 'Another one' },
      { 'idempotency-key': 'create-kubu-raya-1' },
    );
    expect(other.status).toBe(422);
    expect(other.body.type).toBe('urn:sepakat:problem:idempotency-key-reused');
    const bad = await create({}, { 'idempotency-key': 'has spaces' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('header.idempotency-key');
  });

  it('replays a creation even after its workflow has ended', async () => {
    const first = await create({}, { 'idempotency-key': 'create-then-cancel' });
    const cancel = await h.call({
      method: 'POST',
      path: `/agreements/${first.body.id}/cancel`,
      token: host,
      body: { reason: 'Uji' },
    });
    expect(cancel.status).toBe(200);
    await eventually('the execution ended', async () => {
      const arn = (await h.table.repository.get(first.body.id as string))?.workflow?.executionArn;
      return arn !== undefined && h.engine.describeExecution(arn).status !== 'RUNNING';
    });
    const retry = await create({}, { 'idempotency-key': 'create-then-cancel' });
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(first.body.id);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
  });

  it('registers an agreement already past its MoU and starts the workflow at its stage', async () => {
    const answer = await create({
      milestones: [
        { type: 'MOU_SIGNED', occurredAt: '2018-12-14' },
        { type: 'PKS_SIGNED', occurredAt: '2018-12-20', validUntil: '2023-12-20' },
      ],
    });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ stage: 'HANDOVER', stageEnteredOn: '2018-12-20' });
    await waitingFor(h, answer.body.id, 'HANDOVER');
  });

  it('refuses past milestones out of order, naming the milestone', async () => {
    const answer = await create({
      milestones: [{ type: 'PKS_SIGNED', occurredAt: '2018-12-20' }],
    });
    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({ code: 'STAGE_MISMATCH', details: { milestoneIndex: 0 } });
  });
});

describe('one agreement over its life', () => {
  let id: string;
  beforeAll(async () => {
    id = (await create()).body.id as string;
    await waitingFor(h, id, 'MOU');
  });

  it('shows it with the next reminder due', async () => {
    const answer = await h.call({ path: `/agreements/${id}`, token: host });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id, stage: 'MOU', milestones: [] });
    // The stage's opening message is the first nudge: due from the day the agreement began.
    expect(Date.parse(answer.body.nextReminderDueAt as string)).toBeGreaterThanOrEqual(
      Date.parse(`${answer.body.stageEnteredOn as string}T00:00:00+07:00`),
    );
  });

  it('records a milestone (202), refuses one that does not fit the stage (409), and a future date (400)', async () => {
    const recorded = await h.call({
      method: 'POST',
      path: `/agreements/${id}/milestones`,
      token: host,
      body: { type: 'MOU_SIGNED', occurredAt: today() },
    });
    expect(recorded.status).toBe(202);
    expect(recorded.body).toMatchObject({ stage: 'PKS', version: expect.any(Number) });
    await waitingFor(h, id, 'PKS');

    const misplaced = await h.call({
      method: 'POST',
      path: `/agreements/${id}/milestones`,
      token: host,
      body: { type: 'TRAINING_COMPLETED', occurredAt: today() },
    });
    expect(misplaced.status).toBe(409);
    expect(misplaced.body).toMatchObject({
      code: 'STAGE_MISMATCH',
      detail: expect.stringContaining('accepted in stage TRAINING'),
    });

    const future = await h.call({
      method: 'POST',
      path: `/agreements/${id}/milestones`,
      token: host,
      body: { type: 'PKS_SIGNED', occurredAt: addDays(today(), 30) },
    });
    expect(future.status).toBe(400);
    expect(future.body.code).toBe('DATE_IN_FUTURE');

    const missingApp = await h.call({
      method: 'POST',
      path: `/agreements/${id}/milestones`,
      token: host,
      body: { type: 'APP_HANDED_OVER', occurredAt: today() },
    });
    expect(missingApp.status).toBe(400);
    expect(missingApp.body.errors).toEqual([{ field: 'body.appId', message: 'is required' }]);
  });

  it('records a repeated milestone with the same Idempotency-Key only once', async () => {
    const signedOn = today();
    const call = () =>
      h.call({
        method: 'POST',
        path: `/agreements/${id}/milestones`,
        token: host,
        headers: { 'idempotency-key': 'pks-1' },
        body: { type: 'PKS_SIGNED', occurredAt: signedOn },
      });
    const first = await call();
    const again = await call();
    expect([first.status, again.status]).toEqual([202, 202]);
    expect(again.body.version).toBe(first.body.version);
    const recorded = (await historyOf(h, id)).filter(
      (e) =>
        e.type === 'MILESTONE_RECORDED' &&
        (e.data.milestone as { type: string }).type === 'PKS_SIGNED',
    );
    expect(recorded).toHaveLength(1);
  });

  it('lists the history oldest first with actor and time', async () => {
    const answer = await h.call({ path: `/agreements/${id}/history`, token: host });
    expect(answer.status).toBe(200);
    const types = (answer.body.items as { type: string }[]).map((e) => e.type);
    expect(types.slice(0, 3)).toEqual(['AGREEMENT_CREATED', 'WORKFLOW_STARTED', 'WAITING']);
    expect(types).toContain('MILESTONE_RECORDED');
    // The token's subject (signDevToken's default for a host), the address beside it.
    expect(answer.body.items[0]).toMatchObject({
      actor: 'local-host-all',
      actorEmail: 'koordinator@bandung.example.go.id',
      at: expect.any(String),
    });
    const byCoordinator = (answer.body.items as { type: string; actor: string }[]).filter(
      (e) => e.actor !== 'workflow',
    );
    expect(byCoordinator.map((e) => e.type)).toContain('MILESTONE_RECORDED');
    for (const e of byCoordinator) {
      expect(e).toMatchObject({
        actor: 'local-host-all',
        actorEmail: 'koordinator@bandung.example.go.id',
      });
    }
  });

  it('cancels it (200), after which milestones are refused (409)', async () => {
    const cancelled = await h.call({
      method: 'POST',
      path: `/agreements/${id}/cancel`,
      token: host,
      body: { reason: 'Mitra menunda kerja sama' },
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({
      stage: 'CANCELLED',
      cancellation: { reason: 'Mitra menunda kerja sama' },
    });
    const later = await h.call({
      method: 'POST',
      path: `/agreements/${id}/milestones`,
      token: host,
      body: { type: 'APP_HANDED_OVER', occurredAt: today(), appId: 'e-rk' },
    });
    expect(later.status).toBe(409);
    expect(later.body.code).toBe('AGREEMENT_CLOSED');
    await eventually(
      'the waits released',
      async () => (await h.table.repository.taskTokens(id)).length === 0,
    );
  });
});

describe('reading', () => {
  it('lists by stage, a page at a time, and refuses a foreign cursor', async () => {
    await create();
    await create();
    const first = await h.call({ path: '/agreements?stage=MOU&limit=1', token: host });
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(1);
    expect(first.body.items[0].stage).toBe('MOU');
    const second = await h.call({
      path: `/agreements?stage=MOU&limit=1&cursor=${encodeURIComponent(first.body.nextCursor as string)}`,
      token: host,
    });
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    const foreign = await h.call({
      path: `/agreements?stage=PKS&cursor=${encodeURIComponent(first.body.nextCursor as string)}`,
      token: host,
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors[0].field).toBe('query.cursor');
    const bad = await h.call({ path: '/agreements?stage=NOPE&limit=1000', token: host });
    expect(bad.status).toBe(400);
    expect((bad.body.errors as { field: string }[]).map((e) => e.field)).toEqual([
      'query.stage',
      'query.limit',
    ]);
  });

  it('answers 404 for an unknown agreement', async () => {
    const answer = await h.call({ path: '/agreements/01HZZZZZZZZZZZZZZZZZZZZZZZ', token: host });
    expect(answer.status).toBe(404);
    expectProblem(answer, 404);
  });

  it('serves the catalog and searches the regions', async () => {
    const apps = await h.call({ path: '/apps', token: host });
    expect(apps.status).toBe(200);
    expect((apps.body.items as { id: string }[]).map((a) => a.id)).toContain('sabilulungan');
    const regions = await h.call({ path: '/regions?q=kubu', token: host });
    expect(regions.body.items).toEqual([
      expect.objectContaining({ code: '61.12', name: 'Kabupaten Kubu Raya' }),
    ]);
    const tooShort = await h.call({ path: '/regions?q=k', token: host });
    expect(tooShort.status).toBe(400);
  });

  it('lets a web page on an allowed origin read answers and problems, and no other page', async () => {
    const allowed = await h.call({ path: '/apps', token: host, headers: { origin: WEB_ORIGIN } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe(WEB_ORIGIN);
    const refused = await h.call({
      path: '/agreements/nope',
      token: host,
      headers: { origin: WEB_ORIGIN },
    });
    expect(refused.headers.get('access-control-allow-origin')).toBe(WEB_ORIGIN);
    const elsewhere = await h.call({
      path: '/apps',
      token: host,
      headers: { origin: 'https://evil.example' },
    });
    expect(elsewhere.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('serves health and the OpenAPI document without a token', async () => {
    expect((await h.call({ path: '/health' })).body).toEqual({ status: 'ok' });
    const openapi = await h.call({ path: '/openapi.json' });
    expect(openapi.status).toBe(200);
  });

  it('answers an unknown path or method 404 as API Gateway does, and no or a forged token 401', async () => {
    expect((await h.call({ path: '/nowhere', token: host })).status).toBe(404);
    // Issue 21: API Gateway has no 405; a method the API lacks is its "no such path or method".
    const wrongMethod = await h.call({ method: 'DELETE', path: '/agreements', token: host });
    expectProblem(wrongMethod, 404);
    expect(wrongMethod.body).toMatchObject({
      type: 'urn:sepakat:problem:not-found',
      detail: 'The API has no such path or method: DELETE /agreements.',
    });
    // A trailing slash is another path, not silently the same route.
    const slash = await h.call({ path: '/agreements/', token: host });
    expectProblem(slash, 404);
    expect(slash.body.detail).toContain('Did you mean /agreements (without the trailing slash)?');
    expectProblem(await h.call({ path: '/agreements' }), 401);
    const forged = `${host.slice(0, -4)}AAAA`;
    expect((await h.call({ path: '/agreements', token: forged })).status).toBe(401);
  });
});
