// "Plan ... reminders": is the wait over, is a nudge due now, or how long to sleep.
import type { AgreementStore } from '../domain/ports.ts';
import { planWaitWithTerm, type TermAwarePlan } from '../domain/term-plan.ts';
import type { WaitKey } from '../domain/routes.ts';
import { ownedAgreement, type TaskRef } from './agreements.ts';

export interface PlanWaitDeps {
  agreements: Pick<AgreementStore, 'get'>;
  now: () => Date;
}

export interface PlanWaitTask extends TaskRef {
  waitKey: WaitKey;
}

export function planWaitUseCase(deps: PlanWaitDeps) {
  // Every wait also keeps the agreement's term in view (domain/term-plan.ts).
  return async (task: PlanWaitTask): Promise<TermAwarePlan> =>
    planWaitWithTerm(await ownedAgreement(deps.agreements, task), task.waitKey, deps.now());
}
