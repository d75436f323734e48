// "Mark needs attention" (the catch-all): application/mark-needs-attention.ts, for the state
// machine.
import {
  markNeedsAttentionUseCase,
  type MarkNeedsAttentionTask,
} from '../application/mark-needs-attention.ts';
import { required, type FunctionEnvironment, type TaskOptions } from './shared/environment.ts';
import { onFirstCall, taskHandler } from './shared/middleware.ts';
import { wiring } from './shared/wiring.ts';

export function createHandler(env: FunctionEnvironment, options: TaskOptions = {}) {
  const deps = wiring(env, options);
  const markNeedsAttention = markNeedsAttentionUseCase({
    agreements: deps.repository(),
    mailer: deps.mailer(),
    metrics: deps.metrics,
    log: deps.log,
    operations: required(env, 'OPERATIONS_EMAIL'),
    now: deps.now,
  });
  return taskHandler<MarkNeedsAttentionTask, { recorded: boolean }>(markNeedsAttention);
}

export const handler = onFirstCall(() => createHandler(process.env));
