// The count of nudges sent per wait, kept in `agreement.nudges`: a nudge is claimed before it
// goes out and recorded once it went, and a new execution continues the count where the old one
// stopped. A claim whose sender stopped before recording is settled by the mail service's send
// event (confirmed: recorded, not sent again) or, with no send event by the confirmation
// timeout, sent again: a crash at any point neither loses nor duplicates a nudge.
import { nextVersion, type Agreement, type AuditEventDraft, type NudgeState } from './agreement.ts';
import { dateInZone } from './dates.ts';
import { markDormant } from './dormancy.ts';
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

/** What stays of a wait's count when a claim ends: the count, the last send, the ladder. */
function settled(state: NudgeState | undefined): NudgeState {
  const { sent, lastSentAt, ladder } = state ?? { sent: 0 };
  return { sent, ...(lastSentAt ? { lastSentAt } : {}), ...(ladder ? { ladder } : {}) };
}

/**
 * Claims a nudge before sending it, with the nudges of other waits that go out in the same
 * email (`companions`, each claimed as sent with it); a retry then finds out what became of it.
 */
export function claimNudge(
  agreement: Agreement,
  nudge: CountedNudge,
  now: Date,
  companions: readonly CountedNudge[] = [],
): Agreement {
  const claimedAt = now.toISOString();
  const claim = (n: CountedNudge, sentWith?: NudgeState['sentWith']): NudgeState => ({
    ...settled(agreement.nudges[n.key]),
    pending: n.number,
    claimedAt,
    ...(sentWith ? { sentWith } : {}),
  });
  const sentWith = { key: nudge.key, number: nudge.number };
  const claims = Object.fromEntries([
    [nudge.key, claim(nudge)],
    ...companions.map((c) => [c.key, claim(c, sentWith)] as const),
  ]);
  return nextVersion({ ...agreement, nudges: { ...agreement.nudges, ...claims } }, now);
}

/** The identity of the email a claimed nudge goes out in: its own, or the one it shares. */
export function emailIdentityOf(
  agreement: Agreement,
  nudge: Pick<Nudge, 'key' | 'number'>,
): { key: string; number: number } {
  const state = agreement.nudges[nudge.key];
  return state?.pending === nudge.number && state.sentWith
    ? state.sentWith
    : { key: nudge.key, number: nudge.number };
}

/**
 * Whether a nudge was claimed to go out in another wait's email whose sender has not recorded
 * it yet (nor given it up), while that wait is still open: that sender records both, so this
 * wait leaves it to them, however long the send takes. Once that wait is over, this one settles
 * its claim itself (asks the send events, or sends again after the confirmation timeout).
 */
export function awaitingOtherEmail(
  agreement: Agreement,
  nudge: Pick<Nudge, 'key' | 'number'>,
  isOpen: (key: string) => boolean,
): boolean {
  const state = agreement.nudges[nudge.key];
  const other = state?.pending === nudge.number ? state.sentWith : undefined;
  if (!other) return false;
  return agreement.nudges[other.key]?.pending === other.number && isOpen(other.key);
}

/** The nudges claimed to go out in this nudge's email (its companions), as claimed. */
export function claimedWith(
  agreement: Agreement,
  nudge: Pick<Nudge, 'key' | 'number'>,
): { key: string; number: number }[] {
  return Object.entries(agreement.nudges)
    .filter(([, s]) => s.sentWith?.key === nudge.key && s.sentWith.number === nudge.number)
    .flatMap(([key, s]) => (s.pending === undefined ? [] : [{ key, number: s.pending }]));
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
  // The email's own nudge and those claimed to go out with it.
  const claims = [{ key: sent.key, number: sent.number }, ...claimedWith(agreement, sent)];
  const confirmations = claims.flatMap(({ key, number }) => {
    const state = agreement.nudges[key];
    if (state?.pending !== number || state.confirmed) return [];
    return [[key, { ...state, confirmed: { number, messageId: sent.messageId } }] as const];
  });
  if (confirmations.length === 0) return undefined;
  return {
    agreement: nextVersion(
      { ...agreement, nudges: { ...agreement.nudges, ...Object.fromEntries(confirmations) } },
      now,
    ),
    events: [],
  };
}

/** Gives up the claims of a nudge and its companions whose email did not go. */
export function releaseNudge(
  agreement: Agreement,
  nudge: CountedNudge,
  now: Date,
  companions: readonly CountedNudge[] = [],
): Agreement {
  const released = [nudge, ...companions].map(
    (n) => [n.key, settled(agreement.nudges[n.key])] as const,
  );
  return nextVersion(
    { ...agreement, nudges: { ...agreement.nudges, ...Object.fromEntries(released) } },
    now,
  );
}

/**
 * Notes who was nudged about the agreement today (the partner's date): the planner sends none
 * of them a second nudge about it before the next working day.
 */
export function noteNudged(agreement: Agreement, to: readonly string[], now: Date): Agreement {
  const on = dateInZone(now, agreement.partnerRegion.timeZone);
  const earlier = agreement.lastNudged?.on === on ? agreement.lastNudged.to : [];
  const addresses = new Set([...earlier, ...to.map((a) => a.toLowerCase())]);
  return { ...agreement, lastNudged: { on, to: [...addresses].sort() } };
}

export interface Delivery {
  recipients: string[];
  /** Which message template went out. */
  template?: string;
  /** The mail service's message id; absent when an earlier attempt's outcome is unknown. */
  messageId?: string;
  subject?: string;
}

/** Records a nudge as sent, with the companions that went out in its email. */
export function recordNudgeSent(
  agreement: Agreement,
  nudge: Nudge,
  delivery: Delivery,
  now: Date,
  companions: readonly Nudge[] = [],
): WorkflowChange {
  return nudgeDone(
    noteNudged(agreement, delivery.recipients, now),
    nudge,
    'NUDGE_SENT',
    {
      ...delivery,
      ...(delivery.messageId ? {} : { unconfirmed: true }),
    },
    now,
    companions,
  );
}

/**
 * A nudge is over (sent, or refused for good), with the companions of its email: the count of
 * each one's wait moves on and one audit event per wait says how it ended, in one change.
 */
export function nudgeDone(
  agreement: Agreement,
  nudge: Nudge,
  type: 'NUDGE_SENT' | 'NUDGE_REJECTED',
  data: Record<string, unknown>,
  now: Date,
  companions: readonly Nudge[] = [],
): WorkflowChange {
  const done = [nudge, ...companions].reduce<WorkflowChange>(
    (change, n) => {
      const next = counted(change.agreement, n, type, data, now);
      return { agreement: next.agreement, events: [...change.events, ...next.events] };
    },
    { agreement, events: [] },
  );
  return { agreement: nextVersion(done.agreement, now), events: done.events };
}

function counted(
  agreement: Agreement,
  nudge: Nudge,
  type: 'NUDGE_SENT' | 'NUDGE_REJECTED',
  data: Record<string, unknown>,
  now: Date,
): WorkflowChange {
  const at = now.toISOString();
  const current = agreement.nudges[nudge.key];
  // Recorded already (by the sender of the email it went in, or by an attempt that found its
  // send event): its count and its time stay as they are, and it gets no second event.
  if (current && current.sent >= nudge.number) return { agreement, events: [] };
  // The email went when it was claimed: every nudge in it, whoever records it, gets that time,
  // so parallel waits that shared an email stay on the same day of their ladders.
  const sentAt = current?.pending === nudge.number && current.claimedAt ? current.claimedAt : at;
  const state = { ...settled(current), sent: nudge.number, lastSentAt: sentAt };
  const withCount = { ...agreement, nudges: { ...agreement.nudges, [nudge.key]: state } };
  const event = (t: AuditEventDraft['type']): AuditEventDraft => ({
    type: t,
    at,
    actor: WORKFLOW_ACTOR,
    data: { kind: nudge.kind, waitKey: nudge.waitKey, number: nudge.number, ...data },
  });
  // The last rung of a ladder: the wait goes dormant, whether its notice went out or not.
  if (nudge.kind === 'DORMANT_NOTICE') {
    const events = type === 'NUDGE_SENT' ? [] : [event(type)];
    return {
      agreement: markDormant(withCount, nudge.waitKey),
      events: [...events, event('WAIT_DORMANT')],
    };
  }
  return { agreement: withCount, events: [event(type)] };
}
