// Recording a milestone, then waking the workflow to act on it.
import { canRecord, type Principal } from '../domain/access.ts';
import type { Agreement } from '../domain/agreement.ts';
import { needsNewExecution } from '../domain/execution.ts';
import { recordMilestone } from '../domain/lifecycle.ts';
import type { Workflow } from '../domain/ports.ts';
import type { MilestoneInput } from '../domain/schemas.ts';
import { coordinatorChange, type CoordinatorChangeDeps } from './coordinator-change.ts';
import { AccessDeniedError } from './errors.ts';

/** Only the coordinators of the sides that take part in a milestone record it. */
function authorize(principal: Principal, agreement: Agreement, milestone: MilestoneInput): void {
  if (!canRecord(principal, agreement, milestone.type)) {
    throw new AccessDeniedError(`Your role may not record ${milestone.type} on this agreement.`);
  }
}

export function recordMilestoneUseCase(
  deps: CoordinatorChangeDeps & { workflow: Pick<Workflow, 'wake' | 'start'> },
) {
  /** Wakes the waits; a completed agreement whose term is watched again gets a new execution. */
  const signal = async (agreementId: string) => {
    await deps.workflow.wake(agreementId);
    const agreement = await deps.agreements.get(agreementId);
    if (agreement && needsNewExecution(agreement, deps.now())) {
      await deps.workflow.start(agreement, 'resumed');
    }
  };
  return coordinatorChange(deps, {
    authorize,
    apply: recordMilestone,
    signal,
    // A replay's first request woke the workflow already.
    signalReplays: false,
    ifSignalFailed: 'Milestone stored; the workflow will pick it up at its next timeout',
  });
}
