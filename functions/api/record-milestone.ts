// POST /agreements/{id}/milestones: application/record-milestone.ts over HTTP. The workflow
// resumes asynchronously (202).
import { recordMilestoneUseCase } from '../../application/record-milestone.ts';
import { milestoneSchema } from '../../domain/schemas.ts';
import type { ApiOptions, FunctionEnvironment } from '../shared/environment.ts';
import { onFirstCall } from '../shared/middleware.ts';
import { wiring } from '../shared/wiring.ts';
import { apiHandler, parse } from './http.ts';
import { agreementIdOf, idempotencyClaim, writtenResponse } from './translate.ts';

export function createHandler(env: FunctionEnvironment, options: ApiOptions = {}) {
  const deps = wiring(env, options);
  const recordMilestone = recordMilestoneUseCase({
    agreements: deps.repository(),
    idempotency: deps.repository(),
    workflow: deps.workflow(),
    log: deps.log,
    now: deps.now,
  });
  return apiHandler({ auth: true, env }, async (request) => {
    const milestone = parse(milestoneSchema, request.body, 'body');
    const claim = idempotencyClaim(request, 'record-milestone', milestone);
    const agreementId = agreementIdOf(request);
    const written = await recordMilestone({
      principal: request.principal,
      agreementId,
      milestone,
      claim,
    });
    return writtenResponse(202, written, deps.now());
  });
}

export const handler = onFirstCall(() => createHandler(process.env));
