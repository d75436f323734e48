// The scale section: get and list latency with 1,000 and with 50,000 agreements in the table
// (every read is a key lookup or an index query, so the size must not show), and the memory
// the local engine holds per execution sleeping on its task token.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  type BatchWriteCommandInput,
  type BatchWriteCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import type { Request, RequestStep } from 'autocannon';
import { createDocumentClient } from '../adapters/dynamodb/client.ts';
import { createTableInput } from '../adapters/dynamodb/table-design.ts';
import { localClientConfig } from '../local/aws.ts';
import { startDynamoDbLocal } from '../local/dynamodb-local.ts';
import { benchAgreement, capturedInputs, creationItems } from './api-agreements.ts';
import {
  agreementReads,
  alternate,
  anyOf,
  assertAnswered,
  dynamoDbRequest,
  failuresCell,
  ms,
  startBenchServer,
  load,
  type BenchServer,
  type Figure,
} from './api-load.ts';
import type { Memory } from './api-server.ts';
import { fixed, kilobytes, ratio, table, verdict, type BenchSection } from './report.ts';

const SMALL = 1_000;
const LARGE = 50_000;
/** One table per size, each served by its own bench server; the engine's memory in a third. */
const TABLES = {
  small: 'sepakat-bench-1000',
  large: 'sepakat-bench-50000',
  executions: 'sepakat-bench-executions',
};
/**
 * Memory is read at these numbers of waiting executions; per execution is the slope of a line
 * fitted through them, so one-time costs of the first executions (clients, code) and the noise
 * of any single reading weigh little.
 */
const WAITING_STEPS = [100, 400, 700, 1_000];
const WAITING_EXECUTIONS = WAITING_STEPS.at(-1) ?? 0;
const CONNECTIONS = 16;
const ROUNDS = 2;
const SECONDS = 2;
const WARM_UP_SECONDS = 0.5;
const LIST_LIMIT = 20;
/** 50,000 against 1,000: p99 may grow this much (this machine's run-to-run noise) and no more. */
const GROWTH_TARGET = 1.5;
/**
 * Set here, not in the issue: a host's open agreements all wait at once in local mode, and
 * 1,000 of them should fit in 100 MB of heap.
 */
const BYTES_PER_EXECUTION_TARGET = 100 * 1024;
/** GET asks for as many different agreements at each size: every n-th of the table. */
const TARGETS = 1_000;
/**
 * Agreements per BatchWriteItem (25 items at most): three items each, the agreement, its report
 * item and its creation event.
 */
const AGREEMENTS_PER_BATCH = 8;
const LOAD_CONCURRENCY = 8;
/** Loaded agreements were created before the bench started, one every this many ms. */
const LOADED_SPACING_MS = 10 * 60_000;
const REPOSITORY_ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Where the code that talks to DynamoDB lives (tests and the bench aside). */
const SOURCE_DIRECTORIES = ['adapters', 'functions', 'local', 'cli', 'scripts', 'domain'];
/** The ways the AWS SDK v3 sends a Scan. */
const SCAN_USE = /\b(ScanCommand|paginateScan)\b/;

type Size = 'small' | 'large';

/** One request at both sizes: through the API, or raw against DynamoDB Local. */
interface Read {
  name: string;
  /** Whether it goes through the API (else: the raw call, for reference). */
  api: boolean;
  request: (size: Size) => RequestStep;
}

interface Measured {
  read: string;
  api: boolean;
  small: Figure;
  large: Figure;
}

interface MemoryFigures {
  idle: Memory;
  /** At each of WAITING_STEPS. */
  waiting: Memory[];
  /** How long starting all the executions took, ms. */
  startMs: number;
}

export const scaleSection: BenchSection = {
  id: 'scale',
  title: 'Latency at 1,000 and 50,000 agreements; memory per waiting execution',
  run: async (context) => {
    context.progress('starting DynamoDB Local');
    const dynamo = await startDynamoDbLocal();
    const client = new DynamoDBClient(localClientConfig(dynamo.endpoint));
    const servers: BenchServer[] = [];
    const operations: Record<string, number> = {};
    const start = async (tableName: string) => {
      const server = await startBenchServer({ dynamoDbEndpoint: dynamo.endpoint, tableName });
      servers.push(server);
      return server;
    };
    const stop = async (server: BenchServer) => {
      const counted = await server.call<Record<string, number>>({ command: 'operations' });
      for (const [name, count] of Object.entries(counted)) {
        operations[name] = (operations[name] ?? 0) + count;
      }
      await server.stop();
      servers.splice(servers.indexOf(server), 1);
    };
    try {
      for (const table of Object.values(TABLES)) {
        await client.send(new CreateTableCommand(createTableInput(table)));
      }
      context.progress(
        `starting ${WAITING_EXECUTIONS.toLocaleString('en')} executions that sleep on their tasks`,
      );
      const engine = await start(TABLES.executions);
      const memory = await waitingMemory(engine);
      await stop(engine);

      const documents = createDocumentClient(client);
      const before = new Date();
      const loaded = {
        small: await loadAgreements(documents, TABLES.small, SMALL, before, () => undefined),
        large: await loadAgreements(documents, TABLES.large, LARGE, before, (percent) => {
          context.progress(`loading ${LARGE.toLocaleString('en')} agreements: ${percent}%`);
        }),
      };

      context.progress('get and list at both sizes, alternating');
      const [small, large] = await Promise.all([start(TABLES.small), start(TABLES.large)]);
      const api: Record<Size, BenchServer> = { small, large };
      const agreementRead: Record<Size, { operation: string; bodies: string[] }> = {
        small: await agreementReads(TABLES.small, loaded.small.sample),
        large: await agreementReads(TABLES.large, loaded.large.sample),
      };
      const readOperation = agreementRead.small.operation;
      const listPath = `/agreements?stage=MOU&limit=${String(LIST_LIMIT)}`;
      const query = async (size: Size) => {
        const [input] = await capturedInputs(
          TABLES[size],
          (repository) => repository.list({ stage: 'MOU', limit: LIST_LIMIT }),
          { Items: [] },
        );
        return dynamoDbRequest('Query', input ?? {});
      };
      const queries: Record<Size, Request> = {
        small: await query('small'),
        large: await query('large'),
      };
      const reads: Read[] = [
        {
          name: 'GET /agreements/{id}',
          api: true,
          request: (size) => ({
            method: 'GET',
            headers: { authorization: `Bearer ${api[size].token}` },
            setupRequest: (request) => ({
              ...request,
              path: `/agreements/${anyOf(loaded[size].sample)}`,
            }),
          }),
        },
        {
          name: `GET ${listPath}`,
          api: true,
          request: (size) => ({
            method: 'GET',
            path: listPath,
            headers: { authorization: `Bearer ${api[size].token}` },
          }),
        },
        {
          name: `${readOperation} (the agreement's items)`,
          api: false,
          request: (size) => ({
            ...dynamoDbRequest(readOperation, {}),
            setupRequest: (request) => ({ ...request, body: anyOf(agreementRead[size].bodies) }),
          }),
        },
        {
          name: `Query (ByStage, limit ${String(LIST_LIMIT)})`,
          api: false,
          request: (size) => queries[size],
        },
      ];
      const runs = (seconds: number) =>
        reads.flatMap((read) =>
          (['small', 'large'] as const).map(
            (size) => () =>
              load({
                url: read.api ? api[size].apiUrl : dynamo.endpoint,
                connections: CONNECTIONS,
                seconds,
                request: read.request(size),
              }),
          ),
        );
      for (const read of reads.filter((r) => !r.api)) {
        for (const size of ['small', 'large'] as const) {
          await assertAnswered(dynamo.endpoint, read.name, read.request(size));
        }
      }
      // Both servers' first requests load code and open connections: not part of a figure.
      for (const warmUp of runs(WARM_UP_SECONDS)) await warmUp();
      const figures = await alternate(CONNECTIONS, ROUNDS, runs(SECONDS));
      const measured: Measured[] = reads.map((read, index) => ({
        read: read.name,
        api: read.api,
        small: figures[2 * index] as Figure,
        large: figures[2 * index + 1] as Figure,
      }));
      await stop(small);
      await stop(large);
      return report({
        measured,
        load: loaded.large,
        memory,
        operations,
        scans: await scanUses(),
      });
    } finally {
      for (const server of servers) await server.stop();
      client.destroy();
      await dynamo.stop();
    }
  },
};

/** The engine's process memory idle, then at each step of executions asleep. */
async function waitingMemory(server: BenchServer): Promise<MemoryFigures> {
  const idle = await server.call<Memory>({ command: 'memory' });
  const waiting: Memory[] = [];
  let startMs = 0;
  let started = 0;
  for (const step of WAITING_STEPS) {
    const { ms: took } = await server.call<{ ms: number }>({
      command: 'wait',
      count: step - started,
    });
    startMs += took;
    started = step;
    waiting.push(await server.call<Memory>({ command: 'memory' }));
  }
  return { idle, waiting, startMs };
}

/** The least-squares slope of `ys` over WAITING_STEPS: bytes per execution. */
function slope(ys: readonly number[]): number {
  const xs = WAITING_STEPS;
  const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  const [mx, my] = [mean(xs), mean(ys)];
  const covariance = xs.reduce((sum, x, i) => sum + (x - mx) * ((ys[i] ?? my) - my), 0);
  return covariance / xs.reduce((sum, x) => sum + (x - mx) ** 2, 0);
}

interface Loaded {
  agreements: number;
  items: number;
  seconds: number;
  /** Ids of every n-th agreement, TARGETS in all, for GET. */
  sample: string[];
}

/**
 * Fills the table with `count` agreements, the repository's own items (captured from its
 * creation transaction) written by BatchWriteItem from several writers at once.
 */
async function loadAgreements(
  documents: ReturnType<typeof createDocumentClient>,
  tableName: string,
  count: number,
  before: Date,
  progress: (percent: number) => void,
): Promise<Loaded> {
  const started = Date.now();
  const sampleEvery = Math.max(1, Math.floor(count / TARGETS));
  const sample: string[] = [];
  let next = 0;
  let items = 0;
  let reported = 0;
  const writer = async () => {
    while (next < count) {
      const batch: Record<string, unknown>[] = [];
      for (const end = Math.min(count, next + AGREEMENTS_PER_BATCH); next < end; next++) {
        const created = benchAgreement(
          next,
          new Date(before.getTime() - (count - next) * LOADED_SPACING_MS),
        );
        if (next % sampleEvery === 0) sample.push(created.agreement.id);
        batch.push(...(await creationItems(tableName, created)));
      }
      let request: BatchWriteCommandInput['RequestItems'] = {
        [tableName]: batch.map((Item) => ({ PutRequest: { Item } })),
      };
      while (request && Object.keys(request).length > 0) {
        const written: BatchWriteCommandOutput = await documents.send(
          new BatchWriteCommand({ RequestItems: request }),
        );
        request = written.UnprocessedItems;
        if (request && Object.keys(request).length > 0) await delay(50);
      }
      items += batch.length;
      const percent = Math.floor((next / count) * 10) * 10;
      if (percent > reported) {
        reported = percent;
        progress(percent);
      }
    }
  };
  await Promise.all(Array.from({ length: LOAD_CONCURRENCY }, writer));
  return { agreements: count, items, seconds: (Date.now() - started) / 1000, sample };
}

/** Files of the repository's own code that send a Scan, with the line. */
async function scanUses(): Promise<string[]> {
  const uses: string[] = [];
  for (const directory of SOURCE_DIRECTORIES) {
    const files = await readdir(path.join(REPOSITORY_ROOT, directory), { recursive: true });
    for (const file of files.filter((name) => name.endsWith('.ts'))) {
      const relative = path.join(directory, file);
      const text = await readFile(path.join(REPOSITORY_ROOT, relative), 'utf8');
      for (const [index, line] of text.split('\n').entries()) {
        if (SCAN_USE.test(line)) uses.push(`${relative}:${String(index + 1)}`);
      }
    }
  }
  return uses;
}

function report(results: {
  measured: Measured[];
  load: Loaded;
  memory: MemoryFigures;
  operations: Record<string, number>;
  scans: string[];
}) {
  const { memory, load: loaded } = results;
  const growthRows = results.measured.map(({ read, api, small, large }) => {
    const growth = ratio(large.p99, small.p99);
    const failed = Object.keys(small.failures).length > 0 || Object.keys(large.failures).length > 0;
    return [
      read,
      `${ms(large.p50)} / ${ms(large.p99)}`,
      `${ms(small.p50)} / ${ms(small.p99)}`,
      `${fixed(ratio(large.p50, small.p50), 2)}x / ${fixed(growth, 2)}x`,
      `${fixed(large.perSecond, 0)} / ${fixed(small.perSecond, 0)}`,
      api ? `p99 <= ${String(GROWTH_TARGET)}x` : '(raw call, for reference)',
      api
        ? failed
          ? `${verdict(false)} (failed requests)`
          : verdict(growth <= GROWTH_TARGET)
        : '-',
      `${failuresCell(large.failures)} / ${failuresCell(small.failures)}`,
    ];
  });
  const perExecution = slope(memory.waiting.map((m) => m.heapUsed));
  const rssPerExecution = slope(memory.waiting.map((m) => m.rss));
  const full = memory.waiting.at(-1) ?? memory.idle;
  const scanned = (results.operations.Scan ?? 0) > 0 || results.scans.length > 0;
  const operationList = Object.entries(results.operations)
    .sort(([, a], [, b]) => b - a)
    .map(([name, count]) => `${count.toLocaleString('en')} ${name}`)
    .join(', ');
  const count = (n: number) => n.toLocaleString('en');
  const markdown = [
    '## Scale',
    '',
    `Two tables, of ${count(SMALL)} and of ${count(LARGE)} agreements, loaded by the bench ` +
      `with the repository's own items (each agreement with its index keys and its creation ` +
      `event, captured from the repository's creation transaction) by BatchWriteItem: ` +
      `${count(loaded.items)} items in ${fixed(loaded.seconds, 0)} s ` +
      `(${fixed(loaded.items / loaded.seconds, 0)} items/s, DynamoDB Local in memory). Each ` +
      `table has its own bench server (the local API and engine, as in the API section), the ` +
      `two alike but for their table, and the requests alternate between the sizes: ` +
      `${String(ROUNDS)} runs of ${String(SECONDS)} s per request and size (in one order, then ` +
      `the reverse), after a warm-up, ` +
      `${String(CONNECTIONS)} connections. GET asks for random agreements among ` +
      `${count(TARGETS)} spread over the table; the list is the first page of stage MOU, ` +
      `which holds every agreement. Figure: with ${count(LARGE)}; baseline: with ` +
      `${count(SMALL)}. Target: p99 grows at most ${String(GROWTH_TARGET)}x, the noise ` +
      `between two runs of one figure on this machine.`,
    '',
    table(
      [
        'Request',
        `${count(LARGE)}: p50 / p99 ms`,
        `${count(SMALL)}: p50 / p99 ms`,
        'Ratio p50 / p99',
        `Requests/s ${count(LARGE)} / ${count(SMALL)}`,
        'Target',
        'Verdict',
        `Non-2xx ${count(LARGE)} / ${count(SMALL)}`,
      ],
      growthRows,
    ),
    '',
    `No Scan: ${
      results.scans.length === 0
        ? `no ScanCommand or paginateScan in ${SOURCE_DIRECTORIES.join('/, ')}/ (a static ` +
          `check of the source)`
        : `**Scan used** at ${results.scans.join(', ')}`
    }; the bench servers sent ${operationList} in this section, ` +
      `${scanned ? '**Scan included**' : 'no Scan'} (counted by their DynamoDB client).`,
    '',
    `Memory of a bench server (engine and API in one process) after full garbage ` +
      `collections (node --expose-gc): started, with no execution (baseline), then with ` +
      `${count(WAITING_EXECUTIONS)} executions started as POST /agreements starts them, each ` +
      `asleep on its task token (all started in ${fixed(memory.startMs / 1000, 1)} s; at ` +
      `workflow time Sunday night, no timeout is near). Per execution: the slope of a line ` +
      `fitted through the readings at ${WAITING_STEPS.map(count).join(', ')} waiting ` +
      `executions, so one-time costs of the first ones stay out. The target ` +
      `is this bench's, not the issue's: ${count(WAITING_EXECUTIONS)} waiting agreements in ` +
      `100 MB of heap.`,
    '',
    table(
      ['Figure', 'Value', 'Baseline (no execution)', 'Ratio', 'Target', 'Verdict'],
      [
        [
          'Heap per waiting execution',
          kilobytes(perExecution),
          '-',
          '-',
          `<= ${kilobytes(BYTES_PER_EXECUTION_TARGET)}`,
          verdict(perExecution <= BYTES_PER_EXECUTION_TARGET),
        ],
        ['RSS per waiting execution', kilobytes(rssPerExecution), '-', '-', '-', '-'],
        [
          `Heap with ${count(WAITING_EXECUTIONS)} waiting`,
          megabytes(full.heapUsed),
          megabytes(memory.idle.heapUsed),
          `${fixed(ratio(full.heapUsed, memory.idle.heapUsed), 2)}x`,
          '-',
          '-',
        ],
        [
          `RSS with ${count(WAITING_EXECUTIONS)} waiting`,
          megabytes(full.rss),
          megabytes(memory.idle.rss),
          `${fixed(ratio(full.rss, memory.idle.rss), 2)}x`,
          '-',
          '-',
        ],
      ],
    ),
  ].join('\n');
  const data = {
    targets: { p99Growth: GROWTH_TARGET, bytesPerWaitingExecution: BYTES_PER_EXECUTION_TARGET },
    method: { connections: CONNECTIONS, rounds: ROUNDS, secondsPerRun: SECONDS },
    reads: results.measured,
    load: { agreements: loaded.agreements, items: loaded.items, seconds: loaded.seconds },
    memory: {
      ...memory,
      heapPerWaitingExecution: perExecution,
      rssPerWaitingExecution: rssPerExecution,
    },
    noScan: { staticUses: results.scans, serverOperations: results.operations },
  };
  return { markdown, data };
}

function megabytes(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MB`;
}
