// The reports section (issue 19): GET /reports/cycle-times and the export of the agreement list
// (GET /agreements/export, CSV and XLSX) with 1,000 and 10,000 agreements on DynamoDB Local,
// each beside the raw DynamoDB reads it needs (every page of the Reports index; every page of
// the list), and the export's peak memory beside a process that reads the list's pages alone.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';
import {
  CreateTableCommand,
  DynamoDBClient,
  QueryCommand,
  type AttributeValue,
  type QueryCommandInput,
} from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  type BatchWriteCommandInput,
  type BatchWriteCommandOutput,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../adapters/dynamodb/client.ts';
import { createTableInput } from '../adapters/dynamodb/table-design.ts';
import { addDays, addYears } from '../domain/dates.ts';
import { createAgreement } from '../domain/lifecycle.ts';
import { createAgreementSchema, type MilestoneInput } from '../domain/schemas.ts';
import { localClientConfig } from '../local/aws.ts';
import { startDynamoDbLocal } from '../local/dynamodb-local.ts';
import { LOCAL_HOST_REGION_CODE } from '../local/local-mode.ts';
import { agreementBody, capturedInputs, creationItems, wireInput } from './api-agreements.ts';
import { ms, startBenchServer, type BenchServer } from './api-load.ts';
import type { ChildResult, ChildSettings, ChildTask } from './reports-child.ts';
import { fixed, ratio, summarize, table, verdict, type BenchSection } from './report.ts';

const SIZES = [1_000, 10_000] as const;
type Size = (typeof SIZES)[number];
const [SMALL] = SIZES;
/**
 * Samples of each request at each size, alternating (one order, then the reverse). Two: the
 * export at 10,000 takes seconds on DynamoDB Local.
 */
const ROUNDS = 2;
/** The target for GET /reports/cycle-times at 10,000 agreements. */
const CYCLE_TIMES_TARGET_MS = 1_000;
/** The export function's timeout and memory (infra/constructs/coordinator-api.ts). */
const EXPORT_TIMEOUT_MS = 10_000;
const FUNCTION_MEMORY_BYTES = 512 * 2 ** 20;
/** What a creation puts besides its events and counts: two items, so 12 fit in one batch. */
const STORED = ['Agreement', 'ReportRow'];
const AGREEMENTS_PER_BATCH = 12;
const LOAD_CONCURRENCY = 8;
const CHILD = fileURLToPath(new URL('./reports-child.ts', import.meta.url));
const MEMORY_TASKS: ChildTask[] = ['idle', 'pages', 'export-csv', 'export-xlsx'];
const count = (n: number) => n.toLocaleString('en');

/**
 * The n-th agreement, registered with its past milestones so that the stages, their lengths
 * and the MoU years vary as in a real programme: a quarter each still before the MoU, waiting
 * for the PKS, in handover, and in training.
 */
function reportAgreement(n: number, at: Date) {
  const mouOn = addDays('2019-01-07', (n * 37) % 2_200);
  const pksOn = addDays(mouOn, 20 + (n % 90));
  const handedOn = addDays(pksOn, 10 + (n % 60));
  const steps: MilestoneInput[] = [
    { type: 'MOU_SIGNED', occurredAt: mouOn },
    { type: 'PKS_SIGNED', occurredAt: pksOn, validUntil: addYears(pksOn, 3) },
    { type: 'APP_HANDED_OVER', occurredAt: handedOn, appId: 'sabilulungan' },
    { type: 'APP_HANDED_OVER', occurredAt: handedOn, appId: 'e-rk' },
  ];
  const reached = [0, 1, 2, 4][n % 4] ?? 0;
  const outcome = createAgreement(
    createAgreementSchema.parse({ ...agreementBody(n), milestones: steps.slice(0, reached) }),
    {
      now: at,
      actor: 'bench@bandung.example.go.id',
      id: `bench-${String(n).padStart(6, '0')}`,
      defaultHostRegionCode: LOCAL_HOST_REGION_CODE,
    },
  );
  if (!outcome.ok) throw new Error(`Bench agreement ${String(n)}: ${outcome.rejection.message}`);
  return outcome;
}

/**
 * Writes `size` agreement items and their report items as the repository's creation writes
 * them (index keys, report row, term keys), by BatchWriteItem. Their histories are left out: neither read touches them.
 */
async function loadAgreements(
  documents: DynamoDBDocumentClient,
  tableName: string,
  size: number,
): Promise<number> {
  const started = Date.now();
  const at = new Date();
  let next = 0;
  const writer = async () => {
    while (next < size) {
      const first = next;
      const last = Math.min(size, first + AGREEMENTS_PER_BATCH);
      next = last;
      const items: Record<string, unknown>[] = [];
      for (let n = first; n < last; n++) {
        const created = await creationItems(tableName, reportAgreement(n, at));
        items.push(...created.filter((item) => STORED.includes(String(item.entity))));
      }
      let request: BatchWriteCommandInput['RequestItems'] = {
        [tableName]: items.map((Item) => ({ PutRequest: { Item } })),
      };
      while (request && Object.keys(request).length > 0) {
        const written: BatchWriteCommandOutput = await documents.send(
          new BatchWriteCommand({ RequestItems: request }),
        );
        request = written.UnprocessedItems;
        if (request && Object.keys(request).length > 0) await delay(50);
      }
    }
  };
  await Promise.all(Array.from({ length: LOAD_CONCURRENCY }, writer));
  return (Date.now() - started) / 1000;
}

/** Every page of a query, raw through the SDK's DynamoDB client: items read and pages. */
async function queryAll(client: DynamoDBClient, input: Record<string, unknown>) {
  let startKey: Record<string, AttributeValue> | undefined;
  let items = 0;
  let pages = 0;
  do {
    const page = await client.send(
      new QueryCommand({
        ...(wireInput(input) as unknown as QueryCommandInput),
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    items += page.Items?.length ?? 0;
    pages += 1;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return { items, pages };
}

interface Measurement {
  name: string;
  /** What it is compared with at the same size (a raw read), if it is not itself one. */
  baseline?: string;
  /** The largest size's target, ms. */
  targetMs?: number;
  sample: (size: Size) => Promise<Shape>;
}

/** What one sample answered: rows and pages read (raw), or the status and size (API). */
interface Shape {
  items?: number;
  pages?: number;
  status?: number;
  bytes?: number;
}

/** Peak memory of fresh processes running a task once. */
function childRun(settings: ChildSettings): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = fork(CHILD, [JSON.stringify(settings)], {
      execArgv: ['--disable-warning=ExperimentalWarning'],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'SILENT' },
    });
    let stderr = '';
    let result: ChildResult | undefined;
    child.stderr?.on(
      'data',
      (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4096)),
    );
    child.on('message', (message: ChildResult) => (result = message));
    child.on('exit', (code) => {
      if (result) resolve(result);
      else reject(new Error(`${settings.task} exited ${String(code)}: ${stderr}`));
    });
  });
}

export const reportsSection: BenchSection = {
  id: 'reports',
  title: 'Cycle times and the export at 1,000 and 10,000 agreements',
  run: async (context) => {
    context.progress('starting DynamoDB Local');
    const dynamo = await startDynamoDbLocal();
    const client = new DynamoDBClient(localClientConfig(dynamo.endpoint));
    const documents = createDocumentClient(client);
    const tables = Object.fromEntries(
      SIZES.map((size) => [size, `sepakat-bench-reports-${String(size)}`]),
    ) as Record<Size, string>;
    const servers = new Map<Size, BenchServer>();
    try {
      const loadSeconds: Record<string, number> = {};
      for (const size of SIZES) {
        await client.send(new CreateTableCommand(createTableInput(tables[size])));
        context.progress(`loading ${count(size)} agreements`);
        loadSeconds[size] = await loadAgreements(documents, tables[size], size);
      }
      for (const size of SIZES) {
        servers.set(
          size,
          await startBenchServer({ dynamoDbEndpoint: dynamo.endpoint, tableName: tables[size] }),
        );
      }
      const reportsQuery = Object.fromEntries(
        await Promise.all(
          SIZES.map(async (size) => {
            const [input] = await capturedInputs(tables[size], (r) => r.reportRows({}), {});
            return [size, input ?? {}];
          }),
        ),
      ) as Record<Size, Record<string, unknown>>;
      const listQuery = Object.fromEntries(
        await Promise.all(
          SIZES.map(async (size) => {
            const [input] = await capturedInputs(tables[size], (r) => r.list({ limit: 100 }), {
              Items: [],
            });
            return [size, input ?? {}];
          }),
        ),
      ) as Record<Size, Record<string, unknown>>;
      const api = async (size: Size, path: string) => {
        const server = servers.get(size);
        if (!server) throw new Error('no bench server');
        const response = await fetch(`${server.apiUrl}${path}`, {
          headers: { authorization: `Bearer ${server.token}` },
        });
        const body = Buffer.from(await response.arrayBuffer());
        return { status: response.status, bytes: body.length };
      };
      const measurements: Measurement[] = [
        {
          name: 'GET /reports/cycle-times',
          baseline: 'Query Reports index, every page',
          targetMs: CYCLE_TIMES_TARGET_MS,
          sample: (size) => api(size, '/reports/cycle-times'),
        },
        {
          name: 'Query Reports index, every page',
          sample: (size) => queryAll(client, reportsQuery[size]),
        },
        ...(['xlsx', 'csv'] as const).map((format) => {
          const path = `/agreements/export?format=${format}`;
          return {
            name: `GET ${path}`,
            baseline: 'Query the list, every page of 100',
            targetMs: EXPORT_TIMEOUT_MS,
            sample: (size: Size) => api(size, path),
          };
        }),
        {
          name: 'Query the list, every page of 100',
          sample: (size) => queryAll(client, listQuery[size]),
        },
      ];
      const timings = new Map<string, number[]>();
      const answers = new Map<string, Shape[]>();
      const runs = measurements.flatMap((m) => SIZES.map((size) => ({ m, size })));
      // Loads the servers' code and DynamoDB Local's; the smaller size is enough for that.
      context.progress('warming up');
      for (const m of measurements) await m.sample(SMALL);
      for (let round = 0; round < ROUNDS; round++) {
        context.progress(`round ${String(round + 1)} of ${String(ROUNDS)}`);
        for (const { m, size } of round % 2 === 0 ? runs : runs.toReversed()) {
          const started = performance.now();
          const answer = await m.sample(size);
          const key = `${m.name}@${String(size)}`;
          timings.set(key, [...(timings.get(key) ?? []), performance.now() - started]);
          answers.set(key, [...(answers.get(key) ?? []), answer]);
        }
      }
      for (const server of servers.values()) await server.stop();
      servers.clear();

      const memory: Sized[] = [];
      for (const size of SIZES) {
        for (const task of MEMORY_TASKS) {
          context.progress(`peak memory: ${task} with ${count(size)}`);
          const result = await childRun({
            dynamoDbEndpoint: dynamo.endpoint,
            tableName: tables[size],
            task,
          });
          memory.push({ ...result, size });
        }
      }
      return report({ measurements, timings, answers, memory, loadSeconds });
    } finally {
      for (const server of servers.values()) await server.stop();
      client.destroy();
      await dynamo.stop();
    }
  },
};

type Sized = ChildResult & { size: Size };

function megabytes(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MB`;
}

function report(results: {
  measurements: Measurement[];
  timings: Map<string, number[]>;
  answers: Map<string, Shape[]>;
  memory: Sized[];
  loadSeconds: Record<string, number>;
}) {
  const [small, large] = SIZES;
  const stats = (name: string, size: Size) =>
    summarize(results.timings.get(`${name}@${String(size)}`) ?? [NaN]);
  const rows = results.measurements.map((m) => {
    const at = (size: Size) => stats(m.name, size);
    const answers = results.answers.get(`${m.name}@${String(large)}`) ?? [];
    const shape = answers.at(-1) ?? {};
    const failed = answers.filter((a) => a.status !== undefined && a.status !== 200);
    const base = m.baseline;
    const against = (size: Size) =>
      base ? `${fixed(ratio(at(size).median, stats(base, size).median), 1)}x` : '-';
    return [
      m.name,
      `${ms(at(large).median)} / ${ms(at(large).max)}`,
      `${ms(at(small).median)} / ${ms(at(small).max)}`,
      `${fixed(ratio(at(large).median, at(small).median), 1)}x`,
      base ? `${against(large)} / ${against(small)}` : '(raw reads, the baseline)',
      shape.status !== undefined
        ? failed.length > 0
          ? `**${failed.map((a) => String(a.status)).join(', ')}** of ${String(answers.length)}`
          : `200, ${megabytes(shape.bytes ?? 0)}`
        : `${count(shape.items ?? 0)} items, ${String(shape.pages ?? 0)} pages`,
      m.targetMs === undefined ? '-' : `median <= ${count(m.targetMs)} ms`,
      m.targetMs === undefined
        ? '-'
        : failed.length > 0
          ? `${verdict(false)} (failed requests)`
          : verdict(at(large).median <= m.targetMs),
    ];
  });
  const memoryOf = (task: ChildTask, size: Size) =>
    results.memory.find((r) => r.task === task && r.size === size);
  const memoryRows = MEMORY_TASKS.map((task) => {
    const at = (size: Size) => memoryOf(task, size);
    const pages = (size: Size) => memoryOf('pages', size)?.maxRss ?? NaN;
    const value = (size: Size) => at(size)?.maxRss ?? NaN;
    return [
      task === 'idle'
        ? 'modules loaded, nothing read'
        : task === 'pages'
          ? 'the list, every page of 100 (baseline)'
          : `the export handler, ${task.slice('export-'.length).toUpperCase()}`,
      `${megabytes(value(large))} / ${megabytes(value(small))}`,
      task.startsWith('export')
        ? `${fixed(ratio(value(large), pages(large)), 2)}x / ${fixed(ratio(value(small), pages(small)), 2)}x`
        : '-',
      `${ms(at(large)?.ms ?? NaN)} / ${ms(at(small)?.ms ?? NaN)}`,
      task.startsWith('export') ? `<= ${megabytes(FUNCTION_MEMORY_BYTES)}` : '-',
      task.startsWith('export') ? verdict(value(large) <= FUNCTION_MEMORY_BYTES) : '-',
    ];
  });
  const markdown = [
    '## Reports',
    '',
    `Two tables, of ${count(small)} and of ${count(large)} agreements (loaded in ` +
      `${fixed(results.loadSeconds[small] ?? NaN, 1)} s and ${fixed(results.loadSeconds[large] ?? NaN, 1)} s by ` +
      `BatchWriteItem, the agreement item and its report item as the repository's creation ` +
      `writes them: index keys, report row, term keys; a quarter each before the MoU, waiting for the PKS, in handover and in ` +
      `training, MoUs spread over 2019-2025). Each table has its own bench server (the local ` +
      `API, as in the API section); requests go one at a time as a host coordinator, ` +
      `${String(ROUNDS)} rounds over every request and size (one order, then the reverse) after ` +
      `a warm-up at ${count(small)}. A request still running after 29 s (API Gateway's limit, ` +
      `which the local API keeps through the handler's remaining time) answers 503 and counts as ` +
      `failed. Baselines: the raw reads each answer needs, sent by the SDK's DynamoDB client ` +
      `from the bench with the repository's own query (captured from it): every page of the ` +
      `Reports index for the cycle times, every page of 100 of the list for the export. ` +
      `Targets: the issue's 1 s for the cycle times at ${count(large)}; the export function's ` +
      `timeout (10 s) and memory (512 MB).`,
    '',
    table(
      [
        'Request',
        `${count(large)}: median / max ms`,
        `${count(small)}: median / max ms`,
        `${count(large)} / ${count(small)}`,
        `Against raw reads ${count(large)} / ${count(small)}`,
        `Answer at ${count(large)}`,
        'Target',
        'Verdict',
      ],
      rows,
    ),
    '',
    `Peak memory of the export: fresh Node processes (one per row and size) that load the ` +
      `export handler and the list use case, then run one task against the table; the figure ` +
      `is the process's peak resident set (\`process.resourceUsage().maxRSS\`, what Lambda ` +
      `reports as Max Memory Used). Baseline: the same process reading every page of the list ` +
      `and keeping none. The export holds one page of agreements at a time, and the file.`,
    '',
    table(
      [
        'Process',
        `Peak RSS ${count(large)} / ${count(small)}`,
        'Against the list alone',
        `Task ms ${count(large)} / ${count(small)}`,
        'Target',
        'Verdict',
      ],
      memoryRows,
    ),
  ].join('\n');
  const data = {
    sizes: SIZES,
    rounds: ROUNDS,
    loadSeconds: results.loadSeconds,
    requests: results.measurements.map((m) => ({
      name: m.name,
      baseline: m.baseline ?? null,
      ...Object.fromEntries(SIZES.map((size) => [size, stats(m.name, size)])),
      answers: Object.fromEntries(
        SIZES.map((size) => [size, results.answers.get(`${m.name}@${String(size)}`)]),
      ),
    })),
    memory: results.memory,
  };
  return { markdown, data };
}
