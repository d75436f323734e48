// "Continue in a new execution": application/renew-execution.ts, for the state machine.
import { renewExecutionUseCase, type RenewExecutionTask } from '../application/renew-execution.ts';
import type { FunctionEnvironment, TaskOptions } from './shared/environment.ts';
import { onFirstCall, taskHandler } from './shared/middleware.ts';
import { tableParts, wiring, workflowOf } from './shared/wiring/parts.ts';

export function createHandler(env: FunctionEnvironment, options: TaskOptions = {}) {
  const w = wiring(env, options);
  const renewExecution = renewExecutionUseCase({
    ...tableParts(w),
    workflowOf: (stateMachineArn) => workflowOf(w, stateMachineArn),
  });
  return taskHandler<RenewExecutionTask, { executionArn: string }>(renewExecution);
}

export const handler = onFirstCall(() => createHandler(process.env));
