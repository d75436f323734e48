// Recording a milestone, then waking the workflow to act on it.
import { actorOf, canRecord, type Principal } from '../domain/access.ts';
import { recordMilestone } from '../domain/lifecycle.ts';
import type { IdempotencyClaim, Log, Workflow, WriteResult } from '../domain/ports.ts';
import type { MilestoneInput } from '../domain/schemas.ts';
import {
  changeAsCoordinator,
  signalWorkflow,
  type CoordinatorChangeDeps,
} from './coordinator-change.ts';
import { AccessDeniedError } from './errors.ts';

export interface RecordMilestoneDeps extends CoordinatorChangeDeps {
  workflow: Pick<Workflow, 'wake'>;
  log: Log;
  now: () => Date;
}

export interface RecordMilestoneCommand {
  principal: Principal;
  agreementId: string;
  milestone: MilestoneInput;
  claim?: IdempotencyClaim | undefined;
}

export function recordMilestoneUseCase(deps: RecordMilestoneDeps) {
  return async ({ milestone, ...command }: RecordMilestoneCommand): Promise<WriteResult> => {
    const written = await changeAsCoordinator(deps, {
      ...command,
      authorize: (agreement) => {
        if (!canRecord(command.principal, agreement, milestone.type)) {
          throw new AccessDeniedError(
            `Your role may not record ${milestone.type} on this agreement.`,
          );
        }
      },
      apply: (agreement) =>
        recordMilestone(agreement, milestone, {
          now: deps.now(),
          actor: actorOf(command.principal),
        }),
    });
    // A replay's first request woke the workflow already.
    if (!written.replayed) {
      await signalWorkflow(
        deps.log,
        () => deps.workflow.wake(command.agreementId),
        'Milestone stored; the workflow will pick it up at its next timeout',
      );
    }
    return written;
  };
}
