import type { Request } from '@middy/core';
import type { APIGatewayProxyResult } from 'aws-lambda';
import type { HttpEvent, HttpMiddleware } from './event.ts';

export interface CorsOptions {
  /** Origins of the web pages that may read the answers. */
  allowedOrigins: readonly string[];
}

/**
 * CORS headers on every answer, problems included, for a page on an allowed origin (after
 * httpHeaders(): it reads `origin`). API Gateway answers the preflight itself.
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
