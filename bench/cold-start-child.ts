// One cold start, in a fresh Node process (bench/cold-start.ts compiles this file to plain
// JavaScript first, so no type stripping weighs on the figure): loads a Lambda bundle as the
// Lambda runtime does, serves one invocation, reports on file descriptor 3 and exits.
// Usage: node cold-start-child.mjs <bundle> <event JSON>
import { randomUUID } from 'node:crypto';
import { writeSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** What the parent reads; times in ms since this process started. */
export interface ChildReport {
  /** Node's own start and this script's: the same in every sample. */
  started: number;
  /** The bundle is imported (Lambda's init phase). */
  loaded: number;
  /** The first invocation has returned or thrown. */
  served: number;
  /** CPU time (user and system) up to then: steadier than wall time on a busy machine. */
  cpuMs: number;
  /** An API response's status code, `ok` for any other result, or the error thrown. */
  outcome: string;
  /** The first 200 characters of the result (or of the error's message). */
  detail: string;
  /** The operations of the presigned S3 URLs in the result (`PutObject`): calls made offline. */
  presigned: string[];
}

type Handler = (event: unknown, context: object) => Promise<unknown>;

const started = performance.now();
const [bundle = '', eventJson = ''] = process.argv.slice(2);
const event: unknown = JSON.parse(eventJson);
const functionName = process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'function';
// The fields of Lambda's context object that Powertools and the handlers read.
const context = {
  functionName,
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:ap-southeast-3:000000000000:function:${functionName}`,
  memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE ?? '256',
  awsRequestId: randomUUID(),
  logGroupName: `/aws/lambda/${functionName}`,
  logStreamName: '2026/01/01/[$LATEST]bench',
  callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => 30_000,
};

const { handler } = (await import(pathToFileURL(bundle).href)) as { handler: Handler };
const loaded = performance.now();
let outcome: string;
let detail: string;
let presigned: string[] = [];
try {
  const result = await handler(event, context);
  const statusCode =
    typeof result === 'object' && result !== null && 'statusCode' in result
      ? result.statusCode
      : undefined;
  outcome = typeof statusCode === 'number' ? String(statusCode) : 'ok';
  const text = JSON.stringify(result ?? null);
  detail = text.slice(0, 200);
  // A presigned URL names its operation (x-id) beside its signature.
  presigned = [
    ...text.matchAll(/[?&]x-id=(\w+)[^"\s]*X-Amz-Signature|X-Amz-Signature[^"\s]*[?&]x-id=(\w+)/g),
  ].map((match) => match[1] ?? match[2] ?? '');
} catch (error) {
  outcome = `error ${error instanceof Error ? error.name : 'thrown'}`;
  detail = String(error).slice(0, 200);
}
const served = performance.now();
const cpu = process.cpuUsage();
const cpuMs = (cpu.user + cpu.system) / 1000;
const report: ChildReport = { started, loaded, served, cpuMs, outcome, detail, presigned };
writeSync(3, `${JSON.stringify(report)}\n`);
// Open sockets (SDK keep-alive) would hold the process; Lambda would freeze it here.
process.exit(0);
