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

/** API Gateway passes groups as a string ("a,b" or "[a b]"); a decoded JWT has an array. */
function groupsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((g): g is string => typeof g === 'string');
  return typeof value === 'string' ? value.split(/[\s,[\]]+/).filter(Boolean) : [];
}

/** The caller, or undefined for claims without a subject. A caller in no known group has no role. */
export function principalFromClaims(claims: Record<string, unknown>): Principal | undefined {
  const subject = claims.sub;
  if (typeof subject !== 'string' || subject === '') return undefined;
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
