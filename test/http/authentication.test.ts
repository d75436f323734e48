import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { authentication, signedIn } from '../../functions/api/http/authentication.ts';
import type { HttpEvent } from '../../functions/api/http/event.ts';
import { Problem } from '../../functions/api/http/problems.ts';
import { TOKEN_REFUSALS } from '../../functions/api/principal.ts';
import { logger } from '../../functions/shared/powertools.ts';
import { proxyEvent, requestOf, withClaims } from './request.ts';

const HOST = { sub: 'host-1', 'cognito:groups': 'host-coordinators', email: 'h@example.go.id' };
const PARTNER = {
  sub: 'p-1',
  'cognito:groups': '[partner-coordinators]',
  'custom:region': '61.12',
};
const NOBODY = { sub: 'n-1', 'cognito:groups': 'visitors' };

function authenticate(required: boolean, event: HttpEvent): HttpEvent {
  void authentication({ required }).before?.(requestOf(event));
  return event;
}

function statusOf(run: () => unknown): number | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof Problem) return error.status;
    throw error;
  }
  return undefined;
}

afterEach(() => {
  jest.restoreAllMocks();
});

describe('authentication({ required: true })', () => {
  it('puts the caller from the Cognito claims on the event', () => {
    expect(authenticate(true, proxyEvent(withClaims(HOST))).principal).toEqual({
      subject: 'host-1',
      email: 'h@example.go.id',
      role: 'HOST_COORDINATOR',
    });
    expect(authenticate(true, proxyEvent(withClaims(PARTNER))).principal).toEqual({
      subject: 'p-1',
      role: 'PARTNER_COORDINATOR',
      regionCode: '61.12',
    });
  });

  it('answers 401 without claims or without a subject', () => {
    expect(statusOf(() => authenticate(true, proxyEvent()))).toBe(401);
    expect(statusOf(() => authenticate(true, proxyEvent(withClaims({ email: 'x' }))))).toBe(401);
  });

  it('answers 401 naming the wrong kind for an access token’s claims, even of a coordinator', () => {
    for (const tokenUse of ['access', '']) {
      const event = proxyEvent(withClaims({ ...HOST, token_use: tokenUse }));
      expect(() => authenticate(true, event)).toThrow(
        new Problem(401, 'unauthorized', 'Not signed in', TOKEN_REFUSALS.wrongKind),
      );
    }
  });

  it('answers 403 for a caller in no coordinators’ group', () => {
    expect(statusOf(() => authenticate(true, proxyEvent(withClaims(NOBODY))))).toBe(403);
  });

  it('adds the caller, role and agreement id to the log lines', () => {
    const appendKeys = jest.spyOn(logger, 'appendKeys');
    authenticate(true, proxyEvent({ ...withClaims(HOST), pathParameters: { id: 'AGR-7' } }));
    expect(appendKeys.mock.calls).toEqual([
      [{ caller: 'host-1', role: 'HOST_COORDINATOR' }],
      [{ agreementId: 'AGR-7' }],
    ]);
  });

  it('adds no log keys to a refused request', () => {
    const appendKeys = jest.spyOn(logger, 'appendKeys');
    statusOf(() => authenticate(true, proxyEvent({ pathParameters: { id: 'AGR-7' } })));
    expect(appendKeys).not.toHaveBeenCalled();
  });
});

describe('authentication({ required: false })', () => {
  it('lets a caller without claims through, with no principal', () => {
    const event = proxyEvent();
    event.principal = { subject: 'left over', role: 'HOST_COORDINATOR' };
    expect(authenticate(false, event).principal).toBeUndefined();
  });

  it('still learns a caller who sent a token, even one in no group', () => {
    expect(authenticate(false, proxyEvent(withClaims(NOBODY))).principal?.role).toBe('NONE');
  });
});

describe('signedIn()', () => {
  it('is the principal authentication left on the event, and 401 without one', () => {
    expect(signedIn(authenticate(true, proxyEvent(withClaims(HOST)))).subject).toBe('host-1');
    expect(statusOf(() => signedIn(proxyEvent()))).toBe(401);
  });
});
