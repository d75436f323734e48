// POST /agreements: application/create-agreement.ts over HTTP.
import { createAgreementUseCase } from '../../application/create-agreement.ts';
import { createAgreementSchema } from '../../domain/schemas.ts';
import type { ApiOptions, FunctionEnvironment } from '../shared/environment.ts';
import { onFirstCall } from '../shared/middleware.ts';
import { tableParts, wiring, workflowOf } from '../shared/wiring/parts.ts';
import { registrationOf } from '../shared/wiring/registration.ts';
import { apiHandler, parse } from './http.ts';
import { idempotencyClaim, writtenResponse } from './translate.ts';

export function createHandler(env: FunctionEnvironment, options: ApiOptions = {}) {
  const w = wiring(env, options);
  const createAgreement = createAgreementUseCase({
    ...tableParts(w),
    ...registrationOf(w),
    workflow: workflowOf(w),
  });
  return apiHandler({ auth: true, env }, async (request) => {
    const input = parse(createAgreementSchema, request.body, 'body');
    const claim = idempotencyClaim(request, 'create-agreement', input);
    const written = await createAgreement({ principal: request.principal, input, claim });
    return writtenResponse(201, written, w.now(), {
      location: `/agreements/${written.agreement.id}`,
    });
  });
}

export const handler = onFirstCall(() => createHandler(process.env));
