// The overhead section: each API route's real handler invoked directly in this process (an API
// Gateway event in, the response out), beside the AWS calls it makes sent raw with the same
// clients against the same data, interleaved call for call. What is left between the two is
// Sepakat's own code (middy, Powertools, validation, the document client, the domain, the view),
// without the local HTTP adapter of the api section. Target: handler p99 at most 2 x the raw p99.
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { performance } from 'node:perf_hooks';
import { ulid } from 'ulid';
import { DynamoAgreementRepository } from '../adapters/dynamodb/agreement-repository.ts';
import { createDocumentClient } from '../adapters/dynamodb/client.ts';
import { createTableInput } from '../adapters/dynamodb/table-design.ts';
import type { ApiHandler } from '../functions/api/http.ts';
import { API_ROUTES, type ApiRoute } from '../functions/api/routes.ts';
import { localClientConfig } from '../local/aws.ts';
import { LOCAL_HOST_REGION_CODE } from '../local/local-mode.ts';
import { lambdaContext } from '../local/stepfunctions/lifecycle.ts';
import { agreementBody, mouSignedBody } from './api-agreements.ts';
import { startStandIns } from './cold-start-stand-ins.ts';
import { batchesOf, CallRecorder, describeCalls, replayOf, sendReplay } from './overhead-calls.ts';
import {
  DOCUMENTS,
  proxyEvent,
  seedReadTable,
  seedWaiting,
  type RouteRequest,
} from './overhead-fixtures.ts';
import {
  fixed,
  ratio,
  summarize,
  table,
  verdict,
  type BenchSection,
  type Summary,
} from './report.ts';

const INVOCATIONS = 1000;
const WARM_UP = 50;
const TARGET_RATIO = 2;
/** Agreements on the read routes' table besides the one they look at. */
const READ_AGREEMENTS = 40;
const WRITE_TABLE = 'sepakat-bench-overhead-writes';

/** One route as measured: its requests, and for a write how a replay gets a target of its own. */
interface Case {
  name: string;
  table: 'read' | 'write';
  request: (n: number) => RouteRequest;
  /** A write: a fresh target for each replay, in place of the one the recorded calls name. */
  freshTarget?: () => string;
}

interface RouteFigures {
  route: string;
  calls: string;
  handler: Summary;
  raw: Summary;
  p50Ratio: number;
  p99Ratio: number;
  /** Handler answers other than 2xx, raw calls that did not end as recorded. */
  failures: { handler: number; raw: number };
}

export const overheadSection: BenchSection = {
  id: 'overhead',
  title: 'In-process handler overhead beside the raw AWS calls',
  run: async (context) => {
    const standIns = await startStandIns((message) => {
      context.progress(message);
    });
    const dynamoDb = new DynamoDBClient(
      localClientConfig(standIns.endpoints.AWS_ENDPOINT_URL_DYNAMODB ?? ''),
    );
    const sfn = new SFNClient(localClientConfig(standIns.endpoints.AWS_ENDPOINT_URL_SFN ?? ''));
    try {
      await dynamoDb.send(new CreateTableCommand(createTableInput(WRITE_TABLE)));
      const repositoryOn = (tableName: string) =>
        new DynamoAgreementRepository({ client: createDocumentClient(dynamoDb), tableName });
      const writes = repositoryOn(WRITE_TABLE);
      context.progress(`seeding ${String(READ_AGREEMENTS + 1)} agreements to read`);
      const { focusId, actionToken } = await seedReadTable(
        repositoryOn(standIns.tableName),
        READ_AGREEMENTS,
      );
      const perSide = WARM_UP + INVOCATIONS + 1;
      context.progress(`seeding ${String(2 * perSide)} agreements waiting for their MoU`);
      const waiting = await seedWaiting(writes, 2 * perSide);
      const forHandler = waiting.slice(0, perSide);
      const forReplay = waiting.slice(perSide);
      const take = (pool: string[]) => pool.shift() ?? 'none-left';

      const cases: Case[] = [
        { name: 'list-agreements', table: 'read', request: () => ({}) },
        { name: 'get-agreement', table: 'read', request: () => ({ params: { id: focusId } }) },
        { name: 'get-history', table: 'read', request: () => ({ params: { id: focusId } }) },
        { name: 'list-documents', table: 'read', request: () => ({ params: { id: focusId } }) },
        { name: 'get-report-summary', table: 'read', request: () => ({}) },
        { name: 'cycle-times', table: 'read', request: () => ({}) },
        { name: 'get-action', table: 'read', request: () => ({ params: { token: actionToken } }) },
        {
          name: 'create-agreement',
          table: 'write',
          request: (n) => ({ body: agreementBody(n) }),
          freshTarget: () => ulid(),
        },
        {
          name: 'record-milestone',
          table: 'write',
          request: () => ({
            params: { id: take(forHandler) },
            body: mouSignedBody(new Date()),
          }),
          freshTarget: () => take(forReplay),
        },
      ];

      const recorder = new CallRecorder();
      recorder.instrument(dynamoDb, 'dynamodb');
      recorder.instrument(sfn, 'sfn');
      const clients = { dynamodb: dynamoDb, sfn };
      const values: Record<string, string> = {
        STATE_MACHINE_ARN: standIns.stateMachineArn,
        HOST_REGION_CODE: LOCAL_HOST_REGION_CODE,
        ALLOWED_ORIGINS: '',
        DOCUMENT_BUCKET: 'sepakat-bench-documents',
      };

      const figures: RouteFigures[] = [];
      for (const measured of cases) {
        const route = routeNamed(measured.name);
        const tableName = measured.table === 'read' ? standIns.tableName : WRITE_TABLE;
        const environment = Object.fromEntries(
          route.environment.map((name) => [name, { ...values, TABLE_NAME: tableName }[name]]),
        );
        const handler = (await route.load()).createHandler(environment, { dynamoDb, sfn });
        let served = 0;
        const invoke = () => invokeRoute(route, handler, measured.request(served++));

        // One invocation recorded: the calls every replay sends again.
        const recorded = await recorder.record(invoke);
        const answer = recorded.result;
        if (answer.statusCode >= 300) {
          throw new Error(`${route.name} answered ${String(answer.statusCode)}: ${answer.body}`);
        }
        const target = recordedTarget(measured, answer);
        const batches = batchesOf(recorded.calls);
        const replay = () =>
          replayOf(
            batches,
            target && measured.freshTarget
              ? { from: target, to: measured.freshTarget() }
              : undefined,
          );

        context.progress(
          `${route.method} ${route.path}: ${String(INVOCATIONS)} invocations beside ` +
            describeCalls(recorded.calls),
        );
        const handlerMs: number[] = [];
        const rawMs: number[] = [];
        const failures = { handler: 0, raw: 0 };
        const runHandler = async (keep: boolean) => {
          const started = performance.now();
          const result = await invoke();
          const took = performance.now() - started;
          if (result.statusCode >= 300) failures.handler += 1;
          if (keep) handlerMs.push(took);
        };
        const runRaw = async (keep: boolean) => {
          const prepared = replay();
          const started = performance.now();
          const mismatches = await sendReplay(prepared, clients);
          const took = performance.now() - started;
          if (mismatches > 0) failures.raw += 1;
          if (keep) rawMs.push(took);
        };
        for (let i = -WARM_UP; i < INVOCATIONS; i++) {
          const keep = i >= 0;
          // Each goes first half the time.
          if (i % 2 === 0) {
            await runHandler(keep);
            await runRaw(keep);
          } else {
            await runRaw(keep);
            await runHandler(keep);
          }
        }
        const handlerSummary = summarize(handlerMs);
        const rawSummary = summarize(rawMs);
        figures.push({
          route: `${route.method} ${route.path}`,
          calls: describeCalls(recorded.calls),
          handler: handlerSummary,
          raw: rawSummary,
          p50Ratio: ratio(handlerSummary.median, rawSummary.median),
          p99Ratio: ratio(handlerSummary.p99, rawSummary.p99),
          failures,
        });
      }
      return report(figures);
    } finally {
      dynamoDb.destroy();
      sfn.destroy();
      await standIns.stop();
    }
  },
};

function routeNamed(name: string): ApiRoute {
  const route = API_ROUTES.find((r) => r.name === name);
  if (!route) throw new Error(`No API route ${name}`);
  return route;
}

async function invokeRoute(
  route: ApiRoute,
  handler: ApiHandler,
  request: RouteRequest,
): Promise<APIGatewayProxyResult> {
  const arn = `arn:aws:lambda:ap-southeast-3:000000000000:function:sepakat-${route.name}`;
  return handler(proxyEvent(route, request), lambdaContext(route.name, arn));
}

/** The agreement a recorded write names: the one it was sent to, or the one it created. */
function recordedTarget(measured: Case, answer: APIGatewayProxyResult): string | undefined {
  if (measured.table !== 'write') return undefined;
  const { id } = JSON.parse(answer.body) as { id?: string };
  if (!id) throw new Error(`${measured.name} answered without an agreement id`);
  return id;
}

function report(figures: readonly RouteFigures[]) {
  const ms = (value: number) => fixed(value, 2);
  const rows = figures.map((f) => {
    const failed = f.failures.handler + f.failures.raw > 0;
    return [
      f.route,
      f.calls,
      ms(f.handler.median),
      ms(f.handler.p99),
      ms(f.raw.median),
      ms(f.raw.p99),
      `${fixed(f.p50Ratio, 2)}x`,
      `${fixed(f.p99Ratio, 2)}x`,
      `<= ${String(TARGET_RATIO)}x`,
      failed
        ? `${verdict(false)} (${String(f.failures.handler)} handler failures, ` +
          `${String(f.failures.raw)} raw mismatches)`
        : verdict(f.p99Ratio <= TARGET_RATIO),
    ];
  });
  const markdown = [
    '## In-process handler overhead',
    '',
    `Each route's real handler (\`createHandler\` of functions/api/, as the Lambda runs it) ` +
      `invoked directly in the bench process with an API Gateway REST proxy event carrying ` +
      `the Cognito authorizer's claims, ${String(INVOCATIONS)} times after ${String(WARM_UP)} ` +
      `warm-up invocations, beside the raw AWS calls it makes: one invocation's calls are ` +
      `recorded from the handler's own clients (the input as the service receives it, after ` +
      `the document client's marshalling) and sent again with the same clients, as the ` +
      `low-level commands, calls the handler made in parallel in parallel. Handler and raw ` +
      `calls alternate one for one (each first half the time) against DynamoDB Local, and the ` +
      `local Step Functions engine's HTTP API (a state machine that ends at once). Reads run ` +
      `on a table of ${String(READ_AGREEMENTS + 1)} agreements that does not change meanwhile ` +
      `(the agreement they look at has its MoU signed, ${String(DOCUMENTS)} documents and a live action ` +
      `link); each POST /agreements creates a new agreement and each replay writes the ` +
      `recorded creation under a new id; each milestone goes to its own agreement waiting for ` +
      `its MoU with a stored task token (one the engine does not know: the handler clears it, ` +
      `as it does a token that expired), its replay to another in the same state. Logs and ` +
      `metrics are silenced, as in every in-process section. No HTTP adapter is involved: ` +
      `this is Sepakat's own code (middy, Powertools, validation, the document client, the ` +
      `use case, the view) beside the floor of the calls it cannot avoid.`,
    '',
    table(
      [
        'Route',
        'AWS calls per request',
        'Handler p50 ms',
        'Handler p99 ms',
        'Raw p50 ms',
        'Raw p99 ms',
        'Ratio (p50)',
        'Ratio (p99)',
        'Target',
        'Verdict',
      ],
      rows,
    ),
  ].join('\n');
  const data = {
    target: { p99Ratio: TARGET_RATIO },
    method: { invocations: INVOCATIONS, warmUp: WARM_UP, readAgreements: READ_AGREEMENTS + 1 },
    routes: figures,
  };
  return { markdown, data };
}
