// Registering an agreement (with its past milestones, if any) and starting its workflow at the
// stage those milestones reached.
import { actorOf, canManage, type Principal } from '../domain/access.ts';
import { createAgreement } from '../domain/lifecycle.ts';
import type {
  AgreementStore,
  IdempotencyClaim,
  IdempotencyStore,
  Workflow,
  WriteResult,
} from '../domain/ports.ts';
import type { CreateAgreementInput } from '../domain/schemas.ts';
import type { ReminderPolicy } from '../domain/reminder-policy.ts';
import { writeOnce } from './commit.ts';
import { AccessDeniedError, WorkflowNotStartedError } from './errors.ts';

export interface CreateAgreementDeps {
  agreements: Pick<AgreementStore, 'create'>;
  idempotency: IdempotencyStore;
  workflow: Pick<Workflow, 'start'>;
  now: () => Date;
  newId: () => string;
  /** The host region of an agreement that names none (this deployment's region). */
  hostRegionCode: string;
  /** This environment's reminder policy, for agreements registered without their own. */
  defaultReminderPolicy: ReminderPolicy;
}

export interface CreateAgreementCommand {
  principal: Principal;
  input: CreateAgreementInput;
  claim?: IdempotencyClaim | undefined;
}

export function createAgreementUseCase(deps: CreateAgreementDeps) {
  return async ({ principal, input, claim }: CreateAgreementCommand): Promise<WriteResult> => {
    if (!canManage(principal))
      throw new AccessDeniedError('Your role may not register agreements.');
    const written = await writeOnce(
      deps.idempotency,
      claim,
      () =>
        createAgreement(input, {
          now: deps.now(),
          ...actorOf(principal),
          id: deps.newId(),
          defaultHostRegionCode: deps.hostRegionCode,
          defaultReminderPolicy: deps.defaultReminderPolicy,
        }),
      (agreement, events) => deps.agreements.create(agreement, events, claim),
    );
    // Also on a replay: the first attempt may have stored the agreement and then failed to
    // start its workflow. Starting is idempotent (the execution's name is fixed).
    await deps.workflow.start(written.agreement, 'created').catch((error: unknown) => {
      throw new WorkflowNotStartedError(written.agreement.id, error);
    });
    return written;
  };
}
