// Cancelling an agreement, then ending its workflow's waits.
import { actorOf, canManage, type Principal } from '../domain/access.ts';
import { cancelAgreement } from '../domain/lifecycle.ts';
import type { IdempotencyClaim, Log, Workflow, WriteResult } from '../domain/ports.ts';
import type { CancelAgreementInput } from '../domain/schemas.ts';
import {
  changeAsCoordinator,
  signalWorkflow,
  type CoordinatorChangeDeps,
} from './coordinator-change.ts';
import { AccessDeniedError } from './errors.ts';

export interface CancelAgreementDeps extends CoordinatorChangeDeps {
  workflow: Pick<Workflow, 'cancel'>;
  log: Log;
  now: () => Date;
}

export interface CancelAgreementCommand {
  principal: Principal;
  agreementId: string;
  input: CancelAgreementInput;
  claim?: IdempotencyClaim | undefined;
}

export function cancelAgreementUseCase(deps: CancelAgreementDeps) {
  return async ({ input, ...command }: CancelAgreementCommand): Promise<WriteResult> => {
    const written = await changeAsCoordinator(deps, {
      ...command,
      authorize: () => {
        if (!canManage(command.principal)) {
          throw new AccessDeniedError('Your role may not cancel agreements.');
        }
      },
      apply: (agreement) =>
        cancelAgreement(agreement, input, { now: deps.now(), actor: actorOf(command.principal) }),
    });
    // The waits end even when this answer replays a write: ending them again is harmless,
    // and the first request's attempt may have failed.
    await signalWorkflow(
      deps.log,
      () => deps.workflow.cancel(command.agreementId),
      'Cancelled; the workflow will end at its next timeout',
    );
    return written;
  };
}
