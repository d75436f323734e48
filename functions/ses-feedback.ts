// "SES feedback": bounces and complaints of the configuration set's event destination, through
// SNS. A permanently bounced or complaining address is marked undeliverable on its agreement
// (with an audit event) and the host coordinators are told, once. Later nudges avoid it.
//
// Idempotent under SNS redelivery: the mark is written once (domain/delivery.ts), and the alert
// is sent while the mark has no `alertedAt` and recorded right after, so a redelivered
// notification sends nothing. A message that cannot be read is logged and skipped: retrying it
// would fail the same way. Storage or mail errors throw, and Lambda retries the notification.
import type { SNSEvent, SNSEventRecord } from 'aws-lambda';
import { parseFeedbackNotification } from '../adapters/ses/feedback-notification.ts';
import {
  addressKey,
  deliverableHostCoordinators,
  makesUndeliverable,
  markUndeliverable,
  recordUndeliverableAlert,
  type DeliveryFeedback,
} from '../domain/delivery.ts';
import { composeUndeliverableAlert } from '../domain/messages/operations-email.ts';
import { AgreementNotFoundError, type AgreementRepository, type Mailer } from '../domain/ports.ts';
import { changeAgreement, readAgreement } from './shared/agreement-updates.ts';
import type { FunctionEnvironment, TaskOptions } from './shared/environment.ts';
import { mailerFrom } from './shared/mailer.ts';
import { lambdaHandler, onFirstCall } from './shared/middleware.ts';
import { logger } from './shared/powertools.ts';
import { repositoryFrom } from './shared/repository.ts';

export interface FeedbackReport {
  /** Addresses newly marked undeliverable, as `<agreement id> <address>`. */
  marked: string[];
  /** Addresses whose host coordinators were alerted, as `<agreement id> <address>`. */
  alerted: string[];
  /** Records skipped (unreadable, nothing to record, unknown agreement). */
  skipped: number;
}

export function createHandler(env: FunctionEnvironment, options: TaskOptions = {}) {
  const repository = repositoryFrom(env, options.dynamoDb);
  const mailer = mailerFrom(env, options.ses);
  const now = options.now ?? (() => new Date());

  return lambdaHandler<SNSEvent, FeedbackReport>().handler(async (event) => {
    const report: FeedbackReport = { marked: [], alerted: [], skipped: 0 };
    // Whatever arrives is read defensively: a malformed event must not be retried forever.
    for (const record of (event as Partial<SNSEvent>).Records ?? []) {
      await handleRecord(record, { repository, mailer, now }, report);
    }
    return report;
  });
}

interface Dependencies {
  repository: AgreementRepository;
  mailer: Mailer;
  now: () => Date;
}

async function handleRecord(
  record: SNSEventRecord,
  deps: Dependencies,
  report: FeedbackReport,
): Promise<void> {
  const sns = (record as Partial<SNSEventRecord>).Sns;
  const snsMessageId = sns?.MessageId;
  const notification = parseFeedbackNotification(String(sns?.Message));
  switch (notification.outcome) {
    case 'MALFORMED':
      logger.error('Unreadable SES notification skipped', {
        snsMessageId,
        reason: notification.reason,
      });
      report.skipped++;
      return;
    case 'IGNORED':
      logger.info('SES notification with nothing to record', {
        snsMessageId,
        eventType: notification.eventType,
        reason: notification.reason,
        messageId: notification.messageId,
      });
      report.skipped++;
      return;
    case 'FEEDBACK':
      break;
  }

  const { agreementId } = notification;
  const context = { snsMessageId, agreementId, messageId: notification.messageId };
  for (const feedback of notification.feedback) {
    if (!makesUndeliverable(feedback)) {
      logger.warn('Transient bounce: the address stays deliverable', {
        ...context,
        email: feedback.email,
        bounceType: feedback.bounceType,
        bounceSubType: feedback.bounceSubType,
      });
      continue;
    }
    try {
      await handleFeedback(agreementId, feedback, deps, report);
    } catch (error) {
      if (!(error instanceof AgreementNotFoundError)) throw error;
      logger.warn('SES feedback about an unknown agreement skipped', context);
      report.skipped++;
      return;
    }
  }
}

async function handleFeedback(
  agreementId: string,
  feedback: DeliveryFeedback,
  { repository, mailer, now }: Dependencies,
  report: FeedbackReport,
): Promise<void> {
  const email = addressKey(feedback.email);
  const read = () => readAgreement(repository, agreementId);
  // Whether this call wrote the mark (the last attempt's answer, after a concurrent writer).
  const outcome = { marked: false };
  const agreement = await changeAgreement(repository, read, (current) => {
    const change = markUndeliverable(current, feedback, now());
    outcome.marked = change !== undefined;
    return change;
  });
  const entry = agreement.undeliverable?.[email];
  if (!entry) {
    logger.warn('Bounced address is no contact of the agreement', { agreementId, email });
    return;
  }
  if (outcome.marked) {
    report.marked.push(`${agreementId} ${email}`);
    logger.info('Contact address marked undeliverable', { agreementId, email, ...entry });
  }
  if (entry.alertedAt) return;

  const to = deliverableHostCoordinators(agreement);
  if (to.length === 0) {
    logger.error('No host coordinator can be reached about an undeliverable address', {
      agreementId,
      email,
    });
    return;
  }
  const alert = composeUndeliverableAlert(agreement, email, to);
  const { messageId } = await mailer.send(alert);
  await changeAgreement(repository, read, (current) =>
    recordUndeliverableAlert(current, email, now()),
  );
  report.alerted.push(`${agreementId} ${email}`);
  logger.info('Host coordinators alerted', { agreementId, email, messageId, to: alert.to });
}

export const handler = onFirstCall(() => createHandler(process.env));
