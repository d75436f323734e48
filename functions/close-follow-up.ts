// "Close follow-up": application/close-follow-up.ts, for the state machine.
import type { TaskRef } from '../application/agreements.ts';
import { closeFollowUpUseCase } from '../application/close-follow-up.ts';
import type { FunctionEnvironment, TaskOptions } from './shared/environment.ts';
import { onFirstCall, taskHandler } from './shared/middleware.ts';
import { tableParts, wiring } from './shared/wiring/parts.ts';

export function createHandler(env: FunctionEnvironment, options: TaskOptions = {}) {
  return taskHandler<TaskRef, { stage: string }>(
    closeFollowUpUseCase(tableParts(wiring(env, options))),
  );
}

export const handler = onFirstCall(() => createHandler(process.env));
