// GET /agreements/{id}: the agreement with its applications, milestones and next reminder.
import { getAgreementUseCase } from '../../application/get-agreement.ts';
import type { ApiOptions, FunctionEnvironment } from '../shared/environment.ts';
import { onFirstCall } from '../shared/middleware.ts';
import { tableParts, wiring } from '../shared/wiring/parts.ts';
import { apiHandler } from './http.ts';
import { agreementIdOf } from './translate.ts';
import { viewOf } from './view-of.ts';

export function createHandler(env: FunctionEnvironment, options: ApiOptions = {}) {
  const w = wiring(env, options);
  const getAgreement = getAgreementUseCase(tableParts(w));
  return apiHandler({ auth: true, env }, async (request) => {
    const agreementId = agreementIdOf(request);
    const agreement = await getAgreement({ principal: request.principal, agreementId });
    return { status: 200, body: viewOf(agreement, w.now()) };
  });
}

export const handler = onFirstCall(() => createHandler(process.env));
