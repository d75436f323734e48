// "Send ... reminder": one action-needed message, reminder, escalation, training reminder or
// follow-up check-in. Claimed before sending and confirmed after: a retried invocation never
// sends twice. Undeliverable addresses are avoided (the escalation contact stands in).
import type { Agreement } from '../domain/agreement.ts';
import {
  recipientsAvoidingUndeliverable,
  recordNudgeRejected,
  type SendRejection,
} from '../domain/delivery.ts';
import { composeNudgeEmail } from '../domain/messages/nudge-email.ts';
import { PermanentSendFailureError, type Mailer, type WorkflowMetrics } from '../domain/ports.ts';
import type { WorkflowChange } from '../domain/execution.ts';
import { claimNudge, nudgeStatus, recordNudgeSent, releaseNudge } from '../domain/nudge-ledger.ts';
import { planWait, type Nudge } from '../domain/nudge-plan.ts';
import { recipientsOf } from '../domain/recipients.ts';
import { ownedAgreement, type ChangeDeps, type TaskRef } from './agreements.ts';
import { changeAgreement } from './commit.ts';

export interface SendNudgeDeps extends ChangeDeps {
  mailer: Mailer;
  metrics: Pick<WorkflowMetrics, 'nudgeSent' | 'nudgeRejected'>;
}

export interface SendNudgeTask extends TaskRef {
  nudge: Nudge;
}

export interface SendResult {
  sent: boolean;
  messageId?: string;
  rejected?: boolean;
  obsolete?: boolean;
}

export function sendNudgeUseCase(deps: SendNudgeDeps) {
  const { now, log } = deps;
  return async (task: SendNudgeTask): Promise<SendResult> => {
    const { nudge } = task;
    const owned = () => ownedAgreement(deps.agreements, task);
    /** Records how the nudge ended on the latest agreement, and counts it. */
    const done = async (change: (a: Agreement) => WorkflowChange, result: SendResult) => {
      await changeAgreement(deps.agreements, owned, change);
      if (result.sent) deps.metrics.nudgeSent(nudge.kind);
      if (result.rejected) deps.metrics.nudgeRejected(nudge.kind);
      return result;
    };
    const rejected = (rejection: SendRejection) =>
      done((a) => recordNudgeRejected(a, nudge, rejection, now()), { sent: false, rejected: true });

    const agreement = await owned();
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
    if (recipients.to.length === 0) {
      log.warn('Nobody reachable for this nudge', { nudge, avoided: recipients.avoided });
      return rejected({
        recipients: [],
        error: 'NoDeliverableRecipient',
        message: 'Every address bounced or complained',
      });
    }
    if (status === 'CLAIMED') {
      // An earlier attempt claimed it and stopped before confirming: it may have gone out.
      log.warn('Nudge outcome unknown; recorded without sending again', { nudge });
      return done((a) => recordNudgeSent(a, nudge, { recipients: to }, now()), { sent: false });
    }

    // Composed before the claim: a message that cannot be written must not leave a claim behind.
    const email = {
      ...composeNudgeEmail(agreement, nudge, recipients, now()),
      agreementId: agreement.id,
    };
    await deps.agreements.update(claimNudge(agreement, nudge, now()), []);
    let messageId: string;
    try {
      ({ messageId } = await deps.mailer.send(email));
    } catch (error) {
      if (error instanceof PermanentSendFailureError) {
        // Refused for good (e.g. the account's suppression list): recorded, never retried.
        return rejected({ recipients: to, error: error.name, message: error.message });
      }
      await changeAgreement(deps.agreements, owned, (a) => ({
        agreement: releaseNudge(a, nudge, now()),
        events: [],
      }));
      throw error;
    }
    // The partner fields feed the "reminders sent per partner" Logs Insights query.
    log.info('Nudge sent', {
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
  };
}
