// GET /agreements/{id}: the agreement with its applications, milestones and next reminder.
import { getAgreementUseCase } from '../../application/get-agreement.ts';
import type { ApiOptions, FunctionEnvironment } from '../shared/environment.ts';
import { onFirstCall } from '../shared/middleware.ts';
import { wiring } from '../shared/wiring.ts';
import { apiHandler } from './http.ts';
import { agreementIdOf } from './translate.ts';
import { viewOf } from './views.ts';

export function createHandler(env: FunctionEnvironment, options: ApiOptions = {}) {
  const deps = wiring(env, options);
  const getAgreement = getAgreementUseCase({ agreements: deps.repository() });
  return apiHandler({ auth: true, env }, async (request) => {
    const agreementId = agreementIdOf(request);
    const agreement = await getAgreement({ principal: request.principal, agreementId });
    return { status: 200, body: viewOf(agreement, deps.now()) };
  });
}

export const handler = onFirstCall(() => createHandler(process.env));
