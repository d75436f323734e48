// "Mark needs attention": the catch-all. Records the failure on the agreement and tells
// operations, so that no execution fails without a trace.
import { composeNeedsAttentionEmail } from '../domain/messages/operations-email.ts';
import {
  AgreementNotFoundError,
  type AgreementStore,
  type Mailer,
  type WorkflowMetrics,
} from '../domain/ports.ts';
import { markNeedsAttention } from '../domain/execution.ts';
import { readAgreement, type ChangeDeps, type TaskRef } from './agreements.ts';
import { changeAgreement } from './commit.ts';

export interface MarkNeedsAttentionDeps extends ChangeDeps {
  agreements: Pick<AgreementStore, 'get' | 'update' | 'markNeedsAttention'>;
  mailer: Mailer;
  metrics: Pick<WorkflowMetrics, 'needsAttention'>;
  /** Where operations read about failures. */
  operations: string;
}

export interface MarkNeedsAttentionTask extends TaskRef {
  /** What the state machine caught. */
  failure: { Error?: string; Cause?: string };
}

export function markNeedsAttentionUseCase(deps: MarkNeedsAttentionDeps) {
  return async (task: MarkNeedsAttentionTask): Promise<{ recorded: boolean }> => {
    const failure = {
      error: task.failure.Error ?? 'Unknown',
      cause: (task.failure.Cause ?? '').slice(0, 2000),
      executionArn: task.executionArn,
    };
    deps.log.error('Workflow failed; marking the agreement as needing attention', { failure });
    let recorded = false;
    let title: string | undefined;
    try {
      // Stored apart from the agreement item: the mark holds even when the agreement took no
      // more changes.
      const marking = { update: deps.agreements.markNeedsAttention.bind(deps.agreements) };
      const agreement = await changeAgreement(
        marking,
        () => readAgreement(deps.agreements, task.agreementId),
        (current) => {
          const change = markNeedsAttention(current, failure, deps.now());
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
      deps.metrics.needsAttention();
      await deps.mailer.send({
        ...composeNeedsAttentionEmail({
          agreementId: task.agreementId,
          ...(title ? { title } : {}),
          failure,
          operations: deps.operations,
          now: deps.now(),
        }),
        agreementId: task.agreementId,
      });
    }
    return { recorded };
  };
}
