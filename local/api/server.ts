// The local HTTP adapter: turns HTTP requests into API Gateway (REST, proxy) events, with the
// claims of a verified development token as the Cognito authorizer would pass them, and calls
// the very handlers that run in Lambda.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import type { JWTPayload } from 'jose';
import type { ApiHandler } from '../../functions/api/http.ts';
import { CORS_PREFLIGHT, preflightHeaders } from '../../functions/api/http/cors.ts';
import { TOKEN_REFUSALS } from '../../functions/api/principal.ts';
import { listenOnLoopback, type Listening } from '../listen.ts';
import type { ApiRoute } from '../../functions/api/routes.ts';
import { TokenRefusedError } from './dev-tokens.ts';

/** API Gateway's own payload limit is 10 MB; the handlers refuse more than 256 KB. */
const MAX_REQUEST_BYTES = 1024 * 1024;

export interface LocalRoute {
  route: ApiRoute;
  handler: ApiHandler;
}

/** One part of the local system as GET /health reports it. */
export interface PartHealth {
  name: string;
  ready: boolean;
  /** Why it is not ready (an error message), or where it is. */
  detail?: string;
}

export interface ApiServerProps {
  routes: LocalRoute[];
  /** Verifies a bearer token; throws when it is not acceptable (a TokenRefusedError says why). */
  verify: (token: string) => Promise<JWTPayload>;
  /**
   * The readiness of the parts behind the API (local mode). GET /health runs its handler only
   * when every part is ready, and otherwise answers 503 naming the parts that are not.
   */
  health?: () => Promise<PartHealth[]>;
  port?: number;
  host?: string;
  /**
   * Origins of the web pages that may call the API (ALLOWED_ORIGINS): their preflights are
   * answered as API Gateway answers them. None: OPTIONS is a method like any other (405).
   */
  allowedOrigins?: readonly string[];
}

export type RunningApi = Listening;

function problem(
  response: ServerResponse,
  status: number,
  title: string,
  detail: string,
  headers: Record<string, string> = {},
  extra: Record<string, unknown> = {},
) {
  response.writeHead(status, { 'content-type': 'application/problem+json', ...headers });
  response.end(
    JSON.stringify({
      type: `urn:sepakat:problem:${title.toLowerCase().replaceAll(' ', '-')}`,
      title,
      status,
      detail,
      ...extra,
    }),
  );
}

/** The parts that are not ready, or none; a failing check counts as not ready. */
async function unready(health: () => Promise<PartHealth[]>): Promise<PartHealth[]> {
  try {
    return (await health()).filter((part) => !part.ready);
  } catch (error) {
    return [{ name: 'local mode', ready: false, detail: String(error) }];
  }
}

function templateMatch(template: string, path: string): Record<string, string> | undefined {
  const names: string[] = [];
  const pattern = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  const match = new RegExp(`^${pattern}$`).exec(path);
  if (!match) return undefined;
  const parameters: Record<string, string> = {};
  names.forEach((name, i) => {
    parameters[name] = safeDecode(match[i + 1] ?? '');
  });
  return parameters;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** API Gateway passes claims as strings; lists become comma-separated. */
function claimsOf(payload: JWTPayload): Record<string, string> {
  return Object.fromEntries(
    Object.entries(payload).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : String(v)]),
  );
}

async function readBody(request: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_REQUEST_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startApiServer(props: ApiServerProps): Promise<RunningApi> {
  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      problem(response, 500, 'Internal error', `The local adapter failed: ${String(error)}`);
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const method = request.method ?? 'GET';
    const candidates = props.routes
      .map((r) => ({ ...r, parameters: templateMatch(r.route.path, url.pathname) }))
      .filter((r) => r.parameters !== undefined);
    const origins = props.allowedOrigins ?? [];
    if (method === 'OPTIONS' && candidates.length > 0 && origins.length > 0) {
      // API Gateway's mock integration: no authorizer, no handler, an empty answer.
      const origin = request.headers.origin;
      response.writeHead(CORS_PREFLIGHT.status, preflightHeaders(origins, origin)).end();
      return;
    }
    // As in API Gateway, a static path (/agreements/export) wins over a parameter (/{id}).
    const target = candidates
      .filter((c) => c.route.method === method)
      .sort(
        (a, b) => Object.keys(a.parameters ?? {}).length - Object.keys(b.parameters ?? {}).length,
      )
      .at(0);
    if (!target) {
      // As API Gateway answers (its MISSING_AUTHENTICATION_TOKEN response, infra/constructs/
      // coordinator-api.ts): a path or a method the API does not have is one 404. A trailing
      // slash is another path there too: say which one exists.
      const trimmed = url.pathname.replace(/\/+$/, '');
      const meant =
        trimmed !== url.pathname &&
        props.routes.some((r) => r.route.method === method && templateMatch(r.route.path, trimmed))
          ? ` Did you mean ${trimmed} (without the trailing slash)?`
          : '';
      problem(
        response,
        404,
        'Not found',
        `The API has no such path or method: ${method} ${url.pathname}.${meant}`,
      );
      return;
    }
    if (target.route.name === 'health' && props.health) {
      const down = await unready(props.health);
      if (down.length > 0) {
        const detail = down
          .map((part) => `${part.name}${part.detail ? ` (${part.detail})` : ''}`)
          .join('; ');
        problem(
          response,
          503,
          'Not ready',
          `Not ready: ${detail}`,
          { 'retry-after': '1' },
          { parts: down },
        );
        return;
      }
    }
    const body = await readBody(request);
    if (body === undefined) {
      problem(response, 413, 'Request too large', `The body exceeds ${MAX_REQUEST_BYTES} bytes.`);
      return;
    }
    let claims: Record<string, string> | undefined;
    const authorization = request.headers.authorization;
    if (target.route.auth) {
      const token = /^Bearer (\S+)$/i.exec(authorization ?? '')?.[1];
      const verified = token
        ? await props
            .verify(token)
            .catch((error: unknown) =>
              error instanceof TokenRefusedError ? error.message : TOKEN_REFUSALS.badSignature,
            )
        : 'A valid bearer token is required.';
      if (typeof verified === 'string') {
        problem(response, 401, 'Not signed in', verified, { 'www-authenticate': 'Bearer' });
        return;
      }
      claims = claimsOf(verified);
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
    }
    const query: Record<string, string> = {};
    for (const [name, value] of url.searchParams) query[name] = value;
    const event = {
      resource: target.route.path,
      path: url.pathname,
      httpMethod: method,
      headers,
      multiValueHeaders: {},
      queryStringParameters: Object.keys(query).length > 0 ? query : null,
      multiValueQueryStringParameters: null,
      pathParameters:
        Object.keys(target.parameters ?? {}).length > 0 ? (target.parameters ?? null) : null,
      stageVariables: null,
      body: body === '' ? null : body,
      isBase64Encoded: false,
      requestContext: {
        requestId: randomUUID(),
        resourcePath: target.route.path,
        httpMethod: method,
        path: url.pathname,
        stage: 'local',
        ...(claims ? { authorizer: { claims } } : {}),
      },
    } as unknown as APIGatewayProxyEvent;
    const context = {
      functionName: `sepakat-${target.route.name}`,
      awsRequestId: event.requestContext.requestId,
      getRemainingTimeInMillis: () => 29_000,
    } as Context;
    const result = await target.handler(event, context);
    response.writeHead(result.statusCode, result.headers as Record<string, string>);
    // As API Gateway does for a binary media type: the function's base64 becomes bytes.
    response.end(result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body);
  }

  return listenOnLoopback(server, props);
}
