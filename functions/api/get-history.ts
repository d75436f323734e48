// GET /agreements/{id}/history: every milestone, stage change, reminder, escalation and
// failure, oldest first, a page at a time.
import * as z from 'zod';
import type { FunctionEnvironment } from '../shared/environment.ts';
import { onFirstCall } from '../shared/middleware.ts';
import { readDependencies, visibleAgreement, type ApiOptions } from './dependencies.ts';
import { apiHandler, parse } from './http.ts';
import { historyItemOf } from './views.ts';

export const historyQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(100),
  cursor: z.string().min(1).max(2000).optional(),
});

export function createHandler(env: FunctionEnvironment, options: ApiOptions = {}) {
  const { repository } = readDependencies(env, options);
  return apiHandler({ auth: true, env }, async (request) => {
    const query = parse(historyQuerySchema, request.query, 'query');
    const agreement = await visibleAgreement(request, repository);
    const page = await repository.history(agreement.id, {
      limit: query.limit,
      ...(query.cursor ? { cursor: query.cursor } : {}),
    });
    return {
      status: 200,
      body: {
        items: page.items.map(historyItemOf),
        ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
      },
    };
  });
}

export const handler = onFirstCall(() => createHandler(process.env));
