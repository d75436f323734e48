// Listing agreements, a page at a time, narrowed by the filters of ListFilters (newest first, or
// with a term filter soonest end first). A partner coordinator sees only their own region's
// agreements.
import type { Principal } from '../domain/access.ts';
import type { Agreement } from '../domain/agreement.ts';
import type { AgreementStore, ListQuery, Page } from '../domain/ports.ts';
import { listsByTerm } from '../domain/term.ts';
import { AccessDeniedError } from './errors.ts';

export interface ListAgreementsDeps {
  agreements: Pick<AgreementStore, 'list'>;
  /** Today, for the term filters. */
  now: () => Date;
}

export interface ListAgreementsQuery extends Omit<ListQuery, 'asOf'> {
  principal: Principal;
}

/** The partner region a principal may look at: their own, whatever they ask for. */
export function regionInScope(principal: Principal, asked: string | undefined): string | undefined {
  if (principal.role !== 'PARTNER_COORDINATOR') return asked;
  if (asked && asked !== principal.regionCode) {
    throw new AccessDeniedError(
      `You see only the agreements of region ${principal.regionCode ?? ''}.`,
    );
  }
  return principal.regionCode;
}

export function listAgreementsUseCase(deps: ListAgreementsDeps) {
  return async ({ principal, ...query }: ListAgreementsQuery): Promise<Page<Agreement>> => {
    const partnerRegionCode = regionInScope(principal, query.partnerRegionCode);
    // Only what was given: the store reads an absent filter as "any".
    const given = Object.fromEntries(
      Object.entries({
        ...query,
        partnerRegionCode,
        asOf: listsByTerm(query) ? deps.now() : undefined,
      }).filter(([, value]) => value !== undefined),
    ) as unknown as ListQuery;
    return deps.agreements.list(given);
  };
}
