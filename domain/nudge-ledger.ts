// The count of nudges sent per wait, kept in `agreement.nudges`: a nudge is claimed before it
// goes out and recorded once it went, and a new execution continues the count where the old one
// stopped. A claim whose sender stopped before recording is settled by the mail service's send
// event (confirmed: recorded, not sent again) or, with no send event by the confirmation
// timeout, sent again: a crash at any point neither loses nor duplicates a nudge.
import { nextVersion, type Agreement } from './agreement.ts';
import { WORKFLOW_ACTOR, type WorkflowChange } from './execution.ts';
import type { Nudge } from './nudge-plan.ts';

/** What the count knows of a nudge: where it is counted, and its number there. */
export type CountedNudge = Pick<Nudge, 'key' | 'number'>;

/**
 * How long a claimed nudge may stay without its send event before it is sent again. Longer than
 * any attempt can still be in flight (the send task's Lambda timeout, 30 seconds, and its SES
 * call) plus the time SES takes to publish the send event through SNS to the feedback function
 * (seconds; SNS retries for minutes): a re-send never races the first attempt or its event.
 */
export const NUDGE_CONFIRMATION_TIMEOUT_MS = 15 * 60_000;

/** Claims a nudge before sending it; a retry then finds out what became of it. */
export function claimNudge(agreement: Agreement, nudge: CountedNudge, now: Date): Agreement {
  const { sent, lastSentAt } = agreement.nudges[nudge.key] ?? { sent: 0 };
  const claimed = {
    sent,
    ...(lastSentAt ? { lastSentAt } : {}),
    pending: nudge.number,
    claimedAt: now.toISOString(),
  };
  return nextVersion({ ...agreement, nudges: { ...agreement.nudges, [nudge.key]: claimed } }, now);
}

/** Whether this nudge was already sent, or claimed by an attempt whose outcome is unknown. */
export function nudgeStatus(agreement: Agreement, nudge: CountedNudge): 'NEW' | 'SENT' | 'CLAIMED' {
  const state = agreement.nudges[nudge.key];
  if (state && state.sent >= nudge.number) return 'SENT';
  return state?.pending === nudge.number ? 'CLAIMED' : 'NEW';
}

/**
 * Until when an unconfirmed claim of this nudge may still be in flight: before then nobody sends
 * it again. Undefined when it is not claimed, or the claim is older than that.
 */
export function claimHeldUntil(
  agreement: Agreement,
  nudge: CountedNudge,
  now: Date,
): Date | undefined {
  const state = agreement.nudges[nudge.key];
  if (nudgeStatus(agreement, nudge) !== 'CLAIMED' || !state?.claimedAt) return undefined;
  const until = new Date(Date.parse(state.claimedAt) + NUDGE_CONFIRMATION_TIMEOUT_MS);
  return until > now ? until : undefined;
}

/** The message id of the claimed nudge's send event, if it came before the sender recorded it. */
export function confirmedMessageId(
  agreement: Agreement,
  nudge: Pick<Nudge, 'key' | 'number'>,
): string | undefined {
  const state = agreement.nudges[nudge.key];
  return state?.confirmed?.number === nudge.number ? state.confirmed.messageId : undefined;
}

/**
 * Keeps the mail service's send event of a claimed nudge on its claim, for a retry to find.
 * Undefined (nothing to write) when the nudge is recorded already, or not claimed.
 */
export function confirmNudgeClaim(
  agreement: Agreement,
  sent: { key: string; number: number; messageId: string },
  now: Date,
): WorkflowChange | undefined {
  const state = agreement.nudges[sent.key];
  if (state?.pending !== sent.number || state.confirmed) return undefined;
  const confirmed = { number: sent.number, messageId: sent.messageId };
  return {
    agreement: nextVersion(
      { ...agreement, nudges: { ...agreement.nudges, [sent.key]: { ...state, confirmed } } },
      now,
    ),
    events: [],
  };
}

export function releaseNudge(agreement: Agreement, nudge: CountedNudge, now: Date): Agreement {
  const state = agreement.nudges[nudge.key] ?? { sent: 0 };
  const released = {
    sent: state.sent,
    ...(state.lastSentAt ? { lastSentAt: state.lastSentAt } : {}),
  };
  return nextVersion({ ...agreement, nudges: { ...agreement.nudges, [nudge.key]: released } }, now);
}

export interface Delivery {
  recipients: string[];
  /** Which message template went out. */
  template?: string;
  /** The mail service's message id; absent when an earlier attempt's outcome is unknown. */
  messageId?: string;
  subject?: string;
}

export function recordNudgeSent(
  agreement: Agreement,
  nudge: Nudge,
  delivery: Delivery,
  now: Date,
): WorkflowChange {
  return nudgeDone(
    agreement,
    nudge,
    'NUDGE_SENT',
    {
      ...delivery,
      ...(delivery.messageId ? {} : { unconfirmed: true }),
    },
    now,
  );
}

/**
 * A nudge is over (sent, or refused for good): its count moves on and one audit event says
 * how it ended.
 */
export function nudgeDone(
  agreement: Agreement,
  nudge: Nudge,
  type: 'NUDGE_SENT' | 'NUDGE_REJECTED',
  data: Record<string, unknown>,
  now: Date,
): WorkflowChange {
  const at = now.toISOString();
  return {
    agreement: nextVersion(
      {
        ...agreement,
        nudges: { ...agreement.nudges, [nudge.key]: { sent: nudge.number, lastSentAt: at } },
      },
      now,
    ),
    events: [
      {
        type,
        at,
        actor: WORKFLOW_ACTOR,
        data: { kind: nudge.kind, waitKey: nudge.waitKey, number: nudge.number, ...data },
      },
    ],
  };
}
