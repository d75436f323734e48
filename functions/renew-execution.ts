// "Continue in a new execution": hands the agreement to a fresh execution before this one
// reaches Step Functions' one-year / 25,000-event limits. The new one resumes from the record.
import { SFNClient } from '@aws-sdk/client-sfn';
import { StepFunctionsWorkflow } from '../adapters/stepfunctions/workflow-client.ts';
import { ownedAgreement } from './shared/agreement-updates.ts';
import type { FunctionEnvironment, TaskOptions } from './shared/environment.ts';
import { onFirstCall, taskHandler, type TaskEvent } from './shared/middleware.ts';
import { repositoryFrom } from './shared/repository.ts';

export interface RenewExecutionEvent extends TaskEvent {
  stateMachineArn: string;
}

export function createHandler(env: FunctionEnvironment, options: TaskOptions = {}) {
  const repository = repositoryFrom(env, options.dynamoDb);
  const client = options.sfn ?? new SFNClient({});
  return taskHandler<RenewExecutionEvent, { executionArn: string }>(async (event) => {
    const agreement = await ownedAgreement(repository, event);
    const workflow = new StepFunctionsWorkflow({
      client,
      repository,
      stateMachineArn: event.stateMachineArn,
      ...(options.now ? { now: options.now } : {}),
    });
    return workflow.start(agreement, 'renewed');
  });
}

export const handler = onFirstCall(() => createHandler(process.env));
