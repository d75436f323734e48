// API Gateway's own answers as synthesized, held to the published contract (docs/openapi.json):
// each gateway response's body, filled in as API Gateway fills it, is a valid Problem with the
// response's HTTP status, and every operation the gateway may answer that way documents it.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { OpenApiDocument, OpenApiResponse } from '../../functions/api/openapi.ts';
import { API_ROUTES, type ApiRoute } from '../../functions/api/routes.ts';
import { resources, synth, type Resource } from './template.ts';

const document = JSON.parse(
  readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8'),
) as OpenApiDocument;
const problemSchema = document.components.schemas.Problem;
const validProblem = new Ajv2020({ strict: false }).compile(problemSchema ?? false);

/**
 * Sample values of the `$context` variables the templates use, as API Gateway puts them in:
 * `messageString` comes quoted and escaped. A template using another variable fails the test
 * until a sample is added here.
 */
const CONTEXT: Record<string, string> = {
  '$context.requestId': '6f1e2d3c-4b5a-4968-8776-655443322110',
  '$context.error.messageString': JSON.stringify('Invalid request body: "x" <b>\\ ünïcode'),
};

function render(template: string): string {
  return template.replaceAll(/\$context(?:\.[A-Za-z]\w*)+/g, (variable) => {
    const value = CONTEXT[variable];
    if (value === undefined) throw new Error(`No sample value for ${variable}`);
    return value;
  });
}

/**
 * Which operations a response type can answer. Any type not listed here can answer every
 * operation (throttling, timeouts, a too large request, the defaults).
 */
const ANSWERS: Record<string, (route: ApiRoute) => boolean> = {
  UNAUTHORIZED: (route) => route.auth,
  ACCESS_DENIED: (route) => route.auth,
  // Only for a path or method the API does not have: no operation of the document.
  MISSING_AUTHENTICATION_TOKEN: () => false,
  BAD_REQUEST_BODY: (route) => route.body !== undefined,
  BAD_REQUEST_PARAMETERS: (route) => route.path.includes('{'),
};

function resolve(response: OpenApiResponse | { $ref: string } | undefined) {
  if (response && '$ref' in response) {
    return document.components.responses[response.$ref.replace('#/components/responses/', '')];
  }
  return response;
}

describe.each(['dev', 'prod'])('gateway responses in %s', (env) => {
  const responses = (): [string, Resource][] =>
    resources(synth(env).template, 'AWS::ApiGateway::GatewayResponse');

  it('are there, for the default 4XX and 5XX as well', () => {
    const types = responses().map(([, r]) => r.Properties.ResponseType);
    expect(types).toEqual(expect.arrayContaining(['DEFAULT_4XX', 'DEFAULT_5XX', 'THROTTLED']));
  });

  it('each answer with a fixed status and a body that is a documented Problem of that status', () => {
    for (const [, { Properties: props }] of responses()) {
      const type = String(props.ResponseType);
      // Without a fixed status a default response keeps each type's own, which its body
      // cannot state: `status` would be missing or wrong.
      expect([type, typeof props.StatusCode]).toEqual([type, 'string']);
      const template = (props.ResponseTemplates as Record<string, string>)['application/json'];
      const body = JSON.parse(render(String(template))) as Record<string, unknown>;
      const valid = validProblem(body);
      expect([type, valid ? [] : validProblem.errors]).toEqual([type, []]);
      expect([type, body.status]).toEqual([type, Number(props.StatusCode)]);
    }
  });

  it('each have their status documented as a Problem for every operation they can answer', () => {
    const missing: string[] = [];
    for (const [, { Properties: props }] of responses()) {
      const type = String(props.ResponseType);
      const answers = ANSWERS[type] ?? (() => true);
      for (const route of API_ROUTES.filter(answers)) {
        const operation = document.paths[route.path]?.[route.method.toLowerCase()];
        const response = resolve(operation?.responses[String(props.StatusCode)]);
        const schema = response?.content?.['application/problem+json']?.schema;
        if (JSON.stringify(schema) !== JSON.stringify({ $ref: '#/components/schemas/Problem' })) {
          missing.push(`${route.method} ${route.path} ${String(props.StatusCode)} (${type})`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
