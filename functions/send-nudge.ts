// "Send ... reminder": one action-needed message, reminder, escalation, training reminder or
// follow-up check-in. Claimed before sending and confirmed after: a retried invocation never
// sends twice. Undeliverable addresses are avoided (the escalation contact stands in).
import type { Agreement } from '../domain/agreement.ts';
import { recipientsAvoidingUndeliverable, recordNudgeRejected } from '../domain/delivery.ts';
import { composeNudgeEmail } from '../domain/messages/nudge-email.ts';
import { PermanentSendFailureError } from '../domain/ports.ts';
import type { WorkflowChange } from '../domain/execution.ts';
import { claimNudge, nudgeStatus, recordNudgeSent, releaseNudge } from '../domain/nudge-ledger.ts';
import { planWait, type Nudge } from '../domain/nudge-plan.ts';
import { recipientsOf } from '../domain/recipients.ts';
import { changeAgreement, ownedAgreement } from './shared/agreement-updates.ts';
import type { FunctionEnvironment, TaskOptions } from './shared/environment.ts';
import { mailerFrom } from './shared/mailer.ts';
import { logger, workflowMetrics } from './shared/powertools.ts';
import { onFirstCall, taskHandler, type TaskEvent } from './shared/middleware.ts';
import { repositoryFrom } from './shared/repository.ts';

export interface SendNudgeEvent extends TaskEvent {
  nudge: Nudge;
}

interface SendResult {
  sent: boolean;
  messageId?: string;
  rejected?: boolean;
  obsolete?: boolean;
}

export function createHandler(env: FunctionEnvironment, options: TaskOptions = {}) {
  const repository = repositoryFrom(env, options.dynamoDb);
  const mailer = mailerFrom(env, options.ses);
  const now = options.now ?? (() => new Date());
  const owned = (event: TaskEvent) => () => ownedAgreement(repository, event);

  return taskHandler<SendNudgeEvent, SendResult>(async (event) => {
    const { nudge } = event;
    const agreement = await owned(event)();
    const status = nudgeStatus(agreement, nudge);
    if (status === 'SENT') return { sent: false };
    // The milestone may have come between planning and sending: then nobody needs the nudge.
    if (planWait(agreement, nudge.waitKey, now()).action === 'DONE') {
      return { sent: false, obsolete: true };
    }
    const recipients = recipientsAvoidingUndeliverable(
      agreement,
      recipientsOf(agreement, nudge.kind),
    );
    const to = [...recipients.to, ...recipients.cc].map((c) => c.email);
    const done = async (change: (a: Agreement) => WorkflowChange, result: SendResult) => {
      await changeAgreement(repository, owned(event), change);
      if (result.sent) workflowMetrics.nudgeSent(nudge.kind);
      if (result.rejected) workflowMetrics.nudgeRejected(nudge.kind);
      return result;
    };
    if (recipients.to.length === 0) {
      logger.warn('Nobody reachable for this nudge', { nudge, avoided: recipients.avoided });
      const rejection = {
        recipients: [],
        error: 'NoDeliverableRecipient',
        message: 'Every address bounced or complained',
      };
      return done((a) => recordNudgeRejected(a, nudge, rejection, now()), {
        sent: false,
        rejected: true,
      });
    }
    if (status === 'CLAIMED') {
      // An earlier attempt claimed it and stopped before confirming: it may have gone out.
      logger.warn('Nudge outcome unknown; recorded without sending again', { nudge });
      return done((a) => recordNudgeSent(a, nudge, { recipients: to }, now()), { sent: false });
    }

    // Composed before the claim: a message that cannot be written must not leave a claim behind.
    const email = {
      ...composeNudgeEmail(agreement, nudge, recipients, now()),
      agreementId: agreement.id,
    };
    await repository.update(claimNudge(agreement, nudge, now()), []);
    let messageId: string;
    try {
      ({ messageId } = await mailer.send(email));
    } catch (error) {
      if (error instanceof PermanentSendFailureError) {
        // Refused for good (e.g. the account's suppression list): recorded, never retried.
        const rejection = { recipients: to, error: error.name, message: error.message };
        return done((a) => recordNudgeRejected(a, nudge, rejection, now()), {
          sent: false,
          rejected: true,
        });
      }
      await changeAgreement(repository, owned(event), (a) => ({
        agreement: releaseNudge(a, nudge, now()),
        events: [],
      }));
      throw error;
    }
    // The partner fields feed the "reminders sent per partner" Logs Insights query.
    logger.info('Nudge sent', {
      kind: nudge.kind,
      waitKey: nudge.waitKey,
      messageId,
      partnerRegion: agreement.partnerRegion.code,
      partnerName: agreement.partnerRegion.name,
    });
    return done(
      (a) =>
        recordNudgeSent(
          a,
          nudge,
          { recipients: to, messageId, subject: email.subject, template: nudge.kind },
          now(),
        ),
      { sent: true, messageId },
    );
  });
}

export const handler = onFirstCall(() => createHandler(process.env));
