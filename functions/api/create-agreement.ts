// POST /agreements: application/create-agreement.ts over HTTP.
import { createAgreementUseCase } from '../../application/create-agreement.ts';
import { createAgreementSchema } from '../../domain/schemas.ts';
import type { ApiOptions, FunctionEnvironment } from '../shared/environment.ts';
import { onFirstCall } from '../shared/middleware.ts';
import { wiring } from '../shared/wiring.ts';
import { apiHandler, parse } from './http.ts';
import { idempotencyClaim, writtenResponse } from './translate.ts';

export function createHandler(env: FunctionEnvironment, options: ApiOptions = {}) {
  const deps = wiring(env, options);
  const createAgreement = createAgreementUseCase({
    agreements: deps.repository(),
    idempotency: deps.repository(),
    workflow: deps.workflow(),
    now: deps.now,
    newId: deps.newId,
    hostRegionCode: deps.hostRegionCode(),
    defaultReminderPolicy: deps.defaultReminderPolicy(),
  });
  return apiHandler({ auth: true, env }, async (request) => {
    const input = parse(createAgreementSchema, request.body, 'body');
    const claim = idempotencyClaim(request, 'create-agreement', input);
    const written = await createAgreement({ principal: request.principal, input, claim });
    return writtenResponse(201, written, deps.now(), {
      location: `/agreements/${written.agreement.id}`,
    });
  });
}

export const handler = onFirstCall(() => createHandler(process.env));
