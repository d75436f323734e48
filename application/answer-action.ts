// POST /actions/{token}: an official's answer through a nudge's link, stored with the link spent
// in the same transaction; the host coordinators are told at once by email.
import type { ActionLinkSettings } from '../domain/action-links.ts';
import type { ActionAnswerInput } from '../domain/action-schemas.ts';
import { composeOfficialAnswerEmail } from '../domain/messages/official-answer-email.ts';
import { answerThroughLink } from '../domain/official-reports.ts';
import type { Mailer } from '../domain/ports.ts';
import { openLink } from './action-links.ts';
import { retryOnConflict } from './commit.ts';
import { RuleRejectedError } from './errors.ts';
import type { ActionDeps } from './view-action.ts';

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
