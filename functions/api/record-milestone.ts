// POST /agreements/{id}/milestones: application/record-milestone.ts over HTTP. The workflow
// resumes asynchronously (202).
import { recordMilestoneUseCase } from '../../application/record-milestone.ts';
import { milestoneSchema } from '../../domain/schemas.ts';
import type { ApiOptions, FunctionEnvironment } from '../shared/environment.ts';
import { onFirstCall } from '../shared/middleware.ts';
import { tableParts, wiring, workflowOf } from '../shared/wiring/parts.ts';
import { apiHandler, parse } from './http.ts';
import { changeRequestOf, writtenResponse } from './translate.ts';

export function createHandler(env: FunctionEnvironment, options: ApiOptions = {}) {
  const w = wiring(env, options);
  const recordMilestone = recordMilestoneUseCase({ ...tableParts(w), workflow: workflowOf(w) });
  return apiHandler({ auth: true, env }, async (request) => {
    const milestone = parse(milestoneSchema, request.body, 'body');
    const change = changeRequestOf(request, 'record-milestone', milestone);
    const written = await recordMilestone({ ...change, input: milestone });
    return writtenResponse(202, written, w.now());
  });
}

export const handler = onFirstCall(() => createHandler(process.env));
