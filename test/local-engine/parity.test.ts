// The local Step Functions API as AWS answers (issue 21): the operator's calls
// (DescribeStateMachineForExecution, ListTagsForResource, ValidateStateMachineDefinition,
// RedriveExecution), AWS's input checks, history events of AWS's own types, ended executions
// kept beyond memory and a restart, and retries that keep a real-time floor.
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  DescribeStateMachineForExecutionCommand,
  GetExecutionHistoryCommand,
  HistoryEventType,
  ListExecutionsCommand,
  ListTagsForResourceCommand,
  RedriveExecutionCommand,
  SFNClient,
  StartExecutionCommand,
  ValidateStateMachineDefinitionCommand,
  type ExecutionStatus,
  type HistoryEvent,
} from '@aws-sdk/client-sfn';
import { fileArchive } from '../../local/stepfunctions/archive.ts';
import { ScaledClock } from '../../local/stepfunctions/clock.ts';
import {
  LocalStepFunctions,
  retryFloorMs,
  type LocalFunction,
} from '../../local/stepfunctions/engine.ts';
import { startStepFunctionsServer, type RunningServer } from '../../local/stepfunctions/server.ts';

const REGION = 'ap-southeast-3';
const ROLE = 'arn:aws:iam::000000000000:role/local';
const fn = (name: string) => `arn:aws:lambda:${REGION}:000000000000:function:${name}`;
const TAGS = [
  { key: 'app', value: 'sepakat' },
  { key: 'env', value: 'local' },
];

/** Fails an execution's first call, then answers: what a redrive gets past. */
const calls = new Map<string, number>();
const functions: Record<string, LocalFunction> = {
  [fn('echo')]: (payload) => Promise.resolve({ echoed: payload }),
  [fn('once-broken')]: (payload) => {
    const key = JSON.stringify(payload);
    const n = (calls.get(key) ?? 0) + 1;
    calls.set(key, n);
    if (n === 1) return Promise.reject(Object.assign(new Error('down'), { name: 'Broken' }));
    return Promise.resolve({ fixed: true });
  },
};

const MIXED = {
  StartAt: 'Each',
  States: {
    Each: {
      Type: 'Map',
      ItemsPath: '$.items',
      // The engine knows a task's execution by the ARN in its payload, as the lifecycle passes it.
      ItemSelector: { 'executionArn.$': '$$.Execution.Id', 'item.$': '$$.Map.Item.Value' },
      ResultPath: '$.echoed',
      ItemProcessor: {
        ProcessorConfig: { Mode: 'INLINE' },
        StartAt: 'Echo',
        States: { Echo: { Type: 'Task', Resource: fn('echo'), End: true } },
      },
      Next: 'Both',
    },
    Both: {
      Type: 'Parallel',
      ResultPath: null,
      Branches: [
        { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } },
        { StartAt: 'B', States: { B: { Type: 'Pass', End: true } } },
      ],
      Next: 'Fail?',
    },
    'Fail?': {
      Type: 'Choice',
      Choices: [{ Variable: '$.fail', BooleanEquals: true, Next: 'Refuse' }],
      Default: 'Done',
    },
    Refuse: { Type: 'Fail', Error: 'Refused', Cause: 'asked to' },
    Done: { Type: 'Succeed' },
  },
};

const FLAKY = {
  StartAt: 'Call',
  States: {
    Call: {
      Type: 'Task',
      Resource: fn('once-broken'),
      Parameters: { 'executionArn.$': '$$.Execution.Id' },
      End: true,
    },
  },
};

let dir: string;
let engine: LocalStepFunctions;
let server: RunningServer;
let sfn: SFNClient;
const arns: Record<string, string> = {};

function client(endpoint: string) {
  return new SFNClient({
    endpoint,
    region: REGION,
    maxAttempts: 1,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

async function start(machine: string, input: unknown, name?: string): Promise<string> {
  const { executionArn } = await sfn.send(
    new StartExecutionCommand({
      stateMachineArn: arns[machine],
      input: JSON.stringify(input),
      ...(name ? { name } : {}),
    }),
  );
  return executionArn ?? '';
}

async function settled(executionArn: string, on = sfn): Promise<ExecutionStatus | undefined> {
  for (let i = 0; i < 200; i++) {
    const { status } = await on.send(new DescribeExecutionCommand({ executionArn }));
    if (status !== 'RUNNING') return status;
    await sleep(20);
  }
  throw new Error(`${executionArn} still running`);
}

async function history(executionArn: string, on = sfn): Promise<HistoryEvent[]> {
  const { events } = await on.send(new GetExecutionHistoryCommand({ executionArn }));
  return events ?? [];
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as Error).name;
  }
  throw new Error('not refused');
}

function startEngine(): LocalStepFunctions {
  return new LocalStepFunctions({
    region: REGION,
    clock: new ScaledClock({ scale: 86_400 }),
    functions,
    archive: fileArchive({ dir, now: () => new Date() }),
    maxEndedInMemory: 2,
  });
}

async function createMachines(on: SFNClient) {
  for (const [name, definition] of Object.entries({ mixed: MIXED, flaky: FLAKY })) {
    const { stateMachineArn } = await on.send(
      new CreateStateMachineCommand({
        name,
        definition: JSON.stringify(definition),
        roleArn: ROLE,
        tags: TAGS,
      }),
    );
    arns[name] = stateMachineArn ?? '';
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sfn-archive-'));
  engine = startEngine();
  server = await startStepFunctionsServer(engine, { port: 0 });
  sfn = client(server.endpoint);
  await createMachines(sfn);
});

afterAll(async () => {
  sfn.destroy();
  await server.close();
});

describe('history events', () => {
  it('are all of the SDK model’s HistoryEventType, as AWS writes a Lambda task, Map and Parallel', async () => {
    const arn = await start('mixed', { items: [1, 2, 3], fail: true });
    expect(await settled(arn)).toBe('FAILED');
    const events = await history(arn);
    const types = events.map((e) => e.type ?? '');
    const known = new Set<string>(Object.values(HistoryEventType));
    expect(types.filter((t) => !known.has(t))).toEqual([]);
    for (const type of [
      'MapStateEntered',
      'MapStateStarted',
      'MapIterationStarted',
      'MapIterationSucceeded',
      'MapStateSucceeded',
      'MapStateExited',
      'ParallelStateStarted',
      'ParallelStateSucceeded',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionSucceeded',
      'FailStateEntered',
      'ExecutionFailed',
    ]) {
      expect(types).toContain(type);
    }
    expect(types.indexOf('MapStateStarted')).toBe(types.indexOf('MapStateEntered') + 1);
    expect(types.indexOf('MapStateExited')).toBe(types.indexOf('MapStateSucceeded') + 1);
    expect(events.find((e) => e.type === 'MapStateStarted')?.mapStateStartedEventDetails).toEqual({
      length: 3,
    });
    const iterations = events.filter((e) => e.type === 'MapIterationStarted');
    expect(iterations.map((e) => e.mapIterationStartedEventDetails?.index)).toEqual([0, 1, 2]);
    // The fields the API reference marks required.
    for (const e of events.filter((x) => x.type === 'LambdaFunctionScheduled')) {
      expect(e.lambdaFunctionScheduledEventDetails?.resource).toBe(fn('echo'));
    }
    expect(events.at(-1)?.executionFailedEventDetails).toEqual({
      error: 'Refused',
      cause: 'asked to',
    });
  });

  it('say LambdaFunctionFailed with the error and cause', async () => {
    const arn = await start('flaky', { case: 'failed-event' });
    expect(await settled(arn)).toBe('FAILED');
    const failed = (await history(arn)).find((e) => e.type === 'LambdaFunctionFailed');
    expect(failed?.lambdaFunctionFailedEventDetails).toEqual({ error: 'Broken', cause: 'down' });
  });
});

describe('the operator’s calls', () => {
  it('DescribeStateMachineForExecution names the execution’s state machine', async () => {
    const arn = await start('mixed', { items: [], fail: false });
    await settled(arn);
    const machine = await sfn.send(
      new DescribeStateMachineForExecutionCommand({ executionArn: arn }),
    );
    expect(machine).toMatchObject({
      stateMachineArn: arns.mixed,
      name: 'mixed',
      roleArn: ROLE,
      definition: JSON.stringify(MIXED),
    });
    expect(machine.updateDate).toBeInstanceOf(Date);
  });

  it('ListTagsForResource gives the state machine’s tags', async () => {
    const { tags } = await sfn.send(new ListTagsForResourceCommand({ resourceArn: arns.mixed }));
    expect(tags).toEqual(TAGS);
  });

  it('ValidateStateMachineDefinition says OK, or FAIL with diagnostics', async () => {
    const ok = await sfn.send(
      new ValidateStateMachineDefinitionCommand({ definition: JSON.stringify(MIXED) }),
    );
    expect(ok.result).toBe('OK');
    expect(ok.diagnostics).toEqual([]);
    const broken = await sfn.send(
      new ValidateStateMachineDefinitionCommand({
        definition: JSON.stringify({
          StartAt: 'Nowhere',
          States: { A: { Type: 'Pass', End: true } },
        }),
      }),
    );
    expect(broken.result).toBe('FAIL');
    expect(broken.diagnostics?.[0]).toMatchObject({ severity: 'ERROR' });
    expect(broken.diagnostics?.map((d) => d.message).join(' ')).toContain('Nowhere');
    const notJson = await sfn.send(new ValidateStateMachineDefinitionCommand({ definition: '{' }));
    expect(notJson.result).toBe('FAIL');
  });

  it('RedriveExecution runs a failed execution again; a succeeded one is not redrivable', async () => {
    const arn = await start('flaky', { case: 'redrive' });
    expect(await settled(arn)).toBe('FAILED');
    const { redriveDate } = await sfn.send(new RedriveExecutionCommand({ executionArn: arn }));
    expect(redriveDate).toBeInstanceOf(Date);
    expect(await settled(arn)).toBe('SUCCEEDED');
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn: arn }));
    expect(described.redriveCount).toBe(1);
    const types = (await history(arn)).map((e) => e.type);
    expect(types).toContain('ExecutionRedriven');
    expect(types.at(-1)).toBe('ExecutionSucceeded');
    expect(await refusal(sfn.send(new RedriveExecutionCommand({ executionArn: arn })))).toBe(
      'ExecutionNotRedrivable',
    );
  });
});

describe('input checks as AWS makes them', () => {
  it('refuses a status filter, a page size or includedData out of their sets', async () => {
    const list = (input: object) =>
      sfn.send(new ListExecutionsCommand({ stateMachineArn: arns.mixed, ...input }));
    expect(await refusal(list({ statusFilter: 'DONE' }))).toBe('ValidationException');
    expect(await refusal(list({ maxResults: 1001 }))).toBe('ValidationException');
    expect(await refusal(list({ maxResults: -1 }))).toBe('ValidationException');
    expect((await list({ maxResults: 0 })).executions).toBeDefined();
    expect((await list({ statusFilter: 'PENDING_REDRIVE' })).executions).toEqual([]);
    const arn = await start('mixed', { items: [], fail: false });
    await settled(arn);
    expect(
      await refusal(
        sfn.send(
          new DescribeExecutionCommand({ executionArn: arn, includedData: 'SOME' as never }),
        ),
      ),
    ).toBe('ValidationException');
    const metadata = await sfn.send(
      new DescribeExecutionCommand({ executionArn: arn, includedData: 'METADATA_ONLY' }),
    );
    expect(metadata.status).toBe('SUCCEEDED');
    expect(metadata.input).toBeUndefined();
    expect(metadata.output).toBeUndefined();
  });

  it('answers InvalidArn for a malformed ARN, ExecutionDoesNotExist for an unknown one', async () => {
    expect(await refusal(sfn.send(new DescribeExecutionCommand({ executionArn: 'nope' })))).toBe(
      'InvalidArn',
    );
    expect(
      await refusal(sfn.send(new ListExecutionsCommand({ stateMachineArn: 'arn:aws:s3:::x' }))),
    ).toBe('InvalidArn');
    const unknown = `arn:aws:states:${REGION}:000000000000:execution:mixed:never-started`;
    expect(await refusal(sfn.send(new DescribeExecutionCommand({ executionArn: unknown })))).toBe(
      'ExecutionDoesNotExist',
    );
  });

  it('answers a GET on its root with what the port is for', async () => {
    const response = await fetch(server.endpoint);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('aws stepfunctions list-state-machines --endpoint-url');
  });
});

describe('ended executions', () => {
  it('leave memory beyond the bound, and survive a restart in the archive', async () => {
    const ended: string[] = [];
    for (let i = 0; i < 5; i++) {
      const arn = await start('mixed', { items: [i], fail: false }, `kept-${String(i)}`);
      await settled(arn);
      ended.push(arn);
    }
    await sleep(400); // the engine archives a moment after the end
    expect(engine.endedInMemory).toBeLessThanOrEqual(2);
    const first = ended[0] ?? '';
    expect(await settled(first)).toBe('SUCCEEDED');
    const before = await history(first);
    expect(before.at(-1)?.type).toBe('ExecutionSucceeded');
    expect(statSync(dir).mode & 0o777).toBe(0o700);

    // A restart: a new engine on the same folder.
    const again = startEngine();
    const server2 = await startStepFunctionsServer(again, { port: 0 });
    const sfn2 = client(server2.endpoint);
    try {
      await createMachines(sfn2);
      const described = await sfn2.send(new DescribeExecutionCommand({ executionArn: first }));
      expect(described).toMatchObject({ status: 'SUCCEEDED', name: 'kept-0' });
      expect(await history(first, sfn2)).toEqual(before);
      const listed = await sfn2.send(new ListExecutionsCommand({ stateMachineArn: arns.mixed }));
      expect(listed.executions?.map((e) => e.executionArn)).toEqual(expect.arrayContaining(ended));
      // Its name stays taken, as on AWS.
      expect(
        await refusal(
          sfn2.send(
            new StartExecutionCommand({ stateMachineArn: arns.mixed, name: 'kept-0', input: '{}' }),
          ),
        ),
      ).toBe('ExecutionAlreadyExists');
    } finally {
      sfn2.destroy();
      await server2.close();
    }
  });
});

describe('retries at a large time scale', () => {
  it('spread over the real-time window, never beyond AWS’s own schedule', () => {
    const lifecycle = { IntervalSeconds: 2, MaxAttempts: 6, BackoffRate: 2, MaxDelaySeconds: 120 };
    expect(retryFloorMs(lifecycle, 30_000)).toBe(5000);
    expect(retryFloorMs(lifecycle, 0)).toBe(0);
    expect(retryFloorMs({ IntervalSeconds: 1, MaxAttempts: 2, BackoffRate: 2 }, 30_000)).toBe(1500);
    expect(retryFloorMs({ MaxAttempts: 0 }, 30_000)).toBe(0);
  });

  it('outlast a real outage that scaled intervals alone would not', async () => {
    let downUntil = 0;
    const outage: Record<string, LocalFunction> = {
      [fn('db')]: () =>
        Date.now() < downUntil
          ? Promise.reject(Object.assign(new Error('outage'), { name: 'Db.Down' }))
          : Promise.resolve('up'),
    };
    const definition = JSON.stringify({
      StartAt: 'Call',
      States: {
        Call: {
          Type: 'Task',
          Resource: fn('db'),
          Retry: [{ ErrorEquals: ['Db.Down'], IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2 }],
          End: true,
        },
      },
    });
    const run = async (retryWindowMs: number) => {
      const local = new LocalStepFunctions({
        region: REGION,
        clock: new ScaledClock({ scale: 604_800 }),
        functions: outage,
        retryWindowMs,
      });
      const { stateMachineArn } = local.createStateMachine({ name: 'db', definition });
      downUntil = Date.now() + 600;
      const { executionArn } = local.startExecution({ stateMachineArn });
      for (let i = 0; i < 300 && local.describeExecution(executionArn).status === 'RUNNING'; i++) {
        await sleep(10);
      }
      local.close();
      return local.describeExecution(executionArn).status;
    };
    expect(await run(0)).toBe('FAILED');
    expect(await run(1500)).toBe('SUCCEEDED');
  });
});
