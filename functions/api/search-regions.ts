// GET /regions?q=: the official Kemendagri regions (provinces, regencies, cities) by name or code.
import * as z from 'zod';
import { searchRegions } from '../../domain/regions/regions.ts';
import type { FunctionEnvironment } from '../shared/environment.ts';
import { onFirstCall } from '../shared/middleware.ts';
import { apiHandler, parse } from './http.ts';

export const regionQuerySchema = z.strictObject({
  q: z.string().trim().min(2, 'must have at least 2 characters').max(100),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export function createHandler(env: FunctionEnvironment = {}) {
  return apiHandler({ auth: true, env }, ({ query }) => {
    const { q, limit } = parse(regionQuerySchema, query, 'query');
    return Promise.resolve({ status: 200, body: { items: searchRegions(q, limit) } });
  });
}

export const handler = onFirstCall(() => createHandler(process.env));
