// GET /health: no sign-in, no dependencies; local mode adds the readiness of its parts.
import { onFirstCall } from '../shared/middleware.ts';
import { apiHandler } from './http.ts';

export function createHandler() {
  return apiHandler({ auth: false }, () =>
    Promise.resolve({ status: 200, body: { status: 'ok' } }),
  );
}

export const handler = onFirstCall(() => createHandler());
