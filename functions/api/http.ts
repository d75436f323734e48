// The HTTP side of every API handler: API Gateway proxy events in, JSON or RFC 9457 problem
// details out. A handler body only sees a parsed request and returns data or throws a Problem.
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import type { z } from 'zod';
import {
  AccessDeniedError,
  RuleRejectedError,
  WorkflowNotStartedError,
} from '../../application/errors.ts';
import type { Principal } from '../../domain/access.ts';
import {
  AgreementNotFoundError,
  IdempotencyKeyReusedError,
  InvalidCursorError,
} from '../../domain/ports.ts';
import type { Rejection, RejectionCode } from '../../domain/rejections.ts';
import type { FunctionEnvironment } from '../shared/environment.ts';
import { logger } from '../shared/middleware.ts';
import { principalFromClaims } from './principal.ts';

export const MAX_BODY_BYTES = 256 * 1024;

export interface ApiRequest {
  /** Present on every route that requires a signed-in coordinator. */
  principal: Principal;
  pathParameters: Record<string, string>;
  query: Record<string, string>;
  /** Lower-cased names. */
  headers: Record<string, string>;
  /** The parsed JSON body, or undefined without one. */
  body: unknown;
}

export interface ApiResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

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

  constructor(
    status: number,
    code: string,
    title: string,
    detail: string,
    extra: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = 'Problem';
    this.status = status;
    this.code = code;
    this.title = title;
    this.extra = extra;
  }
}

export const problems = {
  unauthorized: () =>
    new Problem(401, 'unauthorized', 'Not signed in', 'A valid bearer token is required.'),
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
]);

export function rejected(rejection: Rejection): Problem {
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
export function parse<S extends z.ZodType>(
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

function problemResponse(
  problem: Problem,
  instance: string,
  cors: Record<string, string>,
): APIGatewayProxyResult {
  return {
    statusCode: problem.status,
    headers: { 'content-type': 'application/problem+json', ...cors },
    body: JSON.stringify({
      type: `urn:sepakat:problem:${problem.code}`,
      title: problem.title,
      status: problem.status,
      detail: problem.message,
      instance,
      ...problem.extra,
    }),
  };
}

/** Known errors of the layers below, as the problems a client can act on. */
function asProblem(error: unknown): Problem | undefined {
  if (error instanceof Problem) return error;
  if (error instanceof AccessDeniedError) return problems.forbidden(error.message);
  if (error instanceof RuleRejectedError) return rejected(error.rejection);
  if (error instanceof WorkflowNotStartedError) {
    return new Problem(
      503,
      'workflow-unavailable',
      'Workflow not started',
      `Agreement ${error.agreementId} is stored but its workflow did not start; retry with the same Idempotency-Key. (${String(error.cause)})`,
    );
  }
  if (error instanceof AgreementNotFoundError) {
    return problems.notFound(`No agreement ${error.agreementId}`);
  }
  if (error instanceof InvalidCursorError) {
    return problems.invalid([{ field: 'query.cursor', message: error.message }]);
  }
  if (error instanceof IdempotencyKeyReusedError) {
    return new Problem(
      422,
      'idempotency-key-reused',
      'Idempotency key already used',
      'This Idempotency-Key was used for a different request; use a new key for a new request.',
    );
  }
  return undefined;
}

function headersOf(event: APIGatewayProxyEvent): Record<string, string> {
  const headers: Record<string, string> = {};
  // Local callers and tests may leave headers out, as API Gateway never does.
  for (const [name, value] of Object.entries(
    (event.headers as typeof event.headers | null) ?? {},
  )) {
    if (value !== undefined) headers[name.toLowerCase()] = value;
  }
  return headers;
}

function bodyOf(event: APIGatewayProxyEvent, headers: Record<string, string>): unknown {
  if (event.body === null || event.body === '') return undefined;
  const raw = event.isBase64Encoded
    ? Buffer.from(event.body, 'base64').toString('utf8')
    : event.body;
  if (Buffer.byteLength(raw) > MAX_BODY_BYTES) {
    throw new Problem(
      413,
      'too-large',
      'Request too large',
      `The body exceeds ${MAX_BODY_BYTES} bytes.`,
    );
  }
  const type = headers['content-type'] ?? '';
  if (!/^application\/(.+\+)?json\s*(;|$)/i.test(type)) {
    throw new Problem(
      415,
      'unsupported-media-type',
      'Unsupported media type',
      'Send the body as JSON with Content-Type: application/json.',
    );
  }
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new Problem(
      400,
      'malformed-json',
      'Malformed JSON',
      'The request body is not valid JSON.',
    );
  }
}

export interface RouteOptions {
  /** false only for /health and /openapi.json. */
  auth: boolean;
  /** The function's environment: ALLOWED_ORIGINS (comma-separated) for browsers. */
  env: FunctionEnvironment;
}

/** CORS for a web page on an allowed origin; API Gateway answers the preflight itself. */
function corsHeaders(
  allowed: readonly string[],
  origin: string | undefined,
): Record<string, string> {
  return origin && allowed.includes(origin)
    ? { 'access-control-allow-origin': origin, vary: 'Origin' }
    : {};
}

export type ApiHandler = (
  event: APIGatewayProxyEvent,
  context: Context,
) => Promise<APIGatewayProxyResult>;

export function apiHandler(
  options: RouteOptions,
  body: (request: ApiRequest) => Promise<ApiResponse>,
): ApiHandler {
  const allowedOrigins = (options.env.ALLOWED_ORIGINS ?? '').split(',').filter(Boolean);
  const run = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
    const instance = event.path || event.resource || '/';
    const cors = corsHeaders(allowedOrigins, headersOf(event).origin);
    try {
      const headers = headersOf(event);
      const claims = event.requestContext.authorizer?.claims as Record<string, unknown> | undefined;
      const principal = claims ? principalFromClaims(claims) : undefined;
      if (options.auth && !principal) throw problems.unauthorized();
      if (options.auth && principal?.role === 'NONE') {
        throw problems.forbidden('Your account is in no coordinators’ group.');
      }
      if (principal) logger.appendKeys({ caller: principal.subject, role: principal.role });
      // Operations search the logs by agreement (docs/runbook.md).
      if (event.pathParameters?.id) logger.appendKeys({ agreementId: event.pathParameters.id });
      const response = await body({
        principal: principal as Principal,
        pathParameters: Object.fromEntries(
          Object.entries(event.pathParameters ?? {}).filter(
            (entry): entry is [string, string] => entry[1] !== undefined,
          ),
        ),
        query: Object.fromEntries(
          Object.entries(event.queryStringParameters ?? {}).filter(
            (entry): entry is [string, string] => entry[1] !== undefined,
          ),
        ),
        headers,
        body: bodyOf(event, headers),
      });
      return {
        statusCode: response.status,
        headers: { 'content-type': 'application/json', ...cors, ...response.headers },
        body: JSON.stringify(response.body),
      };
    } catch (error) {
      const problem = asProblem(error);
      if (problem) {
        logger.info('Request refused', { status: problem.status, code: problem.code });
        return problemResponse(problem, instance, cors);
      }
      logger.error('Request failed', error instanceof Error ? error : String(error));
      return problemResponse(
        new Problem(
          500,
          'internal',
          'Internal error',
          'Something went wrong on our side; try again later.',
        ),
        instance,
        cors,
      );
    }
  };
  return middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(run);
}
