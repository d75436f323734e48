// "Mark needs attention": the catch-all. Records the failure on the agreement and tells
// operations, so that no execution fails without a trace.
import { composeNeedsAttentionEmail } from '../domain/messages/operations-email.ts';
import { AgreementNotFoundError } from '../domain/ports.ts';
import { markNeedsAttention } from '../domain/execution.ts';
import { changeAgreement, readAgreement } from './shared/agreement-updates.ts';
import { required, type FunctionEnvironment, type TaskOptions } from './shared/environment.ts';
import { mailerFrom } from './shared/mailer.ts';
import { logger, workflowMetrics } from './shared/powertools.ts';
import { onFirstCall, taskHandler, type TaskEvent } from './shared/middleware.ts';
import { repositoryFrom } from './shared/repository.ts';

export interface MarkNeedsAttentionEvent extends TaskEvent {
  failure: { Error?: string; Cause?: string };
}

export function createHandler(env: FunctionEnvironment, options: TaskOptions = {}) {
  const repository = repositoryFrom(env, options.dynamoDb);
  const mailer = mailerFrom(env, options.ses);
  const operations = required(env, 'OPERATIONS_EMAIL');
  const now = options.now ?? (() => new Date());

  return taskHandler<MarkNeedsAttentionEvent, { recorded: boolean }>(async (event) => {
    const failure = {
      error: event.failure.Error ?? 'Unknown',
      cause: (event.failure.Cause ?? '').slice(0, 2000),
      executionArn: event.executionArn,
    };
    logger.error('Workflow failed; marking the agreement as needing attention', { failure });
    let recorded = false;
    let title: string | undefined;
    try {
      const agreement = await changeAgreement(
        repository,
        () => readAgreement(repository, event.agreementId),
        (current) => {
          const change = markNeedsAttention(current, failure, now());
          recorded = change !== undefined;
          return change;
        },
      );
      title = agreement.title;
    } catch (error) {
      // With no agreement to mark, operations still hear of the failure.
      if (!(error instanceof AgreementNotFoundError)) throw error;
      recorded = true;
    }
    if (recorded) {
      workflowMetrics.needsAttention();
      await mailer.send({
        ...composeNeedsAttentionEmail({
          agreementId: event.agreementId,
          ...(title ? { title } : {}),
          failure,
          operations,
          now: now(),
        }),
        agreementId: event.agreementId,
      });
    }
    return { recorded };
  });
}

export const handler = onFirstCall(() => createHandler(process.env));
