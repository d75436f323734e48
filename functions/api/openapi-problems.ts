// The problems the API answers with (RFC 9457, application/problem+json), as the OpenAPI
// document's reusable responses: each route's own, the sign-in's, an outage's and API Gateway's.
import type { ApiRoute } from './routes.ts';

/** The problem statuses routes may list, as reusable responses. */
const PROBLEMS: Record<number, { name: string; description: string; retryAfter?: true }> = {
  400: {
    name: 'BadRequest',
    description: 'The request is invalid (see `errors`) or refused by the agreement rules',
  },
  401: { name: 'Unauthorized', description: 'No valid bearer token' },
  403: { name: 'Forbidden', description: 'The caller’s role may not do this' },
  404: { name: 'NotFound', description: 'No such agreement, or not one the caller may see' },
  409: {
    name: 'Conflict',
    description:
      'Not possible in the agreement’s current state (its `code` says why), or `conflict-retry`: changed by concurrent requests, retry after `Retry-After` seconds',
    retryAfter: true,
  },
  413: { name: 'ContentTooLarge', description: 'The body exceeds 256 KiB' },
  415: { name: 'UnsupportedMediaType', description: 'The body is not sent as JSON' },
  422: {
    name: 'IdempotencyKeyReused',
    description: 'The Idempotency-Key was already used for a different request',
  },
  429: { name: 'TooManyRequests', description: 'Throttled by API Gateway: retry in a few seconds' },
  500: { name: 'InternalError', description: 'Something went wrong on the server' },
  503: {
    name: 'ServiceUnavailable',
    description:
      '`service-unavailable`: the database or the workflow service is unavailable or busy; or `workflow-unavailable`: stored, but the workflow did not start. Retry after `Retry-After` seconds (with the same Idempotency-Key)',
    retryAfter: true,
  },
  504: {
    name: 'GatewayTimeout',
    description: 'No answer in time: retry later (with the same Idempotency-Key for writes)',
  },
};

const RETRY_AFTER = {
  'Retry-After': {
    description: 'Seconds to wait before retrying',
    schema: { type: 'integer' as const, minimum: 1 },
  },
};

/**
 * What API Gateway itself may answer any operation with (infra/constructs/coordinator-api.ts,
 * GATEWAY_PROBLEMS): its other 4XX refusals as 400, a request over its 10 MB limit, throttling,
 * its other 5XX failures as 500, and a function that does not answer in time.
 */
const GATEWAY_STATUSES = [400, 413, 429, 500, 504];

export /** The route's own problems, 401 and 403 behind a sign-in, 503 behind a service, API Gateway's. */
function problemStatuses(route: ApiRoute): number[] {
  const outage = route.capabilities.length > 0 ? [503] : [];
  const auth = route.auth ? [401, 403] : [];
  const statuses = new Set([...route.problems, ...auth, ...outage, ...GATEWAY_STATUSES]);
  return [...statuses].sort((a, b) => a - b);
}

export function problemResponse(status: number): { $ref: string } {
  const problem = PROBLEMS[status];
  if (!problem) throw new Error(`No problem response for status ${status}`);
  return { $ref: `#/components/responses/${problem.name}` };
}

/** The reusable responses of the statuses the routes use, each a Problem. */
export function problemResponses(used: Iterable<number>, problem: { $ref: string }) {
  return Object.fromEntries(
    [...used]
      .sort((a, b) => a - b)
      .map((status) => {
        const known = PROBLEMS[status];
        if (!known) throw new Error(`No problem response for status ${status}`);
        return [
          known.name,
          {
            description: known.description,
            ...(known.retryAfter ? { headers: RETRY_AFTER } : {}),
            content: { 'application/problem+json': { schema: problem } },
          },
        ];
      }),
  );
}

/**
 * GET /health's 503: local mode's adapter answers it when a part behind the API (DynamoDB Local,
 * the engine, the SES stand-in) does not answer, naming them in `parts`.
 */
export function healthUnavailableResponse(schema: { $ref: string }) {
  return {
    description:
      'Local mode only: a part behind the API does not answer; `parts` names each, with why',
    headers: RETRY_AFTER,
    content: { 'application/problem+json': { schema } },
  };
}
