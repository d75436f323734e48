// The rules of an agreement's life: its creation, which milestone is accepted in which stage,
// the cancellation and the close of the follow-up. Pure functions: every change returns the new
// agreement and the audit events that describe it, or a rejection. What each milestone changes,
// and the checks it must pass, is in milestone-effects.ts.
import {
  isTerminal,
  latestMilestone,
  MAX_MILESTONES_OF_A_KIND,
  milestoneKind,
  nextVersion,
  type Actor,
  withMilestone,
  type Agreement,
  type AuditEventDraft,
  type RecordedMilestone,
  type Stage,
} from './agreement.ts';
import { findApplication } from './catalog/catalog.ts';
import { dateInZone, latestIndonesianDate } from './dates.ts';
import { wakeDormantWaits } from './dormancy.ts';
import { WORKFLOW_ACTOR, type WorkflowChange } from './execution.ts';
import { DEFAULT_RULES, milestoneEffect, type DomainRules } from './milestone-effects.ts';
import { findRegion } from './regions/regions.ts';
import { reject, type Rejection } from './rejections.ts';
import { reminderPolicy, type ReminderPolicy } from './reminder-policy.ts';
import { TERM_MILESTONE_STAGES } from './term-milestones.ts';
import type {
  CancelAgreementInput,
  CreateAgreementInput,
  MilestoneInput,
  MilestoneType,
} from './schemas.ts';

/** `actor` and `actorEmail`: who asks for the change, as recorded in the audit history. */
export interface ChangeContext extends Actor {
  now: Date;
  rules?: DomainRules;
  /** For a milestone from an official's report: who reported it (the actor confirms it). */
  reportedBy?: RecordedMilestone['reportedBy'];
}

/** The actor fields of an event the change's asker causes. */
function by(ctx: ChangeContext): Actor {
  return { actor: ctx.actor, ...(ctx.actorEmail ? { actorEmail: ctx.actorEmail } : {}) };
}

export interface CreateContext extends ChangeContext {
  id: string;
  defaultHostRegionCode: string;
  /** What an agreement registered without a reminder policy of its own gets (per environment). */
  defaultReminderPolicy?: ReminderPolicy;
}

export type Outcome =
  | { ok: true; agreement: Agreement; events: AuditEventDraft[] }
  | { ok: false; rejection: Rejection };

/** The stages in which each milestone may be recorded. */
const MILESTONE_ACCEPTED_IN: Record<MilestoneType, readonly Stage[]> = {
  MOU_SIGNED: ['MOU'],
  PKS_SIGNED: ['PKS'],
  APP_HANDED_OVER: ['HANDOVER'],
  // A partner may give up an application any time before it is handed over.
  APP_DROPPED: ['MOU', 'PKS', 'HANDOVER'],
  TRAINING_SCHEDULED: ['TRAINING'],
  TRAINING_COMPLETED: ['TRAINING'],
  FOLLOW_UP_REPORTED: ['FOLLOW_UP'],
  // The term's milestones need the PKS, whatever the stage (term-milestones.ts).
  TERM_AMENDED: TERM_MILESTONE_STAGES,
  TERM_RENEWED: TERM_MILESTONE_STAGES,
  AGREEMENT_TERMINATED: TERM_MILESTONE_STAGES,
};

export function createAgreement(input: CreateAgreementInput, ctx: CreateContext): Outcome {
  const hostCode = input.hostRegion?.code ?? ctx.defaultHostRegionCode;
  const hostRegion = findRegion(hostCode);
  const partnerRegion = findRegion(input.partnerRegion.code);
  if (!hostRegion)
    return refuse('UNKNOWN_REGION', `Unknown host region code ${hostCode}`, { code: hostCode });
  if (!partnerRegion) {
    const code = input.partnerRegion.code;
    return refuse('UNKNOWN_REGION', `Unknown partner region code ${code}`, { code });
  }
  if (hostRegion.code === partnerRegion.code) {
    return refuse(
      'PARTNER_IS_HOST',
      `The partner region ${partnerRegion.name} is the host region itself`,
    );
  }
  const at = ctx.now.toISOString();
  let agreement: Agreement = {
    id: ctx.id,
    title: input.title,
    hostRegion,
    partnerRegion,
    apps: input.apps.map(({ id }) => ({
      id,
      name: findApplication(id)?.name ?? id,
      status: 'PENDING',
    })),
    contacts: input.contacts,
    stage: 'MOU',
    stageEnteredOn: dateInZone(ctx.now, hostRegion.timeZone),
    milestones: [],
    milestoneCounts: {},
    reminderPolicy: reminderPolicy(input.reminderPolicy, ctx.defaultReminderPolicy),
    nudges: {},
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  const events: AuditEventDraft[] = [
    {
      type: 'AGREEMENT_CREATED',
      at,
      ...by(ctx),
      data: {
        title: input.title,
        hostRegion: hostRegion.code,
        partnerRegion: partnerRegion.code,
        apps: input.apps.map((a) => a.id),
      },
    },
  ];
  for (const [milestoneIndex, milestone] of (input.milestones ?? []).entries()) {
    const step = applyMilestone(agreement, milestone, ctx);
    if (!step.ok) {
      const { rejection } = step;
      return {
        ok: false,
        rejection: { ...rejection, details: { ...rejection.details, milestoneIndex } },
      };
    }
    agreement = step.agreement;
    events.push(...step.events);
  }
  return { ok: true, agreement, events };
}

export function recordMilestone(
  agreement: Agreement,
  milestone: MilestoneInput,
  ctx: ChangeContext,
): Outcome {
  const step = applyMilestone(agreement, milestone, ctx);
  if (!step.ok) return step;
  // Any milestone wakes the dormant waits with a fresh ladder (those it ended stay quiet).
  const woken = wakeDormantWaits(step.agreement, ctx, 'MILESTONE');
  return {
    ok: true,
    agreement: nextVersion(woken.agreement, ctx.now),
    events: [...step.events, ...woken.events],
  };
}

export function cancelAgreement(
  agreement: Agreement,
  input: CancelAgreementInput,
  ctx: ChangeContext,
): Outcome {
  if (isTerminal(agreement.stage)) return closed(agreement);
  const at = ctx.now.toISOString();
  const cancelled: Agreement = {
    ...agreement,
    stage: 'CANCELLED',
    stageEnteredOn: latestIndonesianDate(ctx.now),
    cancellation: {
      reason: input.reason,
      cancelledAt: at,
      cancelledBy: ctx.actor,
      ...(ctx.actorEmail ? { cancelledByEmail: ctx.actorEmail } : {}),
    },
  };
  return {
    ok: true,
    agreement: nextVersion(cancelled, ctx.now),
    events: [
      { type: 'AGREEMENT_CANCELLED', at, ...by(ctx), data: { reason: input.reason } },
      {
        type: 'STAGE_CHANGED',
        at,
        ...by(ctx),
        data: { from: agreement.stage, to: 'CANCELLED' },
      },
    ],
  };
}

/** The follow-up window closed: the agreement completes, with the applications not live flagged. */
export function closeFollowUp(agreement: Agreement, now: Date): WorkflowChange | undefined {
  if (agreement.stage !== 'FOLLOW_UP') return undefined;
  const at = now.toISOString();
  const apps = agreement.apps.map((a) =>
    a.status === 'HANDED_OVER' ? { ...a, status: 'NOT_LIVE' as const } : a,
  );
  const notLive = apps.filter((a) => a.status === 'NOT_LIVE').map((a) => a.id);
  return {
    agreement: nextVersion(
      { ...agreement, apps, stage: 'COMPLETED', stageEnteredOn: at.slice(0, 10) },
      now,
    ),
    events: [
      { type: 'FOLLOW_UP_CLOSED', at, actor: WORKFLOW_ACTOR, data: { notLive } },
      {
        type: 'STAGE_CHANGED',
        at,
        actor: WORKFLOW_ACTOR,
        data: { from: 'FOLLOW_UP', to: 'COMPLETED' },
      },
    ],
  };
}

function applyMilestone(
  agreement: Agreement,
  milestone: MilestoneInput,
  ctx: ChangeContext,
): Outcome {
  const acceptedIn = MILESTONE_ACCEPTED_IN[milestone.type];
  const termination = latestMilestone(agreement, 'AGREEMENT_TERMINATED');
  if (termination) {
    return refuse(
      'AGREEMENT_TERMINATED',
      `The agreement was terminated on ${termination.occurredAt}; it takes no further changes`,
      { terminatedOn: termination.occurredAt },
    );
  }
  // A completed agreement still takes the milestones of its term.
  if (isTerminal(agreement.stage) && !acceptedIn.includes(agreement.stage))
    return closed(agreement);
  if (!acceptedIn.includes(agreement.stage)) {
    return refuse(
      'STAGE_MISMATCH',
      `${milestone.type} is accepted in stage ${acceptedIn.join(' or ')}, but the agreement is in stage ${agreement.stage}`,
      { stage: agreement.stage, acceptedIn },
    );
  }
  const today = latestIndonesianDate(ctx.now);
  if (milestone.occurredAt > today) {
    return refuse(
      'DATE_IN_FUTURE',
      `occurredAt ${milestone.occurredAt} is in the future (today is ${today})`,
      {
        occurredAt: milestone.occurredAt,
        today,
      },
    );
  }
  const partnerToday = dateInZone(ctx.now, agreement.partnerRegion.timeZone);
  const effect = milestoneEffect(agreement, milestone, ctx.rules ?? DEFAULT_RULES, partnerToday);
  if ('code' in effect) return { ok: false, rejection: effect };
  const kind = milestoneKind(milestone);
  if ((agreement.milestoneCounts[kind] ?? 0) >= MAX_MILESTONES_OF_A_KIND) {
    return refuse(
      'AGREEMENT_TOO_LARGE',
      `The agreement already holds ${MAX_MILESTONES_OF_A_KIND} milestones of kind ${kind}, the most it takes`,
      { kind, limit: MAX_MILESTONES_OF_A_KIND },
    );
  }

  const at = ctx.now.toISOString();
  const recorded: RecordedMilestone = {
    ...milestone,
    recordedAt: at,
    recordedBy: ctx.actor,
    ...(ctx.reportedBy ? { reportedBy: ctx.reportedBy } : {}),
  };
  const events: AuditEventDraft[] = [
    { type: 'MILESTONE_RECORDED', at, ...by(ctx), data: { milestone: recorded } },
  ];
  let changed = withMilestone({ ...agreement, apps: effect.apps ?? agreement.apps }, recorded);
  if (effect.nextStage && effect.nextStage !== agreement.stage) {
    events.push({
      type: 'STAGE_CHANGED',
      at,
      ...by(ctx),
      data: { from: agreement.stage, to: effect.nextStage, on: milestone.occurredAt },
    });
    changed = { ...changed, stage: effect.nextStage, stageEnteredOn: milestone.occurredAt };
  }
  return { ok: true, agreement: changed, events };
}

function closed(agreement: Agreement): Outcome {
  return refuse(
    'AGREEMENT_CLOSED',
    `The agreement is ${agreement.stage}; it takes no further changes`,
    {
      stage: agreement.stage,
    },
  );
}

function refuse(...args: Parameters<typeof reject>): Outcome {
  return { ok: false, rejection: reject(...args) };
}
