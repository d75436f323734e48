// "Enter current stage": application/enter-stage.ts, for the state machine.
import {
  enterStageUseCase,
  type EnterStageTask,
  type Position,
} from '../application/enter-stage.ts';
import type { FunctionEnvironment, TaskOptions } from './shared/environment.ts';
import { onFirstCall, taskHandler } from './shared/middleware.ts';
import { wiring } from './shared/wiring.ts';

export function createHandler(env: FunctionEnvironment, options: TaskOptions = {}) {
  const deps = wiring(env, options);
  const enterStage = enterStageUseCase({
    agreements: deps.repository(),
    metrics: deps.metrics,
    now: deps.now,
  });
  return taskHandler<EnterStageTask, Position>(enterStage);
}

export const handler = onFirstCall(() => createHandler(process.env));
