// GET and POST /actions/{token}: what an official sees behind a nudge's link (reading changes
// nothing: mail scanners open links), and their answer, stored with the link spent in the same
// transaction; the host coordinators are told at once by email.
import type { ActionLinkSettings } from '../domain/action-links.ts';
import type { ActionAnswerInput } from '../domain/action-schemas.ts';
import type { AppStatus } from '../domain/agreement.ts';
import { composeOfficialAnswerEmail } from '../domain/messages/official-answer-email.ts';
import { answerThroughLink } from '../domain/official-reports.ts';
import type { ActionLinkStore, AgreementStore, Log, Mailer } from '../domain/ports.ts';
import { parseWaitKey, type WaitRoute } from '../domain/routes.ts';
import { openLink } from './action-links.ts';
import { retryOnConflict } from './commit.ts';
import { RuleRejectedError } from './errors.ts';

export interface ActionDeps {
  agreements: Pick<AgreementStore, 'get'>;
  links: ActionLinkStore;
  log: Log;
  now: () => Date;
}

/** What the page behind a link shows. */
export interface ActionView {
  agreement: {
    id: string;
    title: string;
    stage: string;
    hostRegion: { code: string; name: string };
    partnerRegion: { code: string; name: string };
    apps: { id: string; name: string; status: AppStatus }[];
  };
  awaited: { waitKey: string; route: WaitRoute; app?: { id: string; name: string } };
  answers: string[];
  holder: { name: string };
  expiresAt: string;
}

export function viewActionUseCase(deps: ActionDeps) {
  return async (token: string): Promise<ActionView> => {
    const { link, agreement } = await openLink(deps, token, deps.now());
    const { route, appId } = parseWaitKey(link.waitKey);
    const app = appId ? agreement.apps.find((a) => a.id === appId) : undefined;
    const region = (r: { code: string; name: string }) => ({ code: r.code, name: r.name });
    return {
      agreement: {
        id: agreement.id,
        title: agreement.title,
        stage: agreement.stage,
        hostRegion: region(agreement.hostRegion),
        partnerRegion: region(agreement.partnerRegion),
        apps: agreement.apps.map(({ id, name, status }) => ({ id, name, status })),
      },
      awaited: {
        waitKey: link.waitKey,
        route,
        ...(app ? { app: { id: app.id, name: app.name } } : {}),
      },
      answers: link.answers,
      holder: { name: link.holder.name },
      expiresAt: link.expiresAt,
    };
  };
}

export type ActionResult =
  | { answer: 'DONE'; reportId: string }
  | { answer: 'OBSTACLE'; pause: { until: string; reason: string } }
  | { answer: 'WRONG_PERSON' };

export function answerActionUseCase(
  deps: ActionDeps & {
    mailer: Mailer;
    settings: Pick<ActionLinkSettings, 'maxPauseDays'>;
    newId: () => string;
  },
) {
  return async (token: string, input: ActionAnswerInput): Promise<ActionResult> => {
    const reportId = deps.newId();
    // A concurrent answer with the same link spends it first: the retry then finds it used.
    const answered = await retryOnConflict(async () => {
      const now = deps.now();
      const opened = await openLink(deps, token, now);
      const outcome = answerThroughLink(opened.agreement, opened.link, input, {
        now,
        reportId,
        maxPauseDays: deps.settings.maxPauseDays,
      });
      if (!outcome.ok) throw new RuleRejectedError(outcome.rejection);
      await deps.links.updateSpendingLink(outcome.agreement, outcome.events, {
        hash: opened.link.hash,
        usedAt: now.toISOString(),
      });
      return opened;
    });
    // The answer is stored: a notice that fails to go is logged, not the answer's failure.
    try {
      const email = composeOfficialAnswerEmail(
        answered.agreement,
        answered.link,
        input,
        input.answer === 'DONE' ? reportId : undefined,
      );
      if (email) await deps.mailer.send(email);
      else
        deps.log.warn('No host coordinator to tell of an answer', {
          agreementId: answered.agreement.id,
        });
    } catch (error) {
      deps.log.warn('Host coordinators not told of an answer', {
        agreementId: answered.agreement.id,
        error: String(error),
      });
    }
    switch (input.answer) {
      case 'DONE':
        return { answer: 'DONE', reportId };
      case 'OBSTACLE':
        return { answer: 'OBSTACLE', pause: { until: input.until, reason: input.reason } };
      case 'WRONG_PERSON':
        return { answer: 'WRONG_PERSON' };
    }
  };
}
