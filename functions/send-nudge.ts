// "Send ... reminder", "Remind participants": application/send-nudge.ts, for the state machine.
import {
  sendNudgeUseCase,
  type SendNudgeTask,
  type SendResult,
} from '../application/send-nudge.ts';
import type { FunctionEnvironment, TaskOptions } from './shared/environment.ts';
import { onFirstCall, taskHandler } from './shared/middleware.ts';
import { mailerOf } from './shared/wiring/mail.ts';
import { tableParts, wiring } from './shared/wiring/parts.ts';
import { workflowMetrics } from './shared/powertools.ts';

export function createHandler(env: FunctionEnvironment, options: TaskOptions = {}) {
  const w = wiring(env, options);
  const sendNudge = sendNudgeUseCase({
    ...tableParts(w),
    ...mailerOf(w),
    metrics: workflowMetrics,
  });
  return taskHandler<SendNudgeTask, SendResult>(sendNudge);
}

export const handler = onFirstCall(() => createHandler(process.env));
