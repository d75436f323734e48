// The OpenAPI 3.1 document of the HTTP API, generated from the route table and the zod schemas
// the handlers validate with and answer by: nothing here restates a schema. `npm run openapi`
// writes it to docs/openapi.json, which GET /openapi.json serves; test/contracts/openapi.test.ts
// lints it and fails when the file is stale.
import * as z from '../../domain/zod.ts';
import packageJson from '../../package.json' with { type: 'json' };
import { cancelAgreementSchema } from '../../domain/command-schemas.ts';
import { milestoneSchema } from '../../domain/milestone-schemas.ts';
import { createAgreementSchema } from '../../domain/schemas.ts';
import { documentView, downloadView, uploadView } from './document-views.ts';
import {
  healthUnavailableResponse,
  problemResponse,
  problemResponses,
  problemStatuses,
} from './openapi-problems.ts';
import { cycleTimeReportView } from './report-views.ts';
import { API_ROUTES, type ApiRoute } from './routes.ts';
import {
  actionResultView,
  actionView,
  agreementSummaryView,
  agreementView,
  applicationView,
  healthProblemView,
  healthView,
  historyItemView,
  listOf,
  pageOf,
  pendingReportView,
  problemView,
  regionView,
  reportSummaryView,
} from './views.ts';

type JsonSchema = z.core.JSONSchema.BaseSchema;

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  description: string;
  schema: JsonSchema;
}

export interface OpenApiResponse {
  description: string;
  headers?: Record<string, { description: string; schema: JsonSchema }>;
  content?: Record<string, { schema: JsonSchema }>;
}

export interface OpenApiOperation {
  operationId: string;
  summary: string;
  tags: string[];
  security: Record<string, string[]>[];
  parameters?: (OpenApiParameter | { $ref: string })[];
  requestBody?: { required: boolean; content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, OpenApiResponse | { $ref: string }>;
}

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  servers: { url: string; description: string }[];
  tags: { name: string; description: string }[];
  security: Record<string, string[]>[];
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: {
    schemas: Record<string, JsonSchema>;
    responses: Record<string, OpenApiResponse>;
    parameters: Record<string, OpenApiParameter>;
    securitySchemes: Record<string, Record<string, string>>;
  };
}

const DESCRIPTION = `Sepakat follows cooperation agreements between Kota Bandung (the host) and partner
regions through their stages: MoU, PKS, handover of each application, training and follow-up.
Recording a milestone moves the agreement on; the workflow reminds and escalates while a stage
waits for people.

## Signing in
Every operation but \`/health\` and \`/openapi.json\` needs a Cognito ID token as a bearer
token. The user's groups decide the role:

- **Host coordinator** (\`host-coordinators\`, Kota Bandung's side) may do everything:
  register, read and cancel agreements and record any milestone.
- **Partner coordinator** (\`partner-coordinators\`, with the \`custom:region\` attribute) sees
  only the agreements of their own region, and records only the milestones their side takes
  part in. Other agreements answer 404, as if they did not exist.
- Anyone else is answered 403.

## Retries
The writing operations accept an \`Idempotency-Key\` header. A retry with the same key and the
same request answers what the first attempt answered, without doing it twice; the same key with
a different request is refused with 422.

## Errors
Errors are RFC 9457 problem details (\`application/problem+json\`): \`type\` is a URN such as
\`urn:sepakat:problem:validation\`, with \`title\`, \`status\`, \`detail\` and \`instance\`.
API Gateway's own answers (throttling, timeouts, a refused token) are problem details too, with
the \`requestId\` to quote when asking for support.
Invalid requests list every mistake in \`errors\` (\`field\` such as \`body.apps.0.id\`, and a
\`message\`); refusals by the agreement rules carry the rule's \`code\` and \`details\`.`;

/** Named request schemas, so a schema used by several bodies appears once. */
const INPUTS: Record<string, z.ZodMiniType> = {
  NewAgreement: createAgreementSchema,
  Milestone: milestoneSchema,
  Cancellation: cancelAgreementSchema,
};

/** Named response schemas; a schema with a zod `.meta({ id })` must keep that name. */
const OUTPUTS: Record<string, z.ZodMiniType> = {
  Agreement: agreementView,
  AgreementPage: pageOf(agreementSummaryView),
  HistoryEvent: historyItemView,
  HistoryPage: pageOf(historyItemView),
  ReportSummary: reportSummaryView,
  Application: applicationView,
  ApplicationList: listOf(applicationView),
  Region: regionView,
  RegionList: listOf(regionView),
  Health: healthView,
  HealthProblem: healthProblemView,
  CycleTimeReport: cycleTimeReportView,
  Problem: problemView,
  Document: documentView,
  DocumentPage: pageOf(documentView),
  DocumentUpload: uploadView,
  DocumentDownload: downloadView,
  Action: actionView,
  ActionResult: actionResultView,
  PendingReport: pendingReportView,
};

const VIEWS: Record<ApiRoute['success']['view'], JsonSchema> = {
  agreement: ref('Agreement'),
  agreements: ref('AgreementPage'),
  history: ref('HistoryPage'),
  summary: ref('ReportSummary'),
  apps: ref('ApplicationList'),
  regions: ref('RegionList'),
  health: ref('Health'),
  openapi: { type: 'object', description: 'An OpenAPI 3.1 document' },
  document: ref('Document'),
  documents: ref('DocumentPage'),
  upload: ref('DocumentUpload'),
  download: ref('DocumentDownload'),
  action: ref('Action'),
  actionResult: ref('ActionResult'),
  cycleTimes: ref('CycleTimeReport'),
  export: { type: 'string', description: 'The file' },
};

/** Query parameters whose schema carries no description. */
const QUERY_DESCRIPTIONS: Record<string, string> = {
  stage: 'Only agreements in this stage',
  partnerRegion: 'Only agreements with this partner region (Kemendagri code)',
  limit: 'Page size',
  cursor: 'The `nextCursor` of the previous page',
  termStatus:
    'Only agreements whose term (of the PKS, or the KSB before it) has this status today; with it, the list is ordered by the term’s end, soonest first',
  expiringWithinDays:
    'Only agreements whose term ends within this many days from today (0: today), still in force; ordered by the term’s end, soonest first',
  q: 'Part of a region’s name, or the start of its code',
  from: 'Only agreements whose MoU (else registration) is on or after this date',
  to: 'Only agreements whose MoU (else registration) is on or before this date',
  province: 'Only agreements whose partner region lies in this province (Kemendagri code)',
  app: 'Only agreements that include this application',
  format: 'csv or xlsx',
  sheets: 'xlsx only: add a sheet per application (`apps`)',
};

/** The export's two formats (GET /agreements/export). */
const EXPORT_CONTENT: Record<string, { schema: JsonSchema }> = {
  'text/csv': { schema: { type: 'string' } },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
    schema: { type: 'string', contentMediaType: 'application/octet-stream' },
  },
};

const TAGS = [
  { name: 'Agreements', description: 'Cooperation agreements, their milestones and history' },
  {
    name: 'Reports',
    description:
      'The dashboard (stages, stalls, trainings, activity), cycle times and the other reports on the programme',
  },
  { name: 'Reference data', description: 'The application catalog and the Kemendagri regions' },
  { name: 'Service', description: 'Liveness and this document' },
];

function tagOf(route: ApiRoute): string {
  if (route.path.startsWith('/agreements')) return 'Agreements';
  if (route.path.startsWith('/reports')) return 'Reports';
  return route.auth ? 'Reference data' : 'Service';
}

function ref(name: string): { $ref: string } {
  return { $ref: `#/components/schemas/${name}` };
}

const SHARED_DEF = /^#\/components\/schemas\/__shared#\/\$defs\/(.+)$/;

/**
 * Converts named zod schemas into components. A schema reached from them that carries a zod id
 * but is not named here lands in zod's `__shared` $defs: it becomes a component of its own and
 * every reference to it is pointed there, so no `#/$defs` reference is left dangling.
 */
function componentsOf(
  named: Record<string, z.ZodMiniType>,
  io: 'input' | 'output',
): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [name, schema] of Object.entries(named)) {
    const id = z.globalRegistry.get(schema)?.id;
    if (id !== undefined && id !== name) {
      throw new Error(`The ${io} schema named ${name} has the zod id ${id}`);
    }
    registry.add(schema, { id: name });
  }
  const { schemas } = z.toJSONSchema(registry, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  });
  const { __shared: shared, ...own } = schemas;
  return Object.fromEntries(
    Object.entries(merge(own, shared?.$defs ?? {})).map(([name, schema]) => {
      // Components are embedded in the document: no dialect or base URI of their own.
      const embedded = { ...schema };
      delete embedded.$schema;
      delete embedded.$id;
      return [name, pointRefs(embedded) as JsonSchema];
    }),
  );
}

function pointRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(pointRefs);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => {
      if (key !== '$ref' || typeof inner !== 'string') return [key, pointRefs(inner)];
      const shared = SHARED_DEF.exec(inner);
      const target = shared ? `#/components/schemas/${shared[1] ?? ''}` : inner;
      if (!target.startsWith('#/components/schemas/')) {
        throw new Error(`A zod schema converted with a reference OpenAPI cannot follow: ${inner}`);
      }
      return [key, target];
    }),
  );
}

function merge(...parts: Record<string, JsonSchema>[]): Record<string, JsonSchema> {
  const merged: Record<string, JsonSchema> = {};
  for (const part of parts) {
    for (const [name, schema] of Object.entries(part)) {
      if (name in merged) throw new Error(`Two component schemas are named ${name}`);
      merged[name] = schema;
    }
  }
  return merged;
}

async function queryParameters(route: ApiRoute): Promise<OpenApiParameter[]> {
  if (!route.query) return [];
  const schema = z.toJSONSchema(await route.query(), {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
  });
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = typeof property === 'boolean' ? {} : property;
    return {
      name,
      in: 'query',
      required: required.has(name),
      description: description ?? QUERY_DESCRIPTIONS[name] ?? '',
      schema: rest,
    };
  });
}

/** The path parameters besides the agreement's `{id}`. */
const PATH_PARAMETERS: Record<string, string> = {
  token: 'The action link’s token: the last path segment of the link in a nudge’s email',
  reportId: 'The `id` of a pending report (`pendingReports` of the agreement)',
};

function pathParameters(route: ApiRoute): OpenApiParameter[] {
  return Object.entries(PATH_PARAMETERS)
    .filter(([name]) => route.path.includes(`{${name}}`))
    .map(([name, description]) => ({
      name,
      in: 'path',
      required: true,
      description,
      schema: { type: 'string' },
    }));
}

async function operationOf(
  route: ApiRoute,
  bodyName: (schema: z.ZodMiniType) => string,
): Promise<OpenApiOperation> {
  const parameters = [
    ...(route.path.includes('{id}') ? [{ $ref: '#/components/parameters/AgreementId' }] : []),
    ...(route.path.includes('{documentId}')
      ? [{ $ref: '#/components/parameters/DocumentId' }]
      : []),
    ...pathParameters(route),
    ...(route.idempotent ? [{ $ref: '#/components/parameters/IdempotencyKey' }] : []),
    ...(await queryParameters(route)),
  ];
  return {
    operationId: route.name,
    summary: route.summary,
    tags: [tagOf(route)],
    security: route.auth ? [{ bearerAuth: [] }] : [],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: ref(bodyName(route.body)) } },
          },
        }
      : {}),
    responses: {
      [String(route.success.status)]: {
        description: route.success.description,
        ...(route.success.status === 201
          ? {
              headers: {
                Location: {
                  description: 'Where the created resource is',
                  schema: { type: 'string' },
                },
              },
            }
          : {}),
        content:
          route.success.view === 'export'
            ? EXPORT_CONTENT
            : { 'application/json': { schema: VIEWS[route.success.view] } },
      },
      ...Object.fromEntries(
        problemStatuses(route).map((status) => [status, problemResponse(status)]),
      ),
      ...(route.success.view === 'health'
        ? { 503: healthUnavailableResponse(ref('HealthProblem')) }
        : {}),
    },
  };
}

/** The whole document; async because some routes load their query schema lazily. */
export async function openApiDocument(): Promise<OpenApiDocument> {
  // A route whose body schema is not named in INPUTS gets a component named after the route.
  const inputs = { ...INPUTS };
  const bodyNames = new Map(Object.entries(inputs).map(([name, schema]) => [schema, name]));
  for (const route of API_ROUTES) {
    if (route.body && !bodyNames.has(route.body)) {
      const name = `${route.name.replace(/(^|-)(\w)/g, (_, _dash, c: string) => c.toUpperCase())}Request`;
      inputs[name] = route.body;
      bodyNames.set(route.body, name);
    }
  }
  const bodyName = (schema: z.ZodMiniType) => bodyNames.get(schema) ?? '';

  const paths: OpenApiDocument['paths'] = {};
  for (const route of API_ROUTES) {
    (paths[route.path] ??= {})[route.method.toLowerCase()] = await operationOf(route, bodyName);
  }
  const used = new Set(API_ROUTES.flatMap(problemStatuses));

  return {
    openapi: '3.1.0',
    info: { title: 'Sepakat API', version: packageJson.version, description: DESCRIPTION },
    servers: [{ url: '/', description: 'The API Gateway stage (or the local API) serving this' }],
    tags: TAGS,
    security: [{ bearerAuth: [] }],
    paths,
    components: {
      schemas: merge(componentsOf(inputs, 'input'), componentsOf(OUTPUTS, 'output')),
      responses: problemResponses(used, ref('Problem')),
      parameters: {
        AgreementId: {
          name: 'id',
          in: 'path',
          required: true,
          description: 'The agreement’s id',
          schema: { type: 'string' },
        },
        DocumentId: {
          name: 'documentId',
          in: 'path',
          required: true,
          description: 'The document’s id',
          schema: { type: 'string' },
        },
        IdempotencyKey: {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description:
            'Makes a retry safe: the same key with the same request answers as the first attempt did. 1-255 visible ASCII characters.',
          schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[!-~]+$' },
        },
      },
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'A Cognito ID token of the Sepakat user pool; its `cognito:groups` decide the role.',
        },
      },
    },
  };
}
