// POST /agreements/{id}/milestones: commit a milestone, then wake the workflow. The workflow
// resumes asynchronously (202); if waking fails, its next timeout picks the milestone up.
import { canRecord } from '../../domain/access.ts';
import { recordMilestone } from '../../domain/lifecycle.ts';
import { VersionConflictError } from '../../domain/ports.ts';
import { milestoneSchema } from '../../domain/schemas.ts';
import type { FunctionEnvironment } from '../shared/environment.ts';
import { onFirstCall } from '../shared/middleware.ts';
import { logger } from '../shared/powertools.ts';
import {
  idempotencyClaim,
  replayHeader,
  visibleAgreement,
  writeDependencies,
  type ApiOptions,
} from './dependencies.ts';
import { apiHandler, parse, problems, rejected } from './http.ts';
import { viewOf } from './views.ts';

const ATTEMPTS = 5;

export function createHandler(env: FunctionEnvironment, options: ApiOptions = {}) {
  const { repository, workflow, now } = writeDependencies(env, options);
  return apiHandler({ auth: true, env }, async (request) => {
    const milestone = parse(milestoneSchema, request.body, 'body');
    const claim = idempotencyClaim(request, 'record-milestone', milestone);
    for (let attempt = 1; ; attempt++) {
      const agreement = await visibleAgreement(request, repository);
      if (!canRecord(request.principal, agreement, milestone.type)) {
        throw problems.forbidden(`Your role may not record ${milestone.type} on this agreement.`);
      }
      const replay = claim ? await repository.replay(claim) : undefined;
      if (replay) return { status: 202, headers: replayHeader(true), body: viewOf(replay, now()) };
      const outcome = recordMilestone(agreement, milestone, {
        now: now(),
        actor: request.principal.email ?? request.principal.subject,
      });
      if (!outcome.ok) throw rejected(outcome.rejection);
      try {
        const written = await repository.update(outcome.agreement, outcome.events, claim);
        if (!written.replayed) {
          await workflow.wake(agreement.id).catch((error: unknown) => {
            logger.warn('Milestone stored; the workflow will pick it up at its next timeout', {
              error: String(error),
            });
          });
        }
        return {
          status: 202,
          headers: replayHeader(written.replayed),
          body: viewOf(written.agreement, now()),
        };
      } catch (error) {
        // Another writer (a coordinator, or the workflow counting a reminder) got there
        // first: apply the milestone again to what is stored now.
        if (!(error instanceof VersionConflictError) || attempt === ATTEMPTS) throw error;
      }
    }
  });
}

export const handler = onFirstCall(() => createHandler(process.env));
