// GET /agreements/{id}/history: every milestone, stage change, reminder, escalation and
// failure, oldest first, a page at a time.
import * as z from 'zod';
import { getHistoryUseCase } from '../../application/get-history.ts';
import type { ApiOptions, FunctionEnvironment } from '../shared/environment.ts';
import { onFirstCall } from '../shared/middleware.ts';
import { tableParts, wiring } from '../shared/wiring/parts.ts';
import { apiHandler, parse } from './http.ts';
import { agreementIdOf, pageResponse } from './translate.ts';
import { historyItemOf } from './views.ts';

export const historyQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(100),
  cursor: z.string().min(1).max(2000).optional(),
});

export function createHandler(env: FunctionEnvironment, options: ApiOptions = {}) {
  const getHistory = getHistoryUseCase(tableParts(wiring(env, options)));
  return apiHandler({ auth: true, env }, async (request) => {
    const query = parse(historyQuerySchema, request.query, 'query');
    const agreementId = agreementIdOf(request);
    const page = await getHistory({ principal: request.principal, agreementId, ...query });
    return pageResponse(page, historyItemOf);
  });
}

export const handler = onFirstCall(() => createHandler(process.env));
