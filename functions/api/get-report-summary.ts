// GET /reports/summary: the dashboard of what the caller may see. Contract only for now: the
// use case follows (application/report-summary.ts).
import { reportSummaryQuerySchema } from '../../domain/schemas.ts';
import type { FunctionEnvironment } from '../shared/environment.ts';
import { onFirstCall } from '../shared/middleware.ts';
import { apiHandler, parse } from './http.ts';

export function createHandler(env: FunctionEnvironment) {
  return apiHandler({ auth: true, env }, (request) => {
    parse(reportSummaryQuerySchema, request.query, 'query');
    return Promise.reject(new Error('GET /reports/summary is not implemented yet'));
  });
}

export const handler = onFirstCall(() => createHandler(process.env));
