// The Step Functions JSON 1.0 protocol (X-Amz-Target: AWSStepFunctions.<Action>) in front of
// the local engine, so the unmodified @aws-sdk/client-sfn and the AWS CLI work against it.
import { createServer, type IncomingMessage } from 'node:http';
import validateAsl from 'asl-validator';
import { listenOnLoopback, type Listening } from '../listen.ts';
import {
  EXECUTION_STATUSES,
  LocalStepFunctions,
  SfnError,
  type ExecutionRecord,
  type ExecutionStatus,
} from './engine.ts';

type Body = Record<string, unknown>;

const seconds = (ms: number | undefined) => (ms === undefined ? undefined : ms / 1000);

function execution(record: ExecutionRecord) {
  return {
    executionArn: record.executionArn,
    stateMachineArn: record.stateMachineArn,
    name: record.name,
    status: record.status,
    startDate: seconds(record.startDate),
    ...(record.stopDate ? { stopDate: seconds(record.stopDate) } : {}),
  };
}

function string(body: Body, key: string, required = true): string {
  const value = body[key];
  if (typeof value === 'string') return value;
  if (required || value !== undefined) {
    throw new SfnError('ValidationException', `${key} must be a string`);
  }
  return '';
}

/** As AWS checks them: ARNs of this partition, region and account, of the resource named. */
const ARN = {
  stateMachine: /^arn:aws:states:[a-z0-9-]+:\d{12}:stateMachine:[^:\s]{1,80}$/,
  execution: /^arn:aws:states:[a-z0-9-]+:\d{12}:execution:[^:\s]{1,80}:[^:\s]{1,80}$/,
};

function arn(body: Body, key: string, kind: keyof typeof ARN): string {
  const value = string(body, key);
  if (!ARN[kind].test(value)) throw new SfnError('InvalidArn', `Invalid Arn: '${value}'`);
  return value;
}

/** A parameter that takes one of a few values; ValidationException as AWS words it otherwise. */
function oneOf<T extends string>(body: Body, key: string, values: readonly T[]): T | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) {
    throw new SfnError(
      'ValidationException',
      `1 validation error detected: Value '${JSON.stringify(value)}' at '${key}' failed to satisfy constraint: Member must satisfy enum value set: [${values.join(', ')}]`,
    );
  }
  return value as T;
}

const INCLUDED_DATA = ['ALL_DATA', 'METADATA_ONLY'] as const;

/** Pages a list with an opaque offset token, as the AWS API does with nextToken. */
function page<T>(items: T[], body: Body): { items: T[]; nextToken?: string } {
  const given = body.maxResults;
  if (
    given !== undefined &&
    (!Number.isInteger(given) || (given as number) < 0 || (given as number) > 1000)
  ) {
    throw new SfnError(
      'ValidationException',
      `1 validation error detected: Value '${JSON.stringify(given)}' at 'maxResults' failed to satisfy constraint: Member must have value between 0 and 1000`,
    );
  }
  // 0 or none: the default page.
  const max = typeof given === 'number' && given > 0 ? given : 100;
  const start =
    typeof body.nextToken === 'string'
      ? Number(Buffer.from(body.nextToken, 'base64url').toString())
      : 0;
  if (!Number.isInteger(start) || start < 0)
    throw new SfnError('InvalidToken', 'Invalid nextToken');
  const slice = items.slice(start, start + max);
  const next =
    start + max < items.length ? Buffer.from(String(start + max)).toString('base64url') : undefined;
  return next ? { items: slice, nextToken: next } : { items: slice };
}

function historyEvent(event: {
  timestamp: number;
  type: string;
  id: number;
  previousEventId: number;
  details?: Record<string, unknown>;
}) {
  const key = event.type.endsWith('StateEntered')
    ? 'stateEnteredEventDetails'
    : event.type.endsWith('StateExited')
      ? 'stateExitedEventDetails'
      : `${event.type[0]?.toLowerCase() ?? ''}${event.type.slice(1)}EventDetails`;
  return {
    timestamp: seconds(event.timestamp),
    type: event.type,
    id: event.id,
    previousEventId: event.previousEventId,
    ...(event.details && Object.keys(event.details).length > 0 ? { [key]: event.details } : {}),
  };
}

export function handleAction(engine: LocalStepFunctions, action: string, body: Body): unknown {
  switch (action) {
    case 'CreateStateMachine': {
      const { stateMachineArn, creationDate } = engine.createStateMachine({
        name: string(body, 'name'),
        definition: string(body, 'definition'),
        tags: tagsOf(body),
      });
      return { stateMachineArn, creationDate: seconds(creationDate) };
    }
    case 'DescribeStateMachine': {
      const machine = engine.describeStateMachine(arn(body, 'stateMachineArn', 'stateMachine'));
      const metadataOnly = oneOf(body, 'includedData', INCLUDED_DATA) === 'METADATA_ONLY';
      return {
        stateMachineArn: machine.stateMachineArn,
        name: machine.name,
        status: 'ACTIVE',
        ...(metadataOnly ? {} : { definition: machine.definition }),
        roleArn: roleArn(engine),
        type: 'STANDARD',
        creationDate: seconds(machine.creationDate),
      };
    }
    case 'DescribeStateMachineForExecution': {
      const machine = engine.stateMachineOf(arn(body, 'executionArn', 'execution'));
      const metadataOnly = oneOf(body, 'includedData', INCLUDED_DATA) === 'METADATA_ONLY';
      return {
        stateMachineArn: machine.stateMachineArn,
        name: machine.name,
        ...(metadataOnly ? {} : { definition: machine.definition }),
        roleArn: roleArn(engine),
        updateDate: seconds(machine.creationDate),
      };
    }
    case 'ListTagsForResource': {
      const resourceArn = string(body, 'resourceArn');
      if (!ARN.stateMachine.test(resourceArn)) {
        throw new SfnError('InvalidArn', `Invalid Arn: '${resourceArn}'`);
      }
      const { tags } = engine.describeStateMachine(resourceArn);
      return { tags };
    }
    case 'ValidateStateMachineDefinition': {
      const definition = string(body, 'definition');
      oneOf(body, 'type', ['STANDARD', 'EXPRESS'] as const);
      return validateDefinition(definition);
    }
    case 'RedriveExecution': {
      const { redriveDate } = engine.redriveExecution(arn(body, 'executionArn', 'execution'));
      return { redriveDate: seconds(redriveDate) };
    }
    case 'ListStateMachines': {
      const { items, nextToken } = page(engine.listStateMachines(), body);
      return {
        stateMachines: items.map((m) => ({
          stateMachineArn: m.stateMachineArn,
          name: m.name,
          type: 'STANDARD',
          creationDate: seconds(m.creationDate),
        })),
        ...(nextToken ? { nextToken } : {}),
      };
    }
    case 'StartExecution': {
      const started = engine.startExecution({
        stateMachineArn: arn(body, 'stateMachineArn', 'stateMachine'),
        ...(body.name !== undefined ? { name: string(body, 'name') } : {}),
        ...(body.input !== undefined ? { input: string(body, 'input') } : {}),
      });
      return { executionArn: started.executionArn, startDate: seconds(started.startDate) };
    }
    case 'DescribeExecution': {
      const record = engine.describeExecution(arn(body, 'executionArn', 'execution'));
      const metadataOnly = oneOf(body, 'includedData', INCLUDED_DATA) === 'METADATA_ONLY';
      return {
        ...execution(record),
        ...(metadataOnly ? {} : { input: record.input }),
        ...(record.output !== undefined && !metadataOnly ? { output: record.output } : {}),
        ...(record.redriveCount !== undefined ? { redriveCount: record.redriveCount } : {}),
        ...(record.redriveDate !== undefined ? { redriveDate: seconds(record.redriveDate) } : {}),
        ...(record.error !== undefined ? { error: record.error } : {}),
        ...(record.cause !== undefined ? { cause: record.cause } : {}),
      };
    }
    case 'ListExecutions': {
      const status: ExecutionStatus | undefined = oneOf(body, 'statusFilter', EXECUTION_STATUSES);
      const all = engine.listExecutions(arn(body, 'stateMachineArn', 'stateMachine'), status);
      const { items, nextToken } = page(all, body);
      return { executions: items.map(execution), ...(nextToken ? { nextToken } : {}) };
    }
    case 'GetExecutionHistory': {
      const events = [...engine.history(arn(body, 'executionArn', 'execution'))];
      if (body.reverseOrder === true) events.reverse();
      const { items, nextToken } = page(events, body);
      return { events: items.map(historyEvent), ...(nextToken ? { nextToken } : {}) };
    }
    case 'StopExecution': {
      const { stopDate } = engine.stopExecution(
        arn(body, 'executionArn', 'execution'),
        string(body, 'error', false) || undefined,
        string(body, 'cause', false) || undefined,
      );
      return { stopDate: seconds(stopDate) };
    }
    case 'SendTaskSuccess':
      engine.sendTaskSuccess(string(body, 'taskToken'), string(body, 'output'));
      return {};
    case 'SendTaskFailure':
      engine.sendTaskFailure(
        string(body, 'taskToken'),
        string(body, 'error', false),
        string(body, 'cause', false),
      );
      return {};
    case 'SendTaskHeartbeat':
      engine.sendTaskHeartbeat(string(body, 'taskToken'));
      return {};
    default:
      throw new SfnError(
        'UnknownOperationException',
        `The local engine does not implement ${action}`,
      );
  }
}

function tagsOf(body: Body): { key: string; value: string }[] {
  const tags = body.tags ?? [];
  if (!Array.isArray(tags)) throw new SfnError('ValidationException', 'tags must be a list');
  return tags.map((tag: unknown) => {
    const { key, value } = (tag ?? {}) as { key?: unknown; value?: unknown };
    if (typeof key !== 'string') throw new SfnError('ValidationException', 'a tag needs a key');
    return { key, value: typeof value === 'string' ? value : '' };
  });
}

function roleArn(engine: LocalStepFunctions): string {
  return `arn:aws:iam::${engine.account}:role/local`;
}

/** ValidateStateMachineDefinition's answer, from asl-validator (the checks AWS documents). */
function validateDefinition(definition: string) {
  let parsed: unknown;
  try {
    parsed = JSON.parse(definition);
  } catch (error) {
    return {
      result: 'FAIL',
      diagnostics: [
        { severity: 'ERROR', code: 'INVALID_JSON_DESCRIPTION', message: String(error) },
      ],
    };
  }
  const { isValid, errors } = validateAsl(parsed);
  return {
    result: isValid ? 'OK' : 'FAIL',
    diagnostics: errors.map((e) => ({
      severity: 'ERROR',
      code: e['Error code'] ?? 'SCHEMA_VALIDATION_FAILED',
      message: e.Message ?? e.message ?? 'invalid',
    })),
    truncated: false,
  };
}

async function readBody(request: IncomingMessage): Promise<Body> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Body;
  } catch {
    // fall through to the error below
  }
  throw new SfnError('SerializationException', 'The request body is not a JSON object');
}

export type RunningServer = Listening;

const ROOT_TEXT = `Sepakat local mode: the Step Functions API (JSON 1.0, X-Amz-Target: AWSStepFunctions.<Action>)
for the AWS CLI and SDKs, e.g.

  AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_DEFAULT_REGION=ap-southeast-3 \\
    aws stepfunctions list-state-machines --endpoint-url <this address>

Nothing here for a browser: the captured emails are on the SES stand-in's page.
`;

export async function startStepFunctionsServer(
  engine: LocalStepFunctions,
  options: { port?: number; host?: string } = {},
): Promise<RunningServer> {
  const server = createServer((request, response) => {
    const reply = (status: number, payload: unknown) => {
      response.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
      response.end(JSON.stringify(payload));
    };
    const target = request.headers['x-amz-target'];
    if (typeof target !== 'string' && request.method === 'GET') {
      // A browser or curl on the port: say what answers here instead of a protocol error.
      response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(ROOT_TEXT);
      return;
    }
    const action = typeof target === 'string' ? target.replace(/^AWSStepFunctions\./, '') : '';
    readBody(request)
      .then((body) => {
        reply(200, handleAction(engine, action, body));
      })
      .catch((error: unknown) => {
        const known = error instanceof SfnError;
        reply(known ? error.status : 500, {
          __type: `com.amazonaws.swf.service.v2.model#${known ? error.name : 'InternalFailure'}`,
          message: error instanceof Error ? error.message : String(error),
        });
      });
  });
  return listenOnLoopback(server, options, () => {
    engine.close();
  });
}
