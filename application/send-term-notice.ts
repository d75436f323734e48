// The term's steps (domain/term-plan.ts), sent by the same "Send ..." task as the nudges: an
// expiry notice to both parties' officials, or the expiry (TERM_EXPIRED) to the coordinators.
// Exactly once across crashes with the nudges' claim protocol (send-nudge.ts explains it).
import { recipientsAvoidingUndeliverable } from '../domain/delivery.ts';
import { composeTermEmail } from '../domain/messages/term-email.ts';
import { claimHeldUntil, claimNudge, nudgeStatus, releaseNudge } from '../domain/nudge-ledger.ts';
import { PermanentSendFailureError } from '../domain/ports.ts';
import { nextTermStep } from '../domain/term.ts';
import {
  recordTermStep,
  termRecipients,
  type TermNudge,
  type TermStepOutcome,
} from '../domain/term-plan.ts';
import { ownedAgreement, type TaskRef } from './agreements.ts';
import { changeAgreement } from './commit.ts';
import { refusedByService, type SendNudgeDeps, type SendResult } from './send-nudge.ts';

export interface SendTermNoticeTask extends TaskRef {
  nudge: TermNudge;
}

export function sendTermNoticeUseCase(deps: Omit<SendNudgeDeps, 'metrics'>) {
  const { now, log } = deps;
  return async (task: SendTermNoticeTask): Promise<SendResult> => {
    const { nudge } = task;
    const owned = () => ownedAgreement(deps.agreements, task);
    const done = async (outcome: TermStepOutcome) => {
      await changeAgreement(deps.agreements, owned, (a) =>
        recordTermStep(a, nudge, outcome, now()),
      );
      return 'sent' in outcome
        ? { sent: true, ...(outcome.sent.messageId ? { messageId: outcome.sent.messageId } : {}) }
        : { sent: false, rejected: true };
    };

    const agreement = await owned();
    const status = nudgeStatus(agreement, nudge);
    if (status === 'SENT') return { sent: false };
    // Amended, renewed or terminated since it was planned, or a later step came due: re-plan.
    const next = nextTermStep(agreement, now());
    if (next?.key !== nudge.key || next.number !== nudge.number) {
      return { sent: false, obsolete: true };
    }
    const recipients = recipientsAvoidingUndeliverable(agreement, termRecipients(agreement, nudge));
    const to = [...recipients.to, ...recipients.cc].map((c) => c.email);
    if (recipients.to.length === 0) {
      log.warn('Nobody reachable for this term notice', { nudge, avoided: recipients.avoided });
      return done({
        rejected: {
          recipients: [],
          error: 'NoDeliverableRecipient',
          message: 'Every address bounced or complained',
        },
      });
    }
    const email = {
      ...composeTermEmail(agreement, nudge, recipients, now()),
      agreementId: agreement.id,
      nudge: { key: nudge.key, number: nudge.number },
    };
    const sent = (messageId: string) => {
      log.info('Term notice sent', { kind: nudge.kind, validUntil: nudge.validUntil, messageId });
      return done({
        sent: { recipients: to, messageId, subject: email.subject, template: nudge.kind },
      });
    };

    if (status === 'CLAIMED') {
      const messageId = await deps.sentMessages.sentNudge(agreement.id, nudge);
      if (messageId) return sent(messageId);
      if (claimHeldUntil(agreement, nudge, now())) return { sent: false, inFlight: true };
      log.warn('Claimed term notice never reported sent: sending it again', { nudge });
    }

    await deps.agreements.update(claimNudge(agreement, nudge, now()), []);
    let messageId: string;
    try {
      ({ messageId } = await deps.mailer.send(email));
    } catch (error) {
      if (error instanceof PermanentSendFailureError) {
        return done({ rejected: { recipients: to, error: error.name, message: error.message } });
      }
      if (refusedByService(error)) {
        await changeAgreement(deps.agreements, owned, (a) => ({
          agreement: releaseNudge(a, nudge, now()),
          events: [],
        }));
      }
      throw error;
    }
    return sent(messageId);
  };
}
