// SES's send events, as the feedback function keeps them (application/record-send-event.ts):
// on the claim of the nudge they report, until the nudge is recorded as sent.
import { confirmedMessageId } from '../../domain/nudge-ledger.ts';
import type { AgreementStore, SentMessages } from '../../domain/ports.ts';

export class SendEventSentMessages implements SentMessages {
  readonly #agreements: Pick<AgreementStore, 'get'>;

  constructor(agreements: Pick<AgreementStore, 'get'>) {
    this.#agreements = agreements;
  }

  async sentNudge(
    agreementId: string,
    nudge: { key: string; number: number },
  ): Promise<string | undefined> {
    const agreement = await this.#agreements.get(agreementId);
    return agreement && confirmedMessageId(agreement, nudge);
  }
}
