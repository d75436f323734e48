// Emails to the people who keep things running: operations, when an agreement's workflow stopped
// on an error.
import type { OutgoingEmail } from '../ports.ts';
import type { Failure } from '../workflow.ts';
import type { Locale } from './language.ts';
import { renderMessage } from './render.ts';
import { validateAddresses } from './safety.ts';

export interface NeedsAttentionInput {
  agreementId: string;
  /** Absent when the agreement could not be read. */
  title?: string;
  failure: Failure;
  /** The operations team's address. */
  operations: string;
  now: Date;
  /** @default 'id' */
  locale?: Locale;
}

/**
 * Tells operations that an agreement's workflow stopped on an error. The execution ARN is not
 * in the email (it is on the agreement and in its history); tokens and ARNs in the cause are
 * redacted.
 */
export function composeNeedsAttentionEmail(input: NeedsAttentionInput): OutgoingEmail {
  validateAddresses([input.operations]);
  const message = renderMessage(
    'NEEDS_ATTENTION',
    {
      reference: input.agreementId,
      ...(input.title ? { title: input.title } : {}),
      error: input.failure.error,
      cause: input.failure.cause,
      at: input.now,
    },
    input.locale ?? 'id',
  );
  return {
    to: [input.operations],
    cc: [],
    subject: message.subject,
    text: message.text,
    html: message.html,
  };
}
