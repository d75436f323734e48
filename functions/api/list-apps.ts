// GET /apps: the applications Kota Bandung offers.
import { listApplications } from '../../domain/catalog/catalog.ts';
import type { FunctionEnvironment } from '../shared/environment.ts';
import { onFirstCall } from '../shared/middleware.ts';
import { apiHandler } from './http.ts';

export function createHandler(env: FunctionEnvironment = {}) {
  return apiHandler({ auth: true, env }, () => {
    return Promise.resolve({ status: 200, body: { items: listApplications() } });
  });
}

export const handler = onFirstCall(() => createHandler(process.env));
