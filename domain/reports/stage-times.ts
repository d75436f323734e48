// How long an agreement spent in each stage and how many nudges each stage took, folded from its
// audit events. One rule for both uses: the history gives the demo's table (`stageDays`), and
// the repository folds each change's events into the record kept on the agreement
// (`Agreement.stageTimes`), which the reports read instead of every history.
import type { Agreement, AppStatus, AuditEvent, Stage } from '../agreement.ts';
import { isTerminal } from '../agreement.ts';
import { daysBetween } from '../dates.ts';
import { stageSchema } from '../schemas.ts';

export interface StageSpan {
  /** Absent when unknown: the agreement was registered after it had left this stage. */
  enteredOn?: string;
  /** Absent while the agreement is still in the stage. */
  leftOn?: string;
  /** Nudges sent while in the stage (NUDGE_SENT), escalations among them. */
  nudges: number;
  escalations: number;
}

/** One entry per stage reached (stages only move forward, so at most one per stage). */
export type StageTimes = Partial<Record<Stage, StageSpan>>;

/** An audit event, or its JSON in the API's history (whose type is any string). */
type EventLike = Pick<AuditEvent, 'at' | 'data'> & { type: string };

/** The calendar date of an instant (or of a date). */
const dateOf = (iso: string) => iso.slice(0, 10);

/** Whole days from a calendar date to another, or to an instant's date. */
export function daysUntil(from: string, to: string): number {
  return daysBetween(from, dateOf(to));
}

const isStage = (value: unknown): value is Stage => stageSchema.safeParse(value).success;

/** The stage the agreement is in: the one entered last, never left. */
export function openStage(times: StageTimes): Stage | undefined {
  return (Object.keys(times) as Stage[]).find((stage) => times[stage]?.leftOn === undefined);
}

function step(times: StageTimes, event: EventLike): StageTimes {
  if (event.type === 'AGREEMENT_CREATED') {
    return { MOU: { enteredOn: dateOf(event.at), nudges: 0, escalations: 0 } };
  }
  if (event.type === 'STAGE_CHANGED') {
    const { from, to, on } = event.data;
    if (!isStage(from) || !isStage(to)) return times;
    // A stage begins on the date of the milestone that opened it, else on the change's date.
    const date = typeof on === 'string' ? on : dateOf(event.at);
    const { enteredOn, ...left } = times[from] ?? { nudges: 0, escalations: 0 };
    // A stage left before it was entered was left before registration: its length is unknown.
    const known = enteredOn !== undefined && enteredOn <= date;
    return {
      ...times,
      [from]: { ...left, ...(known ? { enteredOn } : {}), leftOn: date },
      [to]: { enteredOn: date, nudges: 0, escalations: 0 },
    };
  }
  if (event.type === 'NUDGE_SENT') {
    const stage = openStage(times);
    const span = stage && times[stage];
    if (!stage || !span) return times;
    const escalation = event.data.kind === 'ESCALATION' ? 1 : 0;
    return {
      ...times,
      [stage]: { ...span, nudges: span.nudges + 1, escalations: span.escalations + escalation },
    };
  }
  return times;
}

/** `times` after `events`, in their order. */
export function foldStageTimes(times: StageTimes, events: readonly EventLike[]): StageTimes {
  return events.reduce(step, times);
}

/**
 * The stage times of an agreement after a change with these events. An agreement stored
 * before stage times were kept starts from its current stage, whose beginning it knows.
 */
export function trackStages(agreement: Agreement, events: readonly EventLike[]): Agreement {
  const start: StageTimes = agreement.stageTimes ?? {
    [agreement.stage]: { enteredOn: agreement.stageEnteredOn, nudges: 0, escalations: 0 },
  };
  return { ...agreement, stageTimes: foldStageTimes(start, events) };
}

/** Whole days in each stage whose beginning is known; the open stage counts to `asOf`. */
export function daysInStages(
  times: StageTimes,
  asOf: string,
): { days: Partial<Record<Stage, number>>; ongoing?: Stage } {
  const days: Partial<Record<Stage, number>> = {};
  let ongoing: Stage | undefined;
  for (const [stage, span] of Object.entries(times) as [Stage, StageSpan][]) {
    if (span.enteredOn === undefined) continue;
    if (span.leftOn !== undefined) days[stage] = daysBetween(span.enteredOn, span.leftOn);
    else if (!isTerminal(stage)) {
      days[stage] = Math.max(0, daysUntil(span.enteredOn, asOf));
      ongoing = stage;
    }
  }
  return ongoing ? { days, ongoing } : { days };
}

/**
 * Days in each stage, from the history's events: a stage lasts from the date of the change into
 * it (the milestone's date) to the change out of it; the first begins at registration.
 */
export function stageDays(history: readonly EventLike[], asOf: string) {
  return daysInStages(foldStageTimes({}, history), asOf);
}

/** Everything the reports need of one agreement: small, kept beside the agreement. */
export interface ReportRow {
  id: string;
  title: string;
  partner: { code: string; name: string };
  stage: Stage;
  /** The date of the MoU, when signed. */
  mouSignedOn?: string;
  registeredOn: string;
  apps: { id: string; name: string; status: AppStatus }[];
  stageTimes: StageTimes;
  /** The latest nudge sent for the agreement, any wait. */
  lastNudgeAt?: string;
  /** Whom the monthly digest reaches about this agreement. */
  coordinators: { name: string; email: string; side: 'HOST' | 'PARTNER' }[];
  /** Set by the workflow's catch-all (kept in its own item): read in when needed. */
  needsAttentionSince?: string;
}

/** The date that orders agreements in the reports: the MoU's, else the registration's. */
export function cohortDate(row: Pick<ReportRow, 'mouSignedOn' | 'registeredOn'>): string {
  return row.mouSignedOn ?? row.registeredOn;
}

export function reportRowOf(agreement: Agreement): ReportRow {
  const lastNudgeAt = Object.values(agreement.nudges)
    .map((n) => n.lastSentAt)
    .filter((at): at is string => at !== undefined)
    .sort()
    .at(-1);
  const mou = agreement.milestones.find((m) => m.type === 'MOU_SIGNED');
  return {
    id: agreement.id,
    title: agreement.title,
    partner: { code: agreement.partnerRegion.code, name: agreement.partnerRegion.name },
    stage: agreement.stage,
    ...(mou ? { mouSignedOn: mou.occurredAt } : {}),
    registeredOn: dateOf(agreement.createdAt),
    apps: agreement.apps.map(({ id, name, status }) => ({ id, name, status })),
    stageTimes: trackStages(agreement, []).stageTimes ?? {},
    ...(lastNudgeAt ? { lastNudgeAt } : {}),
    coordinators: agreement.contacts
      .filter((c) => c.role === 'COORDINATOR')
      .map(({ name, email, side }) => ({ name, email, side })),
    ...(agreement.needsAttention ? { needsAttentionSince: agreement.needsAttention.since } : {}),
  };
}
