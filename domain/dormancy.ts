// A wait whose ladder ended unanswered is dormant: the workflow sends nothing more for it, the
// host coordinators were told once (the DORMANT_NOTICE, domain/nudge-ledger.ts), and the
// agreement lists it in `dormant` (GET /agreements?dormant=true). A milestone, a change of the
// contacts or a coordinator's "resume nudges" wakes it with a fresh ladder, counted from that day.
import { isTerminal, nextVersion, type Actor, type Agreement } from './agreement.ts';
import { dateInZone } from './dates.ts';
import type { WorkflowChange } from './execution.ts';
import { reject } from './rejections.ts';
import type { WaitKey } from './routes.ts';

/** Why dormant waits woke: the NUDGES_RESUMED event says it. */
export type WakeCause = 'MILESTONE' | 'CONTACTS_CHANGED' | 'RESUMED_BY_COORDINATOR';

export function isDormant(agreement: Agreement, key: WaitKey): boolean {
  return agreement.dormant?.includes(key) ?? false;
}

/** The agreement with `key` dormant (no version change: the caller's change carries it). */
export function markDormant(agreement: Agreement, key: WaitKey): Agreement {
  if (isDormant(agreement, key)) return agreement;
  return { ...agreement, dormant: [...(agreement.dormant ?? []), key] };
}

/**
 * Wakes every dormant wait of the agreement with a fresh ladder from today (the partner's date):
 * its next reminder comes `firstAfterDays` later, and the ladder may end in dormancy again.
 * Returns the agreement unchanged (same version) and no event when nothing was dormant;
 * otherwise one NUDGES_RESUMED event. The caller bumps the version with its own change, and
 * then wakes the workflow's waits (`Workflow.wake`) so that they plan again. This is what a
 * milestone (domain/lifecycle.ts), a contact change and POST /agreements/{id}/nudges/resume do.
 */
export function wakeDormantWaits(
  agreement: Agreement,
  ctx: Actor & { now: Date },
  cause: WakeCause,
): WorkflowChange {
  const dormant = agreement.dormant ?? [];
  if (dormant.length === 0) return { agreement, events: [] };
  const on = dateInZone(ctx.now, agreement.partnerRegion.timeZone);
  const fresh = Object.fromEntries(
    dormant.map((key) => {
      const state = agreement.nudges[key] ?? { sent: 0 };
      return [key, { ...state, ladder: { from: state.sent, on } }] as const;
    }),
  );
  const woken: Agreement = { ...agreement, nudges: { ...agreement.nudges, ...fresh } };
  delete woken.dormant;
  return {
    agreement: woken,
    events: [
      {
        type: 'NUDGES_RESUMED',
        at: ctx.now.toISOString(),
        actor: ctx.actor,
        ...(ctx.actorEmail ? { actorEmail: ctx.actorEmail } : {}),
        data: { waitKeys: dormant, cause, ladderFrom: on },
      },
    ],
  };
}

/**
 * A coordinator's "resume nudges" (POST /agreements/{id}/nudges/resume): refused when the
 * agreement is closed or no wait of it is dormant.
 */
export function resumeNudges(agreement: Agreement, _input: unknown, ctx: Actor & { now: Date }) {
  if (isTerminal(agreement.stage)) {
    return {
      ok: false as const,
      rejection: reject('AGREEMENT_CLOSED', `The agreement is ${agreement.stage}.`),
    };
  }
  if (!agreement.dormant?.length) {
    return {
      ok: false as const,
      rejection: reject(
        'NOT_DORMANT',
        'No wait of this agreement is dormant: reminders are running.',
      ),
    };
  }
  const woken = wakeDormantWaits(agreement, ctx, 'RESUMED_BY_COORDINATOR');
  return {
    ok: true as const,
    agreement: nextVersion(woken.agreement, ctx.now),
    events: woken.events,
  };
}
