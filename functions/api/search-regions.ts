// GET /regions?q=: the official Kemendagri regions (provinces, regencies, cities) by name or code.
import { searchRegions } from '../../domain/regions/regions.ts';
import { queryInt } from '../../domain/page-query.ts';
import * as z from '../../domain/zod.ts';
import type { FunctionEnvironment } from '../shared/environment.ts';
import { onFirstCall } from '../shared/middleware.ts';
import { apiHandler, parse } from './http.ts';

export const regionQuerySchema = z.strictObject({
  q: z
    .string()
    .check(z.trim(), z.minLength(2, 'must have at least 2 characters'), z.maxLength(100)),
  limit: z._default(queryInt(1, 50), 20),
});

export function createHandler(env: FunctionEnvironment = {}) {
  return apiHandler({ auth: true, env }, ({ query }) => {
    const { q, limit } = parse(regionQuerySchema, query, 'query');
    return Promise.resolve({ status: 200, body: { items: searchRegions(q, limit) } });
  });
}

export const handler = onFirstCall(() => createHandler(process.env));
