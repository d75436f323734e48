// "Send ... reminder": one reminder, escalation, training reminder or follow-up check-in.
// Claimed before sending and confirmed after: a retried invocation never sends twice.
import { composeNudgeEmail } from '../domain/nudge-email.ts';
import {
  claimNudge,
  nudgeStatus,
  recipientsOf,
  recordNudgeSent,
  releaseNudge,
  type Nudge,
} from '../domain/workflow.ts';
import { changeAgreement, ownedAgreement } from './shared/agreement-updates.ts';
import type { FunctionEnvironment, TaskOptions } from './shared/environment.ts';
import { mailerFrom } from './shared/mailer.ts';
import { logger, onFirstCall, taskHandler, type TaskEvent } from './shared/middleware.ts';
import { repositoryFrom } from './shared/repository.ts';

export interface SendNudgeEvent extends TaskEvent {
  nudge: Nudge;
}

export function createHandler(env: FunctionEnvironment, options: TaskOptions = {}) {
  const repository = repositoryFrom(env, options.dynamoDb);
  const mailer = mailerFrom(env, options.ses);
  const now = options.now ?? (() => new Date());
  const owned = (event: TaskEvent) => () => ownedAgreement(repository, event);

  return taskHandler<SendNudgeEvent, { sent: boolean; messageId?: string }>(async (event) => {
    const { nudge } = event;
    const agreement = await owned(event)();
    const status = nudgeStatus(agreement, nudge);
    if (status === 'SENT') return { sent: false };
    const recipients = recipientsOf(agreement, nudge.kind);
    const to = [...recipients.to, ...recipients.cc].map((c) => c.email);
    if (status === 'CLAIMED') {
      // An earlier attempt claimed it and stopped before confirming: it may have gone out.
      logger.warn('Nudge outcome unknown; recorded without sending again', { nudge });
      await changeAgreement(repository, owned(event), (a) =>
        recordNudgeSent(a, nudge, { recipients: to }, now()),
      );
      return { sent: false };
    }

    const claimed = claimNudge(agreement, nudge, now());
    await repository.update(claimed, []);
    const email = composeNudgeEmail(claimed, nudge, recipients);
    let messageId: string;
    try {
      ({ messageId } = await mailer.send(email));
    } catch (error) {
      await changeAgreement(repository, owned(event), (a) => ({
        agreement: releaseNudge(a, nudge, now()),
        events: [],
      }));
      throw error;
    }
    await changeAgreement(repository, owned(event), (a) =>
      recordNudgeSent(a, nudge, { recipients: to, messageId, subject: email.subject }, now()),
    );
    logger.info('Nudge sent', { kind: nudge.kind, waitKey: nudge.waitKey, messageId });
    return { sent: true, messageId };
  });
}

export const handler = onFirstCall(() => createHandler(process.env));
