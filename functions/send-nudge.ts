// "Send ... reminder", "Remind participants": application/send-nudge.ts, for the state machine.
import {
  sendNudgeUseCase,
  type SendNudgeTask,
  type SendResult,
} from '../application/send-nudge.ts';
import type { FunctionEnvironment, TaskOptions } from './shared/environment.ts';
import { onFirstCall, taskHandler } from './shared/middleware.ts';
import { wiring } from './shared/wiring.ts';

export function createHandler(env: FunctionEnvironment, options: TaskOptions = {}) {
  const deps = wiring(env, options);
  const sendNudge = sendNudgeUseCase({
    agreements: deps.repository(),
    mailer: deps.mailer(),
    sender: deps.sender(),
    metrics: deps.metrics,
    log: deps.log,
    now: deps.now,
  });
  return taskHandler<SendNudgeTask, SendResult>(sendNudge);
}

export const handler = onFirstCall(() => createHandler(process.env));
