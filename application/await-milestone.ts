// "Wait for ...": stores the task token against the agreement, then the execution sleeps
// until the API wakes it (a milestone, a cancellation) or the next reminder is due.
import type { AgreementStore, TaskTokenStore, WaitCompletion } from '../domain/ports.ts';
import { planWaitWithTerm } from '../domain/term-plan.ts';
import type { WaitKey } from '../domain/routes.ts';
import { ownedAgreement, type TaskRef } from './agreements.ts';
import { SupersededError } from './errors.ts';

export interface AwaitMilestoneDeps {
  agreements: Pick<AgreementStore, 'get'>;
  taskTokens: Pick<TaskTokenStore, 'putTaskToken' | 'clearTaskToken'>;
  waits: WaitCompletion;
  now: () => Date;
}

export interface AwaitMilestoneTask extends TaskRef {
  waitKey: WaitKey;
  taskToken: string;
}

export function awaitMilestoneUseCase(deps: AwaitMilestoneDeps) {
  return async (task: AwaitMilestoneTask): Promise<{ stored: boolean; alreadyOver: boolean }> => {
    const agreement = await ownedAgreement(deps.agreements, task);
    const stored = await deps.taskTokens.putTaskToken({
      agreementId: task.agreementId,
      waitKey: task.waitKey,
      token: task.taskToken,
      executionArn: task.executionArn,
      executionStartedAt: agreement.workflow?.executionStartTime ?? '',
      storedAt: deps.now().toISOString(),
    });
    if (!stored) throw new SupersededError(task.agreementId, task.executionArn);
    // A milestone committed just before the token was stored found no token to wake:
    // reading again after storing closes that gap.
    const latest = await ownedAgreement(deps.agreements, task);
    const alreadyOver = planWaitWithTerm(latest, task.waitKey, deps.now()).action !== 'WAIT';
    if (alreadyOver) {
      // The API may have woken this very token meanwhile: then there is nothing left to do.
      await deps.waits.completeWait(task.taskToken);
      await deps.taskTokens.clearTaskToken(task.agreementId, task.waitKey, task.taskToken);
    }
    return { stored, alreadyOver };
  };
}
