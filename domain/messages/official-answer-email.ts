// The email that tells the host coordinators, at once, what an official answered through an
// action link: a report to confirm, an obstacle that paused the reminders, or the right person.
import type { ActionLink } from '../action-links.ts';
import type { ActionAnswerInput } from '../action-schemas.ts';
import type { Agreement } from '../agreement.ts';
import { deliverableHostCoordinators } from '../delivery.ts';
import type { OutgoingEmail } from '../ports.ts';
import { parseWaitKey } from '../routes.ts';
import type { Pending } from './contexts.ts';
import { emailTo, letterTo } from './letter.ts';
import { renderMessage } from './render.ts';

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
  const message = renderMessage('OFFICIAL_ANSWER', { ...base, ...details }, locale);
  return { ...emailTo(recipients, message), agreementId: agreement.id };
}
