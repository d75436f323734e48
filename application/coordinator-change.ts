// What recording a milestone and cancelling share: a coordinator's change to a stored
// agreement, then a signal to its workflow that may fail without failing the request.
import type { Principal } from '../domain/access.ts';
import type { Agreement } from '../domain/agreement.ts';
import type { Outcome } from '../domain/lifecycle.ts';
import type {
  AgreementStore,
  IdempotencyClaim,
  IdempotencyStore,
  Log,
  WriteResult,
} from '../domain/ports.ts';
import { visibleAgreement } from './agreements.ts';
import { retryOnConflict, writeOnce } from './commit.ts';

export interface CoordinatorChangeDeps {
  agreements: Pick<AgreementStore, 'get' | 'update'>;
  idempotency: IdempotencyStore;
}

export interface CoordinatorChange {
  principal: Principal;
  agreementId: string;
  claim?: IdempotencyClaim | undefined;
  /** Throws an AccessDeniedError if the caller may not make this change to this agreement. */
  authorize: (agreement: Agreement) => void;
  apply: (agreement: Agreement) => Outcome;
}

/**
 * Loads the agreement as the caller may see it, checks their access, and writes the change
 * once. Another writer (a coordinator, or the workflow counting a reminder) may get there
 * first: the change is then applied again to what is stored now.
 */
export function changeAsCoordinator(
  deps: CoordinatorChangeDeps,
  change: CoordinatorChange,
): Promise<WriteResult> {
  return retryOnConflict(async () => {
    const agreement = await visibleAgreement(deps.agreements, change.principal, change.agreementId);
    change.authorize(agreement);
    return writeOnce(
      deps.idempotency,
      change.claim,
      () => change.apply(agreement),
      (changed, events) => deps.agreements.update(changed, events, change.claim),
    );
  });
}

/** Tells the workflow about a stored change; if that fails, the wait's next timeout reads it. */
export async function signalWorkflow(
  log: Log,
  signal: () => Promise<unknown>,
  ifFailed: string,
): Promise<void> {
  await signal().catch((error: unknown) => {
    log.warn(ifFailed, { error: String(error) });
  });
}
