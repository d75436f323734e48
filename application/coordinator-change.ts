// What recording a milestone and cancelling share: a coordinator's change to a stored
// agreement, then a signal to its workflow that may fail without failing the request (the
// wait's next timeout reads the change).
import { actorOf, type Principal } from '../domain/access.ts';
import type { Agreement } from '../domain/agreement.ts';
import type { ChangeContext, Outcome } from '../domain/lifecycle.ts';
import type { IdempotencyClaim, IdempotencyStore, WriteResult } from '../domain/ports.ts';
import { visibleAgreement, type ChangeDeps } from './agreements.ts';
import { retryOnConflict, writeOnce } from './commit.ts';

export interface CoordinatorChangeDeps extends ChangeDeps {
  idempotency: IdempotencyStore;
}

/** Who changes which agreement with what, and the claim of their Idempotency-Key, if any. */
export interface CoordinatorCommand<I> {
  principal: Principal;
  agreementId: string;
  input: I;
  claim?: IdempotencyClaim | undefined;
}

/** One kind of coordinator's change. */
export interface CoordinatorRule<I> {
  /** Throws an AccessDeniedError if the caller may not make this change to this agreement. */
  authorize: (principal: Principal, agreement: Agreement, input: I) => void;
  /** The domain rule (domain/lifecycle.ts). */
  apply: (agreement: Agreement, input: I, context: ChangeContext) => Outcome;
  /** Tells the workflow about the stored change. */
  signal: (agreementId: string) => Promise<unknown>;
  /** Whether a replayed answer signals again (when the first request's signal may have failed). */
  signalReplays: boolean;
  /** What the log says when the signal fails: the wait's next timeout reads the change. */
  ifSignalFailed: string;
}

/**
 * The use case of a rule: loads the agreement as the caller may see it, checks their access,
 * and writes the change once. Another writer (a coordinator, or the workflow counting a
 * reminder) may get there first: the change is then applied again to what is stored now.
 */
export function coordinatorChange<I>(deps: CoordinatorChangeDeps, rule: CoordinatorRule<I>) {
  return async ({
    principal,
    agreementId,
    input,
    claim,
  }: CoordinatorCommand<I>): Promise<WriteResult> => {
    const written = await retryOnConflict(async () => {
      const agreement = await visibleAgreement(deps.agreements, principal, agreementId);
      rule.authorize(principal, agreement, input);
      return writeOnce(
        deps.idempotency,
        claim,
        () => rule.apply(agreement, input, { now: deps.now(), ...actorOf(principal) }),
        (changed, events) => deps.agreements.update(changed, events, claim),
      );
    });
    if (rule.signalReplays || !written.replayed) {
      await rule.signal(agreementId).catch((error: unknown) => {
        deps.log.warn(rule.ifSignalFailed, { error: String(error) });
      });
    }
    return written;
  };
}
