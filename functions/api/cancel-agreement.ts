// POST /agreements/{id}/cancel: application/cancel-agreement.ts over HTTP.
import { cancelAgreementUseCase } from '../../application/cancel-agreement.ts';
import { cancelAgreementSchema } from '../../domain/schemas.ts';
import type { ApiOptions, FunctionEnvironment } from '../shared/environment.ts';
import { onFirstCall } from '../shared/middleware.ts';
import { tableParts, wiring, workflowOf } from '../shared/wiring/parts.ts';
import { apiHandler, parse } from './http.ts';
import { changeRequestOf, writtenResponse } from './translate.ts';

export function createHandler(env: FunctionEnvironment, options: ApiOptions = {}) {
  const w = wiring(env, options);
  const cancelAgreement = cancelAgreementUseCase({ ...tableParts(w), workflow: workflowOf(w) });
  return apiHandler({ auth: true, env }, async (request) => {
    const input = parse(cancelAgreementSchema, request.body, 'body');
    const change = changeRequestOf(request, 'cancel-agreement', input);
    const written = await cancelAgreement({ ...change, input });
    return writtenResponse(200, written, w.now());
  });
}

export const handler = onFirstCall(() => createHandler(process.env));
