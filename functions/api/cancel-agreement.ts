// POST /agreements/{id}/cancel: application/cancel-agreement.ts over HTTP.
import { cancelAgreementUseCase } from '../../application/cancel-agreement.ts';
import { cancelAgreementSchema } from '../../domain/command-schemas.ts';
import type { ApiOptions, FunctionEnvironment } from '../shared/environment.ts';
import { onFirstCall } from '../shared/middleware.ts';
import { workflowParts } from '../shared/wiring/parts.ts';
import { coordinatorChangeHandler } from './coordinator-change.ts';

export function createHandler(env: FunctionEnvironment, options: ApiOptions = {}) {
  const route = { operation: 'cancel-agreement', schema: cancelAgreementSchema, status: 200 };
  return coordinatorChangeHandler(env, options, {
    ...route,
    parts: workflowParts,
    useCase: cancelAgreementUseCase,
  });
}

export const handler = onFirstCall(() => createHandler(process.env));
