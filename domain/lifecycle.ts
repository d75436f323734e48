// The rules of an agreement's life: which milestone is accepted in which stage, what it
// changes, and the checks a real PKS needs. Pure functions: every change returns the new
// agreement and the audit events that describe it, or a rejection.
import type {
  Agreement,
  AgreementApp,
  AuditEventDraft,
  RecordedMilestone,
  Stage,
} from './agreement.ts';
import { isTerminal } from './agreement.ts';
import { findApplication } from './catalog/catalog.ts';
import { addYears, dateInZone, latestIndonesianDate } from './dates.ts';
import { findRegion } from './regions/regions.ts';
import { reject, type Rejection } from './rejections.ts';
import { reminderPolicy, type ReminderPolicy } from './workflow.ts';
import type {
  CancelAgreementInput,
  CreateAgreementInput,
  MilestoneInput,
  MilestoneType,
} from './schemas.ts';

export interface DomainRules {
  /** A PKS runs at most this long; a longer cooperation needs a new procedure. */
  pksMaxTermYears: number;
}

export const DEFAULT_RULES: DomainRules = { pksMaxTermYears: 5 };

export interface ChangeContext {
  now: Date;
  /** Who asks for the change, as recorded in the audit history. */
  actor: string;
  rules?: DomainRules;
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
};

interface Effect {
  apps?: AgreementApp[];
  nextStage?: Stage;
}

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
      actor: ctx.actor,
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
  return step.ok ? { ...step, agreement: nextVersion(step.agreement, ctx) } : step;
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
    cancellation: { reason: input.reason, cancelledAt: at, cancelledBy: ctx.actor },
  };
  return {
    ok: true,
    agreement: nextVersion(cancelled, ctx),
    events: [
      { type: 'AGREEMENT_CANCELLED', at, actor: ctx.actor, data: { reason: input.reason } },
      {
        type: 'STAGE_CHANGED',
        at,
        actor: ctx.actor,
        data: { from: agreement.stage, to: 'CANCELLED' },
      },
    ],
  };
}

function applyMilestone(
  agreement: Agreement,
  milestone: MilestoneInput,
  ctx: ChangeContext,
): Outcome {
  if (isTerminal(agreement.stage)) return closed(agreement);
  const acceptedIn = MILESTONE_ACCEPTED_IN[milestone.type];
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
  const effect = effectOf(agreement, milestone, ctx.rules ?? DEFAULT_RULES);
  if ('code' in effect) return { ok: false, rejection: effect };

  const at = ctx.now.toISOString();
  const recorded: RecordedMilestone = { ...milestone, recordedAt: at, recordedBy: ctx.actor };
  const events: AuditEventDraft[] = [
    { type: 'MILESTONE_RECORDED', at, actor: ctx.actor, data: { milestone: recorded } },
  ];
  let changed: Agreement = {
    ...agreement,
    apps: effect.apps ?? agreement.apps,
    milestones: [...agreement.milestones, recorded],
  };
  if (effect.nextStage && effect.nextStage !== agreement.stage) {
    events.push({
      type: 'STAGE_CHANGED',
      at,
      actor: ctx.actor,
      data: { from: agreement.stage, to: effect.nextStage, on: milestone.occurredAt },
    });
    changed = { ...changed, stage: effect.nextStage, stageEnteredOn: milestone.occurredAt };
  }
  return { ok: true, agreement: changed, events };
}

function effectOf(
  agreement: Agreement,
  milestone: MilestoneInput,
  rules: DomainRules,
): Effect | Rejection {
  switch (milestone.type) {
    case 'MOU_SIGNED':
      return { nextStage: 'PKS' };

    case 'PKS_SIGNED': {
      const early = notBefore(agreement, milestone, 'MOU_SIGNED');
      if (early) return early;
      if (milestone.validUntil !== undefined) {
        if (milestone.validUntil <= milestone.occurredAt) {
          return reject(
            'PKS_TERM_NOT_AFTER_SIGNING',
            `validUntil ${milestone.validUntil} must be after the signing date`,
          );
        }
        const latest = addYears(milestone.occurredAt, rules.pksMaxTermYears);
        if (milestone.validUntil > latest) {
          return reject(
            'PKS_TERM_TOO_LONG',
            `A PKS runs at most ${rules.pksMaxTermYears} years: validUntil must be on or before ${latest}`,
            { maxTermYears: rules.pksMaxTermYears, latestValidUntil: latest },
          );
        }
      }
      return { nextStage: 'HANDOVER' };
    }

    case 'APP_HANDED_OVER': {
      const app = pendingApp(agreement, milestone.appId);
      if ('code' in app) return app;
      const early = notBefore(agreement, milestone, 'PKS_SIGNED');
      if (early) return early;
      const apps = withApp(agreement.apps, {
        ...app,
        status: 'HANDED_OVER',
        handedOverOn: milestone.occurredAt,
        ...(milestone.bastNumber ? { bastNumber: milestone.bastNumber } : {}),
      });
      return { apps, nextStage: handoverFinished(apps) ? 'TRAINING' : agreement.stage };
    }

    case 'APP_DROPPED': {
      const app = pendingApp(agreement, milestone.appId);
      if ('code' in app) return app;
      if (!agreement.apps.some((a) => a.id !== app.id && a.status !== 'DROPPED')) {
        return reject(
          'LAST_APPLICATION',
          `${app.name} is the last application of this agreement: cancel the agreement instead of dropping it`,
        );
      }
      const apps = withApp(agreement.apps, {
        ...app,
        status: 'DROPPED',
        droppedReason: milestone.reason,
      });
      const finished = agreement.stage === 'HANDOVER' && handoverFinished(apps);
      return { apps, nextStage: finished ? 'TRAINING' : agreement.stage };
    }

    case 'TRAINING_SCHEDULED': {
      const early = notBefore(agreement, milestone, 'PKS_SIGNED');
      if (early) return early;
      if (milestone.startsOn < milestone.occurredAt) {
        return reject(
          'TRAINING_STARTS_BEFORE_SCHEDULING',
          `startsOn ${milestone.startsOn} is before the date the training was scheduled (${milestone.occurredAt})`,
        );
      }
      return {};
    }

    case 'TRAINING_COMPLETED': {
      const schedule = latest(agreement, 'TRAINING_SCHEDULED');
      if (!schedule) {
        return reject(
          'TRAINING_NOT_SCHEDULED',
          'Record TRAINING_SCHEDULED before TRAINING_COMPLETED',
        );
      }
      if (milestone.occurredAt < schedule.startsOn) {
        return reject(
          'TRAINING_NOT_STARTED',
          `The training starts on ${schedule.startsOn}; it cannot have been completed on ${milestone.occurredAt}`,
          { startsOn: schedule.startsOn },
        );
      }
      return { nextStage: 'FOLLOW_UP' };
    }

    case 'FOLLOW_UP_REPORTED': {
      const app = agreement.apps.find((a) => a.id === milestone.appId);
      if (!app) return notInAgreement(milestone.appId);
      if (app.status === 'DROPPED') return dropped(app);
      if (app.status === 'PENDING') {
        return reject('APP_NOT_HANDED_OVER', `${app.name} has not been handed over`, {
          appId: app.id,
        });
      }
      const early = notBefore(agreement, milestone, 'TRAINING_COMPLETED');
      if (early) return early;
      const apps = withApp(agreement.apps, {
        ...app,
        status: milestone.live ? 'LIVE' : 'NOT_LIVE',
        lastReportedOn: milestone.occurredAt,
      });
      const allLive = apps.every((a) => a.status === 'LIVE' || a.status === 'DROPPED');
      return { apps, nextStage: allLive ? 'COMPLETED' : agreement.stage };
    }
  }
}

function latest<T extends MilestoneType>(
  agreement: Agreement,
  type: T,
): Extract<RecordedMilestone, { type: T }> | undefined {
  return agreement.milestones.findLast(
    (m): m is Extract<RecordedMilestone, { type: T }> => m.type === type,
  );
}

function notBefore(
  agreement: Agreement,
  milestone: MilestoneInput,
  prerequisite: MilestoneType,
): Rejection | undefined {
  const previous = latest(agreement, prerequisite);
  if (previous && milestone.occurredAt < previous.occurredAt) {
    return reject(
      'DATE_BEFORE_PREREQUISITE',
      `${milestone.type} on ${milestone.occurredAt} cannot precede ${prerequisite} on ${previous.occurredAt}`,
      { prerequisite, prerequisiteDate: previous.occurredAt },
    );
  }
  return undefined;
}

function pendingApp(agreement: Agreement, appId: string): AgreementApp | Rejection {
  const app = agreement.apps.find((a) => a.id === appId);
  if (!app) return notInAgreement(appId);
  if (app.status === 'DROPPED') return dropped(app);
  if (app.status !== 'PENDING') {
    return reject(
      'APP_ALREADY_HANDED_OVER',
      `${app.name} was already handed over on ${app.handedOverOn ?? '?'}`,
      {
        appId,
        handedOverOn: app.handedOverOn,
      },
    );
  }
  return app;
}

function notInAgreement(appId: string): Rejection {
  return reject('APP_NOT_IN_AGREEMENT', `Application ${appId} is not part of this agreement`, {
    appId,
  });
}

function dropped(app: AgreementApp): Rejection {
  return reject('APP_DROPPED', `${app.name} was dropped from this agreement`, { appId: app.id });
}

function withApp(apps: AgreementApp[], changed: AgreementApp): AgreementApp[] {
  return apps.map((a) => (a.id === changed.id ? changed : a));
}

function handoverFinished(apps: AgreementApp[]): boolean {
  return apps.every((a) => a.status !== 'PENDING');
}

function nextVersion(agreement: Agreement, ctx: ChangeContext): Agreement {
  return { ...agreement, version: agreement.version + 1, updatedAt: ctx.now.toISOString() };
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
