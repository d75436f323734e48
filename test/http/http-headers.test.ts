import { describe, expect, it } from '@jest/globals';
import { httpHeaders } from '../../functions/api/http/http-headers.ts';
import type { HttpEvent } from '../../functions/api/http/event.ts';
import { proxyEvent, requestOf } from './request.ts';

const before = (event: HttpEvent) => {
  void httpHeaders().before?.(requestOf(event));
  return event.headers;
};

describe('httpHeaders()', () => {
  it('lower-cases the header names and keeps the values', () => {
    const headers = before(
      proxyEvent({ headers: { 'Content-Type': 'application/json', Origin: 'https://a.example' } }),
    );
    expect(headers).toEqual({ 'content-type': 'application/json', origin: 'https://a.example' });
  });

  it('drops headers without a value', () => {
    expect(before(proxyEvent({ headers: { Accept: undefined, 'X-Id': '1' } }))).toEqual({
      'x-id': '1',
    });
  });

  it('gives local callers that send no headers an empty map', () => {
    const event = proxyEvent();
    (event as { headers: unknown }).headers = null;
    expect(before(event)).toEqual({});
    delete (event as { headers?: unknown }).headers;
    expect(before(event)).toEqual({});
  });
});
