// SES's send event of a nudge's email: kept on the nudge's claim, where a retry of the send task
// finds it (adapters/ses/send-events.ts) and records the nudge as sent instead of sending it
// again. Usually the send task recorded the nudge first: then there is nothing to write.
import { confirmNudgeClaim } from '../domain/nudge-ledger.ts';
import { AgreementNotFoundError } from '../domain/ports.ts';
import { readAgreement, type ChangeDeps } from './agreements.ts';
import { changeAgreement } from './commit.ts';

export interface NudgeSendEvent {
  agreementId: string;
  messageId: string;
  nudge: { key: string; number: number };
}

/** Whether the event confirmed a claim that waited for it. */
export function recordSendEventUseCase(deps: ChangeDeps) {
  return async ({ agreementId, messageId, nudge }: NudgeSendEvent): Promise<boolean> => {
    const outcome = { confirmed: false };
    try {
      await changeAgreement(
        deps.agreements,
        () => readAgreement(deps.agreements, agreementId),
        (current) => {
          const change = confirmNudgeClaim(current, { ...nudge, messageId }, deps.now());
          outcome.confirmed = change !== undefined;
          return change;
        },
      );
    } catch (error) {
      if (!(error instanceof AgreementNotFoundError)) throw error;
      deps.log.warn('Send event about an unknown agreement skipped', { agreementId, messageId });
      return false;
    }
    if (outcome.confirmed)
      deps.log.info('Claimed nudge confirmed by its send event', { agreementId, nudge, messageId });
    return outcome.confirmed;
  };
}
