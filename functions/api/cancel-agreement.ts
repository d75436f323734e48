// POST /agreements/{id}/cancel: close the agreement and end its workflow's waits.
import { canManage } from '../../domain/access.ts';
import { cancelAgreement } from '../../domain/lifecycle.ts';
import { VersionConflictError } from '../../domain/ports.ts';
import { cancelAgreementSchema } from '../../domain/schemas.ts';
import type { FunctionEnvironment } from '../shared/environment.ts';
import { onFirstCall } from '../shared/middleware.ts';
import { logger } from '../shared/powertools.ts';
import {
  forbidden,
  idempotencyClaim,
  replayHeader,
  visibleAgreement,
  writeDependencies,
  type ApiOptions,
} from './dependencies.ts';
import { apiHandler, parse, rejected } from './http.ts';
import { viewOf } from './views.ts';

export function createHandler(env: FunctionEnvironment, options: ApiOptions = {}) {
  const { repository, workflow, now } = writeDependencies(env, options);
  return apiHandler({ auth: true, env }, async (request) => {
    const input = parse(cancelAgreementSchema, request.body, 'body');
    const agreement = await visibleAgreement(request, repository);
    if (!canManage(request.principal)) throw forbidden('cancel agreements');
    const claim = idempotencyClaim(request, 'cancel-agreement', input);
    for (let attempt = 1, current = agreement; ; attempt++) {
      const replay = claim ? await repository.replay(claim) : undefined;
      if (replay) return { status: 200, headers: replayHeader(true), body: viewOf(replay, now()) };
      const outcome = cancelAgreement(current, input, {
        now: now(),
        actor: request.principal.email ?? request.principal.subject,
      });
      if (!outcome.ok) throw rejected(outcome.rejection);
      try {
        const written = await repository.update(outcome.agreement, outcome.events, claim);
        await workflow.cancel(current.id).catch((error: unknown) => {
          logger.warn('Cancelled; the workflow will end at its next timeout', {
            error: String(error),
          });
        });
        return {
          status: 200,
          headers: replayHeader(written.replayed),
          body: viewOf(written.agreement, now()),
        };
      } catch (error) {
        if (!(error instanceof VersionConflictError) || attempt === 5) throw error;
        current = await visibleAgreement(request, repository);
      }
    }
  });
}

export const handler = onFirstCall(() => createHandler(process.env));
