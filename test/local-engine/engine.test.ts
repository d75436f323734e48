// The local Step Functions engine through its JSON 1.0 API, driven by the unmodified
// @aws-sdk/client-sfn: small inline state machines and stand-in task functions, with time
// scaled so that a workflow day passes in a real second.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
  type DescribeExecutionCommandOutput,
  type ExecutionStatus,
  type HistoryEvent,
} from '@aws-sdk/client-sfn';
import { ScaledClock } from '../../local/stepfunctions/clock.ts';
import { LocalStepFunctions, type LocalFunction } from '../../local/stepfunctions/engine.ts';
import { startStepFunctionsServer, type RunningServer } from '../../local/stepfunctions/server.ts';

const REGION = 'ap-southeast-3';
const ROLE = 'arn:aws:iam::000000000000:role/local';
/** One workflow day per real second. */
const SCALE = 86_400;
const DAY = 86_400;
const WAIT_FOR_TOKEN = 'arn:aws:states:::lambda:invoke.waitForTaskToken';
const fn = (name: string) => `arn:aws:lambda:${REGION}:000000000000:function:${name}`;

// ---------------------------------------------------------------------------------------------
// Stand-in task functions. `park` is the function a waitForTaskToken task invokes: it records
// the payload (with the task token) so that a test can answer through SendTask*.

interface Parked {
  taskToken: string;
  execution: string;
  item?: string;
}

const parked: Parked[] = [];
const flakyCalls = new Map<string, number>();

function field(payload: unknown, key: string): unknown {
  return payload && typeof payload === 'object'
    ? (payload as Record<string, unknown>)[key]
    : undefined;
}

function failure(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

const functions: Record<string, LocalFunction> = {
  [fn('echo')]: (payload) => Promise.resolve({ echoed: payload }),
  [fn('park')]: (payload) => {
    parked.push(payload as unknown as Parked);
    return Promise.resolve({ parked: true });
  },
  [fn('boom')]: () => Promise.reject(failure('Boom.Error', 'the stand-in broke')),
  // Fails `failures` times per execution, then succeeds.
  [fn('flaky')]: (payload) => {
    const execution = String(field(payload, 'executionArn'));
    const calls = (flakyCalls.get(execution) ?? 0) + 1;
    flakyCalls.set(execution, calls);
    if (calls <= Number(field(payload, 'failures'))) {
      return Promise.reject(failure('Transient.Error', `attempt ${calls} failed`));
    }
    return Promise.resolve({ calls });
  },
};

// ---------------------------------------------------------------------------------------------
// Test state machines.

const echoTask = (name: string) => ({
  Type: 'Task',
  Resource: fn(name),
  Parameters: { 'executionArn.$': '$$.Execution.Id', 'input.$': '$' },
});

const parkPayload = {
  'execution.$': '$$.Execution.Id',
  'taskToken.$': '$$.Task.Token',
};

const DEFINITIONS = {
  echo: {
    StartAt: 'Echo',
    States: { Echo: { ...echoTask('echo'), End: true } },
  },
  boom: {
    StartAt: 'Boom',
    States: { Boom: { ...echoTask('boom'), End: true } },
  },
  // A Task whose function the engine has no stand-in for: States.Runtime, which not even a
  // Catch on States.ALL takes.
  unmapped: {
    StartAt: 'Nowhere',
    States: {
      Nowhere: {
        ...echoTask('nowhere'),
        Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught' }],
        End: true,
      },
      Caught: { Type: 'Pass', End: true },
    },
  },
  // A tenth of a workflow day: 100 real ms at the test's scale.
  wait: {
    StartAt: 'Pause',
    States: { Pause: { Type: 'Wait', Seconds: 8_640, End: true } },
  },
  fail: {
    StartAt: 'Give up',
    States: { 'Give up': { Type: 'Fail', Error: 'Custom.Failed', Cause: 'because' } },
  },
  park: {
    StartAt: 'Park',
    States: {
      Park: {
        Type: 'Task',
        Resource: WAIT_FOR_TOKEN,
        Parameters: { FunctionName: fn('park'), Payload: parkPayload },
        TimeoutSecondsPath: '$.timeoutSeconds',
        ResultPath: '$.result',
        Catch: [
          { ErrorEquals: ['X.Custom'], ResultPath: '$.caught', Next: 'Handled' },
          { ErrorEquals: ['States.Timeout'], ResultPath: '$.caught', Next: 'Timed out' },
        ],
        End: true,
      },
      Handled: { Type: 'Pass', Result: 'handled', ResultPath: '$.outcome', End: true },
      'Timed out': { Type: 'Pass', Result: 'timed out', ResultPath: '$.outcome', End: true },
    },
  },
  flaky: {
    StartAt: 'Flaky',
    States: {
      Flaky: {
        Type: 'Task',
        Resource: fn('flaky'),
        Parameters: { 'executionArn.$': '$$.Execution.Id', 'failures.$': '$.failures' },
        Retry: [
          {
            ErrorEquals: ['Transient.Error'],
            IntervalSeconds: 60,
            BackoffRate: 2,
            MaxAttempts: 3,
          },
        ],
        End: true,
      },
    },
  },
  map: {
    StartAt: 'Each',
    States: {
      Each: {
        Type: 'Map',
        ItemsPath: '$.items',
        ItemSelector: { 'item.$': '$$.Map.Item.Value' },
        ItemProcessor: {
          StartAt: 'Park item',
          States: {
            'Park item': {
              Type: 'Task',
              Resource: WAIT_FOR_TOKEN,
              Parameters: {
                FunctionName: fn('park'),
                Payload: { ...parkPayload, 'item.$': '$.item' },
              },
              End: true,
            },
          },
        },
        End: true,
      },
    },
  },
};

type MachineName = keyof typeof DEFINITIONS | 'listing';

// ---------------------------------------------------------------------------------------------
// Harness.

let engine: LocalStepFunctions;
let server: RunningServer;
let sfn: SFNClient;
const machines = new Map<MachineName, string>();

function clientFor(endpoint: string, maxAttempts = 3): SFNClient {
  return new SFNClient({
    endpoint,
    maxAttempts,
    region: REGION,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

function machineArn(name: MachineName): string {
  const arn = machines.get(name);
  if (!arn) throw new Error(`no state machine ${name}`);
  return arn;
}

async function start(machine: MachineName, input: unknown, name?: string): Promise<string> {
  const { executionArn } = await sfn.send(
    new StartExecutionCommand({
      stateMachineArn: machineArn(machine),
      input: JSON.stringify(input),
      ...(name ? { name } : {}),
    }),
  );
  if (!executionArn) throw new Error('StartExecution returned no executionArn');
  return executionArn;
}

async function describeExecution(executionArn: string): Promise<DescribeExecutionCommandOutput> {
  return sfn.send(new DescribeExecutionCommand({ executionArn }));
}

/** Polls until the execution is no longer RUNNING. */
async function settled(executionArn: string): Promise<DescribeExecutionCommandOutput> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const execution = await describeExecution(executionArn);
    if (execution.status !== 'RUNNING') return execution;
    if (Date.now() > deadline) throw new Error(`${executionArn} is still RUNNING`);
    await sleep(5);
  }
}

/** Waits until `count` waitForTaskToken tasks of the execution have invoked `park`. */
async function parkedBy(executionArn: string, count = 1): Promise<Parked[]> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const found = parked.filter((p) => p.execution === executionArn);
    if (found.length >= count) return found;
    if (Date.now() > deadline) throw new Error(`${executionArn}: ${found.length}/${count} parked`);
    await sleep(5);
  }
}

async function tokenOf(executionArn: string): Promise<string> {
  const [first] = await parkedBy(executionArn);
  if (!first) throw new Error('unreachable');
  return first.taskToken;
}

function output(execution: DescribeExecutionCommandOutput): unknown {
  return execution.output === undefined ? undefined : JSON.parse(execution.output);
}

/** The whole history, following nextToken with small pages. */
async function history(executionArn: string, reverseOrder = false): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(
      new GetExecutionHistoryCommand({ executionArn, reverseOrder, maxResults: 3, nextToken }),
    );
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}

const typesOf = (events: HistoryEvent[]) => events.map((e) => e.type);

/** Expects an SDK call to fail with one of the given error names (the SDK's exception name). */
async function expectError(call: Promise<unknown>, ...names: string[]): Promise<void> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  expect(names).toContain((error as Error).name);
}

beforeAll(async () => {
  engine = new LocalStepFunctions({
    region: REGION,
    clock: new ScaledClock({ scale: SCALE }),
    functions,
  });
  server = await startStepFunctionsServer(engine, { port: 0 });
  sfn = clientFor(server.endpoint);
  const all = { ...DEFINITIONS, listing: DEFINITIONS.park };
  for (const [name, definition] of Object.entries(all)) {
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({
        name,
        definition: JSON.stringify(definition),
        roleArn: ROLE,
      }),
    );
    if (!stateMachineArn) throw new Error(`CreateStateMachine ${name}: no ARN`);
    machines.set(name as MachineName, stateMachineArn);
  }
});

afterAll(async () => {
  sfn.destroy();
  await server.close();
});

// ---------------------------------------------------------------------------------------------

describe('state machines', () => {
  it('listens on a free port given port 0', () => {
    expect(server.port).toBeGreaterThan(0);
    expect(server.endpoint).toBe(`http://127.0.0.1:${server.port}`);
  });

  it('CreateStateMachine is idempotent for the same name and definition', async () => {
    const again = await sfn.send(
      new CreateStateMachineCommand({
        name: 'echo',
        definition: JSON.stringify(DEFINITIONS.echo),
        roleArn: ROLE,
      }),
    );
    expect(again.stateMachineArn).toBe(machineArn('echo'));
    expect(again.stateMachineArn).toBe(`arn:aws:states:${REGION}:000000000000:stateMachine:echo`);
    expect(again.creationDate).toBeInstanceOf(Date);
  });

  it('CreateStateMachine with the same name and another definition is StateMachineAlreadyExists', async () => {
    await expectError(
      sfn.send(
        new CreateStateMachineCommand({
          name: 'echo',
          definition: JSON.stringify(DEFINITIONS.boom),
          roleArn: ROLE,
        }),
      ),
      'StateMachineAlreadyExists',
    );
  });

  it('DescribeStateMachine returns the definition as created', async () => {
    const described = await sfn.send(
      new DescribeStateMachineCommand({ stateMachineArn: machineArn('park') }),
    );
    expect(described).toMatchObject({
      stateMachineArn: machineArn('park'),
      name: 'park',
      status: 'ACTIVE',
      type: 'STANDARD',
    });
    expect(JSON.parse(described.definition ?? '')).toEqual(DEFINITIONS.park);
    expect(described.creationDate).toBeInstanceOf(Date);
  });

  it('DescribeStateMachine of an unknown ARN is StateMachineDoesNotExist', async () => {
    await expectError(
      sfn.send(
        new DescribeStateMachineCommand({
          stateMachineArn: `arn:aws:states:${REGION}:000000000000:stateMachine:nope`,
        }),
      ),
      'StateMachineDoesNotExist',
    );
  });

  it.each([
    ['not JSON', '{"StartAt": '],
    ['StartAt naming no state', JSON.stringify({ StartAt: 'Missing', States: {} })],
    ['an unknown state type', JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Nope' } } })],
  ])('a definition that is %s is InvalidDefinition', async (_, definition) => {
    await expectError(
      sfn.send(new CreateStateMachineCommand({ name: 'invalid', definition, roleArn: ROLE })),
      'InvalidDefinition',
    );
  });
});

describe('StartExecution', () => {
  it('with the same name and input while RUNNING returns the same execution', async () => {
    const input = { timeoutSeconds: 10 * DAY, case: 'same-name' };
    const first = await start('park', input, 'same-name');
    expect(first).toBe(`arn:aws:states:${REGION}:000000000000:execution:park:same-name`);
    await parkedBy(first);
    expect(await start('park', input, 'same-name')).toBe(first);
    // Only one run: a second start must not have invoked the task again.
    await sleep(20);
    expect(parked.filter((p) => p.execution === first)).toHaveLength(1);

    await expectError(
      start('park', { ...input, case: 'other input' }, 'same-name'),
      'ExecutionAlreadyExists',
    );

    await sfn.send(new SendTaskSuccessCommand({ taskToken: await tokenOf(first), output: '{}' }));
    expect((await settled(first)).status).toBe('SUCCEEDED');
    await expectError(start('park', input, 'same-name'), 'ExecutionAlreadyExists');
  });

  it.each(['has space', 'hash#tag', 'x'.repeat(81), 'semi;colon', 'tab\there'])(
    'rejects the name %j with InvalidName',
    async (name) => {
      await expectError(start('echo', {}, name), 'InvalidName');
    },
  );

  it('accepts a name of 80 characters and generates one when none is given', async () => {
    const named = await start('echo', {}, 'n'.repeat(80));
    expect(named.endsWith(`:echo:${'n'.repeat(80)}`)).toBe(true);
    const unnamed = await start('echo', {});
    expect(unnamed).toMatch(/^arn:aws:states:ap-southeast-3:000000000000:execution:echo:[\w-]+$/);
    expect((await settled(named)).status).toBe('SUCCEEDED');
    expect((await settled(unnamed)).status).toBe('SUCCEEDED');
  });

  it('on an unknown state machine is StateMachineDoesNotExist', async () => {
    await expectError(
      sfn.send(
        new StartExecutionCommand({
          stateMachineArn: `arn:aws:states:${REGION}:000000000000:stateMachine:nope`,
          input: '{}',
        }),
      ),
      'StateMachineDoesNotExist',
    );
  });

  it('with input that is not JSON is InvalidExecutionInput', async () => {
    await expectError(
      sfn.send(new StartExecutionCommand({ stateMachineArn: machineArn('echo'), input: '{"a": ' })),
      'InvalidExecutionInput',
    );
  });
});

describe('DescribeExecution', () => {
  it('of a succeeded execution has its status, input and output', async () => {
    const input = { greeting: 'halo', n: 3 };
    const arn = await start('echo', input, 'described');
    const execution = await settled(arn);
    expect(execution).toMatchObject({
      executionArn: arn,
      stateMachineArn: machineArn('echo'),
      name: 'described',
      status: 'SUCCEEDED',
    });
    expect(JSON.parse(execution.input ?? '')).toEqual(input);
    expect(output(execution)).toEqual({ echoed: { executionArn: arn, input } });
    expect(execution.startDate).toBeInstanceOf(Date);
    expect(execution.stopDate).toBeInstanceOf(Date);
    expect(execution.stopDate?.getTime()).toBeGreaterThanOrEqual(
      execution.startDate?.getTime() ?? Infinity,
    );
    expect(execution.error).toBeUndefined();
  });

  it('of an execution whose task threw has the error and cause', async () => {
    const execution = await settled(await start('boom', {}));
    expect(execution.status).toBe('FAILED');
    expect(execution.error).toBe('Boom.Error');
    expect(execution.cause).toBe('the stand-in broke');
    expect(execution.output).toBeUndefined();
  });

  it('of an execution that reached a Fail state has its Error and Cause', async () => {
    const arn = await start('fail', {});
    const execution = await settled(arn);
    expect(execution).toMatchObject({ status: 'FAILED', error: 'Custom.Failed', cause: 'because' });
    const events = await history(arn);
    expect(typesOf(events).at(-1)).toBe('ExecutionFailed');
    expect(events.at(-1)?.executionFailedEventDetails).toMatchObject({
      error: 'Custom.Failed',
      cause: 'because',
    });
  });

  it('of a task with no local function is States.Runtime, which Catch States.ALL does not take', async () => {
    const execution = await settled(await start('unmapped', {}));
    expect(execution.status).toBe('FAILED');
    expect(execution.error).toBe('States.Runtime');
    expect(execution.cause).toContain(`no local function for ${fn('nowhere')}`);
  });

  it('of an unknown execution is ExecutionDoesNotExist', async () => {
    await expectError(
      describeExecution(`arn:aws:states:${REGION}:000000000000:execution:echo:never-started`),
      'ExecutionDoesNotExist',
    );
  });
});

describe('ListExecutions', () => {
  let byStatus: Record<'RUNNING' | 'SUCCEEDED' | 'ABORTED', string[]>;

  beforeAll(async () => {
    const input = { timeoutSeconds: 10 * DAY };
    const arns = await Promise.all(
      ['l1', 'l2', 'l3', 'l4', 'l5'].map((n) => start('listing', input, n)),
    );
    const [l1, l2, l3, l4, l5] = arns as [string, string, string, string, string];
    await Promise.all(arns.map((arn) => parkedBy(arn)));
    await sfn.send(new SendTaskSuccessCommand({ taskToken: await tokenOf(l1), output: '{}' }));
    await sfn.send(new StopExecutionCommand({ executionArn: l2 }));
    await sfn.send(new StopExecutionCommand({ executionArn: l3 }));
    expect((await settled(l1)).status).toBe('SUCCEEDED');
    byStatus = { RUNNING: [l4, l5], SUCCEEDED: [l1], ABORTED: [l2, l3] };
  });

  async function list(statusFilter?: ExecutionStatus, maxResults?: number, nextToken?: string) {
    return sfn.send(
      new ListExecutionsCommand({
        stateMachineArn: machineArn('listing'),
        statusFilter,
        maxResults,
        nextToken,
      }),
    );
  }

  it.each(['RUNNING', 'SUCCEEDED', 'ABORTED'] as const)(
    'with statusFilter %s lists exactly those executions',
    async (status) => {
      const { executions, nextToken } = await list(status);
      expect(nextToken).toBeUndefined();
      expect(executions?.map((e) => e.executionArn).sort()).toEqual([...byStatus[status]].sort());
      for (const e of executions ?? []) {
        expect(e.status).toBe(status);
        expect(e.stateMachineArn).toBe(machineArn('listing'));
        expect(e.startDate).toBeInstanceOf(Date);
        if (status === 'RUNNING') expect(e.stopDate).toBeUndefined();
        else expect(e.stopDate).toBeInstanceOf(Date);
      }
    },
  );

  it('without a filter lists all, newest first, and nothing of other state machines', async () => {
    const { executions } = await list();
    expect(executions).toHaveLength(5);
    const starts = executions?.map((e) => e.startDate?.getTime() ?? 0) ?? [];
    expect(starts).toEqual([...starts].sort((a, b) => b - a));
  });

  it('pages with maxResults and nextToken', async () => {
    const first = await list(undefined, 2);
    expect(first.executions).toHaveLength(2);
    expect(first.nextToken).toEqual(expect.any(String));
    const second = await list(undefined, 2, first.nextToken);
    expect(second.executions).toHaveLength(2);
    expect(second.nextToken).toEqual(expect.any(String));
    const third = await list(undefined, 2, second.nextToken);
    expect(third.executions).toHaveLength(1);
    expect(third.nextToken).toBeUndefined();

    const paged = [first, second, third].flatMap((p) => p.executions ?? []);
    const all = (await list()).executions ?? [];
    expect(paged.map((e) => e.executionArn)).toEqual(all.map((e) => e.executionArn));
    expect(new Set(paged.map((e) => e.executionArn)).size).toBe(5);

    const running = await list('RUNNING', 1);
    expect(running.executions).toHaveLength(1);
    const rest = await list('RUNNING', 1, running.nextToken);
    expect(rest.executions).toHaveLength(1);
    expect(rest.nextToken).toBeUndefined();
  });

  it('of an unknown state machine is StateMachineDoesNotExist', async () => {
    await expectError(
      sfn.send(
        new ListExecutionsCommand({
          stateMachineArn: `arn:aws:states:${REGION}:000000000000:stateMachine:nope`,
        }),
      ),
      'StateMachineDoesNotExist',
    );
  });
});

describe('GetExecutionHistory', () => {
  let arn: string;
  let events: HistoryEvent[];
  const input = { history: true };

  beforeAll(async () => {
    arn = await start('echo', input);
    await settled(arn);
    events = await history(arn);
  });

  it('has the execution, state and task events in the order they happened', () => {
    expect(typesOf(events)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      // A Task whose Resource is the function's ARN: AWS writes LambdaFunction* (issue 21).
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
  });

  it('has LambdaFunctionScheduled with the function and the input it was called with', () => {
    const scheduled = events.filter((e) => e.type === 'LambdaFunctionScheduled');
    expect(scheduled).toHaveLength(1);
    const details = scheduled[0]?.lambdaFunctionScheduledEventDetails;
    expect(details?.resource).toBe(fn('echo'));
    expect(JSON.parse(details?.input ?? '')).toEqual({ executionArn: arn, input });
    const succeeded = events.find((e) => e.type === 'LambdaFunctionSucceeded');
    expect(JSON.parse(succeeded?.lambdaFunctionSucceededEventDetails?.output ?? '')).toEqual({
      echoed: { executionArn: arn, input },
    });
  });

  it('has the state name and the execution input and output in event details', () => {
    const entered = events.find((e) => e.type === 'TaskStateEntered');
    expect(entered?.stateEnteredEventDetails?.name).toBe('Echo');
    const started = events.find((e) => e.type === 'ExecutionStarted');
    expect(JSON.parse(started?.executionStartedEventDetails?.input ?? '')).toEqual(input);
    const succeeded = events.find((e) => e.type === 'ExecutionSucceeded');
    expect(JSON.parse(succeeded?.executionSucceededEventDetails?.output ?? '')).toEqual({
      echoed: { executionArn: arn, input },
    });
  });

  it('numbers events 1..n with previous ids, timestamps never decreasing', () => {
    expect(events.map((e) => e.id)).toEqual(events.map((_, i) => i + 1));
    expect(events.map((e) => e.previousEventId)).toEqual(events.map((_, i) => i));
    const times = events.map((e) => e.timestamp?.getTime() ?? NaN);
    for (const [i, time] of times.entries()) {
      expect(time).not.toBeNaN();
      if (i > 0) expect(time).toBeGreaterThanOrEqual(times[i - 1] ?? Infinity);
    }
  });

  it('reverseOrder returns the same events newest first, also across pages', async () => {
    const reversed = await history(arn, true);
    expect(reversed.map((e) => e.id)).toEqual(events.map((e) => e.id).reverse());
    expect(typesOf(reversed)[0]).toBe('ExecutionSucceeded');
  });
});

describe('waitForTaskToken', () => {
  const input = { timeoutSeconds: 10 * DAY };

  it('invokes the function with a token and resumes with the SendTaskSuccess output', async () => {
    const arn = await start('park', input);
    const [call] = await parkedBy(arn);
    expect(call?.execution).toBe(arn);
    expect(call?.taskToken).toEqual(expect.any(String));
    expect((await describeExecution(arn)).status).toBe('RUNNING');

    await sfn.send(
      new SendTaskSuccessCommand({
        taskToken: call?.taskToken,
        output: JSON.stringify({ approved: true, by: 'tester' }),
      }),
    );
    const execution = await settled(arn);
    expect(execution.status).toBe('SUCCEEDED');
    expect(output(execution)).toEqual({ ...input, result: { approved: true, by: 'tester' } });

    const events = await history(arn);
    const scheduled = events.find((e) => e.type === 'TaskScheduled');
    // As AWS writes the lambda:invoke.waitForTaskToken integration (issue 21).
    expect(scheduled?.taskScheduledEventDetails).toMatchObject({
      resourceType: 'lambda',
      resource: 'invoke.waitForTaskToken',
      region: REGION,
    });
    const parameters = JSON.parse(scheduled?.taskScheduledEventDetails?.parameters ?? '{}') as {
      FunctionName?: string;
    };
    expect(parameters.FunctionName).toBe(fn('park'));
    const types = typesOf(events);
    expect(types.indexOf('TaskScheduled')).toBeLessThan(types.indexOf('TaskSucceeded'));
    const succeeded = events.find((e) => e.type === 'TaskSucceeded');
    expect(JSON.parse(succeeded?.taskSucceededEventDetails?.output ?? '')).toEqual({
      approved: true,
      by: 'tester',
    });
  });

  it('SendTaskFailure with a custom error is caught by a Catch on that error', async () => {
    const arn = await start('park', input);
    const taskToken = await tokenOf(arn);
    await sfn.send(new SendTaskFailureCommand({ taskToken, error: 'X.Custom', cause: 'rejected' }));
    const execution = await settled(arn);
    expect(execution.status).toBe('SUCCEEDED');
    expect(output(execution)).toEqual({
      ...input,
      caught: { Error: 'X.Custom', Cause: 'rejected' },
      outcome: 'handled',
    });
    const failed = (await history(arn)).find((e) => e.type === 'TaskFailed');
    expect(failed?.taskFailedEventDetails).toMatchObject({ error: 'X.Custom', cause: 'rejected' });
  });

  it('SendTaskFailure with an error no Catch names fails the execution', async () => {
    const arn = await start('park', input);
    await sfn.send(
      new SendTaskFailureCommand({ taskToken: await tokenOf(arn), error: 'Y.Other', cause: 'no' }),
    );
    expect(await settled(arn)).toMatchObject({ status: 'FAILED', error: 'Y.Other', cause: 'no' });
  });

  it('an unknown token is InvalidToken for success, failure and heartbeat', async () => {
    const taskToken = 'not-a-token-the-engine-issued';
    await expectError(
      sfn.send(new SendTaskSuccessCommand({ taskToken, output: '{}' })),
      'InvalidToken',
    );
    await expectError(
      sfn.send(new SendTaskFailureCommand({ taskToken, error: 'X.Custom' })),
      'InvalidToken',
    );
    await expectError(sfn.send(new SendTaskHeartbeatCommand({ taskToken })), 'InvalidToken');
  });

  it('a token already answered cannot be answered again', async () => {
    const arn = await start('park', input);
    const taskToken = await tokenOf(arn);
    await sfn.send(new SendTaskSuccessCommand({ taskToken, output: '{"first":true}' }));
    await expectError(
      sfn.send(new SendTaskSuccessCommand({ taskToken, output: '{"second":true}' })),
      'TaskTimedOut',
      'InvalidToken',
    );
    await expectError(
      sfn.send(new SendTaskFailureCommand({ taskToken, error: 'X.Custom' })),
      'TaskTimedOut',
      'InvalidToken',
    );
    expect(output(await settled(arn))).toEqual({ ...input, result: { first: true } });
  });

  it('SendTaskSuccess with output that is not JSON is InvalidOutput and keeps the token', async () => {
    const arn = await start('park', input);
    const taskToken = await tokenOf(arn);
    await expectError(
      sfn.send(new SendTaskSuccessCommand({ taskToken, output: 'not json' })),
      'InvalidOutput',
    );
    await sfn.send(new SendTaskSuccessCommand({ taskToken, output: '"ok"' }));
    expect(output(await settled(arn))).toEqual({ ...input, result: 'ok' });
  });

  it('SendTaskHeartbeat on a live token succeeds and leaves the task waiting', async () => {
    const arn = await start('park', input);
    const taskToken = await tokenOf(arn);
    await expect(sfn.send(new SendTaskHeartbeatCommand({ taskToken }))).resolves.toBeDefined();
    await sleep(20);
    expect((await describeExecution(arn)).status).toBe('RUNNING');
    await sfn.send(new SendTaskSuccessCommand({ taskToken, output: '{}' }));
    expect((await settled(arn)).status).toBe('SUCCEEDED');
    await expectError(
      sfn.send(new SendTaskHeartbeatCommand({ taskToken })),
      'TaskTimedOut',
      'InvalidToken',
    );
  });

  it('TimeoutSecondsPath expires in scaled time as States.Timeout, caught by Catch', async () => {
    // 0.1 workflow day is 100 real ms; the other execution's 10 days must still be running.
    const began = Date.now();
    const short = await start('park', { timeoutSeconds: DAY / 10 });
    const long = await start('park', { timeoutSeconds: 10 * DAY });
    const taskToken = await tokenOf(short);
    const execution = await settled(short);
    const elapsed = Date.now() - began;

    expect(execution.status).toBe('SUCCEEDED');
    expect(output(execution)).toEqual({
      timeoutSeconds: DAY / 10,
      caught: { Error: 'States.Timeout', Cause: expect.any(String) },
      outcome: 'timed out',
    });
    expect(elapsed).toBeGreaterThanOrEqual(90);
    expect(elapsed).toBeLessThan(3_000);
    expect(typesOf(await history(short))).toContain('TaskTimedOut');
    await expectError(
      sfn.send(new SendTaskSuccessCommand({ taskToken, output: '{}' })),
      'TaskTimedOut',
      'InvalidToken',
    );

    expect((await describeExecution(long)).status).toBe('RUNNING');
    await sfn.send(new SendTaskSuccessCommand({ taskToken: await tokenOf(long), output: '1' }));
    expect(output(await settled(long))).toEqual({ timeoutSeconds: 10 * DAY, result: 1 });
  });
});

describe('Retry', () => {
  it('retries a named error, with intervals in scaled time, and records the failures', async () => {
    const began = Date.now();
    const arn = await start('flaky', { failures: 2 });
    const execution = await settled(arn);
    // IntervalSeconds 60 with BackoffRate 2: 3 real minutes unscaled.
    expect(Date.now() - began).toBeLessThan(3_000);
    expect(execution.status).toBe('SUCCEEDED');
    expect(output(execution)).toEqual({ calls: 3 });
    expect(flakyCalls.get(arn)).toBe(3);

    const events = await history(arn);
    const taskEvents = /^LambdaFunction(Scheduled|Started|Failed|Succeeded)$/;
    expect(typesOf(events).filter((t) => taskEvents.test(t ?? ''))).toEqual([
      ...['LambdaFunctionScheduled', 'LambdaFunctionStarted', 'LambdaFunctionFailed'],
      ...['LambdaFunctionScheduled', 'LambdaFunctionStarted', 'LambdaFunctionFailed'],
      ...['LambdaFunctionScheduled', 'LambdaFunctionStarted', 'LambdaFunctionSucceeded'],
    ]);
    const failed = events.filter((e) => e.type === 'LambdaFunctionFailed');
    expect(failed.map((e) => e.lambdaFunctionFailedEventDetails?.error)).toEqual([
      'Transient.Error',
      'Transient.Error',
    ]);
    expect(typesOf(events).at(-1)).toBe('ExecutionSucceeded');
  });

  it('fails the execution with the error once MaxAttempts are spent', async () => {
    const arn = await start('flaky', { failures: 10 });
    const execution = await settled(arn);
    expect(execution).toMatchObject({ status: 'FAILED', error: 'Transient.Error' });
    expect(flakyCalls.get(arn)).toBe(4);
    const failed = (await history(arn)).filter((e) => e.type === 'LambdaFunctionFailed');
    expect(failed).toHaveLength(4);
  });
});

describe('Wait', () => {
  it('waits its Seconds in scaled time', async () => {
    const began = Date.now();
    const execution = await settled(await start('wait', { waited: true }));
    const elapsed = Date.now() - began;
    expect(execution.status).toBe('SUCCEEDED');
    expect(output(execution)).toEqual({ waited: true });
    expect(elapsed).toBeGreaterThanOrEqual(90);
    expect(elapsed).toBeLessThan(3_000);
  });
});

describe('StopExecution', () => {
  it('aborts a waiting execution and invalidates its token', async () => {
    const arn = await start('park', { timeoutSeconds: 10 * DAY });
    const taskToken = await tokenOf(arn);
    const { stopDate } = await sfn.send(
      new StopExecutionCommand({ executionArn: arn, error: 'Stop.Test', cause: 'enough' }),
    );
    expect(stopDate).toBeInstanceOf(Date);
    const execution = await describeExecution(arn);
    expect(execution).toMatchObject({ status: 'ABORTED', error: 'Stop.Test', cause: 'enough' });
    expect(execution.stopDate?.getTime()).toBe(stopDate?.getTime());

    await expectError(
      sfn.send(new SendTaskSuccessCommand({ taskToken, output: '{}' })),
      'TaskTimedOut',
      'InvalidToken',
    );
    // It stays aborted: the task's rejection must not turn it into FAILED afterwards.
    await sleep(20);
    expect((await describeExecution(arn)).status).toBe('ABORTED');
    const types = typesOf(await history(arn));
    expect(types.at(-1)).toBe('ExecutionAborted');
    expect(types.filter((t) => t === 'ExecutionAborted')).toHaveLength(1);
  });

  it('of an unknown execution is ExecutionDoesNotExist', async () => {
    await expectError(
      sfn.send(
        new StopExecutionCommand({
          executionArn: `arn:aws:states:${REGION}:000000000000:execution:park:never-started`,
        }),
      ),
      'ExecutionDoesNotExist',
    );
  });
});

describe('Map with waitForTaskToken per item', () => {
  it('gives each item its own token and the execution id', async () => {
    const items = ['a', 'b', 'c'];
    const arn = await start('map', { items });
    const calls = await parkedBy(arn, items.length);
    expect(calls.map((c) => c.item).sort()).toEqual(items);
    expect(new Set(calls.map((c) => c.taskToken)).size).toBe(items.length);
    for (const call of calls) expect(call.execution).toBe(arn);

    // Answered in reverse; the Map output stays in item order.
    for (const call of [...calls].reverse()) {
      expect((await describeExecution(arn)).status).toBe('RUNNING');
      await sfn.send(
        new SendTaskSuccessCommand({
          taskToken: call.taskToken,
          output: JSON.stringify({ done: call.item }),
        }),
      );
    }
    const execution = await settled(arn);
    expect(execution.status).toBe('SUCCEEDED');
    expect(output(execution)).toEqual(items.map((item) => ({ done: item })));
    const scheduled = (await history(arn)).filter((e) => e.type === 'TaskScheduled');
    expect(scheduled).toHaveLength(items.length);
  });
});

describe('the JSON 1.0 protocol', () => {
  const post = (target: string, body: string) =>
    fetch(server.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': target },
      body,
    });

  it('answers an unknown action with 400 UnknownOperationException', async () => {
    const response = await post('AWSStepFunctions.Nope', '{}');
    expect(response.status).toBe(400);
    const body = (await response.json()) as { __type?: string; message?: string };
    expect(body.__type).toMatch(/#UnknownOperationException$/);
  });

  it('answers a body that is not a JSON object with 400 SerializationException', async () => {
    const response = await post('AWSStepFunctions.ListStateMachines', '[1, 2]');
    expect(response.status).toBe(400);
    const body = (await response.json()) as { __type?: string };
    expect(body.__type).toMatch(/#SerializationException$/);
  });
});

describe('closing', () => {
  it('server.close() aborts running executions, refuses new ones and closes the port', async () => {
    const local = new LocalStepFunctions({
      region: REGION,
      clock: new ScaledClock({ scale: SCALE }),
      functions,
    });
    const running = await startStepFunctionsServer(local, { port: 0 });
    const client = clientFor(running.endpoint, 1);
    try {
      const { stateMachineArn } = await client.send(
        new CreateStateMachineCommand({
          name: 'park',
          definition: JSON.stringify(DEFINITIONS.park),
          roleArn: ROLE,
        }),
      );
      const { executionArn } = await client.send(
        new StartExecutionCommand({
          stateMachineArn,
          input: JSON.stringify({ timeoutSeconds: 30 * DAY }),
        }),
      );
      if (!stateMachineArn || !executionArn) throw new Error('no ARN');
      await parkedBy(executionArn);
      await running.close();
      expect(local.describeExecution(executionArn).status).toBe('ABORTED');
      expect(() => local.startExecution({ stateMachineArn, input: '{}' })).toThrow('shutting down');
      // The port is closed.
      await expect(client.send(new ListExecutionsCommand({ stateMachineArn }))).rejects.toThrow();
    } finally {
      client.destroy();
    }
  });

  it('engine.close() clears the timers of waiting tasks', async () => {
    // Every setTimeout made while the test runs (the engine's and the library's), until it
    // fires or is cleared.
    const { setTimeout: realSetTimeout, clearTimeout: realClearTimeout } = globalThis;
    const live = new Set<unknown>();
    globalThis.setTimeout = ((callback: (...args: unknown[]) => void, ms?: number) => {
      const handle = realSetTimeout(() => {
        live.delete(handle);
        callback();
      }, ms);
      live.add(handle);
      return handle;
    }) as typeof setTimeout;
    globalThis.clearTimeout = ((handle?: NodeJS.Timeout) => {
      live.delete(handle);
      realClearTimeout(handle);
    }) as typeof clearTimeout;
    const until = async (condition: () => boolean) => {
      for (const deadline = Date.now() + 2_000; !condition() && Date.now() < deadline;) {
        await sleep(5);
      }
    };

    const local = new LocalStepFunctions({
      region: REGION,
      clock: new ScaledClock({ scale: SCALE }),
      functions,
    });
    try {
      const { stateMachineArn } = local.createStateMachine({
        name: 'park',
        definition: JSON.stringify(DEFINITIONS.park),
      });
      const { executionArn } = local.startExecution({
        stateMachineArn,
        input: JSON.stringify({ timeoutSeconds: 30 * DAY }),
      });
      await parkedBy(executionArn);
      // The engine's 30-second (scaled 30-day) timeout and the library's own task timer.
      await until(() => live.size >= 2);
      expect(live.size).toBeGreaterThanOrEqual(2);

      local.close();
      await until(() => live.size === 0);
      expect(live.size).toBe(0);
      expect(local.describeExecution(executionArn).status).toBe('ABORTED');
    } finally {
      globalThis.setTimeout = realSetTimeout;
      globalThis.clearTimeout = realClearTimeout;
      local.close();
    }
  });
});
