import type { Agreement } from '../../domain/agreement.ts';
import {
  AgreementNotFoundError,
  VersionConflictError,
  type AgreementRepository,
} from '../../domain/ports.ts';
import { ownedBy, type WorkflowChange } from '../../domain/execution.ts';
import { SupersededError } from './errors.ts';
import type { TaskEvent } from './middleware.ts';

const MAX_ATTEMPTS = 5;

export async function readAgreement(
  repository: AgreementRepository,
  agreementId: string,
): Promise<Agreement> {
  const agreement = await repository.get(agreementId);
  if (!agreement) throw new AgreementNotFoundError(agreementId);
  return agreement;
}

/** The agreement, if this task's execution still drives it. */
export async function ownedAgreement(
  repository: AgreementRepository,
  event: TaskEvent,
): Promise<Agreement> {
  const agreement = await readAgreement(repository, event.agreementId);
  if (!ownedBy(agreement, event.executionArn)) {
    throw new SupersededError(event.agreementId, event.executionArn);
  }
  return agreement;
}

/**
 * Applies a change to the latest agreement; a concurrent writer (the API recording a
 * milestone) makes it re-read and apply again. `change` returns undefined for "nothing to do".
 */
export async function changeAgreement(
  repository: AgreementRepository,
  read: () => Promise<Agreement>,
  change: (agreement: Agreement) => WorkflowChange | undefined,
): Promise<Agreement> {
  for (let attempt = 1; ; attempt++) {
    const agreement = await read();
    const changed = change(agreement);
    if (!changed) return agreement;
    try {
      await repository.update(changed.agreement, changed.events);
      return changed.agreement;
    } catch (error) {
      if (!(error instanceof VersionConflictError) || attempt === MAX_ATTEMPTS) throw error;
    }
  }
}
