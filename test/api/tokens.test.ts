// Tokens the local API refuses as Cognito's authorizer would: only an unexpired ID token of
// this API's key, issued in the past. The 401 says which check failed, and nothing more.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SignJWT, type JWTPayload } from 'jose';
import { startApiHarness, type ApiHarness } from '../support/api.ts';

let h: ApiHarness;

beforeAll(async () => {
  h = await startApiHarness();
});

afterAll(async () => {
  await h.close();
});

const now = () => Math.floor(Date.now() / 1000);

/** A host coordinator's token as signDevToken makes it, with `change` applied to its claims. */
function hostToken(
  change: (claims: JWTPayload) => JWTPayload = (claims) => claims,
): Promise<string> {
  const claims = change({
    sub: 'local-host-all',
    email: 'host-coordinator@sepakat.example.go.id',
    'cognito:groups': ['host-coordinators'],
    token_use: 'id',
    iss: 'sepakat-local',
    aud: 'sepakat-local',
    iat: now(),
    exp: now() + 3600,
  });
  return new SignJWT(claims).setProtectedHeader({ alg: 'ES256' }).sign(h.key.privateKey);
}

function without(claims: JWTPayload, name: string): JWTPayload {
  return Object.fromEntries(Object.entries(claims).filter(([key]) => key !== name));
}

async function refusal(token: string) {
  const answer = await h.call({ path: '/agreements', token });
  expect(answer.status).toBe(401);
  expect(answer.headers.get('content-type')).toBe('application/problem+json');
  expect(answer.headers.get('www-authenticate')).toBe('Bearer');
  return (answer.body as { detail: string }).detail;
}

describe('the local API’s tokens', () => {
  it('accepts an unexpired ID token issued now', async () => {
    expect((await h.call({ path: '/agreements', token: await hostToken() })).status).toBe(200);
  });

  it('refuses an expired token as expired', async () => {
    const token = await hostToken((c) => ({ ...c, iat: now() - 7200, exp: now() - 60 }));
    expect(await refusal(token)).toBe('The token has expired; sign in again.');
  });

  it('refuses a token issued in the future as not yet valid', async () => {
    const token = await hostToken((c) => ({ ...c, iat: now() + 3600, exp: now() + 7200 }));
    expect(await refusal(token)).toBe('The token is not valid yet.');
  });

  it('refuses a token without an expiry, or an access token, as the wrong kind', async () => {
    const withoutExp = await hostToken((claims) => without(claims, 'exp'));
    const access = await hostToken((c) => ({ ...c, token_use: 'access' }));
    const noUse = await hostToken((claims) => without(claims, 'token_use'));
    for (const token of [withoutExp, access, noUse]) {
      expect(await refusal(token)).toBe('The token is not an ID token of this API; sign in again.');
    }
  });

  it('refuses a forged or unreadable token as a bad signature', async () => {
    const token = await hostToken();
    for (const forged of [`${token.slice(0, -4)}AAAA`, 'not-a-token']) {
      expect(await refusal(forged)).toBe('The token’s signature does not verify.');
    }
  });
});
