// What each milestone changes in an agreement (its applications, its stage), and the checks a
// milestone must pass first: the dates in order, a PKS term within the legal limit, the
// application it names still pending. The stage that accepts a milestone is lifecycle.ts's rule.
import { latestMilestone, type Agreement, type AgreementApp, type Stage } from './agreement.ts';
import { addYears } from './dates.ts';
import { reject, type Rejection } from './rejections.ts';
import type { MilestoneInput, MilestoneType } from './schemas.ts';
import { PKS_MAX_TERM_YEARS } from './term.ts';
import { checkMouTerm, termMilestoneEffect } from './term-milestones.ts';

export interface DomainRules {
  /** A PKS runs at most this long; a longer cooperation needs a new procedure. */
  pksMaxTermYears: number;
}

export const DEFAULT_RULES: DomainRules = { pksMaxTermYears: PKS_MAX_TERM_YEARS };

/** What a milestone changes; absent parts stay as they are. */
export interface MilestoneEffect {
  apps?: AgreementApp[];
  nextStage?: Stage;
}

export function milestoneEffect(
  agreement: Agreement,
  milestone: MilestoneInput,
  rules: DomainRules,
  /** The partner's date today: a new term must not end in the past. */
  today: string,
): MilestoneEffect | Rejection {
  switch (milestone.type) {
    case 'MOU_SIGNED':
      return checkMouTerm(milestone) ?? { nextStage: 'PKS' };

    case 'TERM_AMENDED':
    case 'TERM_RENEWED':
    case 'AGREEMENT_TERMINATED':
      return termMilestoneEffect(agreement, milestone, rules.pksMaxTermYears, today);

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
      const schedule = latestMilestone(agreement, 'TRAINING_SCHEDULED');
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

function notBefore(
  agreement: Agreement,
  milestone: MilestoneInput,
  prerequisite: MilestoneType,
): Rejection | undefined {
  const previous = latestMilestone(agreement, prerequisite);
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
