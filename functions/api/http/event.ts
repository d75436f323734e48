// What the HTTP middlewares share: the proxy event, which each one reads and adds to for the
// next one and the handler body, in the way of middy's own HTTP middlewares.
import type { MiddlewareObj } from '@middy/core';
import type {
  APIGatewayProxyEvent,
  APIGatewayProxyEventHeaders,
  APIGatewayProxyResult,
} from 'aws-lambda';
import type { Principal } from '../../../domain/access.ts';

export interface HttpEvent extends APIGatewayProxyEvent {
  /** Set by jsonBody(): the parsed body, or undefined without one. */
  json?: unknown;
  /** Set by authentication(): the signed-in caller, if any. */
  principal?: Principal;
}

export type HttpMiddleware = MiddlewareObj<HttpEvent, APIGatewayProxyResult>;

/** API Gateway's header, path and query maps without their undefined values. */
export function presentValues(
  values: APIGatewayProxyEventHeaders | null | undefined,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values ?? {}).filter(
      (entry): entry is [string, string] => entry[1] !== undefined,
    ),
  );
}
