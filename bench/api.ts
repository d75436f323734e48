// The API section: throughput and latency of four routes through the local HTTP adapter, each
// beside the raw DynamoDB Local request it wraps, fired by autocannon at 1, 16 and 64
// connections. Target: p99 at most twice the raw call's at the same connections.
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { RequestStep } from 'autocannon';
import { ulid } from 'ulid';
import { createTableInput } from '../adapters/dynamodb/table-design.ts';
import { localClientConfig } from '../local/aws.ts';
import { startDynamoDbLocal } from '../local/dynamodb-local.ts';
import {
  agreementBody,
  benchAgreement,
  capturedInputs,
  creationItems,
  mouSignedBody,
} from './api-agreements.ts';
import {
  agreementReads,
  alternate,
  assertAnswered,
  anyOf,
  dynamoDbRequest,
  failuresCell,
  load,
  ms,
  startBenchServer,
  type BenchServer,
  type Figure,
  type Run,
} from './api-load.ts';
import { fixed, ratio, table, verdict, type BenchSection } from './report.ts';

const TABLE = 'sepakat-bench-api';
const CONNECTIONS = [1, 16, 64];
/** Each figure: ROUNDS runs of SECONDS, alternating with its baseline's (see alternate). */
const ROUNDS = 2;
const SECONDS = 2;
const WARM_UP_SECONDS = 1;
/** Agreements created before measuring: the targets of GET and the first of POST milestones. */
const SEEDED = 200;
const SEED_CONCURRENCY = 8;
const TARGET_RATIO = 2;
const LIST_LIMIT = 20;

/** A route, measured through the local API. */
interface Subject {
  route: string;
  request: () => RequestStep;
  /** Requests it may make (each takes a target from a pool); unset: no limit. */
  limit?: () => number;
  /** Whether it leaves work behind (executions started or woken). */
  writes: boolean;
}

/** The raw DynamoDB call some routes wrap, and those routes; measured in alternation. */
interface Group {
  baseline: string;
  raw: () => RequestStep;
  /** Another raw call, closer to what the routes send, to explain their ratio. */
  reference?: { name: string; raw: () => RequestStep };
  subjects: Subject[];
}

interface Point {
  subject: Figure;
  baseline: Figure;
  ratio: number;
  reference?: { name: string; figure: Figure; ratio: number };
}

export const apiSection: BenchSection = {
  id: 'api',
  title: 'API latency and throughput beside raw DynamoDB Local',
  run: async (context) => {
    context.progress('starting DynamoDB Local and the bench server');
    const dynamo = await startDynamoDbLocal();
    let server: BenchServer | undefined;
    try {
      const client = new DynamoDBClient(localClientConfig(dynamo.endpoint));
      try {
        await client.send(new CreateTableCommand(createTableInput(TABLE)));
      } finally {
        client.destroy();
      }
      server = await startBenchServer({ dynamoDbEndpoint: dynamo.endpoint, tableName: TABLE });
      const running = server;
      const auth = { authorization: `Bearer ${running.token}` };
      const json = { ...auth, 'content-type': 'application/json' };

      context.progress(`creating ${String(SEEDED)} agreements through the API`);
      let serial = 0;
      const seeded = await seed(running, () => agreementBody(serial++));
      /** Agreements in stage MOU, oldest first (their executions asleep the longest). */
      const fresh = [...seeded];
      const reads = await agreementReads(TABLE, seeded);
      const [listInput] = await capturedInputs(
        TABLE,
        (repository) => repository.list({ stage: 'MOU', limit: LIST_LIMIT }),
        { Items: [] },
      );
      const template = benchAgreement(0, running.now);
      const [agreementItem] = await creationItems(TABLE, template);
      const put = dynamoDbRequest('PutItem', { TableName: TABLE, Item: agreementItem });
      const putBody = put.body ?? '';
      const [creation] = await capturedInputs(TABLE, (repository) =>
        repository.create(template.agreement, template.events),
      );
      const transaction = dynamoDbRequest('TransactWriteItems', creation ?? {});
      const transactionBody = transaction.body ?? '';
      const milestone = JSON.stringify(mouSignedBody(running.now));
      const listPath = `/agreements?stage=MOU&limit=${String(LIST_LIMIT)}`;

      const groups: Group[] = [
        {
          baseline: `${reads.operation} (the agreement's items)`,
          raw: () => ({
            ...dynamoDbRequest(reads.operation, {}),
            setupRequest: (request) => ({ ...request, body: anyOf(reads.bodies) }),
          }),
          subjects: [
            {
              route: 'GET /agreements/{id}',
              request: () => ({
                method: 'GET',
                headers: auth,
                setupRequest: (request) => ({ ...request, path: `/agreements/${anyOf(seeded)}` }),
              }),
              writes: false,
            },
          ],
        },
        {
          baseline: `Query (ByStage, limit ${String(LIST_LIMIT)})`,
          raw: () => dynamoDbRequest('Query', listInput ?? {}),
          subjects: [
            {
              route: `GET ${listPath}`,
              request: () => ({ method: 'GET', path: listPath, headers: auth }),
              writes: false,
            },
          ],
        },
        {
          baseline: 'PutItem (agreement item)',
          raw: () => ({
            ...put,
            // A new agreement each time, as a creation stores.
            setupRequest: (request) => ({
              ...request,
              body: putBody.replaceAll(template.agreement.id, ulid()),
            }),
          }),
          reference: {
            name: 'TransactWriteItems (creation: agreement and event)',
            raw: () => ({
              ...transaction,
              setupRequest: (request) => ({
                ...request,
                body: transactionBody.replaceAll(template.agreement.id, ulid()),
              }),
            }),
          },
          subjects: [
            {
              route: 'POST /agreements',
              request: () => ({
                method: 'POST',
                path: '/agreements',
                headers: json,
                setupRequest: (request) => ({
                  ...request,
                  body: JSON.stringify(agreementBody(serial++)),
                }),
                onResponse: (status, _body, _context, headers) => {
                  const id = headers.location?.split('/').pop();
                  if (status === 201 && id) fresh.push(id);
                },
              }),
              writes: true,
            },
            {
              route: 'POST /agreements/{id}/milestones (MoU signed)',
              request: () => ({
                method: 'POST',
                headers: json,
                body: milestone,
                // Each agreement takes its MoU once: later ones would be 409 STAGE_MISMATCH.
                setupRequest: (request) => ({
                  ...request,
                  path: `/agreements/${fresh.shift() ?? 'none-left'}/milestones`,
                }),
              }),
              limit: () => fresh.length,
              writes: true,
            },
          ],
        },
      ];

      const calls = new Map<string, { operations: Record<string, number>; sent: number }>();
      // The executions that writes started or woke run on after the run: a run that writes
      // waits for that work to end, so the next run starts on a quiet machine and the
      // DynamoDB requests counted on the server are all its own.
      const measure = async (
        url: string,
        connections: number,
        seconds: number,
        request: RequestStep,
        subject?: Subject,
      ): Promise<Run> => {
        if (subject) await running.call({ command: 'operations' });
        const limit = subject?.limit?.();
        const run = await load({
          url,
          connections,
          seconds,
          request,
          ...(limit !== undefined ? { maxRequests: Math.max(connections, limit) } : {}),
        });
        if (!subject) return run;
        if (subject.writes) await running.settle();
        const counted = await running.call<Record<string, number>>({ command: 'operations' });
        const total = calls.get(subject.route) ?? { operations: {}, sent: 0 };
        for (const [name, count] of Object.entries(counted)) {
          total.operations[name] = (total.operations[name] ?? 0) + count;
        }
        total.sent += run.sent;
        calls.set(subject.route, total);
        return run;
      };

      context.progress('warming up every request');
      for (const group of groups) {
        await assertAnswered(dynamo.endpoint, group.baseline, group.raw());
        if (group.reference) {
          await assertAnswered(dynamo.endpoint, group.reference.name, group.reference.raw());
        }
        await measure(dynamo.endpoint, 16, WARM_UP_SECONDS, group.raw());
        if (group.reference) {
          await measure(dynamo.endpoint, 16, WARM_UP_SECONDS, group.reference.raw());
        }
        for (const subject of group.subjects) {
          await measure(running.apiUrl, 16, WARM_UP_SECONDS, subject.request(), subject);
        }
      }
      calls.clear();

      const points = new Map<string, Point[]>();
      for (const connections of CONNECTIONS) {
        for (const group of groups) {
          const routes = group.subjects.map((subject) => subject.route).join(', ');
          context.progress(`${routes} beside ${group.baseline}, ${String(connections)} conn.`);
          const { reference } = group;
          const figures = await alternate(connections, ROUNDS, [
            () => measure(dynamo.endpoint, connections, SECONDS, group.raw()),
            ...(reference
              ? [() => measure(dynamo.endpoint, connections, SECONDS, reference.raw())]
              : []),
            ...group.subjects.map(
              (subject) => () =>
                measure(running.apiUrl, connections, SECONDS, subject.request(), subject),
            ),
          ]);
          const baseline = figures[0] as Figure;
          const referenceFigure = reference ? figures[1] : undefined;
          const subjects = figures.slice(reference ? 2 : 1);
          for (const [index, subject] of subjects.entries()) {
            const route = group.subjects[index]?.route ?? '';
            points.set(route, [
              ...(points.get(route) ?? []),
              {
                subject,
                baseline,
                ratio: ratio(subject.p99, baseline.p99),
                ...(reference && referenceFigure
                  ? {
                      reference: {
                        name: reference.name,
                        figure: referenceFigure,
                        ratio: ratio(subject.p99, referenceFigure.p99),
                      },
                    }
                  : {}),
              },
            ]);
          }
        }
      }
      return report(groups, points, calls);
    } finally {
      await server?.stop();
      await dynamo.stop();
    }
  },
};

/** Creates agreements through the API, a few at a time; their ids, oldest first. */
async function seed(server: BenchServer, body: () => unknown): Promise<string[]> {
  const ids: string[] = [];
  let started = 0;
  const creator = async () => {
    while (started < SEEDED) {
      started += 1;
      const response = await fetch(`${server.apiUrl}/agreements`, {
        method: 'POST',
        headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body()),
      });
      const created = (await response.json()) as { id?: string; detail?: string };
      if (response.status !== 201 || !created.id) {
        throw new Error(
          `POST /agreements answered ${String(response.status)}: ${created.detail ?? ''}`,
        );
      }
      ids.push(created.id);
    }
  };
  await Promise.all(Array.from({ length: SEED_CONCURRENCY }, creator));
  await server.settle();
  return ids;
}

function report(
  groups: readonly Group[],
  points: ReadonlyMap<string, Point[]>,
  calls: ReadonlyMap<string, { operations: Record<string, number>; sent: number }>,
) {
  const routes = groups.flatMap((group) =>
    group.subjects.map((subject) => ({ route: subject.route, baseline: group.baseline })),
  );
  const rows = routes.flatMap(({ route, baseline: name }) =>
    (points.get(route) ?? []).map(({ subject, baseline, ratio: r }) => {
      const failed =
        Object.keys(subject.failures).length > 0 || Object.keys(baseline.failures).length > 0;
      return [
        route,
        subject.connections,
        fixed(subject.perSecond, 0),
        ms(subject.p50),
        ms(subject.p99),
        name,
        fixed(baseline.perSecond, 0),
        ms(baseline.p50),
        ms(baseline.p99),
        `${fixed(r, 2)}x`,
        `<= ${String(TARGET_RATIO)}x`,
        failed ? `${verdict(false)} (failed requests)` : verdict(r <= TARGET_RATIO),
        failuresCell(subject.failures),
      ];
    }),
  );
  const referenceRows = routes.flatMap(({ route }) =>
    (points.get(route) ?? []).flatMap(({ subject, reference }) =>
      reference
        ? [
            [
              route,
              subject.connections,
              ms(subject.p99),
              reference.name,
              ms(reference.figure.p50),
              ms(reference.figure.p99),
              `${fixed(reference.ratio, 2)}x`,
            ],
          ]
        : [],
    ),
  );
  const perRequest = (route: string): Record<string, number> => {
    const counted = calls.get(route);
    return Object.fromEntries(
      Object.entries(counted?.operations ?? {})
        .sort(([, a], [, b]) => b - a)
        .map(([name, count]) => [name, count / (counted?.sent || 1)]),
    );
  };
  const callLines = routes.map(({ route }) => {
    const each = Object.entries(perRequest(route))
      .map(([name, count]) => `${fixed(count, 1)} ${name}`)
      .join(', ');
    return `- ${route}: ${each || 'none'}`;
  });
  const markdown = [
    '## API',
    '',
    `Four routes through the local HTTP adapter (local/api), served by a child process that ` +
      `composes the API and the workflow engine as local mode does, on DynamoDB Local in ` +
      `memory. autocannon fires the requests from the bench process; each route is compared ` +
      `with the raw DynamoDB Local request it wraps, fired by autocannon straight at DynamoDB ` +
      `Local's HTTP endpoint (JSON protocol, a well-formed SigV4 header that DynamoDB Local ` +
      `does not verify) at the same connections. Each figure is ${String(ROUNDS)} runs of ` +
      `${String(SECONDS)} s, alternating with its baseline's (A B, then B A); a run that ` +
      `writes waits for ` +
      `the workflow work it left behind to end before the next starts. Latencies are those ` +
      `of the 2xx answers; every other answer is counted. Ratio: route p99 / baseline p99. ` +
      `Every POST /agreements is a new agreement (no Idempotency-Key) and starts its ` +
      `execution; every POST milestone records the MoU of an agreement still in stage MOU, ` +
      `oldest first, and wakes its sleeping execution. The workflow clock stands on a Sunday ` +
      `night, so no execution sends an email during the bench.`,
    '',
    table(
      [
        'Request',
        'Connections',
        'Requests/s',
        'p50 ms',
        'p99 ms',
        'Baseline',
        'Baseline req/s',
        'Baseline p50 ms',
        'Baseline p99 ms',
        'Ratio (p99)',
        'Target',
        'Verdict',
        'Non-2xx',
      ],
      rows,
    ),
    '',
    'The writes send a transaction, not a PutItem: the same write routes beside the raw ' +
      'transaction of a creation, measured in the same alternation (for explanation; the ' +
      'target is against PutItem):',
    '',
    table(
      [
        'Request',
        'Connections',
        'p99 ms',
        'Reference',
        'Reference p50 ms',
        'Reference p99 ms',
        'Ratio (p99)',
      ],
      referenceRows,
    ),
    '',
    'DynamoDB requests per API request, counted on the server (for writes, with the workflow ' +
      'work the request starts):',
    '',
    ...callLines,
  ].join('\n');
  const data = {
    target: { p99Ratio: TARGET_RATIO },
    method: { rounds: ROUNDS, secondsPerRun: SECONDS, connections: CONNECTIONS },
    routes: routes.map(({ route, baseline }) => ({
      route,
      baseline,
      points: points.get(route) ?? [],
      dynamoDbRequestsPerRequest: perRequest(route),
    })),
  };
  return { markdown, data };
}
