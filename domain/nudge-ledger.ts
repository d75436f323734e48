// The count of nudges sent per wait, kept in `agreement.nudges`: a nudge is claimed before it
// goes out and recorded once it went, so a retry after a crash never sends it twice and a new
// execution continues the count where the old one stopped.
import { nextVersion, type Agreement } from './agreement.ts';
import { WORKFLOW_ACTOR, type WorkflowChange } from './execution.ts';
import type { Nudge } from './nudge-plan.ts';

/** Claims a nudge before sending it, so that a retry after a crash never sends it twice. */
export function claimNudge(agreement: Agreement, nudge: Nudge, now: Date): Agreement {
  const state = agreement.nudges[nudge.key] ?? { sent: 0 };
  return nextVersion(
    {
      ...agreement,
      nudges: { ...agreement.nudges, [nudge.key]: { ...state, pending: nudge.number } },
    },
    now,
  );
}

/** Whether this nudge was already sent, or claimed by an attempt whose outcome is unknown. */
export function nudgeStatus(agreement: Agreement, nudge: Nudge): 'NEW' | 'SENT' | 'CLAIMED' {
  const state = agreement.nudges[nudge.key];
  if (state && state.sent >= nudge.number) return 'SENT';
  return state?.pending === nudge.number ? 'CLAIMED' : 'NEW';
}

export function releaseNudge(agreement: Agreement, nudge: Nudge, now: Date): Agreement {
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
