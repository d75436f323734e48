// GET /agreements/{id}: the agreement with its applications, milestones and next reminder.
import type { FunctionEnvironment } from '../shared/environment.ts';
import { onFirstCall } from '../shared/middleware.ts';
import { readDependencies, visibleAgreement, type ApiOptions } from './dependencies.ts';
import { apiHandler } from './http.ts';
import { viewOf } from './views.ts';

export function createHandler(env: FunctionEnvironment, options: ApiOptions = {}) {
  const { repository, now } = readDependencies(env, options);
  return apiHandler({ auth: true, env }, async (request) => ({
    status: 200,
    body: viewOf(await visibleAgreement(request, repository), now()),
  }));
}

export const handler = onFirstCall(() => createHandler(process.env));
