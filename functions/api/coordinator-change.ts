// The HTTP side of a coordinator's change to one agreement (record a milestone, cancel): the
// body parsed with its schema, the Idempotency-Key claimed, the use case run, the agreement
// answered as written.
import type { z } from 'zod';
import type {
  CoordinatorChangeDeps,
  CoordinatorCommand,
} from '../../application/coordinator-change.ts';
import type { Workflow, WriteResult } from '../../domain/ports.ts';
import type { ApiOptions, FunctionEnvironment } from '../shared/environment.ts';
import { tableParts, wiring, workflowOf } from '../shared/wiring/parts.ts';
import { apiHandler, parse } from './http.ts';
import { changeRequestOf, writtenResponse } from './translate.ts';

export interface CoordinatorChangeRoute<S extends z.ZodType> {
  /** Scopes the Idempotency-Key: the same key may serve two operations. */
  operation: string;
  schema: S;
  /** The answer's status: 202 when the workflow resumes asynchronously. */
  status: number;
  useCase: (
    deps: CoordinatorChangeDeps & { workflow: Workflow },
  ) => (command: CoordinatorCommand<z.infer<S>>) => Promise<WriteResult>;
}

export function coordinatorChangeHandler<S extends z.ZodType>(
  env: FunctionEnvironment,
  options: ApiOptions,
  route: CoordinatorChangeRoute<S>,
) {
  const w = wiring(env, options);
  const change = route.useCase({ ...tableParts(w), workflow: workflowOf(w) });
  return apiHandler({ auth: true, env }, async (request) => {
    const input = parse(route.schema, request.body, 'body');
    const written = await change({ ...changeRequestOf(request, route.operation, input), input });
    return writtenResponse(route.status, written, w.now());
  });
}
