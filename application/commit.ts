// Storing a change: the one place that retries when a concurrent writer got there first, and
// the one way a request with an idempotency key is answered from its first result.
import type { Agreement, AuditEventDraft } from '../domain/agreement.ts';
import type { Outcome } from '../domain/lifecycle.ts';
import {
  VersionConflictError,
  type AgreementStore,
  type IdempotencyClaim,
  type IdempotencyStore,
  type WriteResult,
} from '../domain/ports.ts';
import type { WorkflowChange } from '../domain/execution.ts';
import { RuleRejectedError } from './errors.ts';

/**
 * How often a change is tried against a concurrently written agreement. Writers are few (a
 * coordinator or two, the workflow counting a reminder), so a run of conflicts this long means
 * something is wrong; the error then goes up to the caller (the API's 500, the task's Retry).
 */
export const CONFLICT_ATTEMPTS = 5;

/**
 * Runs `attempt` again while it fails with a VersionConflictError, at most CONFLICT_ATTEMPTS
 * times. Each attempt must read the agreement afresh: it applies the change to what is stored now.
 */
export async function retryOnConflict<T>(attempt: () => Promise<T>): Promise<T> {
  for (let count = 1; ; count++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof VersionConflictError) || count >= CONFLICT_ATTEMPTS) throw error;
    }
  }
}

/**
 * Applies a workflow change to the latest agreement and stores it. `change` returns undefined
 * for "nothing to do"; the answer is then the agreement as read.
 */
export function changeAgreement(
  store: Pick<AgreementStore, 'update'>,
  read: () => Promise<Agreement>,
  change: (agreement: Agreement) => WorkflowChange | undefined,
): Promise<Agreement> {
  return retryOnConflict(async () => {
    const agreement = await read();
    const changed = change(agreement);
    if (!changed) return agreement;
    await store.update(changed.agreement, changed.events);
    return changed.agreement;
  });
}

/**
 * A coordinator's change: the first result if the idempotency key was used before, else the
 * rule's outcome written (with the key's claim in the same transaction) or its rejection.
 */
export async function writeOnce(
  idempotency: IdempotencyStore,
  claim: IdempotencyClaim | undefined,
  apply: () => Outcome,
  write: (agreement: Agreement, events: AuditEventDraft[]) => Promise<WriteResult>,
): Promise<WriteResult> {
  const replay = claim ? await idempotency.replay(claim) : undefined;
  if (replay) return { agreement: replay, replayed: true };
  const outcome = apply();
  if (!outcome.ok) throw new RuleRejectedError(outcome.rejection);
  return write(outcome.agreement, outcome.events);
}
