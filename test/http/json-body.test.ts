import { describe, expect, it } from '@jest/globals';
import { jsonBody } from '../../functions/api/http/json-body.ts';
import { Problem } from '../../functions/api/http/problems.ts';
import type { HttpEvent } from '../../functions/api/http/event.ts';
import { proxyEvent, requestOf } from './request.ts';

const JSON_TYPE = { 'content-type': 'application/json' };

function parsed(overrides: Partial<HttpEvent>, maxBytes = 64): unknown {
  const event = proxyEvent(overrides);
  void jsonBody({ maxBytes }).before?.(requestOf(event));
  return event.json;
}

function refusal(overrides: Partial<HttpEvent>, maxBytes = 64) {
  try {
    parsed(overrides, maxBytes);
  } catch (error) {
    if (error instanceof Problem) return { status: error.status, code: error.code };
    throw error;
  }
  throw new Error('the body was accepted');
}

describe('jsonBody()', () => {
  it('parses a JSON body into event.json and leaves the raw body as it was', () => {
    const event = proxyEvent({ headers: JSON_TYPE, body: '{"a":[1,2]}' });
    void jsonBody({ maxBytes: 64 }).before?.(requestOf(event));
    expect(event.json).toEqual({ a: [1, 2] });
    expect(event.body).toBe('{"a":[1,2]}');
  });

  it('has no body for a missing or empty one, whatever the media type', () => {
    expect(parsed({ body: null })).toBeUndefined();
    expect(parsed({ body: '', headers: { 'content-type': 'text/plain' } })).toBeUndefined();
  });

  it('decodes a base64-encoded body', () => {
    const body = Buffer.from('{"ok":true}').toString('base64');
    expect(parsed({ headers: JSON_TYPE, body, isBase64Encoded: true })).toEqual({ ok: true });
  });

  it('accepts JSON media types with parameters and +json suffixes', () => {
    for (const type of ['application/json; charset=utf-8', 'application/merge-patch+json']) {
      expect(parsed({ headers: { 'content-type': type }, body: '1' })).toBe(1);
    }
  });

  it('refuses a body over the limit with 413 before reading it', () => {
    const body = `"${'x'.repeat(63)}"`;
    expect(refusal({ headers: { 'content-type': 'text/plain' }, body })).toEqual({
      status: 413,
      code: 'too-large',
    });
    expect(parsed({ headers: JSON_TYPE, body }, body.length)).toBe('x'.repeat(63));
  });

  it('refuses a body that is not JSON by its media type with 415', () => {
    for (const headers of [{}, { 'content-type': 'text/plain' }, { 'content-type': 'json' }]) {
      expect(refusal({ headers, body: '{}' })).toEqual({
        status: 415,
        code: 'unsupported-media-type',
      });
    }
  });

  it('refuses malformed JSON with 400', () => {
    expect(refusal({ headers: JSON_TYPE, body: '{"a":' })).toEqual({
      status: 400,
      code: 'malformed-json',
    });
  });
});
