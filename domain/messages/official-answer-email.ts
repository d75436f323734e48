// The email that tells the host coordinators, at once, what an official answered through an
// action link: a report to confirm, an obstacle that paused the reminders, or the right person.
import type { ActionLink } from '../action-links.ts';
import type { ActionAnswerInput } from '../action-schemas.ts';
import type { Agreement } from '../agreement.ts';
import { deliverableHostCoordinators } from '../delivery.ts';
import type { OutgoingEmail } from '../ports.ts';
import { parseWaitKey } from '../routes.ts';
import type { Pending } from './contexts.ts';
import officialAnswerEn from '../../templates/official-answer.en.json' with { type: 'json' };
import officialAnswerId from '../../templates/official-answer.id.json' with { type: 'json' };
import { formatDate } from './language.ts';
import { emailTo, letterTo } from './letter.ts';
import { letterView, pendingView, renderMessage, type MessageDefinition } from './render.ts';

const OFFICIAL_ANSWER: MessageDefinition<'OFFICIAL_ANSWER'> = {
  templates: { id: officialAnswerId, en: officialAnswerEn },
  view: (c, p, l) => ({
    ...letterView(c, p, l),
    pending: pendingView(c.pending, p, l),
    done: c.answer === 'DONE',
    obstacle: c.answer === 'OBSTACLE',
    wrongPerson: c.answer === 'WRONG_PERSON',
    official: c.official.name,
    officialEmail: c.official.email,
    reportId: c.reportId,
    occurredAt: c.occurredAt ? formatDate(c.occurredAt, l) : undefined,
    documentNumber: c.documentNumber,
    signatory: c.signatory ? `${c.signatory.name}, ${c.signatory.position}` : undefined,
    appLive: c.app ? `${c.app.name}: ${p.appStatus[c.app.live ? 'LIVE' : 'NOT_LIVE']}.` : undefined,
    reason: c.reason,
    until: c.until ? formatDate(c.until, l) : undefined,
    suggested: c.suggested,
  }),
};

function pendingOfWait(agreement: Agreement, link: ActionLink): Pending {
  const { route, appId } = parseWaitKey(link.waitKey);
  if (route !== 'HANDOVER') return { route };
  const app = agreement.apps.find((a) => a.id === appId);
  return { route, apps: [app?.name ?? appId ?? ''] };
}

/**
 * The notice of an answer to the host coordinators that can be reached, or undefined if there
 * are none. `agreement` is the agreement before the answer (the wait it names is still open).
 */
export function composeOfficialAnswerEmail(
  agreement: Agreement,
  link: ActionLink,
  input: ActionAnswerInput,
  reportId: string | undefined,
): (OutgoingEmail & { agreementId: string }) | undefined {
  const to = deliverableHostCoordinators(agreement);
  if (to.length === 0) return undefined;
  const recipients = { to, cc: [] };
  const { letter, locale } = letterTo(agreement, recipients);
  const base = {
    ...letter,
    answer: input.answer,
    official: { name: link.holder.name, email: link.holder.email },
    pending: pendingOfWait(agreement, link),
  };
  const details = ((): Record<string, unknown> => {
    switch (input.answer) {
      case 'DONE': {
        const app = input.appId && agreement.apps.find((a) => a.id === input.appId);
        return {
          ...(reportId ? { reportId } : {}),
          occurredAt: input.occurredAt,
          ...(input.documentNumber ? { documentNumber: input.documentNumber } : {}),
          ...(input.signatory ? { signatory: input.signatory } : {}),
          ...(app && input.live !== undefined ? { app: { name: app.name, live: input.live } } : {}),
        };
      }
      case 'OBSTACLE':
        return { reason: input.reason, until: input.until };
      case 'WRONG_PERSON':
        return { suggested: input.suggestedContact };
    }
  })();
  const message = renderMessage(OFFICIAL_ANSWER, { ...base, ...details }, locale);
  return { ...emailTo(recipients, message), agreementId: agreement.id };
}
