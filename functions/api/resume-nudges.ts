// POST /agreements/{id}/nudges/resume: application/resume-nudges.ts over HTTP.
import { resumeNudgesUseCase } from '../../application/resume-nudges.ts';
import { resumeNudgesSchema } from '../../domain/command-schemas.ts';
import type { ApiOptions, FunctionEnvironment } from '../shared/environment.ts';
import { onFirstCall } from '../shared/middleware.ts';
import { workflowParts } from '../shared/wiring/parts.ts';
import { coordinatorChangeHandler } from './coordinator-change.ts';

export function createHandler(env: FunctionEnvironment, options: ApiOptions = {}) {
  const route = { operation: 'resume-nudges', schema: resumeNudgesSchema, status: 202 };
  return coordinatorChangeHandler(env, options, {
    ...route,
    parts: workflowParts,
    useCase: resumeNudgesUseCase,
  });
}

export const handler = onFirstCall(() => createHandler(process.env));
