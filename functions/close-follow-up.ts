// "Close follow-up": the window closed; the agreement completes with the apps not live flagged.
import { closeFollowUp } from '../domain/lifecycle.ts';
import { changeAgreement, ownedAgreement } from './shared/agreement-updates.ts';
import type { FunctionEnvironment, TaskOptions } from './shared/environment.ts';
import { onFirstCall, taskHandler, type TaskEvent } from './shared/middleware.ts';
import { repositoryFrom } from './shared/repository.ts';

export function createHandler(env: FunctionEnvironment, options: TaskOptions = {}) {
  const repository = repositoryFrom(env, options.dynamoDb);
  const now = options.now ?? (() => new Date());
  return taskHandler<TaskEvent, { stage: string }>(async (event) => {
    const agreement = await changeAgreement(
      repository,
      () => ownedAgreement(repository, event),
      (current) => closeFollowUp(current, now()),
    );
    return { stage: agreement.stage };
  });
}

export const handler = onFirstCall(() => createHandler(process.env));
