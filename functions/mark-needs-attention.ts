// "Mark needs attention" (the catch-all): application/mark-needs-attention.ts, for the state
// machine.
import {
  markNeedsAttentionUseCase,
  type MarkNeedsAttentionTask,
} from '../application/mark-needs-attention.ts';
import { required, type FunctionEnvironment, type TaskOptions } from './shared/environment.ts';
import { onFirstCall, taskHandler } from './shared/middleware.ts';
import { mailerOf } from './shared/wiring/mail.ts';
import { tableParts, wiring } from './shared/wiring/parts.ts';
import { workflowMetrics } from './shared/powertools.ts';

export function createHandler(env: FunctionEnvironment, options: TaskOptions = {}) {
  const w = wiring(env, options);
  const markNeedsAttention = markNeedsAttentionUseCase({
    ...tableParts(w),
    ...mailerOf(w),
    metrics: workflowMetrics,
    operations: required(env, 'OPERATIONS_EMAIL'),
  });
  return taskHandler<MarkNeedsAttentionTask, { recorded: boolean }>(markNeedsAttention);
}

export const handler = onFirstCall(() => createHandler(process.env));
