// The HTTP side of a coordinator's change to one agreement (record a milestone, cancel): the
// body parsed with its schema, the Idempotency-Key claimed, the use case run, the agreement
// answered as written.
import type * as z from '../../domain/zod.ts';
import type {
  CoordinatorChangeDeps,
  CoordinatorCommand,
} from '../../application/coordinator-change.ts';
import type { WriteResult } from '../../domain/ports.ts';
import type { ApiOptions, FunctionEnvironment } from '../shared/environment.ts';
import { wiring, type Wiring } from '../shared/wiring/parts.ts';
import { apiHandler, parse, type ApiRequest } from './http.ts';
import { changeRequestOf, writtenResponse } from './translate.ts';

export interface CoordinatorChangeRoute<
  S extends z.ZodMiniType,
  D extends CoordinatorChangeDeps,
  I = z.infer<S>,
> {
  /** Scopes the Idempotency-Key: the same key may serve two operations. */
  operation: string;
  schema: S;
  /** The answer's status: 202 when the workflow resumes asynchronously. */
  status: number;
  /**
   * What the use case is built from: tableParts, or workflowParts when the change wakes the
   * workflow (only then does the function hold a Step Functions client).
   */
  parts: (w: Wiring) => D;
  useCase: (deps: D) => (command: CoordinatorCommand<I>) => Promise<WriteResult>;
  /** The use case's input from the parsed body and the request (e.g. a path parameter). */
  inputOf?: (body: z.infer<S>, request: ApiRequest) => I;
}

export function coordinatorChangeHandler<
  S extends z.ZodMiniType,
  D extends CoordinatorChangeDeps,
  I = z.infer<S>,
>(env: FunctionEnvironment, options: ApiOptions, route: CoordinatorChangeRoute<S, D, I>) {
  const w = wiring(env, options);
  const change = route.useCase(route.parts(w));
  return apiHandler({ auth: true, env }, async (request) => {
    const body = parse(route.schema, request.body, 'body');
    const input = route.inputOf ? route.inputOf(body, request) : (body as I);
    const written = await change({ ...changeRequestOf(request, route.operation, input), input });
    return writtenResponse(route.status, written, w.now());
  });
}
