// The Step Functions JSON 1.0 protocol (X-Amz-Target: AWSStepFunctions.<Action>) in front of
// the local engine, so the unmodified @aws-sdk/client-sfn and the AWS CLI work against it.
import { createServer, type IncomingMessage } from 'node:http';
import { listenOnLoopback, type Listening } from '../listen.ts';
import {
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

/** Pages a list with an opaque offset token, as the AWS API does with nextToken. */
function page<T>(items: T[], body: Body): { items: T[]; nextToken?: string } {
  const max = typeof body.maxResults === 'number' && body.maxResults > 0 ? body.maxResults : 100;
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
      });
      return { stateMachineArn, creationDate: seconds(creationDate) };
    }
    case 'DescribeStateMachine': {
      const machine = engine.describeStateMachine(string(body, 'stateMachineArn'));
      return {
        stateMachineArn: machine.stateMachineArn,
        name: machine.name,
        status: 'ACTIVE',
        definition: machine.definition,
        roleArn: `arn:aws:iam::${engine.account}:role/local`,
        type: 'STANDARD',
        creationDate: seconds(machine.creationDate),
      };
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
        stateMachineArn: string(body, 'stateMachineArn'),
        ...(body.name !== undefined ? { name: string(body, 'name') } : {}),
        ...(body.input !== undefined ? { input: string(body, 'input') } : {}),
      });
      return { executionArn: started.executionArn, startDate: seconds(started.startDate) };
    }
    case 'DescribeExecution': {
      const record = engine.describeExecution(string(body, 'executionArn'));
      return {
        ...execution(record),
        input: record.input,
        ...(record.output !== undefined ? { output: record.output } : {}),
        ...(record.error !== undefined ? { error: record.error } : {}),
        ...(record.cause !== undefined ? { cause: record.cause } : {}),
      };
    }
    case 'ListExecutions': {
      const status = body.statusFilter as ExecutionStatus | undefined;
      const all = engine.listExecutions(string(body, 'stateMachineArn'), status);
      const { items, nextToken } = page(all, body);
      return { executions: items.map(execution), ...(nextToken ? { nextToken } : {}) };
    }
    case 'GetExecutionHistory': {
      const events = engine.history(string(body, 'executionArn'));
      if (body.reverseOrder === true) events.reverse();
      const { items, nextToken } = page(events, body);
      return { events: items.map(historyEvent), ...(nextToken ? { nextToken } : {}) };
    }
    case 'StopExecution': {
      const { stopDate } = engine.stopExecution(
        string(body, 'executionArn'),
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
