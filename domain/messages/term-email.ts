// The term's letters (term-plan.ts): an expiry notice to both parties' officials, and the
// expiry to the coordinators, in the language of their `to` recipients.
import type { Agreement } from '../agreement.ts';
import { dateInZone, daysBetween } from '../dates.ts';
import type { OutgoingEmail } from '../ports.ts';
import type { Recipients } from '../recipients.ts';
import { termBasis } from '../term.ts';
import type { TermNudge } from '../term-plan.ts';
import expiryNoticeEn from '../../templates/expiry-notice.en.json' with { type: 'json' };
import expiryNoticeId from '../../templates/expiry-notice.id.json' with { type: 'json' };
import termExpiredEn from '../../templates/term-expired.en.json' with { type: 'json' };
import termExpiredId from '../../templates/term-expired.id.json' with { type: 'json' };
import { count, formatDate } from './language.ts';
import { emailTo, letterTo } from './letter.ts';
import { letterView, pendingView, renderMessage, type MessageDefinition } from './render.ts';

const EXPIRY_NOTICE: MessageDefinition<'EXPIRY_NOTICE'> = {
  templates: { id: expiryNoticeId, en: expiryNoticeEn },
  view: (c, p, l) => ({
    ...letterView(c, p, l),
    pks: c.document === 'PKS',
    validUntil: formatDate(c.validUntil, l),
    remaining: count(p.inDays, Math.max(0, c.daysLeft), l),
    pending: pendingView({ route: 'TERM' }, p, l),
  }),
};

const TERM_EXPIRED: MessageDefinition<'TERM_EXPIRED'> = {
  templates: { id: termExpiredId, en: termExpiredEn },
  view: (c, p, l) => ({
    ...letterView(c, p, l),
    pks: c.document === 'PKS',
    validUntil: formatDate(c.validUntil, l),
  }),
};

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
      renderMessage(TERM_EXPIRED, { ...letter, document, validUntil }, locale),
    );
  }
  const today = dateInZone(now, agreement.partnerRegion.timeZone);
  const context = { ...letter, document, validUntil, daysLeft: daysBetween(today, validUntil) };
  return emailTo(recipients, renderMessage(EXPIRY_NOTICE, context, locale));
}
