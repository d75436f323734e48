// "Resume nudges" (POST /agreements/{id}/nudges/resume): a host coordinator wakes the dormant
// waits of an agreement with a fresh ladder (domain/dormancy.ts), then the workflow's waits
// plan again. A milestone does the same on its own (domain/lifecycle.ts); a change of the
// contacts calls `wakeDormantWaits` in its own change and wakes the workflow the same way.
import { canManage } from '../domain/access.ts';
import { resumeNudges } from '../domain/dormancy.ts';
import type { Workflow } from '../domain/ports.ts';
import { coordinatorChange, type CoordinatorChangeDeps } from './coordinator-change.ts';
import { AccessDeniedError } from './errors.ts';

export function resumeNudgesUseCase(
  deps: CoordinatorChangeDeps & { workflow: Pick<Workflow, 'wake'> },
) {
  return coordinatorChange<unknown>(deps, {
    authorize: (principal) => {
      if (!canManage(principal)) {
        throw new AccessDeniedError('Only host coordinators may resume the nudges.');
      }
    },
    apply: resumeNudges,
    signal: (agreementId) => deps.workflow.wake(agreementId),
    // Waking again is harmless, and a dormant wait sleeps long: a failed first wake-up must not stay.
    signalReplays: true,
    ifSignalFailed: 'Nudges resumed; the waits plan again when next woken or at their timeout',
  });
}
