// The OpenAPI document: lints clean, describes every route of the route table with its
// problems and sign-in, matches the data the handlers answer with, and docs/openapi.json
// (what GET /openapi.json serves) is what the generator makes today.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import type * as z from '../../domain/zod.ts';
import { listApplications } from '../../domain/catalog/catalog.ts';
import { searchRegions } from '../../domain/regions/regions.ts';
import { createHandler } from '../../functions/api/get-openapi.ts';
import {
  openApiDocument,
  type OpenApiDocument,
  type OpenApiOperation,
  type OpenApiParameter,
  type OpenApiResponse,
} from '../../functions/api/openapi.ts';
import { API_ROUTES } from '../../functions/api/routes.ts';
import { applicationView, regionView } from '../../functions/api/views.ts';

const FILE = new URL('../../docs/openapi.json', import.meta.url);
const document = await openApiDocument();

// recommended-strict: every rule of `recommended` that only warns is an error here, so the
// document must come out with no finding at all. Changes to it, each on purpose:
const config = await createConfig({
  extends: ['recommended-strict'],
  rules: {
    // Our 4xx answers are problem details: hold every one of them to it.
    'operation-4xx-problem-details-rfc7807': 'error',
    // Query, path and header parameters must say what they do.
    'parameter-description': 'error',
    // /health and /openapi.json take no input and need no sign-in, so no client error is
    // theirs to declare; the tests below require 401, 403 and the listed problems elsewhere.
    'operation-4xx-response': 'off',
    // A private project without a licence: the document should not claim one.
    'info-license': 'off',
    'info-license-strict': 'off',
  },
});

async function lint(doc: unknown) {
  const problems = await lintFromString({
    source: JSON.stringify(doc),
    absoluteRef: FILE.pathname,
    config,
  });
  return problems.map(
    (p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? '?'}`,
  );
}

function operation(path: string, method: string): OpenApiOperation {
  const found = document.paths[path]?.[method.toLowerCase()];
  if (!found) throw new Error(`No ${method} ${path} in the document`);
  return found;
}

/** Follows a local `$ref` such as #/components/responses/NotFound through the document. */
function resolve<T>(value: T | { $ref: string }): T {
  if (typeof value !== 'object' || value === null || !('$ref' in value)) return value;
  const target = value.$ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>(
      (node, key) =>
        (node as Record<string, unknown> | undefined)?.[
          key.replaceAll('~1', '/').replaceAll('~0', '~')
        ],
      document,
    );
  if (target === undefined) throw new Error(`Dangling ${value.$ref}`);
  return resolve(target as T);
}

function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    key === '$ref' && typeof inner === 'string' ? [inner] : refsIn(inner),
  );
}

describe('the OpenAPI document', () => {
  it('lints without a single finding', async () => {
    expect(document.openapi).toBe('3.1.0');
    expect(await lint(document)).toEqual([]);
  });

  it('is linted for real: a broken document has findings', async () => {
    const broken = structuredClone(document) as unknown as {
      paths: Record<string, Record<string, Record<string, unknown>>>;
    };
    delete broken.paths['/agreements']?.post?.summary;
    const health = broken.paths['/health']?.get;
    if (health) health.responses = { '200': { $ref: '#/components/responses/Nowhere' } };
    const findings = await lint(broken);
    expect(findings).toEqual(
      expect.arrayContaining([
        expect.stringContaining('operation-summary'),
        expect.stringContaining('no-unresolved-refs'),
      ]),
    );
  });

  it('has every reference resolve inside the document, none into a zod $defs', () => {
    const refs = refsIn(document);
    expect(refs.length).toBeGreaterThan(0);
    expect(refs.filter((ref) => ref.includes('$defs'))).toEqual([]);
    for (const ref of refs) expect(() => resolve({ $ref: ref })).not.toThrow();
  });

  it('describes every route of the route table, and nothing else', () => {
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(
        ([method, op]) => `${method.toUpperCase()} ${path} ${op.operationId}`,
      ),
    );
    expect(operations.sort()).toEqual(
      API_ROUTES.map((route) => `${route.method} ${route.path} ${route.name}`).sort(),
    );
    for (const route of API_ROUTES) {
      const op = operation(route.path, route.method);
      expect(op.summary).toBe(route.summary);
      const success = resolve(op.responses[String(route.success.status)]);
      // The export answers with a file (CSV or XLSX); every other route with JSON.
      const mediaType = route.success.view === 'export' ? 'text/csv' : 'application/json';
      expect(success?.content?.[mediaType]?.schema).toBeDefined();
    }
  });

  it('declares the listed problems, 500, and 401 and 403 where signed in, as problem details', () => {
    const signedIn = API_ROUTES.filter((route) => route.auth);
    expect(signedIn.length).toBeGreaterThan(0);
    for (const route of API_ROUTES) {
      const op = operation(route.path, route.method);
      const expected = [...route.problems, 500, ...(route.auth ? [401, 403] : [])];
      for (const status of expected) {
        const response = op.responses[String(status)];
        expect([route.name, status, response === undefined ? 'missing' : 'declared']).toEqual([
          route.name,
          status,
          'declared',
        ]);
        const content = resolve(response as OpenApiResponse).content;
        expect(content?.['application/problem+json']?.schema).toEqual({
          $ref: '#/components/schemas/Problem',
        });
      }
    }
    const problem = resolve({ $ref: '#/components/schemas/Problem' }) as {
      required?: string[];
    };
    expect(problem.required).toEqual(expect.arrayContaining(['type', 'title', 'status', 'detail']));
  });

  it('requires a Cognito bearer token on signed-in routes and none on /health and /openapi.json', () => {
    expect(document.components.securitySchemes.bearerAuth).toMatchObject({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
    });
    expect(operation('/health', 'GET').security).toEqual([]);
    expect(operation('/openapi.json', 'GET').security).toEqual([]);
    for (const route of API_ROUTES.filter((r) => r.auth)) {
      expect([route.name, operation(route.path, route.method).security]).toEqual([
        route.name,
        [{ bearerAuth: [] }],
      ]);
    }
  });

  it('takes parameters from the path, the Idempotency-Key header and the query schemas', async () => {
    for (const route of API_ROUTES) {
      const parameters = (operation(route.path, route.method).parameters ?? []).map((p) =>
        resolve<OpenApiParameter>(p),
      );
      const names = (where: string) => parameters.filter((p) => p.in === where).map((p) => p.name);
      expect([route.name, names('path')]).toEqual([
        route.name,
        // Every `{name}` of the path ({id}, {reportId}, {token}), in its order.
        [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]),
      ]);
      expect([route.name, names('header')]).toEqual([
        route.name,
        route.idempotent ? ['Idempotency-Key'] : [],
      ]);
      const query = route.query ? ((await route.query()) as z.ZodMiniObject) : undefined;
      expect([route.name, names('query')]).toEqual([route.name, Object.keys(query?.shape ?? {})]);
      for (const p of parameters) expect(p.description).not.toBe('');
    }
    const regions = operation('/regions', 'GET').parameters as OpenApiParameter[];
    expect(regions.find((p) => p.name === 'q')).toMatchObject({ required: true });
    expect(regions.find((p) => p.name === 'limit')).toMatchObject({
      required: false,
      schema: { type: 'integer', default: 20, maximum: 50 },
    });
  });

  it('requires title, partner region, applications and contacts to register an agreement', () => {
    const body = operation('/agreements', 'POST').requestBody;
    expect(body?.required).toBe(true);
    const schema = resolve(body?.content['application/json']?.schema ?? {}) as {
      required?: string[];
    };
    expect([...(schema.required ?? [])].sort()).toEqual([
      'apps',
      'contacts',
      'partnerRegion',
      'title',
    ]);
  });

  it('answers each route with the schema of its view', () => {
    const schemaOf = (path: string, method: string, status: string) =>
      resolve(operation(path, method).responses[status] ?? { description: '' }).content?.[
        'application/json'
      ]?.schema;
    expect(schemaOf('/agreements', 'POST', '201')).toEqual({
      $ref: '#/components/schemas/Agreement',
    });
    const page = resolve(schemaOf('/agreements', 'GET', '200') ?? {});
    expect(page.properties?.items).toEqual({
      type: 'array',
      items: { $ref: '#/components/schemas/AgreementSummary' },
    });
    const history = resolve(schemaOf('/agreements/{id}/history', 'GET', '200') ?? {});
    expect(history.properties?.items).toEqual({
      type: 'array',
      items: { $ref: '#/components/schemas/HistoryEvent' },
    });
    const apps = resolve(schemaOf('/apps', 'GET', '200') ?? {});
    expect(apps.properties?.items).toEqual({
      type: 'array',
      items: { $ref: '#/components/schemas/Application' },
    });
    const regions = resolve(schemaOf('/regions', 'GET', '200') ?? {});
    expect(regions.properties?.items).toEqual({
      type: 'array',
      items: { $ref: '#/components/schemas/Region' },
    });
  });

  it('describes the catalog and the regions exactly as the handlers return them', () => {
    // Typed: a catalog entry must fit the view...
    const apps: z.infer<typeof applicationView>[] = [...listApplications()];
    // ...and the view must name every field (parsing drops the fields it does not know).
    for (const app of apps) expect(applicationView.parse(app)).toEqual(app);
    const regions = searchRegions('bandung');
    expect(regions.length).toBeGreaterThan(0);
    for (const region of regions) expect(regionView.parse(region)).toEqual(region);
  });

  it('is what docs/openapi.json holds (else run npm run openapi)', () => {
    const committed = JSON.parse(readFileSync(FILE, 'utf8')) as OpenApiDocument;
    expect(committed).toEqual(JSON.parse(JSON.stringify(document)));
  });

  it('is served by GET /openapi.json', async () => {
    const event = {
      httpMethod: 'GET',
      path: '/openapi.json',
      resource: '/openapi.json',
      headers: {},
      body: null,
      isBase64Encoded: false,
      pathParameters: null,
      queryStringParameters: null,
      requestContext: {},
    } as unknown as APIGatewayProxyEvent;
    const context = { functionName: 'get-openapi', awsRequestId: 'test' } as Context;
    const response = await createHandler()(event, context);
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual(JSON.parse(JSON.stringify(document)));
  });
});
