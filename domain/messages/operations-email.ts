// Emails to the people who keep things running: operations, when an agreement's workflow stopped
// on an error, and the host coordinators, when a contact's address no longer receives email.
import type { Agreement } from '../agreement.ts';
import { addressKey, contactsWithAddress, undeliverableEntry } from '../delivery.ts';
import type { OutgoingEmail } from '../ports.ts';
import type { Contact } from '../schemas.ts';
import type { Failure } from '../execution.ts';
import needsAttentionEn from '../../templates/needs-attention.en.json' with { type: 'json' };
import needsAttentionId from '../../templates/needs-attention.id.json' with { type: 'json' };
import undeliverableAlertEn from '../../templates/undeliverable-alert.en.json' with { type: 'json' };
import undeliverableAlertId from '../../templates/undeliverable-alert.id.json' with { type: 'json' };
import { list, phrase, type Locale } from './language.ts';
import { emailTo, letterTo } from './letter.ts';
import { letterView, renderMessage, type MessageDefinition } from './render.ts';
import { redactSecrets, validateAddresses } from './safety.ts';

const NEEDS_ATTENTION: MessageDefinition<'NEEDS_ATTENTION'> = {
  templates: { id: needsAttentionId, en: needsAttentionEn },
  view: (c) => ({
    reference: c.reference,
    title: c.title,
    error: redactSecrets(c.error),
    cause: redactSecrets(c.cause).slice(0, 2000),
    at: c.at.toISOString().replace('.000Z', 'Z'),
  }),
};

const UNDELIVERABLE_ALERT: MessageDefinition<'UNDELIVERABLE_ALERT'> = {
  templates: { id: undeliverableAlertId, en: undeliverableAlertEn },
  view: (c, p, l) => ({
    ...letterView(c, p, l),
    address: c.address,
    holders:
      c.holders.length > 0
        ? list(
            c.holders.map((holder) =>
              phrase(p.holder, {
                name: holder.name,
                role: p.contactRoles[holder.role],
                region: holder.side === 'HOST' ? c.agreement.hostRegion : c.agreement.partnerRegion,
              }),
            ),
            l,
          )
        : c.address,
    reason: p.undeliverable[c.kind],
    detail: c.detail,
  }),
};

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
    NEEDS_ATTENTION,
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

/**
 * Tells the host coordinators (`to`) that a contact's address no longer receives email, why,
 * and what happens next. Carries `agreementId` so that the mailer tags it like every email
 * about the agreement. Throws InvalidEmailAddressError when a recipient's address is not valid.
 */
export function composeUndeliverableAlert(
  agreement: Agreement,
  email: string,
  to: readonly Contact[],
): OutgoingEmail & { agreementId: string } {
  const recipients = { to: [...to], cc: [] };
  const { letter, locale } = letterTo(agreement, recipients);
  const address = addressKey(email);
  const entry = undeliverableEntry(agreement, address);
  const message = renderMessage(
    UNDELIVERABLE_ALERT,
    {
      ...letter,
      address,
      holders: contactsWithAddress(agreement, address).map(({ name, role, side }) => ({
        name,
        role,
        side,
      })),
      kind: entry?.kind ?? 'BOUNCE',
      detail: entry?.detail ?? '',
    },
    locale,
  );
  return { ...emailTo(recipients, message), agreementId: agreement.id };
}
