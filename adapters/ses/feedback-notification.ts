// SES event publishing notifications (a configuration set's SNS event destination), read into
// the domain's delivery feedback, or for a nudge's send event, into the nudge it confirms. The
// agreement comes from the `agreement` message tag the mailer sends every email with (and the
// nudge from the `nudge` tag); SES repeats the message's tags in `mail.tags`. Hand-written checks
// rather than a schema library: the feedback function's bundle stays small.
import type { DeliveryFeedback, FeedbackKind } from '../../domain/delivery.ts';
import {
  AGREEMENT_TAG,
  isValidTagValue,
  NUDGE_TAG,
  parseNudgeTag,
  type NudgeRef,
} from './message-tags.ts';

export type FeedbackNotification =
  /** A bounce or complaint about an email of an agreement: one entry per affected recipient. */
  | {
      outcome: 'FEEDBACK';
      eventType: 'Bounce' | 'Complaint';
      agreementId: string;
      messageId?: string;
      feedback: DeliveryFeedback[];
    }
  /** SES accepted a nudge's email: its claim may be waiting for this. */
  | { outcome: 'NUDGE_SENT'; agreementId: string; messageId: string; nudge: NudgeRef }
  /** Well-formed, but nothing to record (a delivery, a rejected message, an untagged email). */
  | { outcome: 'IGNORED'; eventType: string; reason: string; messageId?: string }
  | { outcome: 'MALFORMED'; reason: string };

/** More than SES ever lists (50 recipients per message): a bound against a runaway message. */
const MAX_RECIPIENTS = 100;
const ADDRESS = /^[^\s@<>]+@[^\s@<>]+$/;

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length > 0 ? value : undefined;

/** Reads the `Message` of one SNS record. Never throws: a bad message is MALFORMED. */
export function parseFeedbackNotification(message: string): FeedbackNotification {
  let body: unknown;
  try {
    body = JSON.parse(message);
  } catch {
    return { outcome: 'MALFORMED', reason: 'not JSON' };
  }
  if (!isObject(body)) return { outcome: 'MALFORMED', reason: 'not a JSON object' };
  // Event publishing says `eventType`; identity notifications say `notificationType`.
  const eventType = text(body.eventType) ?? text(body.notificationType);
  if (!eventType) return { outcome: 'MALFORMED', reason: 'no eventType' };
  if (!isObject(body.mail)) return { outcome: 'MALFORMED', reason: 'no mail object' };
  const messageId = text(body.mail.messageId);
  const ids = messageId ? { messageId } : {};
  if (eventType !== 'Bounce' && eventType !== 'Complaint' && eventType !== 'Send') {
    return { outcome: 'IGNORED', eventType, reason: `a ${eventType} event`, ...ids };
  }

  const tags = isObject(body.mail.tags) ? body.mail.tags : {};
  const tag = (name: string): unknown => {
    const values = tags[name];
    return Array.isArray(values) ? values[0] : undefined;
  };
  const agreementId = tag(AGREEMENT_TAG);
  if (agreementId === undefined) {
    return { outcome: 'IGNORED', eventType, reason: 'no agreement tag', ...ids };
  }
  if (!isValidTagValue(agreementId)) {
    return { outcome: 'MALFORMED', reason: 'agreement tag is not a valid id' };
  }
  if (eventType === 'Send') {
    // Only a nudge's send event settles anything: other emails are never claimed.
    if (tag(NUDGE_TAG) === undefined) {
      return { outcome: 'IGNORED', eventType, reason: 'no nudge tag', ...ids };
    }
    const nudge = parseNudgeTag(tag(NUDGE_TAG));
    if (!nudge) return { outcome: 'MALFORMED', reason: 'nudge tag is not a valid nudge' };
    if (!messageId) return { outcome: 'MALFORMED', reason: 'no message id' };
    return { outcome: 'NUDGE_SENT', agreementId, messageId, nudge };
  }

  const kind: FeedbackKind = eventType === 'Bounce' ? 'BOUNCE' : 'COMPLAINT';
  const detail = kind === 'BOUNCE' ? body.bounce : body.complaint;
  if (!isObject(detail)) return { outcome: 'MALFORMED', reason: `no ${eventType.toLowerCase()}` };
  const listed = kind === 'BOUNCE' ? detail.bouncedRecipients : detail.complainedRecipients;
  if (!Array.isArray(listed) || listed.length === 0 || listed.length > MAX_RECIPIENTS) {
    return { outcome: 'MALFORMED', reason: 'no list of recipients' };
  }
  const at = text(detail.timestamp) ?? text(body.mail.timestamp);
  if (!at || Number.isNaN(Date.parse(at))) {
    return { outcome: 'MALFORMED', reason: 'no valid timestamp' };
  }

  const feedback: DeliveryFeedback[] = [];
  for (const recipient of listed) {
    const email = isObject(recipient) ? text(recipient.emailAddress) : undefined;
    const address = email ? bareAddress(email) : undefined;
    if (!address) return { outcome: 'MALFORMED', reason: 'a recipient without an address' };
    feedback.push(
      kind === 'BOUNCE'
        ? {
            email: address,
            kind,
            at,
            ...optional('bounceType', text(detail.bounceType)),
            ...optional('bounceSubType', text(detail.bounceSubType)),
            ...optional('diagnostic', isObject(recipient) ? text(recipient.diagnosticCode) : ''),
          }
        : {
            email: address,
            kind,
            at,
            ...optional('diagnostic', text(detail.complaintFeedbackType)),
          },
    );
  }
  return { outcome: 'FEEDBACK', eventType, agreementId, feedback, ...ids };
}

/** `Name <a@b>` or `a@b` → `a@b`, if it looks like an address at all. */
function bareAddress(value: string): string | undefined {
  const bracketed = /<([^<>]*)>\s*$/.exec(value);
  const address = (bracketed?.[1] ?? value).trim();
  return ADDRESS.test(address) && address.length <= 254 ? address : undefined;
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value ? ({ [key]: value } as Record<K, string>) : {};
}
