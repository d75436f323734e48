import { SendRawEmailCommand, type SESClient } from '@aws-sdk/client-ses';
import { addressKey } from '../../domain/delivery.ts';
import { PermanentSendFailureError, type Mailer, type OutgoingEmail } from '../../domain/ports.ts';
import { deliveryTags } from './message-tags.ts';
import { buildRawMessage } from './mime.ts';

/**
 * Multipart email (text, html, attachments) through SES's SendRawEmail (v1 API), from one
 * verified sender identity. The raw message is built in mime.ts.
 */
export class SesMailer implements Mailer {
  readonly #client: SESClient;
  readonly #sender: string;
  readonly #configurationSet: string | undefined;

  constructor(props: { client: SESClient; sender: string; configurationSet?: string }) {
    this.#client = props.client;
    this.#sender = props.sender;
    this.#configurationSet = props.configurationSet;
  }

  async send(email: OutgoingEmail): Promise<{ messageId: string }> {
    const data = await buildRawMessage(email, { from: this.#sender });
    const command = new SendRawEmailCommand({
      Source: this.#sender,
      // The envelope: exactly the validated header recipients.
      Destinations: [...email.to, ...email.cc],
      RawMessage: { Data: data },
      ...(this.#configurationSet ? { ConfigurationSetName: this.#configurationSet } : {}),
      ...(email.agreementId ? { Tags: deliveryTags(email.agreementId, email.nudge) } : {}),
    });
    let messageId: string | undefined;
    try {
      ({ MessageId: messageId } = await this.#client.send(command));
    } catch (error) {
      if (
        error instanceof Error &&
        isPermanentSendFailure(error.name, error.message, this.#sender)
      ) {
        throw new PermanentSendFailureError(error);
      }
      throw error;
    }
    if (!messageId) throw new Error('SES accepted the email without a message id');
    return { messageId };
  }
}

/**
 * Whether a send failed for good for this message alone, so that retrying it (or failing the
 * workflow over it) is pointless: SES `MessageRejected`, which covers a recipient on the
 * suppression list at send time, an unverified recipient while the account is in the sandbox,
 * and content SES refuses. Not when the message says the sender's own identity failed the
 * check: that is the configuration, and every nudge would meet it.
 *
 * Account- and configuration-wide refusals (`AccountSendingPausedException`,
 * `ConfigurationSetSendingPausedException`, `ConfigurationSetDoesNotExistException`,
 * `MailFromDomainNotVerifiedException`) are not permanent for the message: treating them as
 * done would silently use up every agreement's nudges while sending is paused. They stay
 * errors, and the workflow marks the agreement as needing attention.
 */
export function isPermanentSendFailure(errorName: string, message = '', sender?: string): boolean {
  if (errorName !== 'MessageRejected') return false;
  if (!sender) return true;
  const text = message.toLowerCase();
  const address = addressKey(sender);
  const domain = address.slice(address.lastIndexOf('@') + 1);
  const namesSender =
    text.includes(address) || new RegExp(`[\\s:,]${escape(domain)}\\b`).test(text);
  return !(namesSender && text.includes('not verified'));
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
