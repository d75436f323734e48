// A middy request around an API Gateway proxy event, as middy hands it to each middleware.
import type { Request } from '@middy/core';
import type { APIGatewayProxyResult, Context } from 'aws-lambda';
import type { HttpEvent } from '../../functions/api/http/event.ts';

export type HttpRequest = Request<HttpEvent, APIGatewayProxyResult>;

export function proxyEvent(overrides: Partial<HttpEvent> = {}): HttpEvent {
  return {
    resource: '/agreements/{id}',
    path: '/agreements/AGR-1',
    httpMethod: 'GET',
    headers: {},
    multiValueHeaders: {},
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    body: null,
    isBase64Encoded: false,
    requestContext: {} as HttpEvent['requestContext'],
    ...overrides,
  };
}

export function requestOf(event: HttpEvent, error?: Error): HttpRequest {
  return {
    event,
    context: { functionName: 'sepakat-test', awsRequestId: 'req-1' } as Context,
    response: undefined,
    error,
    internal: {},
  };
}

/** An ID token's claims as the Cognito authorizer passes them (`token_use` may be overridden). */
export function withClaims(claims: Record<string, string>): Partial<HttpEvent> {
  return {
    requestContext: {
      authorizer: { claims: { token_use: 'id', ...claims } },
    } as unknown as HttpEvent['requestContext'],
  };
}

export function problemOf(response: APIGatewayProxyResult | null | undefined) {
  return JSON.parse(response?.body ?? 'null') as Record<string, unknown>;
}
