// Who a nudge goes to: the officials who must act, or for an escalation the people above them.
import type { Agreement } from './agreement.ts';
import type { NudgeKind } from './nudge-plan.ts';
import type { Contact } from './schemas.ts';

export interface Recipients {
  to: Contact[];
  cc: Contact[];
}

/**
 * Reminders go to the officials, escalations to the escalation contacts; coordinators are copied.
 * The notice that a wait went dormant goes to the host's coordinators only.
 */
export function recipientsOf(agreement: Agreement, kind: NudgeKind): Recipients {
  const withRole = (role: Contact['role']) => agreement.contacts.filter((c) => c.role === role);
  if (kind === 'DORMANT_NOTICE') {
    return { to: withRole('COORDINATOR').filter((c) => c.side === 'HOST'), cc: [] };
  }
  const officials = withRole('OFFICIAL');
  const coordinators = withRole('COORDINATOR');
  const escalation = withRole('ESCALATION');
  if (kind === 'ESCALATION' && escalation.length > 0) {
    return { to: escalation, cc: [...officials, ...coordinators] };
  }
  if (officials.length === 0) return { to: coordinators, cc: [] };
  return { to: officials, cc: coordinators };
}
