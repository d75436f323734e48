// Delivery feedback. A contact's address that bounced permanently or drew a complaint is
// undeliverable for the agreement whose email it was (the mail service's feedback names the
// agreement); nudges then avoid it and go to the escalation contacts, or the host coordinators.
// Undeliverability is kept per agreement: the table has no index by email address, and an
// address that bounced on one agreement is only known to that agreement.
import {
  nextVersion,
  type Agreement,
  type AuditEventDraft,
  type UndeliverableAddress,
} from './agreement.ts';
import type { Contact } from './schemas.ts';
import type { WorkflowChange } from './execution.ts';
import { nudgeDone } from './nudge-ledger.ts';
import type { Nudge, NudgeKind } from './nudge-plan.ts';
import { recipientsOf, type Recipients } from './recipients.ts';

const FEEDBACK_ACTOR = 'email-feedback';
const MAX_DETAIL = 500;

// ---------------------------------------------------------------------------------------------
// Marking addresses

export type FeedbackKind = UndeliverableAddress['kind'];

/** One recipient of one bounce or complaint notification. */
export interface DeliveryFeedback {
  email: string;
  kind: FeedbackKind;
  /** For bounces: `Permanent`, `Transient` or `Undetermined`, as SES reports it. */
  bounceType?: string;
  /** E.g. `General`, `NoEmail`, `Suppressed`, `OnAccountSuppressionList`. */
  bounceSubType?: string;
  /** The receiving server's answer (bounces) or the complaint's feedback type. */
  diagnostic?: string;
  /** When the mail service reported it. */
  at: string;
}

/**
 * Whether the feedback makes the address undeliverable: a permanent bounce (including an
 * address on the account's suppression list) or a complaint. A transient or undetermined
 * bounce (mailbox full, message too large, a server down) does not: SES already retried it,
 * the next nudge may well arrive, and nothing is recorded for it.
 */
export function makesUndeliverable(feedback: DeliveryFeedback): boolean {
  return feedback.kind === 'COMPLAINT' || feedback.bounceType === 'Permanent';
}

/** The key of an address in `agreement.undeliverable`: trimmed, lower-cased, without a display name. */
export function addressKey(email: string): string {
  const trimmed = email.trim();
  const bracketed = /<([^<>]*)>\s*$/.exec(trimmed);
  return (bracketed?.[1] ?? trimmed).trim().toLowerCase();
}

export function undeliverableEntry(
  agreement: Agreement,
  email: string,
): UndeliverableAddress | undefined {
  return agreement.undeliverable?.[addressKey(email)];
}

/** The contacts of the agreement with this address (an address may hold several roles). */
export function contactsWithAddress(agreement: Agreement, email: string): Contact[] {
  const key = addressKey(email);
  return agreement.contacts.filter((c) => addressKey(c.email) === key);
}

/**
 * Marks a contact's address undeliverable after a permanent bounce or a complaint, with a
 * CONTACT_UNDELIVERABLE event. Returns undefined when there is nothing to do: a transient
 * bounce, an address that is no contact of the agreement, or one already marked (a redelivered
 * notification, or a second bounce of the same address).
 */
export function markUndeliverable(
  agreement: Agreement,
  feedback: DeliveryFeedback,
  now: Date,
): WorkflowChange | undefined {
  if (!makesUndeliverable(feedback)) return undefined;
  const key = addressKey(feedback.email);
  const contacts = contactsWithAddress(agreement, key);
  if (contacts.length === 0 || agreement.undeliverable?.[key]) return undefined;
  const entry: UndeliverableAddress = {
    since: feedback.at,
    kind: feedback.kind,
    detail: detailOf(feedback),
  };
  const at = now.toISOString();
  const event: AuditEventDraft = {
    type: 'CONTACT_UNDELIVERABLE',
    at,
    actor: FEEDBACK_ACTOR,
    data: {
      email: key,
      kind: entry.kind,
      detail: entry.detail,
      reportedAt: feedback.at,
      contacts: contacts.map((c) => ({ name: c.name, role: c.role, side: c.side })),
    },
  };
  return {
    agreement: nextVersion(
      { ...agreement, undeliverable: { ...agreement.undeliverable, [key]: entry } },
      now,
    ),
    events: [event],
  };
}

/** Notes that the host coordinators were told about an undeliverable address. */
export function recordUndeliverableAlert(
  agreement: Agreement,
  email: string,
  now: Date,
): WorkflowChange | undefined {
  const key = addressKey(email);
  const entry = agreement.undeliverable?.[key];
  if (!entry || entry.alertedAt) return undefined;
  return {
    agreement: nextVersion(
      {
        ...agreement,
        undeliverable: {
          ...agreement.undeliverable,
          [key]: { ...entry, alertedAt: now.toISOString() },
        },
      },
      now,
    ),
    events: [],
  };
}

function detailOf(feedback: DeliveryFeedback): string {
  const parts =
    feedback.kind === 'COMPLAINT'
      ? ['Complaint', feedback.diagnostic]
      : [
          [feedback.bounceType, feedback.bounceSubType].filter(Boolean).join('/') || 'Bounce',
          feedback.diagnostic,
        ];
  return singleLine(parts.filter(Boolean).join(': '), MAX_DETAIL);
}

/** Remote servers write diagnostics: no control characters, no line breaks, bounded. */
function singleLine(text: string, max: number): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

// ---------------------------------------------------------------------------------------------
// Choosing recipients

/** The contacts whose address is not marked undeliverable on the agreement. */
export function deliverable(contacts: readonly Contact[], agreement: Agreement): Contact[] {
  const marked = agreement.undeliverable ?? {};
  return contacts.filter((c) => !(addressKey(c.email) in marked));
}

export interface DeliverableRecipients extends Recipients {
  /** Addresses left out because they are undeliverable. */
  avoided: string[];
  /** Who stands in when none of the intended `to` contacts can be reached. */
  fallback?: 'ESCALATION' | 'HOST_COORDINATOR';
}

/**
 * The recipients of a nudge (from `recipientsOf`) without undeliverable addresses. When no `to`
 * contact is left, the escalation contacts stand in, or failing them the host coordinators;
 * when none of those can be reached either, `to` is empty: send nothing.
 */
export function recipientsAvoidingUndeliverable(
  agreement: Agreement,
  recipients: Recipients,
): DeliverableRecipients {
  const intended = [...recipients.to, ...recipients.cc];
  const avoided = [
    ...new Set(
      intended.map((c) => addressKey(c.email)).filter((key) => undeliverableEntry(agreement, key)),
    ),
  ];
  const to = deliverable(recipients.to, agreement);
  const cc = deliverable(recipients.cc, agreement);
  const result = (
    chosen: Contact[],
    fallback?: DeliverableRecipients['fallback'],
  ): DeliverableRecipients => {
    const chosenKeys = new Set(chosen.map((c) => addressKey(c.email)));
    return {
      to: chosen,
      cc: cc.filter((c) => !chosenKeys.has(addressKey(c.email))),
      avoided,
      ...(fallback ? { fallback } : {}),
    };
  };
  if (to.length > 0) return result(to);
  const escalation = deliverable(
    agreement.contacts.filter((c) => c.role === 'ESCALATION'),
    agreement,
  );
  if (escalation.length > 0) return result(escalation, 'ESCALATION');
  const hostCoordinators = deliverableHostCoordinators(agreement);
  if (hostCoordinators.length > 0) return result(hostCoordinators, 'HOST_COORDINATOR');
  return { to: [], cc: [], avoided };
}

/**
 * Who a nudge of this kind reaches: its recipients, undeliverable ones avoided. The notice that a
 * wait went dormant is the host coordinators' own: nobody stands in for them.
 */
export function deliverableRecipientsOf(
  agreement: Agreement,
  kind: NudgeKind,
): DeliverableRecipients {
  if (kind === 'DORMANT_NOTICE') {
    return { to: deliverableHostCoordinators(agreement), cc: [], avoided: [] };
  }
  return recipientsAvoidingUndeliverable(agreement, recipientsOf(agreement, kind));
}

/** Who hears about an undeliverable address: the host's coordinators that can be reached. */
export function deliverableHostCoordinators(agreement: Agreement): Contact[] {
  return deliverable(
    agreement.contacts.filter((c) => c.role === 'COORDINATOR' && c.side === 'HOST'),
    agreement,
  );
}

// ---------------------------------------------------------------------------------------------
// Sends the mail service refused

/** A send the mail service refused for good, as the NUDGE_REJECTED event records it. */
export interface SendRejection {
  recipients: string[];
  error: string;
  message: string;
}

/**
 * The nudge was refused by the mail service for good: it counts as done (the schedule moves
 * on, nothing retries it) and a NUDGE_REJECTED event keeps the refusal in the history.
 */
export function recordNudgeRejected(
  agreement: Agreement,
  nudge: Nudge,
  rejection: SendRejection,
  now: Date,
  companions: readonly Nudge[] = [],
): WorkflowChange {
  return nudgeDone(
    agreement,
    nudge,
    'NUDGE_REJECTED',
    {
      recipients: rejection.recipients,
      error: rejection.error,
      message: singleLine(rejection.message, MAX_DETAIL),
    },
    now,
    companions,
  );
}
