// Shared by the API and scale sections: the bench server (bench/api-server.ts) in a child
// process, raw DynamoDB Local requests, and autocannon runs that keep every response time
// (autocannon's own histogram counts whole milliseconds, coarser than a local GetItem).
import { fork } from 'node:child_process';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import autocannon, { type Request, type RequestStep } from 'autocannon';
import { capturedRequests, wireInput } from './api-agreements.ts';
import type { ServerCommand, ServerReady, ServerReply, ServerSettings } from './api-server.ts';
import { summarize } from './report.ts';

const SERVER = fileURLToPath(new URL('./api-server.ts', import.meta.url));
const READY_TIMEOUT_MS = 60_000;
/** Kept of the server's output, to say why it failed. */
const OUTPUT_TAIL = 8192;

export interface BenchServer {
  apiUrl: string;
  /** A host coordinator's development token. */
  token: string;
  /** The server's workflow time when it started. */
  now: Date;
  call<T>(command: ServerCommand): Promise<T>;
  /** Waits until the server's own work (executions after writes) has died down. */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

export async function startBenchServer(settings: ServerSettings): Promise<BenchServer> {
  const child = fork(SERVER, [JSON.stringify(settings)], {
    execArgv: ['--expose-gc', '--disable-warning=ExperimentalWarning'],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-OUTPUT_TAIL);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  // A failed spawn or send: said by the exit that follows or by the call's own callback.
  child.on('error', (error) => {
    output += `\n${error.message}`;
  });
  const pending = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (e: Error) => void }
  >();
  let exited: Error | undefined;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = new Error(
        `The bench server exited (${String(signal ?? code)}):\n${output.trim() || '(no output)'}`,
      );
      for (const { reject } of pending.values()) reject(exited);
      pending.clear();
      resolve();
    });
  });
  let nextId = 0;
  const call = <T>(command: ServerCommand): Promise<T> => {
    if (exited) return Promise.reject(exited);
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      child.send({ ...command, id }, (error) => {
        if (!error) return;
        pending.delete(id);
        reject(error);
      });
    });
  };
  const ready = new Promise<ServerReady>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`The bench server did not start within ${String(READY_TIMEOUT_MS)} ms`));
    }, READY_TIMEOUT_MS);
    void exit.then(() => {
      clearTimeout(timer);
      reject(exited ?? new Error('The bench server exited'));
    });
    child.on('message', (message: ServerReady | ServerReply) => {
      if ('type' in message) {
        clearTimeout(timer);
        resolve(message);
        return;
      }
      const waiting = pending.get(message.id);
      pending.delete(message.id);
      if (message.error !== undefined) waiting?.reject(new Error(message.error));
      else waiting?.resolve(message.result);
    });
  });
  const stop = async () => {
    if (exited) return;
    // Unreferenced timers: a deadline that lost the race must not keep the bench running.
    const deadline = (ms: number) => delay(ms, undefined, { ref: false });
    await Promise.race([call({ command: 'stop' }).catch(() => undefined), deadline(15_000)]);
    await Promise.race([exit, deadline(5_000)]);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exit;
    }
  };
  try {
    const { apiUrl, token, now } = await ready;
    return {
      apiUrl,
      token,
      now: new Date(now),
      call,
      settle: () => settle(() => call<number>({ command: 'cpu' })),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Polls the CPU time until less than a tenth of a core went by in 250 ms (at most 30 s). */
async function settle(cpuMicros: () => Promise<number>): Promise<void> {
  const deadline = Date.now() + 30_000;
  let before = await cpuMicros();
  while (Date.now() < deadline) {
    await delay(250);
    const after = await cpuMicros();
    if (after - before < 25_000) return;
    before = after;
  }
}

export interface Run {
  /** Requests sent, answered or not (a run ends with requests in flight). */
  sent: number;
  /** Response times of the 2xx answers, ms. */
  latencies: number[];
  /** Answers by HTTP status. */
  statuses: Map<number, number>;
  /** Connection errors and timeouts. */
  errors: number;
  seconds: number;
}

export interface LoadOptions {
  url: string;
  connections: number;
  seconds: number;
  request: RequestStep;
  /** Stops early after this many requests (a pool of targets that each take one). */
  maxRequests?: number;
}

export async function load(options: LoadOptions): Promise<Run> {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let sent = 0;
  const { setupRequest } = options.request;
  const instance = autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    requests: [
      {
        ...options.request,
        setupRequest: (request, context) => {
          sent += 1;
          return setupRequest ? setupRequest(request, context) : request;
        },
      },
    ],
    ...(options.maxRequests !== undefined ? { maxOverallRequests: options.maxRequests } : {}),
  });
  instance.on('response', (_client, status, _bytes, responseTime) => {
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
    if (status >= 200 && status < 300) latencies.push(responseTime);
  });
  const result = await instance;
  return { sent, latencies, statuses, errors: result.errors, seconds: result.duration };
}

export interface Figure {
  connections: number;
  /** 2xx answers. */
  requests: number;
  perSecond: number;
  /** Of the 2xx answers, ms (NaN without any). */
  p50: number;
  p99: number;
  /** Non-2xx answers by status, and connection errors: what a benchmark must not hide. */
  failures: Record<string, number>;
}

/** One figure of several runs of the same measurement (e.g. alternating with its baseline). */
export function figureOf(connections: number, runs: readonly Run[]): Figure {
  const latencies = runs.flatMap((run) => run.latencies);
  const seconds = runs.reduce((sum, run) => sum + run.seconds, 0);
  const failures: Record<string, number> = {};
  for (const run of runs) {
    for (const [status, count] of run.statuses) {
      if (status < 200 || status >= 300) failures[status] = (failures[status] ?? 0) + count;
    }
    if (run.errors > 0) failures.errors = (failures.errors ?? 0) + run.errors;
  }
  const summary = latencies.length > 0 ? summarize(latencies) : undefined;
  return {
    connections,
    requests: latencies.length,
    perSecond: seconds > 0 ? latencies.length / seconds : 0,
    p50: summary?.median ?? NaN,
    p99: summary?.p99 ?? NaN,
    failures,
  };
}

/**
 * Runs the measurements in turn, `rounds` times over, every other round in reverse order (A B,
 * B A: a machine that slows down or speeds up during the rounds weighs on each alike), so a
 * baseline and its subject share the machine's moods; merges each one's runs into its figure.
 */
export async function alternate(
  connections: number,
  rounds: number,
  measurements: readonly (() => Promise<Run>)[],
): Promise<Figure[]> {
  const runs = measurements.map((): Run[] => []);
  const order = [...measurements.keys()];
  for (let round = 0; round < rounds; round++) {
    for (const index of round % 2 === 0 ? order : order.toReversed()) {
      const measure = measurements[index];
      if (measure) runs[index]?.push(await measure());
    }
  }
  return runs.map((each) => figureOf(connections, each));
}

/** `12 x 404, 3 x errors`, or `0`. */
export function failuresCell(failures: Record<string, number>): string {
  const entries = Object.entries(failures);
  return entries.length === 0
    ? '0'
    : entries.map(([status, count]) => `${String(count)} x ${status}`).join(', ');
}

/** Milliseconds for a table: two decimals below 10 ms, where a local call lives. */
export function ms(value: number): string {
  return value < 10 ? value.toFixed(2) : value.toFixed(1);
}

// DynamoDB Local checks that a request is signed, not the signature (-sharedDb: any key).
const FAKE_SIGNATURE =
  'AWS4-HMAC-SHA256 Credential=local/20250101/ap-southeast-3/dynamodb/aws4_request, ' +
  `SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=${'0'.repeat(64)}`;

/** A request straight to DynamoDB Local's JSON protocol, of a document client's input. */
export function dynamoDbRequest(operation: string, input: Record<string, unknown>): Request {
  return {
    method: 'POST',
    path: '/',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': `DynamoDB_20120810.${operation}`,
      'x-amz-date': '20250101T000000Z',
      authorization: FAKE_SIGNATURE,
    },
    body: JSON.stringify(wireInput(input)),
  };
}

/** How the repository reads an agreement (its operation), as raw bodies for these agreements. */
export async function agreementReads(
  tableName: string,
  ids: readonly string[],
): Promise<{ operation: string; bodies: string[] }> {
  const reads = await Promise.all(
    ids.map(async (id) => {
      const [read] = await capturedRequests(tableName, (repository) => repository.get(id));
      if (!read) throw new Error('agreementReads: the repository sent no request');
      return read;
    }),
  );
  const operation = reads[0]?.operation ?? 'GetItem';
  return {
    operation,
    bodies: reads.map((read) => dynamoDbRequest(operation, read.input).body ?? ''),
  };
}

/**
 * Sends `request` once and fails unless DynamoDB Local answers 2xx: a raw baseline that the
 * repository's requests have outgrown would otherwise be measured as nothing but errors.
 */
export async function assertAnswered(
  endpoint: string,
  name: string,
  step: RequestStep,
): Promise<void> {
  const request = step.setupRequest?.({ ...step }, {}) ?? step;
  const response = await fetch(new URL(request.path ?? '/', endpoint), {
    method: request.method ?? 'POST',
    headers: request.headers as Record<string, string>,
    body: request.body as string,
  });
  if (!response.ok) {
    throw new Error(
      `The raw baseline ${name} answered ${String(response.status)}: ${await response.text()}`,
    );
  }
}

/** One of `items`, at random. */
export function anyOf<T>(items: readonly T[]): T {
  const item = items[Math.floor(Math.random() * items.length)];
  if (item === undefined) throw new Error('anyOf: no items');
  return item;
}
