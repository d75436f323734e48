import type { Region } from './regions/regions.ts';
import type { Contact, MilestoneInput, Stage } from './schemas.ts';

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
};

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
  milestones: RecordedMilestone[];
  cancellation?: { reason: string; cancelledAt: string; cancelledBy: string };
  createdAt: string;
  updatedAt: string;
  /** Incremented by every change; writers must present the version they read. */
  version: number;
}

export type AuditEventType =
  'AGREEMENT_CREATED' | 'MILESTONE_RECORDED' | 'STAGE_CHANGED' | 'AGREEMENT_CANCELLED';

/** One line of an agreement's history, written atomically with the change it describes. */
export interface AuditEvent {
  agreementId: string;
  /** The agreement version the event produced; with `index`, its place in the history. */
  version: number;
  index: number;
  type: AuditEventType;
  at: string;
  actor: string;
  data: Record<string, unknown>;
}

export type AuditEventDraft = Omit<AuditEvent, 'agreementId' | 'version' | 'index'>;

export function isTerminal(stage: Stage): boolean {
  return TERMINAL_STAGES.includes(stage);
}
