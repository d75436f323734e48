// "Plan ... reminders": is the wait over, is a nudge due now, or how long to sleep.
import { planWait, type WaitPlan } from '../domain/nudge-plan.ts';
import type { WaitKey } from '../domain/routes.ts';
import { ownedAgreement } from './shared/agreement-updates.ts';
import type { FunctionEnvironment, TaskOptions } from './shared/environment.ts';
import { onFirstCall, taskHandler, type TaskEvent } from './shared/middleware.ts';
import { repositoryFrom } from './shared/repository.ts';

export interface PlanWaitEvent extends TaskEvent {
  waitKey: WaitKey;
}

export function createHandler(env: FunctionEnvironment, options: TaskOptions = {}) {
  const repository = repositoryFrom(env, options.dynamoDb);
  const now = options.now ?? (() => new Date());
  return taskHandler<PlanWaitEvent, WaitPlan>(async (event) =>
    planWait(await ownedAgreement(repository, event), event.waitKey, now()),
  );
}

export const handler = onFirstCall(() => createHandler(process.env));
