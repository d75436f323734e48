// "Wait for ..." (`.waitForTaskToken`): application/await-milestone.ts, for the state machine.
import { awaitMilestoneUseCase, type AwaitMilestoneTask } from '../application/await-milestone.ts';
import type { FunctionEnvironment, TaskOptions } from './shared/environment.ts';
import { onFirstCall, taskHandler } from './shared/middleware.ts';
import { wiring } from './shared/wiring.ts';

export function createHandler(env: FunctionEnvironment, options: TaskOptions = {}) {
  const deps = wiring(env, options);
  const awaitMilestone = awaitMilestoneUseCase({
    agreements: deps.repository(),
    taskTokens: deps.repository(),
    waits: deps.waits(),
    now: deps.now,
  });
  return taskHandler<AwaitMilestoneTask, { stored: boolean; alreadyOver: boolean }>(awaitMilestone);
}

export const handler = onFirstCall(() => createHandler(process.env));
