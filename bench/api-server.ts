// A child process of the bench: the local API and the workflow engine composed as local mode
// composes them (local/local-mode.ts), on the DynamoDB Local the bench started. The requests the
// bench fires are served here, so the process that sends them does not also serve them. Its
// workflow clock stands on a quiet Sunday night (see quietSunday). Driven over IPC: see
// ServerCommand; `node --expose-gc` for the memory command.
import { setTimeout as delay } from 'node:timers/promises';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoAgreementRepository } from '../adapters/dynamodb/agreement-repository.ts';
import { createDocumentClient } from '../adapters/dynamodb/client.ts';
import { createDevKey, signDevToken } from '../local/api/dev-tokens.ts';
import { startLocalApi } from '../local/api/local-api.ts';
import { localClientConfig } from '../local/aws.ts';
import {
  LOCAL_HOST_REGION_CODE,
  LOCAL_OPERATIONS_EMAIL,
  LOCAL_SENDER_EMAIL,
} from '../local/local-mode.ts';
import { startSesLocal } from '../local/ses-local.ts';
import { ScaledClock } from '../local/stepfunctions/clock.ts';
import { startLocalLifecycle } from '../local/stepfunctions/lifecycle.ts';
import { benchAgreement, quietSunday } from './api-agreements.ts';

export interface ServerSettings {
  dynamoDbEndpoint: string;
  tableName: string;
}

export interface ServerReady {
  type: 'ready';
  apiUrl: string;
  /** A host coordinator's development token. */
  token: string;
  /** The workflow clock's time at start (ISO). */
  now: string;
}

export interface Memory {
  heapUsed: number;
  rss: number;
  external: number;
}

export type ServerCommand =
  /** CPU time used so far, microseconds. */
  | { command: 'cpu' }
  /** After full garbage collections. */
  | { command: 'memory' }
  /** Creates agreements and starts their executions, until each sleeps on its task token. */
  | { command: 'wait'; count: number }
  /** DynamoDB requests sent since the last call, by operation. */
  | { command: 'operations' }
  | { command: 'stop' };

export interface ServerReply {
  id: number;
  result?: unknown;
  error?: string;
}

/** How many executions the wait command starts at once (as many requests to the engine). */
const STARTING = 16;
const WAIT_DEADLINE_MS = 120_000;

const settings = JSON.parse(process.argv[2] ?? '{}') as ServerSettings;
const { tableName } = settings;
const send = (message: ServerReady | ServerReply) => {
  process.send?.(message);
};

const operations = new Map<string, number>();
const dynamoDb = new DynamoDBClient(localClientConfig(settings.dynamoDbEndpoint));
dynamoDb.middlewareStack.add(
  (next, context) => (args) => {
    const operation = context.commandName?.replace(/Command$/, '') ?? 'unknown';
    operations.set(operation, (operations.get(operation) ?? 0) + 1);
    return next(args);
  },
  { step: 'initialize', name: 'benchOperationCount' },
);
const ses = await startSesLocal();
const sesClient = new SESv2Client(localClientConfig(ses.endpoint));
const clock = new ScaledClock({ origin: quietSunday() });
const repository = new DynamoAgreementRepository({
  client: createDocumentClient(dynamoDb),
  tableName,
  now: clock.now,
});
const lifecycle = await startLocalLifecycle({
  clock,
  environment: {
    TABLE_NAME: tableName,
    SENDER_EMAIL: LOCAL_SENDER_EMAIL,
    OPERATIONS_EMAIL: LOCAL_OPERATIONS_EMAIL,
  },
  repository,
  defaults: { dynamoDb, ses: sesClient },
});
const key = await createDevKey();
const api = await startLocalApi({
  key,
  environment: {
    TABLE_NAME: tableName,
    STATE_MACHINE_ARN: lifecycle.stateMachineArn,
    HOST_REGION_CODE: LOCAL_HOST_REGION_CODE,
    ALLOWED_ORIGINS: '',
    // The document routes need their bucket's name to start; the bench sends them nothing.
    DOCUMENT_BUCKET: 'sepakat-bench-documents',
    SENDER_EMAIL: LOCAL_SENDER_EMAIL,
  },
  options: { now: clock.now, dynamoDb, sfn: lifecycle.sfn },
});

let stopping: Promise<void> | undefined;
const stop = () =>
  (stopping ??= (async () => {
    await api.close();
    await lifecycle.close();
    await ses.stop();
    sesClient.destroy();
    dynamoDb.destroy();
  })());

process.on('disconnect', () => {
  void stop().finally(() => process.exit(0));
});
process.on('message', (message: ServerCommand & { id: number }) => {
  run(message).then(
    (result) => {
      send({ id: message.id, result });
      if (message.command === 'stop') process.disconnect();
    },
    (error: unknown) => {
      send({ id: message.id, error: error instanceof Error ? error.stack : String(error) });
    },
  );
});
send({
  type: 'ready',
  apiUrl: api.endpoint,
  token: await signDevToken(key, { role: 'host' }),
  now: clock.now().toISOString(),
});

async function run(message: ServerCommand): Promise<unknown> {
  switch (message.command) {
    case 'cpu': {
      const { user, system } = process.cpuUsage();
      return user + system;
    }
    case 'memory':
      return memory();
    case 'wait':
      return startWaiting(message.count);
    case 'operations': {
      const counts = Object.fromEntries(operations);
      operations.clear();
      return counts;
    }
    case 'stop':
      return stop();
  }
}

async function memory(): Promise<Memory> {
  if (!globalThis.gc) throw new Error('Start the bench server with node --expose-gc');
  // Promises and timers that just settled release their objects after this turn.
  await delay(100);
  for (let i = 0; i < 3; i++) globalThis.gc();
  const { heapUsed, rss, external } = process.memoryUsage();
  return { heapUsed, rss, external };
}

let created = 0;

/** Starts `count` executions as POST /agreements does; resolves once each sleeps on its token. */
async function startWaiting(count: number): Promise<{ ms: number }> {
  const started = Date.now();
  const executionArns: string[] = [];
  let remaining = count;
  const starter = async () => {
    while (remaining > 0) {
      remaining -= 1;
      const agreement = benchAgreement(created++, clock.now());
      await repository.create(agreement.agreement, agreement.events);
      const { executionArn } = await lifecycle.workflow.start(agreement.agreement, 'created');
      executionArns.push(executionArn);
    }
  };
  await Promise.all(Array.from({ length: STARTING }, starter));
  let awake = executionArns;
  while (awake.length > 0) {
    if (Date.now() - started > WAIT_DEADLINE_MS) {
      throw new Error(`${String(awake.length)} executions never reached their wait`);
    }
    await delay(100);
    awake = awake.filter((arn) => !sleeping(arn));
  }
  return { ms: Date.now() - started };
}

/** Whether the execution sleeps on a task token (its last event: the token was handed over). */
function sleeping(executionArn: string): boolean {
  const execution = lifecycle.engine.describeExecution(executionArn);
  if (execution.status !== 'RUNNING') {
    throw new Error(
      `Execution ${executionArn} ended (${execution.status}: ${execution.error ?? ''} ${execution.cause ?? ''}) instead of waiting`,
    );
  }
  return lifecycle.engine.history(executionArn).at(-1)?.type === 'TaskSubmitted';
}
