// "Send ... reminder", "Remind participants": application/send-nudge.ts, for the state machine;
// a step of the agreement's term (an expiry notice, the expiry) goes to send-term-notice.ts.
import {
  sendNudgeUseCase,
  type SendNudgeTask,
  type SendResult,
} from '../application/send-nudge.ts';
import { sendTermNoticeUseCase, type SendTermNoticeTask } from '../application/send-term-notice.ts';
import { isTermNudge } from '../domain/term-plan.ts';
import type { FunctionEnvironment, TaskOptions } from './shared/environment.ts';
import { onFirstCall, taskHandler } from './shared/middleware.ts';
import { sendingTaskParts } from './shared/wiring/mail.ts';
import { wiring } from './shared/wiring/parts.ts';

export function createHandler(env: FunctionEnvironment, options: TaskOptions = {}) {
  const w = wiring(env, options);
  const parts = sendingTaskParts(w);
  const sendNudge = sendNudgeUseCase(parts);
  const sendTermNotice = sendTermNoticeUseCase(parts);
  return taskHandler<SendNudgeTask | SendTermNoticeTask, SendResult>((task) =>
    isTermNudge(task.nudge)
      ? sendTermNotice({ ...task, nudge: task.nudge })
      : sendNudge({ ...task, nudge: task.nudge }),
  );
}

export const handler = onFirstCall(() => createHandler(process.env));
