// Who may do what. A host coordinator (Kota Bandung's side) may do everything; a partner
// coordinator sees only the agreements of their own region and records only the milestones
// their side takes part in. Anyone else may do nothing.
import type { Actor, Agreement } from './agreement.ts';
import type { AgreementDocument, DocumentKind } from './documents.ts';
import type { MilestoneType, Side } from './schemas.ts';

export type Role = 'HOST_COORDINATOR' | 'PARTNER_COORDINATOR';

/** Signed in, but in no coordinators' group: may do nothing. */
export type CallerRole = Role | 'NONE';

/** The caller, as the identity provider vouches for them. */
export interface Principal {
  subject: string;
  email?: string;
  role: CallerRole;
  /** Kemendagri code of the coordinator's region (required for a partner coordinator). */
  regionCode?: string;
}

/** The sides whose coordinators may record each milestone. */
export const RECORDED_BY: Record<MilestoneType, readonly Side[]> = {
  MOU_SIGNED: ['HOST', 'PARTNER'],
  PKS_SIGNED: ['HOST', 'PARTNER'],
  APP_HANDED_OVER: ['HOST'],
  APP_DROPPED: ['HOST', 'PARTNER'],
  TRAINING_SCHEDULED: ['HOST'],
  TRAINING_COMPLETED: ['HOST', 'PARTNER'],
  FOLLOW_UP_REPORTED: ['HOST', 'PARTNER'],
  // Both parties sign an adendum, a new PKS and an early end.
  TERM_AMENDED: ['HOST', 'PARTNER'],
  TERM_RENEWED: ['HOST', 'PARTNER'],
  AGREEMENT_TERMINATED: ['HOST', 'PARTNER'],
};

export function sideOf(principal: Principal): Side | undefined {
  if (principal.role === 'HOST_COORDINATOR') return 'HOST';
  return principal.role === 'PARTNER_COORDINATOR' ? 'PARTNER' : undefined;
}

export function canSee(principal: Principal, agreement: Agreement): boolean {
  if (principal.role === 'HOST_COORDINATOR') return true;
  return (
    principal.role === 'PARTNER_COORDINATOR' &&
    principal.regionCode !== undefined &&
    agreement.partnerRegion.code === principal.regionCode
  );
}

export function canRecord(
  principal: Principal,
  agreement: Agreement,
  type: MilestoneType,
): boolean {
  const side = sideOf(principal);
  return canSee(principal, agreement) && side !== undefined && RECORDED_BY[type].includes(side);
}

/**
 * The sides whose coordinators may attach each kind of document: the papers both sides sign,
 * and the reports either side writes; a BAST records the host's handover.
 */
export const ATTACHED_BY: Record<DocumentKind, readonly Side[]> = {
  MOU: ['HOST', 'PARTNER'],
  PKS: ['HOST', 'PARTNER'],
  AMENDMENT: ['HOST', 'PARTNER'],
  BAST: ['HOST'],
  TRAINING_REPORT: ['HOST', 'PARTNER'],
  FOLLOW_UP_REPORT: ['HOST', 'PARTNER'],
  OTHER: ['HOST', 'PARTNER'],
};

/**
 * Whether the caller may attach a document of this kind. Seeing documents needs no rule of
 * its own: who sees an agreement (canSee) sees its documents, a partner its region's only.
 */
export function canAttach(principal: Principal, agreement: Agreement, kind: DocumentKind): boolean {
  const side = sideOf(principal);
  return canSee(principal, agreement) && side !== undefined && ATTACHED_BY[kind].includes(side);
}

/** The host withdraws any document; a partner only those its side attached. */
export function canWithdraw(
  principal: Principal,
  agreement: Agreement,
  document: AgreementDocument,
): boolean {
  const side = sideOf(principal);
  return (
    canSee(principal, agreement) &&
    (side === 'HOST' || (side === 'PARTNER' && document.side === 'PARTNER'))
  );
}

/** Creating, cancelling and registering agreements is the host's business. */
export function canManage(principal: Principal): boolean {
  return principal.role === 'HOST_COORDINATOR';
}

/**
 * Who a change is recorded as in the audit history: the Cognito subject, which never changes,
 * where the address is an attribute a user pool admin can change; the address beside it.
 */
export function actorOf(principal: Principal): Actor {
  return { actor: principal.subject, ...(principal.email ? { actorEmail: principal.email } : {}) };
}
