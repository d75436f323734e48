// POST /agreements: register an agreement (with its past milestones, if any) and start its
// workflow at the stage those milestones reached.
import { canManage } from '../../domain/access.ts';
import { createAgreement } from '../../domain/lifecycle.ts';
import { createAgreementSchema, reminderPolicySchema } from '../../domain/schemas.ts';
import { reminderPolicy, type ReminderPolicy } from '../../domain/reminder-policy.ts';
import { required, type FunctionEnvironment } from '../shared/environment.ts';
import { onFirstCall } from '../shared/middleware.ts';
import type { Agreement } from '../../domain/agreement.ts';
import {
  forbidden,
  idempotencyClaim,
  newId,
  replayHeader,
  writeDependencies,
  type ApiOptions,
} from './dependencies.ts';
import { apiHandler, parse, Problem, rejected } from './http.ts';
import { viewOf } from './views.ts';

export function createHandler(env: FunctionEnvironment, options: ApiOptions = {}) {
  const { repository, workflow, now } = writeDependencies(env, options);
  const hostRegionCode = required(env, 'HOST_REGION_CODE');
  const defaultReminderPolicy = reminderPolicyFrom(env);
  const id = newId(options);
  return apiHandler({ auth: true, env }, async (request) => {
    if (!canManage(request.principal)) throw forbidden('register agreements');
    const input = parse(createAgreementSchema, request.body, 'body');
    const claim = idempotencyClaim(request, 'create-agreement', input);
    const replay = claim ? await repository.replay(claim) : undefined;
    if (replay) return answer(replay, true);
    const outcome = createAgreement(input, {
      now: now(),
      actor: request.principal.email ?? request.principal.subject,
      id: id(),
      defaultHostRegionCode: hostRegionCode,
      defaultReminderPolicy,
    });
    if (!outcome.ok) throw rejected(outcome.rejection);
    const written = await repository.create(outcome.agreement, outcome.events, claim);
    return answer(written.agreement, written.replayed);
  });

  async function answer(agreement: Agreement, replayed: boolean) {
    // Also on a replay: the first attempt may have stored the agreement and then failed to
    // start its workflow. Starting is idempotent (the execution's name is fixed).
    await workflow.start(agreement, 'created').catch((error: unknown) => {
      throw new Problem(
        503,
        'workflow-unavailable',
        'Workflow not started',
        `Agreement ${agreement.id} is stored but its workflow did not start; retry with the same Idempotency-Key. (${String(error)})`,
      );
    });
    return {
      status: 201,
      headers: { location: `/agreements/${agreement.id}`, ...replayHeader(replayed) },
      body: viewOf(agreement, now()),
    };
  }
}

/**
 * The environment's reminder policy (REMINDER_POLICY, JSON, from infra/config.ts); unset or
 * `{}` is the domain's default. A policy that does not validate stops the function at start.
 */
function reminderPolicyFrom(env: FunctionEnvironment): ReminderPolicy {
  const parsed = reminderPolicySchema.safeParse(JSON.parse(env.REMINDER_POLICY || '{}'));
  if (!parsed.success) {
    throw new Error(`REMINDER_POLICY is not a valid reminder policy: ${parsed.error.message}`);
  }
  return reminderPolicy(parsed.data);
}

export const handler = onFirstCall(() => createHandler(process.env));
