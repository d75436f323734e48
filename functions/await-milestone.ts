// "Wait for ..." (`.waitForTaskToken`): application/await-milestone.ts, for the state machine.
import { awaitMilestoneUseCase, type AwaitMilestoneTask } from '../application/await-milestone.ts';
import type { FunctionEnvironment, TaskOptions } from './shared/environment.ts';
import { onFirstCall, taskHandler } from './shared/middleware.ts';
import { tableParts, waitsOf, wiring } from './shared/wiring/parts.ts';

export function createHandler(env: FunctionEnvironment, options: TaskOptions = {}) {
  const w = wiring(env, options);
  const awaitMilestone = awaitMilestoneUseCase({ ...tableParts(w), waits: waitsOf(w) });
  return taskHandler<AwaitMilestoneTask, { stored: boolean; alreadyOver: boolean }>(awaitMilestone);
}

export const handler = onFirstCall(() => createHandler(process.env));
