// POST /agreements/{id}/cancel: application/cancel-agreement.ts over HTTP.
import { cancelAgreementUseCase } from '../../application/cancel-agreement.ts';
import { cancelAgreementSchema } from '../../domain/schemas.ts';
import type { ApiOptions, FunctionEnvironment } from '../shared/environment.ts';
import { onFirstCall } from '../shared/middleware.ts';
import { wiring } from '../shared/wiring.ts';
import { apiHandler, parse } from './http.ts';
import { agreementIdOf, idempotencyClaim, writtenResponse } from './translate.ts';

export function createHandler(env: FunctionEnvironment, options: ApiOptions = {}) {
  const deps = wiring(env, options);
  const cancelAgreement = cancelAgreementUseCase({
    agreements: deps.repository(),
    idempotency: deps.repository(),
    workflow: deps.workflow(),
    log: deps.log,
    now: deps.now,
  });
  return apiHandler({ auth: true, env }, async (request) => {
    const input = parse(cancelAgreementSchema, request.body, 'body');
    const claim = idempotencyClaim(request, 'cancel-agreement', input);
    const agreementId = agreementIdOf(request);
    const written = await cancelAgreement({
      principal: request.principal,
      agreementId,
      input,
      claim,
    });
    return writtenResponse(200, written, deps.now());
  });
}

export const handler = onFirstCall(() => createHandler(process.env));
