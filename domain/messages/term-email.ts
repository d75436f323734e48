// The term's letters (term-plan.ts): an expiry notice to both parties' officials, and the
// expiry to the coordinators, in the language of their `to` recipients.
import type { Agreement } from '../agreement.ts';
import { dateInZone } from '../dates.ts';
import type { OutgoingEmail } from '../ports.ts';
import type { Recipients } from '../recipients.ts';
import { termBasis } from '../term.ts';
import type { TermNudge } from '../term-plan.ts';
import { daysBetween } from './language.ts';
import { emailTo, letterTo } from './letter.ts';
import { renderMessage } from './render.ts';

export function composeTermEmail(
  agreement: Agreement,
  nudge: TermNudge,
  recipients: Recipients,
  now: Date,
): OutgoingEmail {
  const { letter, locale } = letterTo(agreement, recipients);
  const document = termBasis(agreement)?.document ?? 'PKS';
  const { validUntil } = nudge;
  if (nudge.kind === 'TERM_EXPIRED') {
    return emailTo(
      recipients,
      renderMessage('TERM_EXPIRED', { ...letter, document, validUntil }, locale),
    );
  }
  const today = dateInZone(now, agreement.partnerRegion.timeZone);
  const context = { ...letter, document, validUntil, daysLeft: daysBetween(today, validUntil) };
  return emailTo(recipients, renderMessage('EXPIRY_NOTICE', context, locale));
}
