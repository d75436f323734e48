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
 * How often a change is tried against a concurrently written agreement. Each conflict means
 * another writer got through, so a burst of writers drains one by one; backing off with jitter
 * spreads them out so that most get through. A conflict still left after the last attempt goes
 * up to the caller (the API's 409 conflict-retry, the task's Retry).
 */
export const CONFLICT_ATTEMPTS = 10;
/** The first backoff's upper bound; it doubles after each conflict, up to the cap. */
export const CONFLICT_BACKOFF_BASE_MS = 10;
export const CONFLICT_BACKOFF_CAP_MS = 400;

export interface RetryTiming {
  /** Waits that long; injectable so that tests need no timers. */
  sleep: (ms: number) => Promise<void>;
  /** In [0, 1), like Math.random. */
  random: () => number;
}

const realTiming: RetryTiming = {
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

/** The wait after the `conflicts`-th conflict: full jitter under an exponential bound. */
export function conflictBackoffMs(conflicts: number, random: () => number): number {
  const bound = Math.min(CONFLICT_BACKOFF_CAP_MS, CONFLICT_BACKOFF_BASE_MS * 2 ** (conflicts - 1));
  return Math.floor(random() * bound);
}

/**
 * Runs `attempt` again while it fails with a VersionConflictError, at most CONFLICT_ATTEMPTS
 * times, backing off between attempts. Each attempt must read the agreement afresh: it applies
 * the change to what is stored now.
 */
export async function retryOnConflict<T>(
  attempt: () => Promise<T>,
  timing: RetryTiming = realTiming,
): Promise<T> {
  for (let count = 1; ; count++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof VersionConflictError) || count >= CONFLICT_ATTEMPTS) throw error;
    }
    await timing.sleep(conflictBackoffMs(count, timing.random));
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
