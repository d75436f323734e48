// The caller from an ID token's claims: Cognito groups, the custom region, and ID tokens only.
import { describe, expect, it } from '@jest/globals';
import { principalFromClaims } from '../../functions/api/principal.ts';

const HOST = { sub: 'host-1', 'cognito:groups': ['host-coordinators'], token_use: 'id' };

describe('principalFromClaims', () => {
  it('reads a coordinator from an ID token’s claims', () => {
    expect(principalFromClaims(HOST)).toEqual({ subject: 'host-1', role: 'HOST_COORDINATOR' });
  });

  it('refuses the claims of an access token, or of a token that says no kind', () => {
    expect(principalFromClaims({ ...HOST, token_use: 'access' })).toBeUndefined();
    expect(principalFromClaims({ ...HOST, token_use: undefined })).toBeUndefined();
  });

  it('refuses claims without a subject', () => {
    expect(principalFromClaims({ ...HOST, sub: '' })).toBeUndefined();
  });
});
