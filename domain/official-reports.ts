// What officials answer through action links, and what coordinators do with it: a report
// that a step is done (a coordinator confirms it into the milestone, or rejects it), an
// obstacle that pauses the wait's nudges until a date, a pointer to the right person; and the
// coordinators' replacement of the contacts. Pure functions returning the changed agreement and
// its events, or a rejection; no answer gets past the rules a coordinator's milestone meets.
import { wakeDormantWaits } from './dormancy.ts';
import { nextVersion, type Actor, type Agreement, type AuditEventDraft } from './agreement.ts';
import {
  ACTION_LINK_ACTOR,
  ACTION_LINK_CHANNEL,
  type ActionLink,
  type LinkHolder,
} from './action-links.ts';
import type {
  ActionAnswerInput,
  ConfirmReportInput,
  DoneDetails,
  RejectReportInput,
} from './action-schemas.ts';
import { addDays, latestIndonesianDate } from './dates.ts';
import { recordMilestone, type ChangeContext, type Outcome } from './lifecycle.ts';
import { reject, type Rejection } from './rejections.ts';
import { parseWaitKey, type WaitKey } from './routes.ts';
import { milestoneSchema, type MilestoneInput } from './milestone-schemas.ts';
import type { Contact, Side } from './schema-parts.ts';

/** Reports waiting for a coordinator at most, per agreement: the item stays bounded. */
export const MAX_PENDING_REPORTS = 10;

/** An official's report that a step is done, until a coordinator confirms or rejects it. */
export interface OfficialReport {
  id: string;
  waitKey: WaitKey;
  /** What the official reported. */
  details: DoneDetails;
  /** The milestone it records once confirmed, as reported. */
  milestone: MilestoneInput;
  reportedBy: LinkHolder;
  reportedAt: string;
  channel: typeof ACTION_LINK_CHANNEL;
}

export interface AnswerContext {
  now: Date;
  /** The id a DONE answer's report gets. */
  reportId: string;
  maxPauseDays: number;
}

type Refusal = { ok: false; rejection: Rejection };

function refuse(...args: Parameters<typeof reject>): Refusal {
  return { ok: false, rejection: reject(...args) };
}

const holderView = (h: LinkHolder) => ({
  name: h.name,
  email: h.email,
  side: h.side,
  role: h.role,
});

/** The milestone an official's "done" stands for, in the wait the link belongs to. */
export function milestoneOfReport(
  waitKey: WaitKey,
  details: DoneDetails,
  side: Side,
): MilestoneInput | Rejection {
  const { route, appId } = parseWaitKey(waitKey);
  const base = {
    occurredAt: details.occurredAt,
    ...(details.notes ? { notes: details.notes } : {}),
    ...(details.signatory ? { signatories: [{ ...details.signatory, side }] } : {}),
  };
  const documentNumbers = details.documentNumber
    ? { documentNumbers: { [side === 'HOST' ? 'host' : 'partner']: details.documentNumber } }
    : {};
  const candidate = ((): unknown => {
    switch (route) {
      case 'MOU':
        return { type: 'MOU_SIGNED', ...base, ...documentNumbers };
      case 'PKS':
        return { type: 'PKS_SIGNED', ...base, ...documentNumbers };
      case 'HANDOVER':
        return {
          type: 'APP_HANDED_OVER',
          ...base,
          appId,
          ...(details.documentNumber ? { bastNumber: details.documentNumber } : {}),
        };
      case 'TRAINING_UPCOMING':
      case 'TRAINING_COMPLETION':
        return { type: 'TRAINING_COMPLETED', ...base };
      case 'FOLLOW_UP':
        return { type: 'FOLLOW_UP_REPORTED', ...base, appId: details.appId, live: details.live };
      case 'TRAINING_SCHEDULE':
        return undefined;
    }
  })();
  const parsed = milestoneSchema.safeParse(candidate);
  if (parsed.success) return parsed.data;
  const missing = parsed.error.issues.map((i) => i.path.join('.') || 'answer').join(', ');
  return reject('REPORT_INCOMPLETE', `The report of this step lacks or has invalid: ${missing}`, {
    fields: parsed.error.issues.map((i) => i.path.join('.')),
  });
}

/** An official's answer through a link, as a change of the agreement (the link is spent with it). */
export function answerThroughLink(
  agreement: Agreement,
  link: ActionLink,
  input: ActionAnswerInput,
  ctx: AnswerContext,
): Outcome {
  if (!link.answers.includes(input.answer)) {
    return refuse('ANSWER_NOT_ALLOWED', `This link does not allow the answer ${input.answer}`, {
      answers: link.answers,
    });
  }
  const at = ctx.now.toISOString();
  const actor: Actor = { actor: ACTION_LINK_ACTOR, actorEmail: link.holder.email };
  const about = {
    waitKey: link.waitKey,
    contact: holderView(link.holder),
    channel: ACTION_LINK_CHANNEL,
  };
  const changed = (a: Agreement, event: AuditEventDraft): Outcome => ({
    ok: true,
    agreement: nextVersion(a, ctx.now),
    events: [event],
  });
  switch (input.answer) {
    case 'DONE': {
      const details: DoneDetails = { ...input };
      delete (details as Partial<typeof input>).answer;
      const milestone = milestoneOfReport(link.waitKey, details, link.holder.side);
      if ('code' in milestone) return { ok: false, rejection: milestone };
      // The coordinator's confirmation will meet the same rules: refused now if it would be then.
      const trial = recordMilestone(agreement, milestone, { now: ctx.now, ...actor });
      if (!trial.ok) return trial;
      const pending = agreement.reports ?? [];
      if (pending.length >= MAX_PENDING_REPORTS) {
        return refuse(
          'TOO_MANY_REPORTS',
          `The agreement already has ${MAX_PENDING_REPORTS} reports waiting for a coordinator`,
          { limit: MAX_PENDING_REPORTS },
        );
      }
      const report: OfficialReport = {
        id: ctx.reportId,
        waitKey: link.waitKey,
        details,
        milestone,
        reportedBy: holderView(link.holder),
        reportedAt: at,
        channel: ACTION_LINK_CHANNEL,
      };
      return changed(
        { ...agreement, reports: [...pending, report] },
        {
          type: 'OFFICIAL_REPORTED',
          at,
          ...actor,
          data: { answer: 'DONE', reportId: report.id, ...about, details, milestone },
        },
      );
    }
    case 'OBSTACLE': {
      const today = latestIndonesianDate(ctx.now);
      if (input.until <= today) {
        return refuse('PAUSE_NOT_IN_FUTURE', `until ${input.until} is not after today (${today})`, {
          until: input.until,
          today,
        });
      }
      const latest = addDays(today, ctx.maxPauseDays);
      if (input.until > latest) {
        return refuse(
          'PAUSE_TOO_LONG',
          `Reminders pause for at most ${ctx.maxPauseDays} days: until ${latest} at the latest`,
          { until: input.until, latest, maxDays: ctx.maxPauseDays },
        );
      }
      const pause = {
        until: input.until,
        reason: input.reason,
        since: at,
        by: { name: link.holder.name, email: link.holder.email },
      };
      return changed(
        { ...agreement, pauses: { ...agreement.pauses, [link.waitKey]: pause } },
        {
          type: 'NUDGES_PAUSED',
          at,
          ...actor,
          data: { ...about, until: input.until, reason: input.reason },
        },
      );
    }
    case 'WRONG_PERSON':
      return changed(agreement, {
        type: 'OFFICIAL_REPORTED',
        at,
        ...actor,
        data: { answer: 'WRONG_PERSON', ...about, suggestedContact: input.suggestedContact },
      });
  }
}

function withoutReport(agreement: Agreement, reportId: string) {
  const report = agreement.reports?.find((r) => r.id === reportId);
  const reports = (agreement.reports ?? []).filter((r) => r.id !== reportId);
  return { report, rest: { ...agreement, reports } };
}

function noReport(reportId: string): Refusal {
  return refuse('REPORT_NOT_FOUND', `No pending report ${reportId}`, { reportId });
}

function actorFields(ctx: ChangeContext): Actor {
  return { actor: ctx.actor, ...(ctx.actorEmail ? { actorEmail: ctx.actorEmail } : {}) };
}

/**
 * A coordinator confirms a report, with corrections if any: the milestone is recorded as the
 * coordinator's, naming the official who reported it.
 */
export function confirmReport(
  agreement: Agreement,
  reportId: string,
  corrections: ConfirmReportInput,
  ctx: ChangeContext,
): Outcome {
  const { report, rest } = withoutReport(agreement, reportId);
  if (!report) return noReport(reportId);
  const details = { ...report.details, ...corrections };
  const milestone = milestoneOfReport(report.waitKey, details, report.reportedBy.side);
  if ('code' in milestone) return { ok: false, rejection: milestone };
  const reportedBy = { name: report.reportedBy.name, email: report.reportedBy.email, reportId };
  const outcome = recordMilestone(rest, milestone, { ...ctx, reportedBy });
  if (!outcome.ok) return outcome;
  const at = ctx.now.toISOString();
  const confirmed: AuditEventDraft = {
    type: 'REPORT_CONFIRMED',
    at,
    ...actorFields(ctx),
    data: { reportId, reportedBy: report.reportedBy, milestoneType: milestone.type, corrections },
  };
  return { ...outcome, events: [confirmed, ...outcome.events] };
}

export function rejectReport(
  agreement: Agreement,
  reportId: string,
  input: RejectReportInput,
  ctx: ChangeContext,
): Outcome {
  const { report, rest } = withoutReport(agreement, reportId);
  if (!report) return noReport(reportId);
  return {
    ok: true,
    agreement: nextVersion(rest, ctx.now),
    events: [
      {
        type: 'REPORT_REJECTED',
        at: ctx.now.toISOString(),
        ...actorFields(ctx),
        data: { reportId, reason: input.reason, reportedBy: report.reportedBy },
      },
    ],
  };
}

/**
 * Replaces the contacts: all of them for the host's coordinators, those of its own side for a
 * partner's. Addresses no longer listed leave the undeliverable list with them.
 */
export function replaceContacts(
  agreement: Agreement,
  contacts: Contact[],
  side: Side | 'ALL',
  ctx: ChangeContext,
): Outcome {
  if (side !== 'ALL' && contacts.some((c) => c.side !== side)) {
    return refuse(
      'CONTACTS_OF_OTHER_SIDE',
      `A coordinator replaces the ${side} side's contacts only`,
      {
        side,
      },
    );
  }
  const kept = side === 'ALL' ? [] : agreement.contacts.filter((c) => c.side !== side);
  const next = [...kept, ...contacts];
  if (next.length > 50) {
    return refuse('AGREEMENT_TOO_LARGE', 'An agreement has at most 50 contacts', {
      kind: 'contacts',
      limit: 50,
    });
  }
  const listed = new Set(next.map((c) => c.email.toLowerCase()));
  const undeliverable = Object.fromEntries(
    Object.entries(agreement.undeliverable ?? {}).filter(([address]) => listed.has(address)),
  );
  const replaced: Agreement = { ...agreement, contacts: next };
  delete replaced.undeliverable;
  if (Object.keys(undeliverable).length > 0) replaced.undeliverable = undeliverable;
  // New people to ask: the dormant waits wake with a fresh ladder (the use case then wakes the
  // workflow's waits, as after a milestone).
  const woken = wakeDormantWaits(replaced, ctx, 'CONTACTS_CHANGED');
  const brief = (c: Contact) => ({ name: c.name, email: c.email, role: c.role, side: c.side });
  return {
    ok: true,
    agreement: nextVersion(woken.agreement, ctx.now),
    events: [
      {
        type: 'CONTACTS_CHANGED',
        at: ctx.now.toISOString(),
        ...actorFields(ctx),
        data: {
          side,
          before: agreement.contacts.map(brief),
          after: next.map(brief),
        },
      },
      ...woken.events,
    ],
  };
}
