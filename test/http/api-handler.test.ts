// The composition: the middlewares in apiHandler's order, around a handler body.
import { describe, expect, it } from '@jest/globals';
import type { Context } from 'aws-lambda';
import { apiHandler, MAX_BODY_BYTES, type ApiRequest } from '../../functions/api/http.ts';
import { problemOf, proxyEvent, withClaims } from './request.ts';

const ORIGIN = 'https://sepakat.example.go.id';
const env = { ALLOWED_ORIGINS: `${ORIGIN},https://other.example` };
const context = { functionName: 'sepakat-test', awsRequestId: 'req-1' } as Context;
const HOST = { sub: 'host-1', 'cognito:groups': 'host-coordinators' };

describe('apiHandler', () => {
  it('hands a signed-in route the parsed request and answers JSON with CORS headers', async () => {
    const seen: ApiRequest[] = [];
    const handler = apiHandler({ auth: true, env }, (request) => {
      seen.push(request);
      return Promise.resolve({ status: 201, body: { ok: true }, headers: { location: '/x/1' } });
    });
    const response = await handler(
      proxyEvent({
        ...withClaims(HOST),
        httpMethod: 'POST',
        headers: { Origin: ORIGIN, 'Content-Type': 'application/json', 'Idempotency-Key': 'k' },
        pathParameters: { id: 'AGR-1' },
        queryStringParameters: { limit: '5', cursor: undefined },
        body: '{"reason":"done"}',
      }),
      context,
    );
    expect(response).toEqual({
      statusCode: 201,
      headers: {
        'content-type': 'application/json',
        location: '/x/1',
        'access-control-allow-origin': ORIGIN,
        vary: 'Origin',
      },
      body: '{"ok":true}',
    });
    expect(seen).toEqual([
      {
        principal: { subject: 'host-1', role: 'HOST_COORDINATOR' },
        pathParameters: { id: 'AGR-1' },
        query: { limit: '5' },
        headers: {
          origin: ORIGIN,
          'content-type': 'application/json',
          'idempotency-key': 'k',
        },
        body: { reason: 'done' },
      },
    ]);
  });

  it('refuses before parsing: an anonymous call with a bad body is 401, with CORS headers', async () => {
    const handler = apiHandler({ auth: true, env }, () => {
      throw new Error('not reached');
    });
    const response = await handler(proxyEvent({ headers: { origin: ORIGIN }, body: '{' }), context);
    expect(response.statusCode).toBe(401);
    expect(response.headers).toEqual({
      'content-type': 'application/problem+json',
      'access-control-allow-origin': ORIGIN,
      vary: 'Origin',
    });
    expect(problemOf(response).type).toBe('urn:sepakat:problem:unauthorized');
  });

  it('answers a body over MAX_BODY_BYTES with 413 after authentication', async () => {
    const handler = apiHandler({ auth: true, env }, () =>
      Promise.resolve({ status: 200, body: 1 }),
    );
    const response = await handler(
      proxyEvent({
        ...withClaims(HOST),
        headers: { 'content-type': 'application/json' },
        body: `"${'x'.repeat(MAX_BODY_BYTES)}"`,
      }),
      context,
    );
    expect(problemOf(response)).toMatchObject({
      status: 413,
      type: 'urn:sepakat:problem:too-large',
    });
  });

  it('answers a failing body with 500 problem details', async () => {
    const handler = apiHandler({ auth: false, env }, () => Promise.reject(new Error('boom')));
    const response = await handler(proxyEvent({ path: '/health' }), context);
    expect(problemOf(response)).toMatchObject({ status: 500, instance: '/health' });
  });

  it('runs a public route without a caller, and tells it the caller who sent a token', async () => {
    const handler = apiHandler({ auth: false, env }, ({ principal }) =>
      Promise.resolve({ status: 200, body: { caller: principal?.subject ?? null } }),
    );
    expect((await handler(proxyEvent(), context)).body).toBe('{"caller":null}');
    expect((await handler(proxyEvent(withClaims(HOST)), context)).body).toBe('{"caller":"host-1"}');
  });
});
