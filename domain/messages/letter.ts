// What every letter about an agreement shares: how it names the agreement, whom it greets, the
// checks on its recipients that choose its language, and the email it becomes.
import type { Agreement } from '../agreement.ts';
import type { OutgoingEmail } from '../ports.ts';
import type { Contact } from '../schemas.ts';
import type { Recipients } from '../recipients.ts';
import type { AgreementIdentification, LetterContext, RenderedMessage } from './contexts.ts';
import { messageLocale, type Locale } from './language.ts';
import { validateAddresses } from './safety.ts';

/**
 * The letter to these recipients about the agreement, and its language (that of the `to`
 * recipients). Throws InvalidEmailAddressError when a recipient's address is not valid.
 */
export function letterTo(
  agreement: Agreement,
  recipients: Recipients,
): { letter: LetterContext; locale: Locale } {
  if (recipients.to.length === 0) throw new Error('An email needs at least one recipient');
  validateAddresses([...recipients.to, ...recipients.cc].map((c) => c.email));
  return {
    letter: { agreement: identification(agreement), recipients: namesOf(recipients.to) },
    locale: messageLocale(recipients.to),
  };
}

function identification(agreement: Agreement): AgreementIdentification {
  return {
    reference: agreement.id,
    title: agreement.title,
    hostRegion: agreement.hostRegion.name,
    partnerRegion: agreement.partnerRegion.name,
    stage: agreement.stage,
  };
}

export function namesOf(contacts: readonly Contact[]): string[] {
  return contacts.map((c) => c.name);
}

/** The rendered message, addressed to the recipients. */
export function emailTo(recipients: Recipients, message: RenderedMessage): OutgoingEmail {
  return {
    to: recipients.to.map((c) => c.email),
    cc: recipients.cc.map((c) => c.email),
    subject: message.subject,
    text: message.text,
    html: message.html,
    ...(message.attachments ? { attachments: message.attachments } : {}),
  };
}
