// SES event publishing notifications (a configuration set's SNS event destination), read into
// the domain's delivery feedback, or for a nudge's send event, into the nudge it confirms. The
// agreement comes from the `agreement` message tag the mailer sends every email with (and the
// nudge from the `nudge` tag); SES repeats the message's tags in `mail.tags`. What marks a contact
// undeliverable must be what SES publishes: each handled event type has a schema of the fields
// read, every one typed and bounded, and a message that does not fit it is MALFORMED as a whole,
// never read in part. Fields SES adds that are not read are left alone (and never trusted).
import { AGREEMENT_ID } from '../../domain/agreement.ts';
import type { DeliveryFeedback } from '../../domain/delivery.ts';
import {
  AGREEMENT_TAG,
  isValidTagValue,
  NUDGE_TAG,
  parseNudgeTag,
  type NudgeRef,
} from './message-tags.ts';
import * as z from '../../domain/zod.ts';

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

/** SES lists at most 50 recipients per message. */
const MAX_RECIPIENTS = 50;
/** SES allows 50 message tags; it adds a few `ses:` ones of its own. */
const MAX_TAGS = 64;
const ADDRESS = /^[^\s@<>]+@[^\s@<>]+$/;

const name = z.string().check(z.minLength(1), z.maxLength(256));
const shortName = name.check(z.maxLength(64));
const timestamp = z.string().check(
  z.maxLength(64),
  z.refine((value) => !Number.isNaN(Date.parse(value)), 'not a date'),
);
const address = z.pipe(
  z.string().check(z.maxLength(320)),
  z.transform((value: string, ctx) => {
    const bare = bareAddress(value);
    if (bare === undefined) {
      ctx.issues.push({ code: 'custom', message: 'not an email address', input: value });
    }
    return bare ?? '';
  }),
);
const recipients = <T extends z.ZodMiniType>(recipient: T) =>
  z.array(recipient).check(z.minLength(1), z.maxLength(MAX_RECIPIENTS));

const mail = z.looseObject({
  timestamp: z.optional(timestamp),
  messageId: z.optional(name),
  tags: z.optional(
    z
      .record(name, z.array(z.string().check(z.maxLength(256))).check(z.maxLength(10)))
      .check(z.refine((tags) => Object.keys(tags).length <= MAX_TAGS, 'too many tags')),
  ),
});
/** The agreement tag: exactly one value, an agreement id. */
const agreementTag = z.tuple([
  z
    .string()
    .check(z.refine((id) => AGREEMENT_ID.test(id) && isValidTagValue(id), 'not an agreement id')),
]);

const bounceEvent = z.looseObject({
  eventType: z.literal('Bounce'),
  mail,
  bounce: z.looseObject({
    bounceType: z.enum(['Permanent', 'Transient', 'Undetermined']),
    bounceSubType: z.optional(shortName),
    bouncedRecipients: recipients(
      z.looseObject({
        emailAddress: address,
        diagnosticCode: z.optional(z.string().check(z.maxLength(2048))),
      }),
    ),
    timestamp: z.optional(timestamp),
  }),
});
const complaintEvent = z.looseObject({
  eventType: z.literal('Complaint'),
  mail,
  complaint: z.looseObject({
    complainedRecipients: recipients(z.looseObject({ emailAddress: address })),
    complaintFeedbackType: z.optional(shortName),
    timestamp: z.optional(timestamp),
  }),
});
const sendEvent = z.looseObject({ eventType: z.literal('Send'), mail });
/** The event types that are read, by `eventType`; another branch per type handled. */
const handledEvent = z.discriminatedUnion('eventType', [bounceEvent, complaintEvent, sendEvent]);
type FeedbackEvent = Exclude<z.infer<typeof handledEvent>, { eventType: 'Send' }>;
const HANDLED = new Set<string>(
  handledEvent.def.options.flatMap((option) => option.shape.eventType.def.values),
);

/** What every notification has, handled or not. */
const envelope = z.looseObject({
  // Event publishing says `eventType`; identity notifications say `notificationType`.
  eventType: z.optional(shortName),
  notificationType: z.optional(shortName),
  mail: z.looseObject({ messageId: z.optional(name) }),
});

/** Reads the `Message` of one SNS record. Never throws: a bad message is MALFORMED. */
export function parseFeedbackNotification(message: string): FeedbackNotification {
  let body: unknown;
  try {
    body = JSON.parse(message);
  } catch {
    return { outcome: 'MALFORMED', reason: 'not JSON' };
  }
  const read = envelope.safeParse(body);
  if (!read.success) return malformed(read.error);
  const eventType = read.data.eventType ?? read.data.notificationType;
  if (!eventType) return { outcome: 'MALFORMED', reason: 'no eventType' };
  const messageId = read.data.mail.messageId;
  const ids = messageId ? { messageId } : {};
  if (!HANDLED.has(eventType)) {
    return { outcome: 'IGNORED', eventType, reason: `a ${eventType} event`, ...ids };
  }

  const event = handledEvent.safeParse({ ...read.data, eventType });
  if (!event.success) return malformed(event.error);
  const tagged = event.data.mail.tags?.[AGREEMENT_TAG];
  if (tagged === undefined) {
    return { outcome: 'IGNORED', eventType, reason: 'no agreement tag', ...ids };
  }
  const tag = agreementTag.safeParse(tagged);
  if (!tag.success) return { outcome: 'MALFORMED', reason: 'agreement tag is not a valid id' };
  const agreementId = tag.data[0];
  if (event.data.eventType === 'Send') {
    // Only a nudge's send event settles anything: other emails are never claimed.
    const nudgeTag = event.data.mail.tags?.[NUDGE_TAG];
    if (nudgeTag === undefined) {
      return { outcome: 'IGNORED', eventType, reason: 'no nudge tag', ...ids };
    }
    const nudge = nudgeTag.length === 1 ? parseNudgeTag(nudgeTag[0]) : undefined;
    if (!nudge) return { outcome: 'MALFORMED', reason: 'nudge tag is not a valid nudge' };
    if (!messageId) return { outcome: 'MALFORMED', reason: 'no message id' };
    return { outcome: 'NUDGE_SENT', agreementId, messageId, nudge };
  }
  const feedback = feedbackOf(event.data);
  if (!feedback) return { outcome: 'MALFORMED', reason: 'no timestamp' };
  return {
    outcome: 'FEEDBACK',
    eventType: event.data.eventType,
    agreementId,
    feedback,
    ...ids,
  };
}

/** One entry per recipient; undefined without a time to record. */
function feedbackOf(event: FeedbackEvent): DeliveryFeedback[] | undefined {
  const detail = event.eventType === 'Bounce' ? event.bounce : event.complaint;
  const at = detail.timestamp ?? event.mail.timestamp;
  if (!at) return undefined;
  switch (event.eventType) {
    case 'Bounce': {
      const { bounceType, bounceSubType, bouncedRecipients } = event.bounce;
      return bouncedRecipients.map(({ emailAddress, diagnosticCode }) => ({
        email: emailAddress,
        kind: 'BOUNCE',
        at,
        bounceType,
        ...optional('bounceSubType', bounceSubType),
        ...optional('diagnostic', diagnosticCode),
      }));
    }
    case 'Complaint': {
      const { complaintFeedbackType, complainedRecipients } = event.complaint;
      return complainedRecipients.map(({ emailAddress }) => ({
        email: emailAddress,
        kind: 'COMPLAINT',
        at,
        ...optional('diagnostic', complaintFeedbackType),
      }));
    }
  }
}

/** Where the message first departs from the schema, for the log. */
function malformed(error: z.core.$ZodError): FeedbackNotification {
  const [issue] = error.issues;
  const at = issue?.path.length ? issue.path.join('.') : 'the message';
  return { outcome: 'MALFORMED', reason: `${at}: ${issue?.message ?? 'invalid'}` };
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
