// "Plan ... reminders": application/plan-wait.ts, for the state machine.
import { planWaitUseCase, type PlanWaitTask } from '../application/plan-wait.ts';
import type { WaitPlan } from '../domain/workflow.ts';
import type { FunctionEnvironment, TaskOptions } from './shared/environment.ts';
import { onFirstCall, taskHandler } from './shared/middleware.ts';
import { wiring } from './shared/wiring.ts';

export function createHandler(env: FunctionEnvironment, options: TaskOptions = {}) {
  const deps = wiring(env, options);
  return taskHandler<PlanWaitTask, WaitPlan>(
    planWaitUseCase({ agreements: deps.repository(), now: deps.now }),
  );
}

export const handler = onFirstCall(() => createHandler(process.env));
