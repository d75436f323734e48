// GET /actions/{token}: what the page behind a nudge's action link shows. Public (the token is
// the credential) and read-only: mail scanners open links.
import { viewActionUseCase } from '../../application/view-action.ts';
import type { ApiOptions, FunctionEnvironment } from '../shared/environment.ts';
import { onFirstCall } from '../shared/middleware.ts';
import { actionLinkStore, tableParts, wiring } from '../shared/wiring/parts.ts';
import { apiHandler } from './http.ts';
import { actionTokenOf } from './translate.ts';

export function createHandler(env: FunctionEnvironment, options: ApiOptions = {}) {
  const w = wiring(env, options);
  const view = viewActionUseCase({ ...tableParts(w), links: actionLinkStore(w).links });
  return apiHandler({ auth: false, env }, async (request) => ({
    status: 200,
    headers: { 'cache-control': 'no-store' },
    body: await view(actionTokenOf(request)),
  }));
}

export const handler = onFirstCall(() => createHandler(process.env));
