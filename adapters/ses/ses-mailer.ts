import { SendEmailCommand, type SESClient } from '@aws-sdk/client-ses';
import type { Mailer, OutgoingEmail } from '../../domain/ports.ts';

/** Plain-text email through SES (v1 API), from one verified sender identity. */
export class SesMailer implements Mailer {
  readonly #client: SESClient;
  readonly #sender: string;

  constructor(props: { client: SESClient; sender: string }) {
    this.#client = props.client;
    this.#sender = props.sender;
  }

  async send(email: OutgoingEmail): Promise<{ messageId: string }> {
    const { MessageId } = await this.#client.send(
      new SendEmailCommand({
        Source: this.#sender,
        Destination: { ToAddresses: email.to, CcAddresses: email.cc },
        Message: {
          Subject: { Data: email.subject, Charset: 'UTF-8' },
          Body: { Text: { Data: email.text, Charset: 'UTF-8' } },
        },
      }),
    );
    if (!MessageId) throw new Error('SES accepted the email without a message id');
    return { messageId: MessageId };
  }
}
