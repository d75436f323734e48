// SES feedback about an agreement's email: a permanently bounced or complaining address is
// marked undeliverable on its agreement (with an audit event) and the host coordinators are
// told, once. Later nudges avoid it.
//
// Idempotent under redelivery: the mark is written once (domain/delivery.ts), and the alert is
// sent while the mark has no `alertedAt` and recorded right after, so a repeated notification
// sends nothing. Storage or mail errors throw, for the notification to be delivered again.
import {
  addressKey,
  deliverableHostCoordinators,
  makesUndeliverable,
  markUndeliverable,
  recordUndeliverableAlert,
  type DeliveryFeedback,
} from '../domain/delivery.ts';
import { composeUndeliverableAlert } from '../domain/messages/operations-email.ts';
import { AgreementNotFoundError, type Mailer } from '../domain/ports.ts';
import { readAgreement, type ChangeDeps } from './agreements.ts';
import { changeAgreement } from './commit.ts';

export interface RecordDeliveryFeedbackDeps extends ChangeDeps {
  mailer: Mailer;
}

/** The bounces and complaints one notification reports about one agreement's email. */
export interface FeedbackOnAgreement {
  agreementId: string;
  feedback: DeliveryFeedback[];
  /** Identifies the notification in the logs. */
  context: Record<string, unknown>;
}

export interface FeedbackReport {
  /** Addresses newly marked undeliverable, as `<agreement id> <address>`. */
  marked: string[];
  /** Addresses whose host coordinators were alerted, as `<agreement id> <address>`. */
  alerted: string[];
  /** Records skipped (unreadable, nothing to record, unknown agreement). */
  skipped: number;
}

/** Records the feedback of one notification into `report`. */
export function recordDeliveryFeedbackUseCase(deps: RecordDeliveryFeedbackDeps) {
  return async (
    { agreementId, feedback, context }: FeedbackOnAgreement,
    report: FeedbackReport,
  ): Promise<void> => {
    for (const entry of feedback) {
      if (!makesUndeliverable(entry)) {
        deps.log.warn('Transient bounce: the address stays deliverable', {
          ...context,
          email: entry.email,
          bounceType: entry.bounceType,
          bounceSubType: entry.bounceSubType,
        });
        continue;
      }
      try {
        await recordUndeliverable(agreementId, entry, deps, report);
      } catch (error) {
        if (!(error instanceof AgreementNotFoundError)) throw error;
        deps.log.warn('SES feedback about an unknown agreement skipped', context);
        report.skipped++;
        return;
      }
    }
  };
}

async function recordUndeliverable(
  agreementId: string,
  feedback: DeliveryFeedback,
  { agreements, mailer, log, now }: RecordDeliveryFeedbackDeps,
  report: FeedbackReport,
): Promise<void> {
  const email = addressKey(feedback.email);
  const read = () => readAgreement(agreements, agreementId);
  // Whether this call wrote the mark (the last attempt's answer, after a concurrent writer).
  const outcome = { marked: false };
  const agreement = await changeAgreement(agreements, read, (current) => {
    const change = markUndeliverable(current, feedback, now());
    outcome.marked = change !== undefined;
    return change;
  });
  const entry = agreement.undeliverable?.[email];
  if (!entry) {
    log.warn('Bounced address is no contact of the agreement', { agreementId, email });
    return;
  }
  if (outcome.marked) {
    report.marked.push(`${agreementId} ${email}`);
    log.info('Contact address marked undeliverable', { agreementId, email, ...entry });
  }
  if (entry.alertedAt) return;

  const to = deliverableHostCoordinators(agreement);
  if (to.length === 0) {
    log.error('No host coordinator can be reached about an undeliverable address', {
      agreementId,
      email,
    });
    return;
  }
  const alert = composeUndeliverableAlert(agreement, email, to);
  const { messageId } = await mailer.send(alert);
  await changeAgreement(agreements, read, (current) =>
    recordUndeliverableAlert(current, email, now()),
  );
  report.alerted.push(`${agreementId} ${email}`);
  log.info('Host coordinators alerted', { agreementId, email, messageId, to: alert.to });
}
