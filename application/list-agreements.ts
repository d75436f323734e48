// Listing agreements, newest first (by their term's end, soonest first, with a term filter), a
// page at a time. A partner coordinator sees only their own region's agreements.
import type { Principal } from '../domain/access.ts';
import type { Agreement } from '../domain/agreement.ts';
import type { AgreementStore, Page } from '../domain/ports.ts';
import type { Stage } from '../domain/schemas.ts';
import type { TermStatus } from '../domain/term.ts';
import { AccessDeniedError } from './errors.ts';

export interface ListAgreementsDeps {
  agreements: Pick<AgreementStore, 'list'>;
  /** Today, for the term filters. */
  now: () => Date;
}

export interface ListAgreementsQuery {
  principal: Principal;
  limit: number;
  stage?: Stage | undefined;
  partnerRegionCode?: string | undefined;
  cursor?: string | undefined;
  termStatus?: TermStatus | undefined;
  expiringWithinDays?: number | undefined;
}

export function listAgreementsUseCase(deps: ListAgreementsDeps) {
  return async ({ principal, ...query }: ListAgreementsQuery): Promise<Page<Agreement>> => {
    let partnerRegionCode = query.partnerRegionCode;
    if (principal.role === 'PARTNER_COORDINATOR') {
      if (partnerRegionCode && partnerRegionCode !== principal.regionCode) {
        throw new AccessDeniedError(
          `You see only the agreements of region ${principal.regionCode ?? ''}.`,
        );
      }
      partnerRegionCode = principal.regionCode;
    }
    return deps.agreements.list({
      limit: query.limit,
      ...(query.stage ? { stage: query.stage } : {}),
      ...(partnerRegionCode ? { partnerRegionCode } : {}),
      ...(query.cursor ? { cursor: query.cursor } : {}),
      ...(query.termStatus ? { termStatus: query.termStatus } : {}),
      ...(query.expiringWithinDays === undefined
        ? {}
        : { expiringWithinDays: query.expiringWithinDays }),
      ...(query.termStatus || query.expiringWithinDays !== undefined ? { asOf: deps.now() } : {}),
    });
  };
}
