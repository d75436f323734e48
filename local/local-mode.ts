// Local mode (`npm start`): the whole system on loopback. DynamoDB Local keeps the data in the
// data folder (default .sepakat/), the SES stand-in captures the emails, the local Step
// Functions engine runs the real ASL with the task functions in-process, and the API answers
// through the local HTTP adapter. Every handler reads the same scaled workflow clock, which
// goes on from where it stopped; on every start, the agreements still open get a new execution.
import { randomUUID } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join, relative, resolve } from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  UpdateTableCommand,
  DynamoDBClient,
  ResourceInUseException,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DescribeStateMachineCommand, SFNClient } from '@aws-sdk/client-sfn';
import { DynamoAgreementRepository } from '../adapters/dynamodb/agreement-repository.ts';
import { createDocumentClient } from '../adapters/dynamodb/client.ts';
import { createTableInput, TTL_ATTRIBUTE } from '../adapters/dynamodb/table-design.ts';
import type { Agreement } from '../domain/agreement.ts';
import { needsExecution } from '../domain/execution.ts';
import { API_ROUTES } from '../functions/api/routes.ts';
import { TASK_FUNCTIONS } from '../functions/workflow-tasks.ts';
import {
  devKeyFile,
  loadOrCreateDevKey,
  signDevToken,
  type DevIdentity,
} from './api/dev-tokens.ts';
import { localAllowedOrigins } from './api/origins.ts';
import { startLocalApi } from './api/local-api.ts';
import { ensureConsoleBuilt, WEB_DIST } from './console/build.ts';
import { consolePort, DEFAULT_WEB_PORT, WEB_PORT_VARIABLE, WebPortError } from './console/port.ts';
import { startConsoleServer } from './console/console-server.ts';
import type { PartHealth } from './api/server.ts';
import { localClientConfig } from './aws.ts';
import { startLocalDigest } from './digest-schedule.ts';
import { freePort, startDynamoDbLocal } from './dynamodb-local.ts';
import {
  DEFAULT_DATA_DIR,
  isAlive,
  localDataDir,
  PRIVATE_DIR_MODE,
  PRIVATE_FILE_MODE,
  readLocalModeRecord,
  removeLocalModeRecord,
  writeLocalModeRecord,
  type LocalModeUrls,
} from './local-mode-file.ts';
import { LOCAL_DOCUMENT_BUCKET, startS3Local } from './s3-local.ts';
import { startSesLocal } from './ses-local.ts';
import { ScaledClock } from './stepfunctions/clock.ts';
import { fileArchive } from './stepfunctions/archive.ts';
import { startLocalLifecycle } from './stepfunctions/lifecycle.ts';

export type LocalPart = 'api' | 'sfn' | 'ddb' | 'ses' | 's3';

export const DEFAULT_PORTS: Record<LocalPart, number> = {
  api: 3000,
  sfn: 8083,
  ddb: 8000,
  ses: 8005,
  s3: 8006,
};

/** The environment variable that sets each part's port. */
export const PORT_VARIABLES: Record<LocalPart, string> = {
  api: 'SEPAKAT_API_PORT',
  sfn: 'SEPAKAT_SFN_PORT',
  ddb: 'SEPAKAT_DDB_PORT',
  ses: 'SEPAKAT_SES_PORT',
  s3: 'SEPAKAT_S3_PORT',
};

const PART_NAMES: Record<LocalPart, string> = {
  api: 'the API',
  sfn: 'the Step Functions engine',
  ddb: 'DynamoDB Local',
  ses: 'the SES stand-in',
  s3: 'the S3 stand-in',
};

export { DEFAULT_DATA_DIR };
export const LOCAL_TABLE = 'sepakat-local';
export const LOCAL_HOST_REGION_CODE = '32.73';
export const LOCAL_SENDER_EMAIL = 'sepakat@bandung.example.go.id';
export const LOCAL_OPERATIONS_EMAIL = 'operasional@bandung.example.go.id';

export interface LocalModeOptions {
  /** Per part; unset: its SEPAKAT_*_PORT variable, else DEFAULT_PORTS. 0: any free port. */
  ports?: Partial<Record<LocalPart, number>>;
  /** Unset: SEPAKAT_DATA_DIR, else the repository's .sepakat/. */
  dataDir?: string;
  /** Workflow seconds per real second (>= 1); unset: SEPAKAT_TIME_SCALE, else 1. */
  timeScale?: number;
  /** Print nothing (the ready block included). */
  quiet?: boolean;
  /**
   * The console's port; unset: SEPAKAT_WEB_PORT, else 3001 or, when that is taken, any free
   * port. 0: any free port.
   */
  webPort?: number;
  /** Serve the coordinator console (web/dist, built first when stale); default true. */
  console?: boolean;
}

export interface LocalMode {
  /** The coordinator console (absent when started with `console: false`). */
  consoleUrl?: string;
  apiUrl: string;
  sfnUrl: string;
  ddbUrl: string;
  sesUrl: string;
  /** The S3 stand-in, with the documents' bucket. */
  s3Url: string;
  stateMachineArn: string;
  tableName: string;
  /** A development token the local API accepts (signed with the data folder's key). */
  token(identity: DevIdentity): Promise<string>;
  /** How many open agreements got a new execution at this start. */
  resumed: number;
  /** Absolute path of the data folder. */
  dataDir: string;
  timeScale: number;
  /** The workflow clock that every handler and the engine read. */
  now(): Date;
  /** Stops every part (the data stays); safe to call more than once. */
  stop(): Promise<void>;
}

/** A setting, a port or the data folder keeps local mode from starting; nothing is left running. */
export class LocalModeError extends Error {
  override readonly name = 'LocalModeError';
}

interface Settings {
  ports: Record<LocalPart, number>;
  dataDir: string;
  timeScale: number;
}

const PARTS: LocalPart[] = ['api', 'sfn', 'ddb', 'ses', 's3'];
/** The real time a task's retries span at least, at any time scale. */
export const RETRY_WINDOW_MS = 30_000;

function portSetting(part: LocalPart, options: LocalModeOptions): number {
  const variable = PORT_VARIABLES[part];
  const given = options.ports?.[part];
  const raw = process.env[variable];
  const value = given ?? (raw !== undefined && raw !== '' ? Number(raw) : DEFAULT_PORTS[part]);
  if (!Number.isInteger(value) || value < 0 || value > 65_535) {
    throw new LocalModeError(
      `${variable} must be a port number from 1 to 65535, not ${JSON.stringify(given ?? raw)}.`,
    );
  }
  return value;
}

function settings(options: LocalModeOptions): Settings {
  const ports = Object.fromEntries(PARTS.map((part) => [part, portSetting(part, options)]));
  const rawScale = process.env.SEPAKAT_TIME_SCALE;
  const timeScale =
    options.timeScale ?? (rawScale !== undefined && rawScale !== '' ? Number(rawScale) : 1);
  if (!Number.isFinite(timeScale) || timeScale < 1) {
    throw new LocalModeError(
      `SEPAKAT_TIME_SCALE must be a number >= 1 (workflow seconds per real second; 86400: a day per second), not ${JSON.stringify(options.timeScale ?? rawScale)}.`,
    );
  }
  const dataDir = options.dataDir ? resolve(options.dataDir) : localDataDir();
  return { ports: ports as Record<LocalPart, number>, dataDir, timeScale };
}

/** Resolves once nothing listens on the port of loopback; otherwise says which variable to set. */
async function checkPort(part: LocalPart, port: number): Promise<void> {
  await new Promise<void>((resolvePort, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      const variable = PORT_VARIABLES[part];
      const why =
        error.code === 'EADDRINUSE'
          ? 'is already in use'
          : `cannot be used (${error.code ?? error.message})`;
      reject(
        new LocalModeError(
          `Port ${String(port)} ${why}, so ${PART_NAMES[part]} cannot start: stop what uses it, or set ${variable} to a free port (e.g. ${variable}=${String(port + 10)} npm start).`,
        ),
      );
    });
    server.listen(port, '127.0.0.1', () => {
      server.close(() => {
        resolvePort();
      });
    });
  });
}

/**
 * Checks every port; `graceMs` after stopping an orphaned DynamoDB Local, whose port the system
 * may release a moment after the process has gone, a port in use is tried again until then.
 */
async function checkPorts(ports: Record<LocalPart, number>, graceMs = 0): Promise<void> {
  for (const [i, part] of PARTS.entries()) {
    const other = PARTS.slice(0, i).find((p) => ports[p] !== 0 && ports[p] === ports[part]);
    if (other) {
      throw new LocalModeError(
        `${PORT_VARIABLES[other]} and ${PORT_VARIABLES[part]} are both ${String(ports[part])}: give each part its own port.`,
      );
    }
  }
  const deadline = Date.now() + graceMs;
  for (const part of PARTS) {
    if (ports[part] === 0) continue;
    for (;;) {
      try {
        await checkPort(part, ports[part]);
        break;
      } catch (error) {
        if (Date.now() >= deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }
}

interface DataDirLock {
  recordDynamoDb(pid: number): Promise<void>;
  /** Once every part answers: where, for the commands that talk to it. */
  recordUrls(urls: LocalModeUrls): Promise<void>;
  release(): Promise<void>;
  /** Whether it stopped a DynamoDB Local left running by a local mode that was killed. */
  stoppedOrphan: boolean;
}

/**
 * One local mode per data folder: a second one would share DynamoDB Local's files. A local
 * mode that was killed (no chance to stop) may have left its Java running: it is stopped here.
 */
async function lockDataDir(dataDir: string, quiet: boolean): Promise<DataDirLock> {
  const previous = readLocalModeRecord(dataDir);
  if (previous && previous.pid !== process.pid && isAlive(previous.pid)) {
    throw new LocalModeError(
      `Local mode already runs on ${shown(dataDir)} (process ${String(previous.pid)}): stop it first, or set SEPAKAT_DATA_DIR to another folder.`,
    );
  }
  const orphan = previous?.dynamoDbPid;
  let stoppedOrphan = false;
  if (orphan && (await isDynamoDbLocalOf(orphan, join(dataDir, 'dynamodb')))) {
    stoppedOrphan = true;
    await terminate(orphan);
    if (!quiet) {
      console.error(
        `Stopped DynamoDB Local (process ${String(orphan)}) left running by a local mode that was killed.`,
      );
    }
  }
  let record: { pid: number; dynamoDbPid?: number } = { pid: process.pid };
  await writeLocalModeRecord(dataDir, record);
  return {
    stoppedOrphan,
    recordDynamoDb: async (dynamoDbPid) => {
      record = { pid: process.pid, dynamoDbPid };
      await writeLocalModeRecord(dataDir, record);
    },
    recordUrls: (urls) =>
      writeLocalModeRecord(dataDir, {
        ...record,
        urls,
        ...(urls.console ? { consoleUrl: urls.console } : {}),
      }),
    release: () => removeLocalModeRecord(dataDir),
  };
}

/** Whether the process is DynamoDB Local on this folder (Linux: /proc; elsewhere: unknown, no). */
async function isDynamoDbLocalOf(pid: number, dbPath: string): Promise<boolean> {
  try {
    const args = (await readFile(`/proc/${String(pid)}/cmdline`, 'utf8')).split('\0');
    return args.some((arg) => arg.endsWith('DynamoDBLocal.jar')) && args.includes(dbPath);
  } catch {
    return false;
  }
}

async function terminate(pid: number): Promise<void> {
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(pid, name);
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  const deadline = Date.now() + 5000;
  while (isAlive(pid)) {
    if (Date.now() > deadline) signal('SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    await addMissingIndexes(client, tableName, Table?.GlobalSecondaryIndexes ?? []);
    return;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  try {
    await client.send(new CreateTableCommand(createTableInput(tableName)));
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  await waitUntilTableExists({ client, maxWaitTime: 30 }, { TableName: tableName });
}

/** TTL on the attribute the template names (also on a table made before local mode set it). */
async function ensureTimeToLive(client: DynamoDBClient, tableName: string): Promise<void> {
  const { TimeToLiveDescription } = await client.send(
    new DescribeTimeToLiveCommand({ TableName: tableName }),
  );
  if (TimeToLiveDescription?.AttributeName === TTL_ATTRIBUTE) return;
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
    }),
  );
}

/**
 * A data folder from before an index was added (e.g. ByTermEnd) gets it; its agreements appear
 * in it as they are next written (each resumed one is, when its new execution takes it over).
 */
async function addMissingIndexes(
  client: DynamoDBClient,
  tableName: string,
  existing: { IndexName?: string | undefined }[],
): Promise<void> {
  const design = createTableInput(tableName);
  const have = new Set(existing.map((i) => i.IndexName));
  for (const index of design.GlobalSecondaryIndexes ?? []) {
    if (have.has(index.IndexName)) continue;
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: design.AttributeDefinitions,
        GlobalSecondaryIndexUpdates: [{ Create: index }],
      }),
    );
  }
}

async function allAgreements(repository: DynamoAgreementRepository): Promise<Agreement[]> {
  const agreements: Agreement[] = [];
  let cursor: string | undefined;
  do {
    const page = await repository.list({ limit: 100, ...(cursor ? { cursor } : {}) });
    agreements.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return agreements;
}

interface SavedClock {
  /** The workflow time when local mode last saved it (at stop, and every few seconds). */
  workflowTime: string;
  savedAt: string;
  timeScale: number;
}

/**
 * Where the workflow clock starts: never before the time it had reached (saved in clock.json)
 * nor before anything stored, so an agreement never sees time run backwards and a resumed
 * execution is always newer than the one it replaces. With time scale 1 that is real time.
 */
async function workflowOrigin(clockFile: string, agreements: Agreement[]): Promise<Date> {
  let saved = 0;
  try {
    const clock = JSON.parse(await readFile(clockFile, 'utf8')) as Partial<SavedClock>;
    saved = Date.parse(clock.workflowTime ?? '') || 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new LocalModeError(`Cannot read the workflow clock ${clockFile}: ${String(error)}`, {
        cause: error,
      });
    }
  }
  const stored = agreements.flatMap((a) => [
    Date.parse(a.updatedAt),
    Date.parse(a.workflow?.executionStartTime ?? '') || 0,
  ]);
  return new Date(Math.max(Date.now(), saved, ...stored.map((t) => t + 1)));
}

async function saveClock(clockFile: string, clock: ScaledClock): Promise<void> {
  const saved: SavedClock = {
    workflowTime: clock.now().toISOString(),
    savedAt: new Date().toISOString(),
    timeScale: clock.scale,
  };
  const temporary = `${clockFile}.${randomUUID()}.tmp`;
  await writeFile(temporary, `${JSON.stringify(saved, null, 2)}\n`, { mode: PRIVATE_FILE_MODE });
  await rename(temporary, clockFile);
}

/** Runs a check with a deadline; a failure or a timeout is "not ready" with the reason. */
async function part(
  name: string,
  check: (signal: AbortSignal) => Promise<unknown>,
): Promise<PartHealth> {
  try {
    await check(AbortSignal.timeout(2000));
    return { name, ready: true };
  } catch (error) {
    const message = error instanceof Error ? error.message || error.name : String(error);
    return { name, ready: false, detail: message };
  }
}

function shown(path: string): string {
  const fromHere = relative(process.cwd(), path);
  return fromHere && !fromHere.startsWith('..') ? `${fromHere}/` : `${path}/`;
}

const DAY_MS = 86_400_000;

/**
 * When the workflow clock is more than a day from today (a fast SEPAKAT_TIME_SCALE ran on this
 * folder): milestones would be dated then. It never runs backwards for stored agreements, so
 * the way back to today is an empty folder.
 */
export function clockWarning(origin: Date, dataDir: string, today = new Date()) {
  const ahead = origin.getTime() - today.getTime();
  if (Math.abs(ahead) <= DAY_MS) return '';
  const days = Math.round(Math.abs(ahead) / DAY_MS);
  return `
Note: the workflow date here is ${origin.toISOString().slice(0, 10)}, ${String(days)} days ${ahead > 0 ? 'after' : 'before'} today, since
a fast SEPAKAT_TIME_SCALE ran on ${shown(dataDir)} (its clock never runs backwards for the
agreements stored there). To start again from today: stop, then remove that folder, or set
SEPAKAT_DATA_DIR to a new one.
`;
}

function readyBlock(
  mode: LocalMode,
  ports: Record<LocalPart, number>,
  startMs: number,
  warning: string,
): string {
  const keyFile = devKeyFile(mode.dataDir);
  const defaultKey = resolve(keyFile) === resolve(devKeyFile(DEFAULT_DATA_DIR));
  const tokenCommand = `npm run --silent token -- --role host${defaultKey ? '' : ` --key-file ${keyFile}`}`;
  const env = (part: LocalPart) =>
    ports[part] === DEFAULT_PORTS[part] ? '' : `  (${PORT_VARIABLES[part]})`;
  const scale =
    mode.timeScale === 1
      ? 'real time'
      : `${String(mode.timeScale)} workflow seconds per real second`;
  const resumed =
    mode.resumed === 0
      ? 'none open'
      : `${String(mode.resumed)} open agreement${mode.resumed === 1 ? '' : 's'} resumed`;
  const consoleLines = mode.consoleUrl
    ? `  Console         ${mode.consoleUrl}${mode.consoleUrl.endsWith(`:${String(DEFAULT_WEB_PORT)}`) ? '' : `  (${WEB_PORT_VARIABLE})`}   open it in a browser
                  development sign-in: ${mode.consoleUrl}/dev-sign-in?role=host
`
    : '';
  return `${warning}
Sepakat local mode is ready (${(startMs / 1000).toFixed(1)} s). Data: ${shown(mode.dataDir)}

${consoleLines}  API             ${mode.apiUrl}${env('api')}   GET /health, /openapi.json
  Step Functions  ${mode.sfnUrl}${env('sfn')}   ${mode.stateMachineArn}
  DynamoDB Local  ${mode.ddbUrl}${env('ddb')}   table ${mode.tableName}
  SES stand-in    ${mode.sesUrl}${env('ses')}   captured emails: open it in a browser
  S3 stand-in     ${mode.s3Url}${env('s3')}   bucket ${LOCAL_DOCUMENT_BUCKET} (documents' files)

  Workflow time   ${mode.now().toISOString()}, ${scale} (SEPAKAT_TIME_SCALE)
  Agreements      ${resumed}

  Token           TOKEN=$(${tokenCommand})
                  curl -H "Authorization: Bearer $TOKEN" ${mode.apiUrl}/agreements
  Stop            Ctrl-C (or kill -TERM ${String(process.pid)}); the data stays for the next start
`;
}

/** Starts every part on loopback; see the file's header. Throws LocalModeError before starting anything. */
export async function startLocalMode(options: LocalModeOptions = {}): Promise<LocalMode> {
  const startedAt = Date.now();
  const { ports: wanted, dataDir, timeScale } = settings(options);
  await mkdir(join(dataDir, 'dynamodb'), { recursive: true, mode: PRIVATE_DIR_MODE });
  // Also a folder made before: it holds a signing key, officials' emails and the table.
  await chmod(dataDir, PRIVATE_DIR_MODE);
  await chmod(join(dataDir, 'dynamodb'), PRIVATE_DIR_MODE);
  const lock = await lockDataDir(dataDir, options.quiet ?? false);
  // Everything started so far, stopped last-started first (on a failed start too).
  const stops: { name: string; stop: () => Promise<void> | void }[] = [
    { name: 'the data folder lock', stop: () => lock.release() },
  ];
  const stopAll = async () => {
    const errors: string[] = [];
    for (const { name, stop } of stops.splice(0).reverse()) {
      try {
        await stop();
      } catch (error) {
        errors.push(`${name}: ${String(error)}`);
      }
    }
    if (errors.length > 0) throw new Error(`Local mode did not stop cleanly: ${errors.join('; ')}`);
  };
  try {
    await checkPorts(wanted, lock.stoppedOrphan ? 10_000 : 0);
    const ports = { ...wanted };
    for (const p of PARTS) if (ports[p] === 0) ports[p] = await freePort();
    const serveConsole = options.console ?? true;
    const webPort = serveConsole
      ? await consolePort(options.webPort, Object.values(ports)).catch((error: unknown) => {
          throw error instanceof WebPortError ? new LocalModeError(error.message) : error;
        })
      : undefined;
    // The console calls the API and uploads to the S3 stand-in from its own origin, as the
    // deployed one does.
    const allowedOrigins = localAllowedOrigins({
      ...process.env,
      ...(webPort === undefined ? {} : { SEPAKAT_WEB_PORT: String(webPort) }),
    });
    // Built while DynamoDB Local starts; awaited before the console is served.
    const consoleBuilt = serveConsole
      ? ensureConsoleBuilt((line) => {
          if (!options.quiet) console.log(line);
        })
      : Promise.resolve();
    consoleBuilt.catch(() => undefined);
    // Nudges link to the console's page /tindak-lanjut/<token> (SEPAKAT_CONSOLE_URL: where
    // the console runs, when it is not served here).
    const actionLinkEnvironment = {
      CONSOLE_URL:
        process.env.SEPAKAT_CONSOLE_URL ?? `http://127.0.0.1:${String(webPort ?? ports.api)}`,
      ACTION_LINK_TTL_DAYS: process.env.SEPAKAT_ACTION_LINK_TTL_DAYS ?? '',
      MAX_PAUSE_DAYS: process.env.SEPAKAT_MAX_PAUSE_DAYS ?? '',
    };

    // The handlers' modules load while Java starts (the lifecycle and the API import them).
    const modules = Promise.all([
      ...TASK_FUNCTIONS.map((fn) => fn.load()),
      ...API_ROUTES.map((route) => route.load()),
    ]);
    modules.catch(() => undefined);
    const dynamo = await startDynamoDbLocal({
      port: ports.ddb,
      dataDir: join(dataDir, 'dynamodb'),
      detached: true,
    });
    stops.push({ name: 'DynamoDB Local', stop: () => dynamo.stop() });
    await lock.recordDynamoDb(dynamo.pid);
    const dynamoDb = new DynamoDBClient(localClientConfig(dynamo.endpoint));
    stops.push({
      name: 'the DynamoDB client',
      stop: () => {
        dynamoDb.destroy();
      },
    });
    await ensureTable(dynamoDb, LOCAL_TABLE);
    await ensureTimeToLive(dynamoDb, LOCAL_TABLE);

    const ses = await startSesLocal({ port: ports.ses, storeFile: join(dataDir, 'emails.json') });
    stops.push({ name: 'the SES stand-in', stop: () => ses.stop() });
    const sesClient = new SESv2Client(localClientConfig(ses.endpoint));
    stops.push({
      name: 'the SES client',
      stop: () => {
        sesClient.destroy();
      },
    });

    const s3 = await startS3Local({
      port: ports.s3,
      directory: join(dataDir, 's3'),
      corsOrigins: allowedOrigins,
    });
    stops.push({ name: 'the S3 stand-in', stop: () => s3.stop() });

    const documents = createDocumentClient(dynamoDb);
    const agreements = await allAgreements(
      new DynamoAgreementRepository({ client: documents, tableName: LOCAL_TABLE }),
    );
    const clockFile = join(dataDir, 'clock.json');
    await modules;
    // Where the clock resumes, before a fast scale moves it on during the start.
    const origin = await workflowOrigin(clockFile, agreements);
    const warning = clockWarning(origin, dataDir);
    const clock = new ScaledClock({
      scale: timeScale,
      origin,
    });
    const repository = new DynamoAgreementRepository({
      client: documents,
      tableName: LOCAL_TABLE,
      now: clock.now,
    });

    const lifecycle = await startLocalLifecycle({
      clock,
      environment: {
        TABLE_NAME: LOCAL_TABLE,
        SENDER_EMAIL: LOCAL_SENDER_EMAIL,
        OPERATIONS_EMAIL: LOCAL_OPERATIONS_EMAIL,
        ...actionLinkEnvironment,
      },
      repository,
      port: ports.sfn,
      engine: {
        // Ended executions outlive a restart, as on AWS; their histories name officials.
        archive: fileArchive({ dir: join(dataDir, 'executions'), now: clock.now }),
        // A database outage lasts real seconds, however fast the workflow clock runs.
        retryWindowMs: RETRY_WINDOW_MS,
      },
      // The stand-in's captured emails stand in for SES's send events.
      defaults: { dynamoDb, ses: sesClient, sentMessages: ses.sentMessages },
    });
    // The clock is saved when the engine has stopped, so no execution is later than it.
    stops.push({ name: 'the workflow clock', stop: () => saveClock(clockFile, clock) });
    stops.push({ name: 'the Step Functions engine', stop: () => lifecycle.close() });
    // ... and every few seconds, in case the process ends without stopping.
    const saver = setInterval(() => {
      saveClock(clockFile, clock).catch(() => undefined);
    }, 2000);
    saver.unref();
    stops.push({
      name: 'the clock saver',
      stop: () => {
        clearInterval(saver);
      },
    });

    // The monthly digest on its schedule, by the workflow clock (SEPAKAT_DIGEST_LEADERS: the
    // leaders' `email:name`, separated by `;`, as DIGEST_LEADERS in AWS).
    const digest = startLocalDigest({
      clock,
      environment: {
        TABLE_NAME: LOCAL_TABLE,
        SENDER_EMAIL: LOCAL_SENDER_EMAIL,
        DIGEST_LEADERS: process.env.SEPAKAT_DIGEST_LEADERS ?? '',
      },
      options: { dynamoDb, ses: sesClient },
      onError: (error) => {
        if (!options.quiet) console.error(`The monthly digest failed: ${String(error)}`);
      },
    });
    stops.push({ name: 'the monthly digest schedule', stop: () => digest.stop() });

    // The executions of the last run ended with it: each open agreement (or completed one whose
    // term is still watched) continues in a new execution, which supersedes the old one's
    // stored task tokens.
    let resumed = 0;
    for (const agreement of agreements.filter((a) => needsExecution(a, clock.now()))) {
      try {
        await lifecycle.workflow.start(agreement, 'resumed');
        resumed += 1;
      } catch (error) {
        if (!options.quiet) {
          console.error(`Could not resume agreement ${agreement.id}: ${String(error)}`);
        }
      }
    }

    const healthDynamo = new DynamoDBClient({
      ...localClientConfig(dynamo.endpoint),
      maxAttempts: 1,
    });
    const healthSfn = new SFNClient({
      ...localClientConfig(lifecycle.server.endpoint),
      maxAttempts: 1,
    });
    stops.push({
      name: 'the health clients',
      stop: () => {
        healthDynamo.destroy();
        healthSfn.destroy();
      },
    });
    const health = () =>
      Promise.all([
        part(`DynamoDB Local at ${dynamo.endpoint}`, async (signal) => {
          const { Table } = await healthDynamo.send(
            new DescribeTableCommand({ TableName: LOCAL_TABLE }),
            { abortSignal: signal },
          );
          if (Table?.TableStatus !== 'ACTIVE') {
            throw new Error(`table ${LOCAL_TABLE} is ${Table?.TableStatus ?? 'missing'}`);
          }
        }),
        part(`Step Functions engine at ${lifecycle.server.endpoint}`, (signal) =>
          healthSfn.send(
            new DescribeStateMachineCommand({ stateMachineArn: lifecycle.stateMachineArn }),
            { abortSignal: signal },
          ),
        ),
        part(`SES stand-in at ${ses.endpoint}`, async (signal) => {
          const response = await fetch(`${ses.endpoint}/health-check`, { signal });
          if (!response.ok) throw new Error(`HTTP ${String(response.status)}`);
        }),
        part(`S3 stand-in at ${s3.endpoint}`, (signal) => s3.check(signal)),
      ]);

    const key = await loadOrCreateDevKey(devKeyFile(dataDir));
    const api = await startLocalApi({
      key,
      environment: {
        TABLE_NAME: LOCAL_TABLE,
        STATE_MACHINE_ARN: lifecycle.stateMachineArn,
        HOST_REGION_CODE: LOCAL_HOST_REGION_CODE,
        ALLOWED_ORIGINS: allowedOrigins.join(','),
        DOCUMENT_BUCKET: s3.bucket,
        SENDER_EMAIL: LOCAL_SENDER_EMAIL,
        ...actionLinkEnvironment,
      },
      options: { now: clock.now, dynamoDb, sfn: lifecycle.sfn, s3: s3.client, ses: sesClient },
      health,
      port: ports.api,
    });
    stops.push({ name: 'the API', stop: () => api.close() });

    let consoleUrl: string | undefined;
    if (webPort !== undefined) {
      await consoleBuilt;
      const web = await startConsoleServer({
        apiUrl: api.endpoint,
        storageUrl: s3.endpoint,
        key,
        distDir: WEB_DIST,
        port: webPort,
      });
      stops.push({ name: 'the console', stop: () => web.close() });
      consoleUrl = web.endpoint;
    }

    let stopping: Promise<void> | undefined;
    const mode: LocalMode = {
      ...(consoleUrl ? { consoleUrl } : {}),
      apiUrl: api.endpoint,
      sfnUrl: lifecycle.server.endpoint,
      ddbUrl: dynamo.endpoint,
      sesUrl: ses.endpoint,
      s3Url: s3.endpoint,
      stateMachineArn: lifecycle.stateMachineArn,
      tableName: LOCAL_TABLE,
      token: (identity) => signDevToken(key, identity),
      resumed,
      dataDir,
      timeScale,
      now: clock.now,
      stop: () => (stopping ??= stopAll()),
    };
    await lock.recordUrls({
      api: mode.apiUrl,
      sfn: mode.sfnUrl,
      ddb: mode.ddbUrl,
      ses: mode.sesUrl,
      s3: mode.s3Url,
      ...(consoleUrl ? { console: consoleUrl } : {}),
    });
    if (!options.quiet) console.log(readyBlock(mode, ports, Date.now() - startedAt, warning));
    return mode;
  } catch (error) {
    await stopAll().catch(() => undefined);
    throw error;
  }
}
