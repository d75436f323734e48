// GET /health: no sign-in, no dependencies; local mode adds the readiness of its parts.
import type { FunctionEnvironment } from '../shared/environment.ts';
import { onFirstCall } from '../shared/middleware.ts';
import { apiHandler } from './http.ts';

export function createHandler(env: FunctionEnvironment = {}) {
  return apiHandler({ auth: false, env }, () =>
    Promise.resolve({ status: 200, body: { status: 'ok' } }),
  );
}

export const handler = onFirstCall(() => createHandler(process.env));
