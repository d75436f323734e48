// GET /openapi.json: placeholder until the generator lands (see openapi.ts).
import { onFirstCall } from '../shared/middleware.ts';
import { apiHandler } from './http.ts';

export function createHandler() {
  return apiHandler({ auth: false }, () => Promise.resolve({ status: 200, body: {} }));
}

export const handler = onFirstCall(() => createHandler());
