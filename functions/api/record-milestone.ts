// POST /agreements/{id}/milestones: application/record-milestone.ts over HTTP. The workflow
// resumes asynchronously (202).
import { recordMilestoneUseCase } from '../../application/record-milestone.ts';
import { milestoneSchema } from '../../domain/milestone-schemas.ts';
import type { ApiOptions, FunctionEnvironment } from '../shared/environment.ts';
import { onFirstCall } from '../shared/middleware.ts';
import { workflowParts } from '../shared/wiring/parts.ts';
import { coordinatorChangeHandler } from './coordinator-change.ts';

export function createHandler(env: FunctionEnvironment, options: ApiOptions = {}) {
  const route = { operation: 'record-milestone', schema: milestoneSchema, status: 202 };
  return coordinatorChangeHandler(env, options, {
    ...route,
    parts: workflowParts,
    useCase: recordMilestoneUseCase,
  });
}

export const handler = onFirstCall(() => createHandler(process.env));
