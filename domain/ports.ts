// What the use cases (application/) need from the world outside, each port as narrow as its
// consumers: storage (adapters/dynamodb), email (adapters/ses), the workflow
// (adapters/stepfunctions), and the logs and metrics of the functions.
import type { ActionLink } from './action-links.ts';
import type { Agreement, AuditEvent, AuditEventDraft, Stage } from './agreement.ts';
import type { AgreementDocument, DocumentStatus, StoredObject } from './documents.ts';
import type { NudgeKind } from './nudge-plan.ts';
import type { Route } from './routes.ts';
import type { ListSort } from './query-schemas.ts';
import type { TermStatus } from './term.ts';
import type { ReportRow } from './reports/stage-times.ts';

export interface Page<T> {
  items: T[];
  /** Opaque; pass it back to get the next page. Absent on the last page. */
  nextCursor?: string;
}

/**
 * Makes a retried request return the first outcome instead of writing twice.
 * `key` is scoped by the caller (e.g. operation and client key); `requestHash` tells a true
 * retry from a different request that reuses the key.
 */
export interface IdempotencyClaim {
  key: string;
  requestHash: string;
  /** How long the record protects against retries; default 24 hours. */
  ttlSeconds?: number;
}

export interface WriteResult {
  agreement: Agreement;
  /** True when the idempotency key had been seen: nothing was written, the first result returns. */
  replayed: boolean;
}

/** The callback token of a workflow task waiting for people (one per wait, e.g. "PKS"). */
export interface TaskToken {
  agreementId: string;
  waitKey: string;
  token: string;
  executionArn: string;
  /** Start time of the execution that owns the token: an older execution never overwrites a newer one. */
  executionStartedAt: string;
  storedAt: string;
}

/**
 * What a list may be narrowed by (GET /agreements parses them in domain/schemas.ts). Each is
 * answered by an index when it can be and by a filter of the query otherwise, never a Scan.
 */
export interface ListFilters {
  stage?: Stage;
  partnerRegionCode?: string;
  /** A province's Kemendagri code: the partner regions in it. */
  provinceCode?: string;
  /** Overdue against the reminder policy (see `remindersOf`, domain/reports.ts), or not. */
  stalled?: boolean;
  needsAttention?: boolean;
  /** Text in the title or the partner region's name (compared by `searchable`). */
  text?: string;
  /** Only the agreements with a dormant wait (true), or none (false). */
  dormant?: boolean;
  /** The term's status (domain/term.ts) at the query's `asOf`. */
  termStatus?: TermStatus;
  /** Terms still in force that end within this many days of `asOf` (0: that day). */
  expiringWithinDays?: number;
}

export interface ListQuery extends ListFilters {
  /** `newest`: by creation, newest first; `longest-waiting`: by stage start, oldest first. */
  sort?: ListSort;
  limit: number;
  cursor?: string;
  /** The clock the term filters read; required with them. */
  asOf?: Date;
}

/** Whose agreements a report covers: all, or one partner region's. */
export interface ReportScope {
  partnerRegionCode?: string;
}

/** A history event as the dashboard's activity shows it, with the agreement it belongs to. */
export interface Activity extends AuditEvent {
  title: string;
  partnerRegion: { code: string; name: string };
}

/** What the dashboard reads besides lists; each answer costs what it returns, not the table. */
export interface ReportStore {
  /** Agreements per stage, every stage present. */
  stageCounts(scope: ReportScope): Promise<Record<Stage, number>>;
  /** Agreements in stage TRAINING whose scheduled training starts on `from` or later, soonest first. */
  upcomingTrainings(scope: ReportScope, from: string, limit: number): Promise<Agreement[]>;
  /** The latest activity (`isActivity`), newest first. */
  recentActivity(scope: ReportScope, limit: number): Promise<Activity[]>;
  /** Agreements with officials' reports waiting for a coordinator, oldest report first. */
  pendingReports(scope: ReportScope, limit: number): Promise<Agreement[]>;
}

/** The agreements and their audit history, as the use cases read and change them. */
export interface AgreementStore {
  /** Stores a new agreement with its creation events; never overwrites. */
  create(
    agreement: Agreement,
    events: AuditEventDraft[],
    idempotency?: IdempotencyClaim,
  ): Promise<WriteResult>;
  /**
   * Stores a changed agreement whose `version` is one more than the stored one, with the events
   * that describe the change, atomically. A concurrent writer that got there first wins;
   * this one gets a VersionConflictError and nothing of it is written.
   */
  update(
    agreement: Agreement,
    events: AuditEventDraft[],
    idempotency?: IdempotencyClaim,
  ): Promise<WriteResult>;
  /**
   * Stores `agreement.needsAttention` (set by the workflow's catch-all) in an item of its own,
   * with the events, under the same version rule as `update`; of the agreement item only the
   * version and `updatedAt` change, so the mark never fails for what made the agreement fail.
   */
  markNeedsAttention(agreement: Agreement, events: AuditEventDraft[]): Promise<WriteResult>;
  get(id: string): Promise<Agreement | undefined>;
  /** Newest first. */
  list(query: ListQuery): Promise<Page<Agreement>>;
  /** Oldest first. */
  history(agreementId: string, page: { limit: number; cursor?: string }): Promise<Page<AuditEvent>>;
}

/** What the reports read: a small row per agreement, kept beside it by every change. */
export interface ReportStore {
  /** Every agreement whose MoU (else registration) date lies in the range, oldest first. */
  reportRows(range: { from?: string; to?: string }): Promise<ReportRow[]>;
  /** Since when each of these agreements needs attention, for those that do. */
  needsAttentionOf(ids: readonly string[]): Promise<Map<string, string>>;
}

/** Which monthly digests went out: one per recipient and month. */
export interface DigestLedger {
  /** Claims the digest of month `month` for `recipientKey`; false when it was claimed before. */
  claimDigest(month: string, recipientKey: string, at: string): Promise<boolean>;
  /** Gives a claim back after a failed send, so that a later run sends it. */
  releaseDigest(month: string, recipientKey: string): Promise<void>;
}

/** The first results of requests that carried an idempotency key. */
export interface IdempotencyStore {
  /**
   * The result stored for an idempotency key, if a request already used it (before the rules
   * are applied again, a retry must find its first result). A different request with the
   * same key gets an IdempotencyKeyReusedError.
   */
  replay(claim: IdempotencyClaim): Promise<Agreement | undefined>;
}

/** The callback tokens of the workflow's waits. */
export interface TaskTokenStore {
  /** Stores the token unless a newer execution holds this wait; returns whether it was stored. */
  putTaskToken(token: TaskToken): Promise<boolean>;
  /** Removes the token if it is still the stored one; returns whether it was removed. */
  clearTaskToken(agreementId: string, waitKey: string, token: string): Promise<boolean>;
  taskTokens(agreementId: string): Promise<TaskToken[]>;
}

/** The action links of nudges, stored by the hash of their token (never the token). */
export interface ActionLinkStore {
  /** Stores new links; each expires by itself (the table's TTL) after `expiresAt`. */
  putActionLinks(links: ActionLink[]): Promise<void>;
  /** The link with this token hash, if stored (used and expired ones included). */
  actionLink(hash: string): Promise<ActionLink | undefined>;
  /**
   * Stores a change an official's answer made (as `update`) and marks the link used in the
   * same transaction, on condition that it was not used: of two answers with one link, one
   * wins; the other gets a VersionConflictError, and its retry finds the link used.
   */
  updateSpendingLink(
    agreement: Agreement,
    events: AuditEventDraft[],
    link: { hash: string; usedAt: string },
  ): Promise<WriteResult>;
}

/** All of the table's stores: adapters/dynamodb implements them in one class. */
export interface AgreementRepository
  extends AgreementStore, IdempotencyStore, TaskTokenStore, ReportStore {}

/** The records of an agreement's documents (adapters/dynamodb/document-repository.ts). */
export interface DocumentStore {
  /** A pending upload's record, forgotten at `expiresAt` unless attached by then. */
  putPending(document: AgreementDocument, expiresAt: Date): Promise<void>;
  /** A pending upload past its expiry is as missing. */
  getDocument(agreementId: string, documentId: string): Promise<AgreementDocument | undefined>;
  /** Attached and withdrawn documents, oldest first. */
  documents(
    agreementId: string,
    page: { limit: number; cursor?: string },
  ): Promise<Page<AgreementDocument>>;
  /** How many documents the agreement holds, unexpired pending uploads included. */
  countDocuments(agreementId: string): Promise<number>;
  /**
   * Stores the agreement's next version with its events and the changed documents in one
   * transaction, under update's version rule (a VersionConflictError when another writer, or
   * another change of one of the documents, came first).
   */
  updateWithDocuments(
    agreement: Agreement,
    events: AuditEventDraft[],
    documents: DocumentWrite[],
  ): Promise<void>;
}

/** A document as changed, written only over the status it was read in. */
export interface DocumentWrite {
  document: AgreementDocument;
  was: DocumentStatus;
}

/** The documents' files in object storage (adapters/s3): uploaded and read by presigned URLs. */
export interface DocumentFiles {
  /** A URL the client uploads the announced file to, checked by the storage where it can be. */
  uploadUrl(
    document: AgreementDocument,
    expiresInSeconds: number,
  ): Promise<{ method: 'PUT'; url: string; headers: Record<string, string>; expiresAt: string }>;
  /**
   * What was uploaded: size, SHA-256 and first bytes (the last two only when the size is the
   * expected one); undefined when nothing was.
   */
  inspect(objectKey: string, expectedBytes: number): Promise<StoredObject | undefined>;
  /** Deletes an upload that was refused (that version, in a versioned bucket). */
  discard(objectKey: string, versionId: string | undefined): Promise<void>;
  /** Protects an attached file (that version) from deletion for the configured retention. */
  retain(objectKey: string, versionId: string | undefined): Promise<void>;
  /** A short-lived URL that downloads the file under its own name. */
  downloadUrl(
    document: AgreementDocument,
    expiresInSeconds: number,
  ): Promise<{ url: string; expiresAt: string }>;
}

export class AgreementNotFoundError extends Error {
  readonly agreementId: string;
  constructor(agreementId: string) {
    super(`No agreement ${agreementId}`);
    this.name = 'AgreementNotFoundError';
    this.agreementId = agreementId;
  }
}

export class AgreementAlreadyExistsError extends Error {
  readonly agreementId: string;
  constructor(agreementId: string) {
    super(`Agreement ${agreementId} already exists`);
    this.name = 'AgreementAlreadyExistsError';
    this.agreementId = agreementId;
  }
}

export class VersionConflictError extends Error {
  readonly agreementId: string;
  readonly expectedVersion: number;
  readonly actualVersion: number | undefined;
  constructor(agreementId: string, expectedVersion: number, actualVersion: number | undefined) {
    super(
      `Agreement ${agreementId} changed meanwhile: expected version ${expectedVersion}, found ${actualVersion ?? 'none'}`,
    );
    this.name = 'VersionConflictError';
    this.agreementId = agreementId;
    this.expectedVersion = expectedVersion;
    this.actualVersion = actualVersion;
  }
}

export class IdempotencyKeyReusedError extends Error {
  constructor(key: string) {
    super(`Idempotency key ${key} was already used for a different request`);
    this.name = 'IdempotencyKeyReusedError';
  }
}

export class InvalidCursorError extends Error {
  constructor(reason: string) {
    super(`Invalid cursor: ${reason}`);
    this.name = 'InvalidCursorError';
  }
}

export interface OutgoingEmail {
  to: string[];
  cc: string[];
  /** A single line: the mailer neutralises any line break before it reaches a header. */
  subject: string;
  text: string;
  /** The HTML alternative of `text`; the mailer sends both as multipart/alternative. */
  html?: string;
  /** E.g. a training's calendar invitation (`text/calendar`); `content` is the file's text. */
  attachments?: { filename: string; contentType: string; content: string }[];
  /** The agreement it is about: tagged on the message so bounces find their way back. */
  agreementId?: string;
  /** The nudge it is (with `agreementId`): tagged on the message so its send event finds it. */
  nudge?: { key: string; number: number };
}

/** Sends one email; the adapter is SES, or the SES stand-in locally. */
export interface Mailer {
  /** Throws PermanentSendFailureError when the mail service refuses this email for good. */
  send(email: OutgoingEmail): Promise<{ messageId: string }>;
}

/**
 * The emails the mail service reports as sent (its send events): how a retry learns whether a
 * claimed nudge went out before its sender stopped. In AWS, SES's send events as the feedback
 * function kept them (adapters/ses/send-events.ts); locally, the SES stand-in's captured emails.
 */
export interface SentMessages {
  /** The message id of the email sent for this nudge, if the mail service reported one. */
  sentNudge(
    agreementId: string,
    nudge: { key: string; number: number },
  ): Promise<string | undefined>;
}

/**
 * The mail service refused this email for good (e.g. a recipient on its suppression list):
 * sending it again would meet the same refusal. Keeps the service's own error name and message,
 * which the NUDGE_REJECTED event records and the state machine's Catch sees.
 */
export class PermanentSendFailureError extends Error {
  constructor(refusal: Error) {
    super(refusal.message, { cause: refusal });
    this.name = refusal.name;
  }
}

/** The running lifecycle of agreements, as the API and the task functions see it. */
export interface Workflow {
  /** Starts an execution for the agreement; the same `reason` twice starts it only once. */
  start(
    agreement: Agreement,
    reason: 'created' | 'resumed' | 'renewed',
  ): Promise<{ executionArn: string }>;
  /** Wakes every wait of the agreement after a milestone, so it re-reads the record. */
  wake(agreementId: string): Promise<WakeReport>;
  /** Ends the waits of a cancelled agreement. */
  cancel(agreementId: string): Promise<WakeReport>;
}

export interface WakeReport {
  /** Waits that took the call. */
  woken: string[];
  /** Waits whose token had expired or been replaced, with no newer token to use. */
  stale: string[];
}

/** Ends one task that waits on a callback token, so that its execution re-reads the agreement. */
export interface WaitCompletion {
  /** A task that already ended (woken by someone else, or timed out) is no error. */
  completeWait(token: string): Promise<void>;
}

/** The workflow's business counts (the dashboard and the needs-attention alarm read them). */
export interface WorkflowMetrics {
  stageEntered(stage: Exclude<Route, 'RENEW'>): void;
  nudgeSent(kind: NudgeKind): void;
  nudgeRejected(kind: NudgeKind): void;
  needsAttention(): void;
}

/** Structured log lines; operations search them (docs/runbook.md, the Logs Insights queries). */
export interface Log {
  info(message: string, attributes: Record<string, unknown>): void;
  warn(message: string, attributes: Record<string, unknown>): void;
  error(message: string, attributes: Record<string, unknown>): void;
}
