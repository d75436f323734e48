// "Continue in a new execution": hands the agreement to a fresh execution before this one
// reaches Step Functions' one-year / 25,000-event limits. The new one resumes from the record.
import type { AgreementStore, Workflow } from '../domain/ports.ts';
import { ownedAgreement, type TaskRef } from './agreements.ts';

export interface RenewExecutionDeps {
  agreements: Pick<AgreementStore, 'get'>;
  /** The workflow of the state machine the task runs in (the task names it). */
  workflowOf: (stateMachineArn: string) => Pick<Workflow, 'start'>;
}

export interface RenewExecutionTask extends TaskRef {
  stateMachineArn: string;
}

export function renewExecutionUseCase(deps: RenewExecutionDeps) {
  return async (task: RenewExecutionTask): Promise<{ executionArn: string }> => {
    const agreement = await ownedAgreement(deps.agreements, task);
    return deps.workflowOf(task.stateMachineArn).start(agreement, 'renewed');
  };
}
