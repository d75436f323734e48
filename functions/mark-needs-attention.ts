// "Mark needs attention" (the catch-all): application/mark-needs-attention.ts, for the state
// machine.
import {
  markNeedsAttentionUseCase,
  type MarkNeedsAttentionTask,
} from '../application/mark-needs-attention.ts';
import { required, type FunctionEnvironment, type TaskOptions } from './shared/environment.ts';
import { onFirstCall, taskHandler } from './shared/middleware.ts';
import { mailingTaskParts } from './shared/wiring/mail.ts';
import { wiring } from './shared/wiring/parts.ts';

export function createHandler(env: FunctionEnvironment, options: TaskOptions = {}) {
  const w = wiring(env, options);
  const markNeedsAttention = markNeedsAttentionUseCase({
    ...mailingTaskParts(w),
    operations: required(env, 'OPERATIONS_EMAIL'),
  });
  return taskHandler<MarkNeedsAttentionTask, { recorded: boolean }>(markNeedsAttention);
}

export const handler = onFirstCall(() => createHandler(process.env));
