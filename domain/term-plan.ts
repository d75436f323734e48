// The term's watch in the workflow: its steps (term.ts) ride on the waits the workflow already
// has. While the implementation runs, one wait of the current route (the first of its keys)
// also sleeps until the term's next step and answers it as a nudge; once the agreement is
// COMPLETED, the TERM route waits for nothing but the term. The steps are counted in
// `agreement.nudges` with the nudges' claim protocol (nudge-ledger.ts), so each is sent once
// across crashes and a new execution continues where the old one stopped.
import { nextVersion, type Agreement } from './agreement.ts';
import { renewalDue, WORKFLOW_ACTOR, type WorkflowChange } from './execution.ts';
import { claimHeldUntil, confirmedMessageId, type Delivery } from './nudge-ledger.ts';
import { planWait, sleepUntil, type Nudge, type WaitPlan } from './nudge-plan.ts';
import { nextOfficeTime } from './office-hours.ts';
import type { Recipients } from './recipients.ts';
import { recipientsOf } from './recipients.ts';
import { isWaitRoute, routeOf, waitKeysOf, type WaitKey } from './routes.ts';
import { nextTermStep, type TermStep } from './term.ts';

/** The wait of the TERM route. */
export const TERM_WAIT_KEY: WaitKey = 'TERM';

/** A step of the term as the workflow passes it to the send task, like a nudge. */
export type TermNudge = Omit<Nudge, 'kind'> & Omit<TermStep, 'dueAt'>;

export type TermAwarePlan = WaitPlan | { action: 'NUDGE'; nudge: TermNudge };

export function isTermNudge(nudge: Nudge | TermNudge): nudge is TermNudge {
  return nudge.kind === 'EXPIRY_NOTICE' || nudge.kind === 'TERM_EXPIRED';
}

/** The plan of a wait with the term's next step folded in (see the file's comment). */
export function planWaitWithTerm(agreement: Agreement, key: WaitKey, now: Date): TermAwarePlan {
  if (key === TERM_WAIT_KEY) {
    if (routeOf(agreement, now) !== 'TERM') return { action: 'DONE' };
    if (renewalDue(agreement, now)) return { action: 'RENEW' };
    return planTermStep(agreement, key, now) ?? { action: 'DONE' };
  }
  const plan = planWait(agreement, key, now);
  const route = routeOf(agreement, now);
  if (plan.action !== 'WAIT' || !isWaitRoute(route) || waitKeysOf(agreement, route)[0] !== key) {
    return plan;
  }
  const term = planTermStep(agreement, key, now);
  if (!term || term.action === 'NUDGE') return term ?? plan;
  return Date.parse(term.nextAt) < Date.parse(plan.nextAt) ? term : plan;
}

/** The term's next step on this wait: send it now, or sleep until it may go. */
function planTermStep(
  agreement: Agreement,
  waitKey: WaitKey,
  now: Date,
): Extract<TermAwarePlan, { action: 'NUDGE' | 'WAIT' }> | undefined {
  const step = nextTermStep(agreement, now);
  if (!step) return undefined;
  const { dueAt, ...rest } = step;
  const nudge: TermNudge = { ...rest, waitKey, dueAt };
  // A claim whose sender may still be at work is left to it (nudge-ledger.ts).
  const held = claimHeldUntil(agreement, nudge, now);
  if (held && !confirmedMessageId(agreement, nudge)) return sleepUntil(agreement, held, now);
  const sendAt = nextOfficeTime(
    new Date(Math.max(Date.parse(dueAt), now.getTime())),
    agreement.partnerRegion.timeZone,
    agreement.reminderPolicy.officeHours,
  );
  if (sendAt <= now) return { action: 'NUDGE', nudge };
  return sleepUntil(agreement, sendAt, now);
}

/**
 * A notice goes to both parties' officials, their coordinators copied (to the coordinators
 * when there are no officials); the expiry to the coordinators of both sides.
 */
export function termRecipients(agreement: Agreement, nudge: TermNudge): Recipients {
  if (nudge.kind === 'EXPIRY_NOTICE') return recipientsOf(agreement, 'ACTION_NEEDED');
  return { to: agreement.contacts.filter((c) => c.role === 'COORDINATOR'), cc: [] };
}

/** How a step ended: its email sent, or refused (nobody reachable, or refused for good). */
export type TermStepOutcome =
  { sent: Delivery } | { rejected: { recipients: string[]; error: string; message: string } };

/**
 * The step is done: counted (earlier terms' counts dropped: a term change starts afresh), with
 * its event. The expiry is recorded (TERM_EXPIRED) even if nobody could be told.
 */
export function recordTermStep(
  agreement: Agreement,
  nudge: TermNudge,
  outcome: TermStepOutcome,
  now: Date,
): WorkflowChange {
  const at = now.toISOString();
  const nudges = Object.fromEntries(
    Object.entries(agreement.nudges).filter(([key]) => !key.startsWith('TERM#')),
  );
  nudges[nudge.key] = { sent: nudge.number, lastSentAt: at };
  const sent = 'sent' in outcome;
  const type =
    nudge.kind === 'TERM_EXPIRED' ? 'TERM_EXPIRED' : sent ? 'EXPIRY_NOTICE_SENT' : 'NUDGE_REJECTED';
  const data = {
    kind: nudge.kind,
    validUntil: nudge.validUntil,
    number: nudge.number,
    dueAt: nudge.dueAt,
    ...(nudge.daysBefore === undefined ? {} : { daysBefore: nudge.daysBefore }),
    ...(sent ? outcome.sent : { notified: false, ...outcome.rejected }),
  };
  return {
    agreement: nextVersion({ ...agreement, nudges }, now),
    events: [{ type, at, actor: WORKFLOW_ACTOR, data }],
  };
}
