import { SendRawEmailCommand, type SESClient } from '@aws-sdk/client-ses';
import { deliveryTags } from '../../domain/delivery.ts';
import type { Mailer, OutgoingEmail } from '../../domain/ports.ts';
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
    const { MessageId } = await this.#client.send(
      new SendRawEmailCommand({
        Source: this.#sender,
        // The envelope: exactly the validated header recipients.
        Destinations: [...email.to, ...email.cc],
        RawMessage: { Data: data },
        ...(this.#configurationSet ? { ConfigurationSetName: this.#configurationSet } : {}),
        ...(email.agreementId ? { Tags: deliveryTags(email.agreementId) } : {}),
      }),
    );
    if (!MessageId) throw new Error('SES accepted the email without a message id');
    return { messageId: MessageId };
  }
}
