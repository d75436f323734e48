// GET /agreements/{id}/history: every milestone, stage change, reminder, escalation and
// failure, oldest first, a page at a time.
import { getHistoryUseCase } from '../../application/get-history.ts';
import { pageQuerySchema } from '../../domain/page-query.ts';
import type { ApiOptions, FunctionEnvironment } from '../shared/environment.ts';
import { onFirstCall } from '../shared/middleware.ts';
import { tableParts, wiring } from '../shared/wiring/parts.ts';
import { apiHandler, parse } from './http.ts';
import { agreementIdOf, pageResponse } from './translate.ts';
import { historyItemOf } from './view-of.ts';

export function createHandler(env: FunctionEnvironment, options: ApiOptions = {}) {
  const getHistory = getHistoryUseCase(tableParts(wiring(env, options)));
  return apiHandler({ auth: true, env }, async (request) => {
    const query = parse(pageQuerySchema, request.query, 'query');
    const agreementId = agreementIdOf(request);
    const page = await getHistory({ principal: request.principal, agreementId, ...query });
    return pageResponse(page, historyItemOf);
  });
}

export const handler = onFirstCall(() => createHandler(process.env));
