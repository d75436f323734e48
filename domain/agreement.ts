import type { Region } from './regions/regions.ts';
import type { Contact, MilestoneInput, MilestoneType, Stage } from './schemas.ts';
import type { ReminderPolicy } from './reminder-policy.ts';
import type { WaitKey } from './routes.ts';
import type { OfficialReport } from './official-reports.ts';
import type { NudgePause } from './pauses.ts';
import type { StageTimes } from './reports/stage-times.ts';

export type { Stage } from './schemas.ts';

export const TERMINAL_STAGES: readonly Stage[] = ['COMPLETED', 'CANCELLED'];

/**
 * Where one application of the agreement stands:
 * PENDING until its BAST, HANDED_OVER until a follow-up reports it LIVE or NOT_LIVE,
 * or DROPPED when the partner decides not to take it.
 */
export type AppStatus = 'PENDING' | 'HANDED_OVER' | 'DROPPED' | 'LIVE' | 'NOT_LIVE';

export interface AgreementApp {
  id: string;
  name: string;
  status: AppStatus;
  handedOverOn?: string;
  bastNumber?: string;
  droppedReason?: string;
  lastReportedOn?: string;
}

export type RecordedMilestone = MilestoneInput & {
  recordedAt: string;
  recordedBy: string;
  /** The official whose report (through an action link) the coordinator confirmed. */
  reportedBy?: { name: string; email: string; reportId: string };
};

/** Nudges sent so far for one wait (e.g. "PKS" or "HANDOVER#e-rk"). */
export interface NudgeState {
  sent: number;
  lastSentAt?: string;
  /** Claimed by a sender that has not confirmed yet (domain/nudge-ledger.ts). */
  pending?: number;
  /** When the claim was made: unconfirmed past NUDGE_CONFIRMATION_TIMEOUT_MS, it is sent again. */
  claimedAt?: string;
  /** The mail service's send event for the claimed nudge, when it came before the record. */
  confirmed?: { number: number; messageId: string };
  /**
   * The claimed nudge goes out in the email of another wait's nudge (parallel waits due the same
   * day share one email): its send event is that nudge's.
   */
  sentWith?: { key: string; number: number };
  /** Where the current ladder began, when the wait was woken from dormancy with a fresh one. */
  ladder?: { from: number; on: string };
}

/** The execution that drives the agreement; an older one that wakes up stands down. */
export interface WorkflowLink {
  executionArn: string;
  /** As Step Functions reports it; orders executions, so an older one never takes over again. */
  executionStartTime: string;
  /** When this execution took the agreement over, in workflow time: its age decides a renewal. */
  startedAt: string;
  /** What the workflow currently waits for (see `Route` in routes.ts). */
  route: string;
}

/** Why and since when an address of the agreement's contacts gets no more email. */
export interface UndeliverableAddress {
  /** When the mail service reported the bounce or complaint. */
  since: string;
  kind: 'BOUNCE' | 'COMPLAINT';
  /** For people: the bounce type and the receiving server's diagnostic, or the complaint type. */
  detail: string;
  /** When the host coordinators were told; absent until they were. */
  alertedAt?: string;
}

/** A cooperation agreement between the host region (Kota Bandung by default) and a partner. */
export interface Agreement {
  id: string;
  title: string;
  hostRegion: Region;
  partnerRegion: Region;
  apps: AgreementApp[];
  contacts: Contact[];
  stage: Stage;
  /** The date the current stage began (the date of the milestone that opened it). */
  stageEnteredOn: string;
  /**
   * A bounded summary, not the whole record: the latest milestone of each type, without its
   * notes, signatories and document numbers (the history's MILESTONE_RECORDED events hold every
   * milestone in full). The rules read it through `latestMilestone`.
   */
  milestones: RecordedMilestone[];
  /** How many milestones of each kind were recorded (see `milestoneKind`). */
  milestoneCounts: Record<string, number>;
  /**
   * When each stage reached began and ended, and the nudges it took: folded from the events of
   * every change as it is stored (domain/reports/stage-times.ts), for the reports.
   */
  stageTimes?: StageTimes;
  /** `cancelledBy` is the coordinator's Cognito subject; `cancelledByEmail` their address, for display. */
  cancellation?: {
    reason: string;
    cancelledAt: string;
    cancelledBy: string;
    cancelledByEmail?: string;
  };
  reminderPolicy: ReminderPolicy;
  nudges: Record<string, NudgeState>;
  workflow?: WorkflowLink;
  /** Set when the workflow failed on this agreement; operations were told. */
  needsAttention?: { since: string; error: string; cause: string; executionArn?: string };
  /**
   * Contacts' addresses that bounced permanently or complained, by lower-cased address
   * (domain/delivery.ts): nudges avoid them. Absent when every address is deliverable.
   */
  undeliverable?: Record<string, UndeliverableAddress>;
  /**
   * The waits whose reminders ended unanswered (domain/dormancy.ts): no more nudges until a
   * milestone, a contact change or a coordinator wakes them. Absent when none is.
   */
  dormant?: WaitKey[];
  /**
   * Who was nudged about this agreement on the partner's latest nudge day (lower-cased
   * addresses): nobody gets a second nudge about it that day (domain/nudge-plan.ts).
   */
  lastNudged?: { on: string; to: string[] };
  /** Reports of officials (action links) waiting for a coordinator's confirmation; bounded. */
  reports?: OfficialReport[];
  /** Waits whose nudges an official paused until a date, by wait key. */
  pauses?: Record<string, NudgePause>;
  createdAt: string;
  updatedAt: string;
  /** Incremented by every change; writers must present the version they read. */
  version: number;
}

export type AuditEventType =
  | 'AGREEMENT_CREATED'
  | 'MILESTONE_RECORDED'
  | 'STAGE_CHANGED'
  | 'AGREEMENT_CANCELLED'
  | 'WORKFLOW_STARTED'
  | 'WAITING'
  | 'NUDGE_SENT'
  | 'FOLLOW_UP_CLOSED'
  | 'NEEDS_ATTENTION'
  | 'CONTACT_UNDELIVERABLE'
  | 'NUDGE_REJECTED'
  | 'WAIT_DORMANT'
  | 'NUDGES_RESUMED'
  | 'DOCUMENT_ATTACHED'
  | 'DOCUMENT_WITHDRAWN'
  | 'EXPIRY_NOTICE_SENT'
  | 'TERM_EXPIRED'
  | 'OFFICIAL_REPORTED'
  | 'REPORT_CONFIRMED'
  | 'REPORT_REJECTED'
  | 'NUDGES_PAUSED'
  | 'CONTACTS_CHANGED';

/** One line of an agreement's history, written atomically with the change it describes. */
export interface AuditEvent {
  agreementId: string;
  /** The agreement version the event produced; with `index`, its place in the history. */
  version: number;
  index: number;
  type: AuditEventType;
  at: string;
  /** Who caused it: a coordinator's Cognito subject, or `workflow` / `email-feedback`. */
  actor: string;
  /** A coordinator's address when they caused it: for people to read, not to identify by. */
  actorEmail?: string;
  data: Record<string, unknown>;
}

/** Who an event is recorded as caused by (a coordinator's subject), with their address if known. */
export type Actor = Pick<AuditEvent, 'actor' | 'actorEmail'>;

export type AuditEventDraft = Omit<AuditEvent, 'agreementId' | 'version' | 'index'>;

export function isTerminal(stage: Stage): boolean {
  return TERMINAL_STAGES.includes(stage);
}

/** The next version of an agreement changed at `now`: every change goes through here once. */
export function nextVersion(agreement: Agreement, now: Date): Agreement {
  return { ...agreement, version: agreement.version + 1, updatedAt: now.toISOString() };
}

/**
 * The per-agreement bound: at most this many milestones of one kind, so neither the agreement
 * item nor its history grows without bound (docs/data-model.md, "Bounds").
 */
export const MAX_MILESTONES_OF_A_KIND = 20;

/** What `MAX_MILESTONES_OF_A_KIND` counts: a type, per application for the application ones. */
export function milestoneKind(milestone: MilestoneInput): string {
  return 'appId' in milestone ? `${milestone.type}#${milestone.appId}` : milestone.type;
}

/** The agreement's summary with `recorded` added: it replaces the previous one of its type. */
export function withMilestone(agreement: Agreement, recorded: RecordedMilestone): Agreement {
  // The free text stays in the history; the rules need none of it.
  const summary: RecordedMilestone = { ...recorded };
  delete summary.notes;
  delete summary.signatories;
  delete summary.documentNumbers;
  const kind = milestoneKind(recorded);
  return {
    ...agreement,
    milestones: [...agreement.milestones.filter((m) => m.type !== recorded.type), summary],
    milestoneCounts: {
      ...agreement.milestoneCounts,
      [kind]: (agreement.milestoneCounts[kind] ?? 0) + 1,
    },
  };
}

/**
 * An agreement as stored before the summary (every milestone on the item, no counts) in the
 * summary's shape, so that data kept by local mode across an upgrade reads as new.
 */
export function summarized(
  stored: Omit<Agreement, 'milestoneCounts'> & { milestoneCounts?: Agreement['milestoneCounts'] },
): Agreement {
  if (stored.milestoneCounts) return { ...stored, milestoneCounts: stored.milestoneCounts };
  return stored.milestones.reduce<Agreement>((a, m) => withMilestone(a, m), {
    ...stored,
    milestones: [],
    milestoneCounts: {},
  });
}

export type MilestoneOf<T extends MilestoneType> = Extract<RecordedMilestone, { type: T }>;

/** What can be an agreement's id: the API refuses any other path id, SES tags carry it as is. */
export const AGREEMENT_ID = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;

/** The last recorded milestone of a type, e.g. the training schedule in force. */
export function latestMilestone<T extends MilestoneType>(
  agreement: Agreement,
  type: T,
): MilestoneOf<T> | undefined {
  return agreement.milestones.findLast((m): m is MilestoneOf<T> => m.type === type);
}
