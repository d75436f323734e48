// "Enter current stage": application/enter-stage.ts, for the state machine.
import {
  enterStageUseCase,
  type EnterStageTask,
  type Position,
} from '../application/enter-stage.ts';
import type { FunctionEnvironment, TaskOptions } from './shared/environment.ts';
import { onFirstCall, taskHandler } from './shared/middleware.ts';
import { tableParts, wiring } from './shared/wiring/parts.ts';
import { workflowMetrics } from './shared/powertools.ts';

export function createHandler(env: FunctionEnvironment, options: TaskOptions = {}) {
  const enterStage = enterStageUseCase({
    ...tableParts(wiring(env, options)),
    metrics: workflowMetrics,
  });
  return taskHandler<EnterStageTask, Position>(enterStage);
}

export const handler = onFirstCall(() => createHandler(process.env));
