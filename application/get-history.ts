// Reading an agreement's audit history, oldest first, a page at a time.
import type { Principal } from '../domain/access.ts';
import type { AuditEvent } from '../domain/agreement.ts';
import type { AgreementStore, Page } from '../domain/ports.ts';
import { visibleAgreement } from './agreements.ts';

export interface GetHistoryDeps {
  agreements: Pick<AgreementStore, 'get' | 'history'>;
}

export interface GetHistoryQuery {
  principal: Principal;
  agreementId: string;
  limit: number;
  cursor?: string | undefined;
}

export function getHistoryUseCase(deps: GetHistoryDeps) {
  return async ({
    principal,
    agreementId,
    limit,
    cursor,
  }: GetHistoryQuery): Promise<Page<AuditEvent>> => {
    const agreement = await visibleAgreement(deps.agreements, principal, agreementId);
    return deps.agreements.history(agreement.id, { limit, ...(cursor ? { cursor } : {}) });
  };
}
