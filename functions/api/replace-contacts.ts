// PUT /agreements/{id}/contacts: application/official-reports.ts over HTTP.
import { replaceContactsUseCase } from '../../application/official-reports.ts';
import { replaceContactsSchema } from '../../domain/action-schemas.ts';
import type { ApiOptions, FunctionEnvironment } from '../shared/environment.ts';
import { onFirstCall } from '../shared/middleware.ts';
import { workflowParts } from '../shared/wiring/parts.ts';
import { coordinatorChangeHandler } from './coordinator-change.ts';

export function createHandler(env: FunctionEnvironment, options: ApiOptions = {}) {
  const route = { operation: 'replace-contacts', schema: replaceContactsSchema, status: 200 };
  return coordinatorChangeHandler(env, options, {
    ...route,
    parts: workflowParts,
    useCase: replaceContactsUseCase,
  });
}

export const handler = onFirstCall(() => createHandler(process.env));
