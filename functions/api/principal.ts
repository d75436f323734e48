// Coordinators as the identity provider describes them: Cognito groups and a custom region
// attribute. Local development tokens carry the same claim names.
import type { Principal, Role } from '../../domain/access.ts';
import { REGION_CODE_PATTERN } from '../../domain/regions/region-code.ts';

export const GROUPS: Record<Role, string> = {
  HOST_COORDINATOR: 'host-coordinators',
  PARTNER_COORDINATOR: 'partner-coordinators',
};
export const REGION_CLAIM = 'custom:region';
export const GROUPS_CLAIM = 'cognito:groups';

/** Why a token is refused, as a 401 says it: which check failed, and nothing more. */
export const TOKEN_REFUSALS = {
  expired: 'The token has expired; sign in again.',
  notYetValid: 'The token is not valid yet.',
  wrongKind: 'The token is not an ID token of this API; sign in again.',
  badSignature: 'The token’s signature does not verify.',
} as const;
export type TokenRefusal = keyof typeof TOKEN_REFUSALS;

/**
 * Whether the claims are an ID token's. Cognito's authorizer also lets access tokens through,
 * and they carry no email nor custom attributes: this API takes ID tokens only.
 */
export function isIdToken(claims: Record<string, unknown>): boolean {
  return claims.token_use === 'id';
}

/** API Gateway passes groups as a string ("a,b" or "[a b]"); a decoded JWT has an array. */
function groupsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((g): g is string => typeof g === 'string');
  return typeof value === 'string' ? value.split(/[\s,[\]]+/).filter(Boolean) : [];
}

/**
 * The caller, or undefined for claims without a subject or of another token than an ID token.
 * A caller in no known group has no role.
 */
export function principalFromClaims(claims: Record<string, unknown>): Principal | undefined {
  const subject = claims.sub;
  if (typeof subject !== 'string' || subject === '' || !isIdToken(claims)) return undefined;
  const groups = groupsOf(claims[GROUPS_CLAIM]);
  const region = claims[REGION_CLAIM];
  const regionCode =
    typeof region === 'string' && REGION_CODE_PATTERN.test(region) ? region : undefined;
  const email = typeof claims.email === 'string' ? claims.email : undefined;
  const base = { subject, ...(email ? { email } : {}) };
  if (groups.includes(GROUPS.HOST_COORDINATOR)) return { ...base, role: 'HOST_COORDINATOR' };
  if (groups.includes(GROUPS.PARTNER_COORDINATOR) && regionCode) {
    return { ...base, role: 'PARTNER_COORDINATOR', regionCode };
  }
  return { ...base, role: 'NONE' };
}
