// "Send ... reminder", "Remind participants": application/send-nudge.ts, for the state machine.
import {
  sendNudgeUseCase,
  type SendNudgeTask,
  type SendResult,
} from '../application/send-nudge.ts';
import type { FunctionEnvironment, TaskOptions } from './shared/environment.ts';
import { onFirstCall, taskHandler } from './shared/middleware.ts';
import { sendingTaskParts } from './shared/wiring/mail.ts';
import { wiring } from './shared/wiring/parts.ts';

export function createHandler(env: FunctionEnvironment, options: TaskOptions = {}) {
  const w = wiring(env, options);
  const sendNudge = sendNudgeUseCase(sendingTaskParts(w));
  return taskHandler<SendNudgeTask, SendResult>(sendNudge);
}

export const handler = onFirstCall(() => createHandler(process.env));
