// Reading one agreement, as the caller may see it.
import type { Principal } from '../domain/access.ts';
import type { AgreementStore } from '../domain/ports.ts';
import { visibleAgreement } from './agreements.ts';

export interface GetAgreementDeps {
  agreements: Pick<AgreementStore, 'get'>;
}

export function getAgreementUseCase(deps: GetAgreementDeps) {
  return ({ principal, agreementId }: { principal: Principal; agreementId: string }) =>
    visibleAgreement(deps.agreements, principal, agreementId);
}
