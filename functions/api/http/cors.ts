import type { Request } from '@middy/core';
import type { APIGatewayProxyResult } from 'aws-lambda';
import type { HttpEvent, HttpMiddleware } from './event.ts';

export interface CorsOptions {
  /** Origins of the web pages that may read the answers. */
  allowedOrigins: readonly string[];
}

/** The origins of ALLOWED_ORIGINS (comma-separated, spaces around them ignored). */
export function originsOf(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
}

/**
 * CORS headers on every answer, problems included, for a page on an allowed origin (after
 * httpHeaders(): it reads `origin`). The preflight never reaches a handler: see preflightHeaders.
 */
export function cors({ allowedOrigins }: CorsOptions): HttpMiddleware {
  const addHeaders = ({ event, response }: Request<HttpEvent, APIGatewayProxyResult>) => {
    const origin = event.headers.origin;
    if (!response || !origin || !allowedOrigins.includes(origin)) return;
    response.headers = {
      'access-control-allow-origin': origin,
      vary: 'Origin',
      ...response.headers,
    };
  };
  return { after: addHeaders, onError: addHeaders };
}

/**
 * What a browser's preflight (OPTIONS) is answered with: API Gateway's mock integration
 * (infra/constructs/coordinator-api.ts) and the local API (local/api/server.ts) both take it
 * from here. No credentials: the API reads a bearer token, never a cookie.
 */
export const CORS_PREFLIGHT = {
  allowMethods: ['GET', 'POST', 'PUT', 'OPTIONS'],
  allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key'],
  maxAgeSeconds: 3600,
  status: 204,
} as const;

/**
 * The preflight's headers as API Gateway answers them for CDK's `defaultCorsPreflightOptions`:
 * the first allowed origin, or the caller's when it is one of the others (its response
 * template), and the same static headers whatever the caller.
 */
export function preflightHeaders(
  allowedOrigins: readonly string[],
  origin: string | undefined,
): Record<string, string> {
  const [first] = allowedOrigins;
  if (first === undefined) throw new Error('A preflight needs at least one allowed origin');
  const allowOrigin =
    origin !== undefined && allowedOrigins.slice(1).includes(origin) ? origin : first;
  return {
    'access-control-allow-headers': CORS_PREFLIGHT.allowHeaders.join(','),
    'access-control-allow-origin': allowOrigin,
    ...(first === '*' ? {} : { vary: 'Origin' }),
    'access-control-allow-methods': CORS_PREFLIGHT.allowMethods.join(','),
    'access-control-max-age': String(CORS_PREFLIGHT.maxAgeSeconds),
  };
}
