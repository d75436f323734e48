// "Close follow-up": application/close-follow-up.ts, for the state machine.
import type { TaskRef } from '../application/agreements.ts';
import { closeFollowUpUseCase } from '../application/close-follow-up.ts';
import type { FunctionEnvironment, TaskOptions } from './shared/environment.ts';
import { onFirstCall, taskHandler } from './shared/middleware.ts';
import { wiring } from './shared/wiring.ts';

export function createHandler(env: FunctionEnvironment, options: TaskOptions = {}) {
  const deps = wiring(env, options);
  return taskHandler<TaskRef, { stage: string }>(
    closeFollowUpUseCase({ agreements: deps.repository(), now: deps.now }),
  );
}

export const handler = onFirstCall(() => createHandler(process.env));
