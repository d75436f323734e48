// GET /openapi.json: this API as an OpenAPI 3.1 document. The handler serves the generated
// docs/openapi.json (npm run openapi) rather than generating it on a cold start: the generator
// reaches every handler through the route table, which would bundle the whole API into this
// function. test/contracts/openapi.test.ts fails when the file and the generator disagree.
import document from '../../docs/openapi.json' with { type: 'json' };
import type { FunctionEnvironment } from '../shared/environment.ts';
import { onFirstCall } from '../shared/middleware.ts';
import { apiHandler } from './http.ts';

export function createHandler(env: FunctionEnvironment = {}) {
  return apiHandler({ auth: false, env }, () => Promise.resolve({ status: 200, body: document }));
}

export const handler = onFirstCall(() => createHandler(process.env));
