// The HTTP layer of every API handler: API Gateway proxy events in, JSON or RFC 9457 problem
// details out, as a stack of small middy middlewares (./http/). A handler body only sees a
// parsed request and returns data or throws a Problem.
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import type { Principal } from '../../domain/access.ts';
import type { FunctionEnvironment } from '../shared/environment.ts';
import { lambdaHandler } from '../shared/middleware.ts';
import { authentication, signedIn } from './http/authentication.ts';
import { cors, originsOf } from './http/cors.ts';
import { presentValues, type HttpEvent } from './http/event.ts';
import { httpHeaders } from './http/http-headers.ts';
import { jsonBody } from './http/json-body.ts';
import { problemDetails } from './http/problem-details.ts';

export { Problem, problems, rejected, parse, type FieldError } from './http/problems.ts';

export const MAX_BODY_BYTES = 256 * 1024;

/** A request on a public route (/health, /openapi.json): a caller only if one sent a token. */
export interface PublicApiRequest {
  principal?: Principal;
  pathParameters: Record<string, string>;
  query: Record<string, string>;
  /** Lower-cased names. */
  headers: Record<string, string>;
  /** The parsed JSON body, or undefined without one. */
  body: unknown;
}

/** A request on a route that requires a signed-in coordinator (all the others). */
export interface ApiRequest extends PublicApiRequest {
  principal: Principal;
}

export interface ApiResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /**
   * A file rather than JSON: `body` is its text as is, or its bytes in base64 (API Gateway
   * turns those back into bytes for the binary media types); `headers` name its content type.
   */
  file?: 'text' | 'base64';
}

export interface RouteOptions<Auth extends boolean = boolean> {
  /** false only for /health and /openapi.json. */
  auth: Auth;
  /** The function's environment: ALLOWED_ORIGINS (comma-separated) for browsers. */
  env: FunctionEnvironment;
}

export type ApiHandler = (
  event: APIGatewayProxyEvent,
  context: Context,
) => Promise<APIGatewayProxyResult>;

function requestOf(event: HttpEvent): PublicApiRequest {
  return {
    principal: event.principal,
    pathParameters: presentValues(event.pathParameters),
    query: presentValues(event.queryStringParameters),
    headers: presentValues(event.headers),
    body: event.json,
  };
}

/**
 * The middlewares in the order their `before` runs (`after` and `onError` run backwards):
 * problemDetails() answers an error before cors() adds its headers to the answer.
 */
function httpStack(
  { auth, env }: RouteOptions,
  respond: (event: HttpEvent) => Promise<ApiResponse>,
): ApiHandler {
  const allowedOrigins = originsOf(env.ALLOWED_ORIGINS);
  return lambdaHandler<HttpEvent, APIGatewayProxyResult>((handler) =>
    handler
      .use(httpHeaders())
      .use(cors({ allowedOrigins }))
      .use(problemDetails())
      .use(authentication({ required: auth }))
      .use(jsonBody({ maxBytes: MAX_BODY_BYTES }))
      .handler(async (event) => {
        const response = await respond(event);
        if (response.file) {
          return {
            statusCode: response.status,
            headers: { ...response.headers },
            body: String(response.body),
            isBase64Encoded: response.file === 'base64',
          };
        }
        return {
          statusCode: response.status,
          headers: { 'content-type': 'application/json', ...response.headers },
          body: JSON.stringify(response.body),
        };
      }),
  );
}

function authenticatedApiHandler(
  env: FunctionEnvironment,
  body: (request: ApiRequest) => Promise<ApiResponse>,
): ApiHandler {
  return httpStack({ auth: true, env }, (event) =>
    body({ ...requestOf(event), principal: signedIn(event) }),
  );
}

function publicApiHandler(
  env: FunctionEnvironment,
  body: (request: PublicApiRequest) => Promise<ApiResponse>,
): ApiHandler {
  return httpStack({ auth: false, env }, (event) => body(requestOf(event)));
}

type AuthenticatedRoute = [
  options: RouteOptions<true>,
  body: (request: ApiRequest) => Promise<ApiResponse>,
];
type PublicRoute = [
  options: RouteOptions<false>,
  body: (request: PublicApiRequest) => Promise<ApiResponse>,
];

/** Whether the route requires sign-in: its `auth` tells which kind of body the route holds. */
function requiresSignIn(route: AuthenticatedRoute | PublicRoute): route is AuthenticatedRoute {
  return route[0].auth;
}

/** `auth: true` routes get `request.principal`; `auth: false` routes may get one. */
export function apiHandler(...route: AuthenticatedRoute): ApiHandler;
export function apiHandler(...route: PublicRoute): ApiHandler;
export function apiHandler(...route: AuthenticatedRoute | PublicRoute): ApiHandler {
  const [{ env }] = route;
  return requiresSignIn(route)
    ? authenticatedApiHandler(env, route[1])
    : publicApiHandler(env, route[1]);
}
