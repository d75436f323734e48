// Loading an agreement for a use case: as it is, as the caller may see it, or as the task's
// execution still drives it.
import { canSee, type Principal } from '../domain/access.ts';
import type { Agreement } from '../domain/agreement.ts';
import { AgreementNotFoundError, type AgreementStore, type Log } from '../domain/ports.ts';
import { ownedBy } from '../domain/execution.ts';
import { SupersededError } from './errors.ts';

/** What every task of the state machine is about. */
export interface TaskRef {
  agreementId: string;
  executionArn: string;
}

export type AgreementReader = Pick<AgreementStore, 'get'>;

/** What a use case that changes agreements needs at the least. */
export interface ChangeDeps {
  agreements: Pick<AgreementStore, 'get' | 'update'>;
  log: Log;
  now: () => Date;
}

export async function readAgreement(
  store: AgreementReader,
  agreementId: string,
): Promise<Agreement> {
  const agreement = await store.get(agreementId);
  if (!agreement) throw new AgreementNotFoundError(agreementId);
  return agreement;
}

/** The agreement, if the caller may see it: one they may not is as missing (no leaks). */
export async function visibleAgreement(
  store: AgreementReader,
  principal: Principal,
  agreementId: string,
): Promise<Agreement> {
  const agreement = await store.get(agreementId);
  if (!agreement || !canSee(principal, agreement)) throw new AgreementNotFoundError(agreementId);
  return agreement;
}

/** The agreement, if this task's execution still drives it. */
export async function ownedAgreement(store: AgreementReader, task: TaskRef): Promise<Agreement> {
  const agreement = await readAgreement(store, task.agreementId);
  if (!ownedBy(agreement, task.executionArn)) {
    throw new SupersededError(task.agreementId, task.executionArn);
  }
  return agreement;
}
