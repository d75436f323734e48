// "Wait for ...": stores the task token against the agreement, then the execution sleeps
// until the API wakes it (a milestone, a cancellation) or the next reminder is due.
import { SFNClient } from '@aws-sdk/client-sfn';
import { completeWait, isGone } from '../adapters/stepfunctions/workflow-client.ts';
import { planWait } from '../domain/nudge-plan.ts';
import type { WaitKey } from '../domain/routes.ts';
import { ownedAgreement } from './shared/agreement-updates.ts';
import type { FunctionEnvironment, TaskOptions } from './shared/environment.ts';
import { SupersededError } from './shared/errors.ts';
import { onFirstCall, taskHandler, type TaskEvent } from './shared/middleware.ts';
import { repositoryFrom } from './shared/repository.ts';

export interface AwaitMilestoneEvent extends TaskEvent {
  waitKey: WaitKey;
  taskToken: string;
}

export function createHandler(env: FunctionEnvironment, options: TaskOptions = {}) {
  const repository = repositoryFrom(env, options.dynamoDb);
  const sfn = options.sfn ?? new SFNClient({});
  const now = options.now ?? (() => new Date());
  return taskHandler<AwaitMilestoneEvent, { stored: boolean; alreadyOver: boolean }>(
    async (event) => {
      const agreement = await ownedAgreement(repository, event);
      const stored = await repository.putTaskToken({
        agreementId: event.agreementId,
        waitKey: event.waitKey,
        token: event.taskToken,
        executionArn: event.executionArn,
        executionStartedAt: agreement.workflow?.executionStartTime ?? '',
        storedAt: now().toISOString(),
      });
      if (!stored) throw new SupersededError(event.agreementId, event.executionArn);
      // A milestone committed just before the token was stored found no token to wake:
      // reading again after storing closes that gap.
      const latest = await ownedAgreement(repository, event);
      const alreadyOver = planWait(latest, event.waitKey, now()).action !== 'WAIT';
      if (alreadyOver) {
        // The API may have woken this very token meanwhile: then there is nothing left to do.
        await completeWait(sfn, event.taskToken).catch((error: unknown) => {
          if (!isGone(error)) throw error;
        });
        await repository.clearTaskToken(event.agreementId, event.waitKey, event.taskToken);
      }
      return { stored, alreadyOver };
    },
  );
}

export const handler = onFirstCall(() => createHandler(process.env));
