// The problems a handler throws and the client reads (RFC 9457), and the parsing that turns
// an invalid request into one: problemDetails() renders them.
import type * as z from '../../../domain/zod.ts';
import type { Rejection, RejectionCode } from '../../../domain/rejections.ts';

export interface FieldError {
  /** Where in the request: `body.apps.0.id`, `query.limit`, `header.idempotency-key`. */
  field: string;
  message: string;
}

/** An RFC 9457 problem: thrown by handlers, rendered as application/problem+json. */
export class Problem extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly extra: Record<string, unknown>;
  /** Seconds the client should wait before trying again (the Retry-After header), if any. */
  readonly retryAfter: number | undefined;

  constructor(
    status: number,
    code: string,
    title: string,
    detail: string,
    extra: Record<string, unknown> = {},
    retryAfter?: number,
  ) {
    super(detail);
    this.name = 'Problem';
    this.status = status;
    this.code = code;
    this.title = title;
    this.extra = extra;
    this.retryAfter = retryAfter;
  }
}

export const problems = {
  unauthorized: (detail = 'A valid bearer token is required.') =>
    new Problem(401, 'unauthorized', 'Not signed in', detail),
  forbidden: (detail: string) => new Problem(403, 'forbidden', 'Not allowed', detail),
  notFound: (detail: string) => new Problem(404, 'not-found', 'Not found', detail),
  invalid: (errors: FieldError[]) =>
    new Problem(
      400,
      'validation',
      'Invalid request',
      errors.length === 1
        ? `${errors[0]?.field ?? 'request'} ${errors[0]?.message ?? 'is invalid'}`
        : `The request has ${errors.length} problems: see errors.`,
      { errors },
    ),
};

/** Domain refusals that describe the agreement's state, not a malformed request. */
const CONFLICTS: ReadonlySet<RejectionCode> = new Set([
  'STAGE_MISMATCH',
  'AGREEMENT_CLOSED',
  'APP_ALREADY_HANDED_OVER',
  'APP_DROPPED',
  'APP_NOT_HANDED_OVER',
  'LAST_APPLICATION',
  'TRAINING_NOT_SCHEDULED',
  'TRAINING_NOT_STARTED',
  'MILESTONE_NOT_RECORDED',
  'DOCUMENT_NOT_REPLACEABLE',
  'DOCUMENT_NOT_ATTACHED',
  'AGREEMENT_TOO_LARGE',
  'NOT_DORMANT',
  'PKS_NOT_SIGNED',
  'AGREEMENT_TERMINATED',
  'TERM_ALREADY_EXPIRED',
  'TOO_MANY_REPORTS',
]);

export function rejected(rejection: Rejection): Problem {
  if (rejection.code === 'REPORT_NOT_FOUND') return problems.notFound(rejection.message);
  const conflict = CONFLICTS.has(rejection.code);
  return new Problem(
    conflict ? 409 : 400,
    rejection.code.toLowerCase().replaceAll('_', '-'),
    conflict ? 'Not possible in the agreement’s current state' : 'Refused by the agreement rules',
    rejection.message,
    { code: rejection.code, ...(rejection.details ? { details: rejection.details } : {}) },
  );
}

/** Parses with a zod schema; every issue becomes a field error under `where`. */
export function parse<S extends z.ZodMiniType>(
  schema: S,
  value: unknown,
  where: 'body' | 'query',
): z.infer<S> {
  const result = schema.safeParse(value ?? (where === 'query' ? {} : undefined));
  if (result.success) return result.data;
  throw problems.invalid(
    result.error.issues.map((issue) => ({
      field: [where, ...issue.path.map(String)].join('.'),
      message:
        issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message,
    })),
  );
}
