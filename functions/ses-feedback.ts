// "SES feedback": bounces and complaints of the configuration set's event destination, through
// SNS, read here and recorded by application/record-delivery-feedback.ts; and the send events of
// nudges, kept on their claims by application/record-send-event.ts.
//
// A message that cannot be read is logged and skipped: retrying it would fail the same way.
// Storage or mail errors throw, and Lambda retries the notification.
import type { SNSEvent, SNSEventRecord } from 'aws-lambda';
import { parseFeedbackNotification } from '../adapters/ses/feedback-notification.ts';
import {
  recordDeliveryFeedbackUseCase,
  type FeedbackReport,
} from '../application/record-delivery-feedback.ts';
import { recordSendEventUseCase } from '../application/record-send-event.ts';
import type { FunctionEnvironment, TaskOptions } from './shared/environment.ts';
import { lambdaHandler, onFirstCall } from './shared/middleware.ts';
import { logger } from './shared/powertools.ts';
import { mailerOf } from './shared/wiring/mail.ts';
import { tableParts, wiring } from './shared/wiring/parts.ts';

export function createHandler(env: FunctionEnvironment, options: TaskOptions = {}) {
  const w = wiring(env, options);
  const recordFeedback = recordDeliveryFeedbackUseCase({ ...tableParts(w), ...mailerOf(w) });
  const recordSendEvent = recordSendEventUseCase(tableParts(w));

  /** One SNS record: read, then recorded or skipped. */
  async function handleRecord(record: SNSEventRecord, report: FeedbackReport): Promise<void> {
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
      case 'NUDGE_SENT': {
        const { agreementId, messageId, nudge } = notification;
        if (!(await recordSendEvent({ agreementId, messageId, nudge }))) report.skipped++;
        return;
      }
      case 'FEEDBACK': {
        const { agreementId, feedback, messageId } = notification;
        const context = { snsMessageId, agreementId, messageId };
        await recordFeedback({ agreementId, feedback, context }, report);
      }
    }
  }

  return lambdaHandler<SNSEvent, FeedbackReport>((handler) =>
    handler.handler(async (event) => {
      const report: FeedbackReport = { marked: [], alerted: [], skipped: 0 };
      // Whatever arrives is read defensively: a malformed event must not be retried forever.
      for (const record of (event as Partial<SNSEvent>).Records ?? []) {
        await handleRecord(record, report);
      }
      return report;
    }),
  );
}

export const handler = onFirstCall(() => createHandler(process.env));
