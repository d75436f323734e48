// Cancelling an agreement, then ending its workflow's waits.
import { canManage } from '../domain/access.ts';
import { cancelAgreement } from '../domain/lifecycle.ts';
import type { Workflow } from '../domain/ports.ts';
import { coordinatorChange, type CoordinatorChangeDeps } from './coordinator-change.ts';
import { AccessDeniedError } from './errors.ts';

export function cancelAgreementUseCase(
  deps: CoordinatorChangeDeps & { workflow: Pick<Workflow, 'cancel'> },
) {
  return coordinatorChange(deps, {
    // Checked once the agreement is found: a partner of another region gets a 404, as elsewhere.
    authorize: (principal) => {
      if (!canManage(principal))
        throw new AccessDeniedError('Your role may not cancel agreements.');
    },
    apply: cancelAgreement,
    signal: (agreementId) => deps.workflow.cancel(agreementId),
    // Ending the waits again is harmless, and the first request's attempt may have failed.
    signalReplays: true,
    ifSignalFailed: 'Cancelled; the workflow will end at its next timeout',
  });
}
