import { describe, expect, it } from '@jest/globals';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { cors } from '../../functions/api/http/cors.ts';
import { proxyEvent, requestOf, type HttpRequest } from './request.ts';

const ALLOWED = 'https://sepakat.example.go.id';
const middleware = cors({ allowedOrigins: [ALLOWED, 'https://other.example'] });

function answered(origin: string | undefined, response?: APIGatewayProxyResult): HttpRequest {
  const request = requestOf(proxyEvent({ headers: origin ? { origin } : {} }));
  request.response = response ?? { statusCode: 200, headers: { a: '1' }, body: '{}' };
  return request;
}

describe('cors({ allowedOrigins })', () => {
  it('lets a page on an allowed origin read a success and a problem', () => {
    for (const hook of [middleware.after, middleware.onError]) {
      const request = answered(ALLOWED);
      void hook?.(request);
      expect(request.response?.headers).toEqual({
        a: '1',
        'access-control-allow-origin': ALLOWED,
        vary: 'Origin',
      });
    }
  });

  it('adds nothing for another origin or without one', () => {
    for (const origin of ['https://evil.example', undefined]) {
      const request = answered(origin);
      void middleware.after?.(request);
      expect(request.response?.headers).toEqual({ a: '1' });
    }
  });

  it('leaves a header the handler set itself as it is', () => {
    const request = answered(ALLOWED, { statusCode: 200, headers: { vary: 'Accept' }, body: '' });
    void middleware.after?.(request);
    expect(request.response?.headers?.vary).toBe('Accept');
  });

  it('does nothing to an error nobody answered', () => {
    const request = requestOf(proxyEvent({ headers: { origin: ALLOWED } }), new Error('x'));
    void middleware.onError?.(request);
    expect(request.response).toBeUndefined();
  });

  it('allows no origin when none is configured', () => {
    const request = answered(ALLOWED);
    void cors({ allowedOrigins: [] }).after?.(request);
    expect(request.response?.headers).toEqual({ a: '1' });
  });
});
