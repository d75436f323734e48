// GET /reports/cycle-times?from=&to=&province=&app=: application/reports.ts over HTTP.
import { cycleTimesUseCase } from '../../application/reports.ts';
import { cycleTimesQuerySchema } from '../../domain/reports/schemas.ts';
import type { ApiOptions, FunctionEnvironment } from '../shared/environment.ts';
import { onFirstCall } from '../shared/middleware.ts';
import { tableParts, wiring } from '../shared/wiring/parts.ts';
import { apiHandler, parse } from './http.ts';

export function createHandler(env: FunctionEnvironment, options: ApiOptions = {}) {
  const cycleTimes = cycleTimesUseCase(tableParts(wiring(env, options)));
  return apiHandler({ auth: true, env }, async ({ principal, query }) => ({
    status: 200,
    body: await cycleTimes(principal, parse(cycleTimesQuerySchema, query, 'query')),
  }));
}

export const handler = onFirstCall(() => createHandler(process.env));
