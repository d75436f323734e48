// "Close follow-up": the window closed; the agreement completes with the apps not live flagged.
import type { AgreementStore } from '../domain/ports.ts';
import { closeFollowUp } from '../domain/lifecycle.ts';
import { ownedAgreement, type TaskRef } from './agreements.ts';
import { changeAgreement } from './commit.ts';

export interface CloseFollowUpDeps {
  agreements: Pick<AgreementStore, 'get' | 'update'>;
  now: () => Date;
}

export function closeFollowUpUseCase(deps: CloseFollowUpDeps) {
  return async (task: TaskRef): Promise<{ stage: string }> => {
    const agreement = await changeAgreement(
      deps.agreements,
      () => ownedAgreement(deps.agreements, task),
      (current) => closeFollowUp(current, deps.now()),
    );
    return { stage: agreement.stage };
  };
}
