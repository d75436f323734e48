// "Continue in a new execution": application/renew-execution.ts, for the state machine.
import { renewExecutionUseCase, type RenewExecutionTask } from '../application/renew-execution.ts';
import type { FunctionEnvironment, TaskOptions } from './shared/environment.ts';
import { onFirstCall, taskHandler } from './shared/middleware.ts';
import { wiring } from './shared/wiring.ts';

export function createHandler(env: FunctionEnvironment, options: TaskOptions = {}) {
  const deps = wiring(env, options);
  return taskHandler<RenewExecutionTask, { executionArn: string }>(
    renewExecutionUseCase({ agreements: deps.repository(), workflowOf: deps.workflow }),
  );
}

export const handler = onFirstCall(() => createHandler(process.env));
