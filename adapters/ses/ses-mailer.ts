import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import { addressKey } from '../../domain/delivery.ts';
import { PermanentSendFailureError, type Mailer, type OutgoingEmail } from '../../domain/ports.ts';
import { clientOf, type ClientSource } from '../client-source.ts';
import { deliveryTags } from './message-tags.ts';
import { simpleEmail } from './simple-email.ts';

/**
 * Email (text, html, attachments) through SES's SendEmail (v2 API) with simple content, from one
 * verified sender identity: SES builds the MIME message from the parts simple-email.ts checks.
 */
export class SesMailer implements Mailer {
  readonly #client: () => SESv2Client;
  readonly #sender: string;
  readonly #configurationSet: string | undefined;

  constructor(props: {
    client: ClientSource<SESv2Client>;
    sender: string;
    configurationSet?: string;
  }) {
    this.#client = clientOf(props.client);
    this.#sender = props.sender;
    this.#configurationSet = props.configurationSet;
  }

  async send(email: OutgoingEmail): Promise<{ messageId: string }> {
    const command = new SendEmailCommand({
      ...simpleEmail(email, this.#sender),
      ...(this.#configurationSet ? { ConfigurationSetName: this.#configurationSet } : {}),
      ...(email.agreementId ? { EmailTags: deliveryTags(email.agreementId, email.nudge) } : {}),
    });
    let messageId: string | undefined;
    try {
      ({ MessageId: messageId } = await this.#client().send(command));
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
 * Account- and configuration-wide refusals (SES v2's `SendingPausedException`,
 * `AccountSuspendedException`, `NotFoundException` for a missing configuration set,
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
