// The mailer (SES v2), for the functions that send: the others leave its client out.
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SendEventSentMessages } from '../../../adapters/ses/send-events.ts';
import { SesMailer } from '../../../adapters/ses/ses-mailer.ts';
import type { Mailer, SentMessages } from '../../../domain/ports.ts';
import { required } from '../environment.ts';
import { workflowMetrics } from '../powertools.ts';
import { actionLinkParts, tableParts, type Wiring } from './parts.ts';

/** SES, sending from SENDER_EMAIL with the configuration set SES_CONFIGURATION_SET, if any. */
export function mailerOf(w: Wiring): { mailer: Mailer } {
  const sender = required(w.env, 'SENDER_EMAIL');
  const configurationSet = w.env.SES_CONFIGURATION_SET;
  const mailer = new SesMailer({
    // Made when an email is first sent: an invocation may send none.
    client: w.options.ses ?? (() => new SESv2Client({})),
    sender,
    ...(configurationSet ? { configurationSet } : {}),
  });
  return { mailer };
}

/** What the workflow's mailing tasks (send a nudge, mark needs attention) are built from. */
export function mailingTaskParts(w: Wiring) {
  return { ...tableParts(w), ...mailerOf(w), metrics: workflowMetrics };
}

/** The send task's parts: the mailing ones, and SES's send events (or what local mode gives). */
export function sendingTaskParts(w: Wiring) {
  const parts = mailingTaskParts(w);
  const sentMessages: SentMessages =
    w.options.sentMessages ?? new SendEventSentMessages(parts.agreements);
  // Every nudge carries action links where the console's address is set.
  const actionLinks = w.env.CONSOLE_URL ? { actionLinks: actionLinkParts(w) } : {};
  return { ...parts, sentMessages, ...actionLinks };
}
