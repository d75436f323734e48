// An agreement's term: the last day its PKS (or, before the PKS, its KSB) is in force, and where
// the term stands today. Everything here is computed from the stored milestones, the reminder
// policy and the clock, never kept in a second place that could drift: the term follows the
// latest of PKS_SIGNED, TERM_AMENDED and TERM_RENEWED, and AGREEMENT_TERMINATED ends it.
// The expiry notices and the expiry itself are the term's steps (nextTermStep), counted in
// `agreement.nudges` under a key of their own (termLedgerKey) like the reminders.
import type { Agreement, RecordedMilestone } from './agreement.ts';
import { addDays, addYears, atLocalHour, dateInZone, daysBetween } from './dates.ts';
import { nextOfficeTime } from './office-hours.ts';
import { DEFAULT_REMINDER_POLICY, type ReminderPolicy } from './reminder-policy.ts';
import type { TERM_STATUSES } from './schemas.ts';

/** A PKS runs at most this long from its signing; a longer cooperation needs a new procedure. */
export const PKS_MAX_TERM_YEARS = 5;

export type TermStatus = (typeof TERM_STATUSES)[number];

/** The agreement's term, as the API shows it. */
export interface Term {
  /** The last day the document is in force (inclusive). */
  validUntil: string;
  document: 'PKS' | 'MOU';
  status: TermStatus;
  /** Days from today (the partner's date) to validUntil; 0 once expired or terminated. */
  daysLeft: number;
  /** Present (true) when the PKS named no end: it runs the legal maximum from its signing. */
  maxTermAssumed?: true;
}

/** The milestones that set the PKS's term; the latest recorded one is in force. */
const PKS_TERM_TYPES: ReadonlySet<RecordedMilestone['type']> = new Set([
  'PKS_SIGNED',
  'TERM_AMENDED',
  'TERM_RENEWED',
]);

interface TermBasis {
  validUntil: string;
  document: Term['document'];
  /** The signing of the PKS in force (the original or its renewal): the maximum counts from it. */
  signedOn: string;
  maxTermAssumed: boolean;
}

/**
 * Whether a list asks by term (status or days to its end): then it reads the term index,
 * soonest end first, and needs the clock.
 */
export function listsByTerm(filters: {
  termStatus?: string | undefined;
  expiringWithinDays?: number | undefined;
}): boolean {
  return filters.termStatus !== undefined || filters.expiringWithinDays !== undefined;
}

/** The term in force, from the stored milestones; undefined when no document has one. */
export function termBasis(agreement: Agreement): TermBasis | undefined {
  const latest = agreement.milestones.findLast((m) => PKS_TERM_TYPES.has(m.type));
  const signing = agreement.milestones.findLast(
    (m) => m.type === 'TERM_RENEWED' || m.type === 'PKS_SIGNED',
  );
  if (latest && signing) {
    const given = 'validUntil' in latest ? latest.validUntil : undefined;
    return {
      validUntil: given ?? addYears(latest.occurredAt, PKS_MAX_TERM_YEARS),
      document: 'PKS',
      signedOn: signing.occurredAt,
      maxTermAssumed: given === undefined,
    };
  }
  const mou = agreement.milestones.findLast((m) => m.type === 'MOU_SIGNED');
  return mou?.validUntil
    ? {
        validUntil: mou.validUntil,
        document: 'MOU',
        signedOn: mou.occurredAt,
        maxTermAssumed: false,
      }
    : undefined;
}

/** Ended early by the parties (AGREEMENT_TERMINATED), or cancelled: no notices any more. */
export function isTerminated(agreement: Agreement): boolean {
  return (
    agreement.stage === 'CANCELLED' ||
    agreement.milestones.some((m) => m.type === 'AGREEMENT_TERMINATED')
  );
}

/** The notice days of a policy, latest first (90 before 60); stored policies predating them get the default. */
export function expiryNoticeDaysOf(policy: ReminderPolicy): number[] {
  const days = policy.expiryNoticeDays ?? DEFAULT_REMINDER_POLICY.expiryNoticeDays ?? [];
  return [...days].sort((a, b) => b - a);
}

const DAY_MS = 86_400_000;

/** The instant the term is over: midnight after its last day, in the partner's time zone. */
export function termEndsAt(agreement: Agreement, validUntil: string): Date {
  return atLocalHour(addDays(validUntil, 1), 0, agreement.partnerRegion.timeZone);
}

/** Where the term stands at `now`. */
export function termOf(agreement: Agreement, now: Date): Term | undefined {
  const basis = termBasis(agreement);
  if (!basis) return undefined;
  const { validUntil, document } = basis;
  const today = dateInZone(now, agreement.partnerRegion.timeZone);
  const firstNotice = expiryNoticeDaysOf(agreement.reminderPolicy)[0];
  const status: TermStatus = isTerminated(agreement)
    ? 'TERMINATED'
    : now >= termEndsAt(agreement, validUntil)
      ? 'EXPIRED'
      : firstNotice !== undefined && daysBetween(today, validUntil) <= firstNotice
        ? 'EXPIRING'
        : 'IN_FORCE';
  const daysLeft =
    status === 'EXPIRED' || status === 'TERMINATED' ? 0 : daysBetween(today, validUntil);
  return {
    validUntil,
    document,
    status,
    daysLeft,
    ...(basis.maxTermAssumed ? { maxTermAssumed: true } : {}),
  };
}

/**
 * What the list index of terms stores (adapters/dynamodb): the instant the term ends and the
 * instant its first notice window opens, so that a query compares instants with the clock and
 * finds exactly the statuses termOf computes. Undefined without a term (the index is sparse).
 */
export function termIndexOf(
  agreement: Agreement,
): { terminated: boolean; endsAt: string; noticeFrom: string } | undefined {
  const basis = termBasis(agreement);
  if (!basis) return undefined;
  const endsAt = termEndsAt(agreement, basis.validUntil);
  const firstNotice = expiryNoticeDaysOf(agreement.reminderPolicy)[0];
  // daysLeft <= firstNotice exactly from (firstNotice + 1) days before the end (no DST in Indonesia).
  const noticeFrom =
    firstNotice === undefined ? endsAt : new Date(endsAt.getTime() - (firstNotice + 1) * DAY_MS);
  return {
    terminated: isTerminated(agreement),
    endsAt: endsAt.toISOString(),
    noticeFrom: noticeFrom.toISOString(),
  };
}

/** One step of the term's watch: an expiry notice, or at the end the expiry itself. */
export interface TermStep {
  /** Where the steps are counted in `agreement.nudges`: a new term starts a new count. */
  key: string;
  /** 1 for the earliest notice; the expiry comes last. */
  number: number;
  kind: 'EXPIRY_NOTICE' | 'TERM_EXPIRED';
  /** For a notice: days before validUntil. */
  daysBefore?: number;
  validUntil: string;
  /** In the partner's office hours on a working day. */
  dueAt: string;
}

/**
 * The count's key: one per term milestone recorded, so that an amendment or a renewal (even to
 * a date used before) starts the notices again.
 */
export function termLedgerKey(agreement: Agreement): string {
  const counts = agreement.milestoneCounts;
  const changes = (counts.TERM_AMENDED ?? 0) + (counts.TERM_RENEWED ?? 0);
  return `TERM#${String(changes)}`;
}

/** Every step of the term in force, in order, each at its time in the partner's office hours. */
export function termSteps(agreement: Agreement): TermStep[] {
  const basis = termBasis(agreement);
  if (!basis || isTerminated(agreement)) return [];
  const { validUntil } = basis;
  const zone = agreement.partnerRegion.timeZone;
  const office = (instant: Date) =>
    nextOfficeTime(instant, zone, agreement.reminderPolicy.officeHours).toISOString();
  const key = termLedgerKey(agreement);
  const notices = expiryNoticeDaysOf(agreement.reminderPolicy).map((days, i): TermStep => ({
    key,
    number: i + 1,
    kind: 'EXPIRY_NOTICE',
    daysBefore: days,
    validUntil,
    dueAt: office(atLocalHour(addDays(validUntil, -days), 0, zone)),
  }));
  const expiry: TermStep = {
    key,
    number: notices.length + 1,
    kind: 'TERM_EXPIRED',
    validUntil,
    dueAt: office(termEndsAt(agreement, validUntil)),
  };
  return [...notices, expiry];
}

/**
 * The step to take next, or undefined when the term needs no more watching. Of the steps due
 * and not yet taken only the latest is taken (no burst of late notices for an agreement
 * registered late, or a workflow that was down); before any is due, the next one to come.
 */
export function nextTermStep(agreement: Agreement, now: Date): TermStep | undefined {
  const steps = termSteps(agreement);
  const taken = steps[0] ? (agreement.nudges[steps[0].key]?.sent ?? 0) : 0;
  const open = steps.filter((s) => s.number > taken);
  return open.findLast((s) => Date.parse(s.dueAt) <= now.getTime()) ?? open[0];
}
