// "Plan ... reminders": application/plan-wait.ts, for the state machine.
import { planWaitUseCase, type PlanWaitTask } from '../application/plan-wait.ts';
import type { TermAwarePlan } from '../domain/term-plan.ts';
import type { FunctionEnvironment, TaskOptions } from './shared/environment.ts';
import { onFirstCall, taskHandler } from './shared/middleware.ts';
import { tableParts, wiring } from './shared/wiring/parts.ts';

export function createHandler(env: FunctionEnvironment, options: TaskOptions = {}) {
  return taskHandler<PlanWaitTask, TermAwarePlan>(
    planWaitUseCase(tableParts(wiring(env, options))),
  );
}

export const handler = onFirstCall(() => createHandler(process.env));
