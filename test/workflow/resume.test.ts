// `npm run resume` against the real parts: the command's function with the local engine's
// Step Functions API and a DynamoDB Local table, agreements driven by the lifecycle ASL.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeExecutionCommand,
  ExecutionLimitExceeded,
  SFNClient,
  StopExecutionCommand,
  type ExecutionStatus,
} from '@aws-sdk/client-sfn';
import { runResume, type ResumeClients } from '../../cli/resume.ts';
import type { CliIo } from '../../cli/shared.ts';
import { addDays, latestIndonesianDate } from '../../domain/dates.ts';
import { localClientConfig } from '../../local/aws.ts';
import {
  cancelAndStop,
  createStored,
  describeState,
  eventually,
  executionHistory,
  historyOf,
  startHarness,
  stored,
  type Harness,
} from '../support/workflow.ts';

const ORIGIN = new Date('2019-01-02T01:00:00Z');
// Slower than the default: a reminder is seconds away (the superseded execution's next step),
// and the one-year renewal (330 workflow days) stays far beyond this file's run.
const DAY_MS = 150;

let h: Harness;
let dynamoDb: DynamoDBClient;
const harnessClients = (): ResumeClients => ({ sfn: h.sfn, dynamoDb });

/** The agreements of this file, and the execution each was started with. */
const OPEN = ['agr-pks', 'agr-mou-1', 'agr-mou-2'];
const CANCELLED = 'agr-cancelled';
const firstExecution = new Map<string, string>();

async function statusOf(executionArn: string): Promise<ExecutionStatus | undefined> {
  return (await h.sfn.send(new DescribeExecutionCommand({ executionArn }))).status;
}

async function lastState(executionArn: string): Promise<string | undefined> {
  return (await executionHistory(h, executionArn))
    .filter((e) => e.type?.endsWith('StateEntered'))
    .map((e) => e.stateEnteredEventDetails?.name)
    .at(-1);
}

function executionNames(id: string): string[] {
  return h.engine
    .listExecutions(h.stateMachineArn)
    .filter((e) => e.name.startsWith(`${id}-`))
    .map((e) => e.name);
}

/** Until the agreement's wait sleeps on a token stored by `executionArn`. */
function asleepIn(id: string, executionArn: string) {
  return eventually(
    `${id} asleep in ${executionArn}`,
    async () =>
      (await stored(h, id)).workflow?.executionArn === executionArn &&
      (await h.table.repository.taskTokens(id)).some((t) => t.executionArn === executionArn),
    { explain: () => describeState(h, id) },
  );
}

/** Runs the command on the harness, as an operator would with the stack's outputs. */
async function resume(argv: string[], clients: () => ResumeClients = harnessClients) {
  const out = { stdout: '', stderr: '' };
  const io: CliIo = {
    stdout: { write: (chunk: string) => (out.stdout += chunk) },
    stderr: { write: (chunk: string) => (out.stderr += chunk) },
    env: { SEPAKAT_STATE_MACHINE_ARN: h.stateMachineArn, SEPAKAT_TABLE_NAME: h.table.tableName },
  };
  // One agreement per list page: the two MoU agreements take two pages.
  const code = await runResume(argv, clients, io, { pageSize: 1 });
  const rows = new Map(
    out.stdout
      .split('\n')
      .map((line) =>
        /^(agr-\S+)\s+(\S+)\s+(resumed|would resume|skipped|not found|failed)\s+(.*)$/.exec(line),
      )
      .filter((match) => match !== null)
      .map(([, id, stage, outcome, detail]) => [id, { stage, outcome, detail }]),
  );
  return { code, rows, ...out };
}

beforeAll(async () => {
  h = await startHarness({ origin: ORIGIN, dayMs: DAY_MS });
  dynamoDb = new DynamoDBClient({});
  const today = latestIndonesianDate(h.clock.now());
  for (const id of [...OPEN, CANCELLED]) {
    const agreement = await createStored(
      h,
      id,
      id === 'agr-pks'
        ? { milestones: [{ type: 'MOU_SIGNED', occurredAt: addDays(today, -20) }] }
        : {},
    );
    const { executionArn } = await h.workflow.start(agreement, 'created');
    firstExecution.set(id, executionArn);
  }
  await Promise.all([...firstExecution].map(([id, executionArn]) => asleepIn(id, executionArn)));
  await cancelAndStop(h, CANCELLED);
  const cancelledExecution = firstExecution.get(CANCELLED) ?? '';
  await eventually(
    'the cancelled execution ended',
    async () => (await statusOf(cancelledExecution)) === 'SUCCEEDED',
  );
});

afterAll(async () => {
  await h.close();
  dynamoDb.destroy();
});

describe('npm run resume', () => {
  it('--dry-run says what it would start and starts nothing', async () => {
    const before = h.engine.listExecutions(h.stateMachineArn).length;
    const all = await resume(['--all-open', '--dry-run']);
    expect(all.code).toBe(0);
    expect([...all.rows.keys()].sort()).toEqual([...OPEN].sort());
    for (const id of OPEN) {
      expect(all.rows.get(id)).toMatchObject({
        outcome: 'would resume',
        detail: `${id}-61-12-resumed-…`,
      });
    }
    expect(all.rows.get('agr-pks')?.stage).toBe('PKS');
    expect(all.stdout).toContain('3 would resume (dry run: nothing was started).');

    const named = await resume(['--dry-run', CANCELLED, 'agr-mou-1']);
    expect(named.code).toBe(0);
    expect(named.rows.get(CANCELLED)).toMatchObject({ stage: 'CANCELLED', outcome: 'skipped' });
    expect(named.rows.get('agr-mou-1')?.outcome).toBe('would resume');

    expect(h.engine.listExecutions(h.stateMachineArn)).toHaveLength(before);
    for (const id of OPEN) {
      expect((await stored(h, id)).workflow?.executionArn).toBe(firstExecution.get(id));
    }
  });

  it('resumes a named agreement on a new execution; the old one ends superseded at its next step', async () => {
    const old = firstExecution.get('agr-pks') ?? '';
    const run = await resume(['agr-pks', CANCELLED, 'agr-unknown']);

    // The unknown id fails the run, after the others were done.
    expect(run.code).toBe(1);
    expect(run.rows.get('agr-unknown')).toEqual({
      stage: '-',
      outcome: 'not found',
      detail: 'no such agreement in the table',
    });
    expect(run.rows.get(CANCELLED)).toEqual({
      stage: 'CANCELLED',
      outcome: 'skipped',
      detail: 'cancelled: nothing to resume',
    });
    expect(executionNames(CANCELLED)).toEqual([`${CANCELLED}-61-12-start`]);
    expect(run.stdout).toContain('1 resumed, 1 skipped, 1 not found.');
    expect(run.stderr).toMatch(/\[3\/3\]/);

    const row = run.rows.get('agr-pks');
    expect(row).toMatchObject({ stage: 'PKS', outcome: 'resumed' });
    const resumed = row?.detail ?? '';
    expect(resumed).toMatch(/:execution:.*:agr-pks-61-12-resumed-[0-9a-z]+$/);
    // The new execution took the agreement and its PKS wait over...
    await asleepIn('agr-pks', resumed);
    expect(await statusOf(resumed)).toBe('RUNNING');
    const started = (await historyOf(h, 'agr-pks')).filter((e) => e.type === 'WORKFLOW_STARTED');
    expect(started.map((e) => e.data)).toEqual([
      { executionArn: old, stage: 'PKS' },
      { executionArn: resumed, stage: 'PKS' },
    ]);

    // A wake (a milestone, a cancellation) now reaches only the new execution's token (its
    // token is briefly gone when it wakes for a reminder and sleeps again: eventually)...
    await eventually(
      'only the new execution holds a token',
      async () => {
        const tokens = await h.table.repository.taskTokens('agr-pks');
        return (
          JSON.stringify(tokens.map((t) => [t.waitKey, t.executionArn])) ===
          JSON.stringify([['PKS', resumed]])
        );
      },
      { explain: () => describeState(h, 'agr-pks') },
    );

    // ...so the old one ends at its next step of its own: when its wait times out at the
    // reminder time it had planned (or, if it was between steps, at the next one), its task
    // finds the newer owner.
    await eventually('the old execution ended', async () => (await statusOf(old)) === 'SUCCEEDED', {
      explain: () => describeState(h, 'agr-pks'),
    });
    expect(await lastState(old)).toBe('Superseded by a newer execution');
    expect(await statusOf(resumed)).toBe('RUNNING');
    expect((await stored(h, 'agr-pks')).workflow?.executionArn).toBe(resumed);
    // Both planned the same reminders: each still went out once.
    const nudges = (await historyOf(h, 'agr-pks'))
      .filter((e) => e.type === 'NUDGE_SENT')
      .map((e) => `${String(e.data.waitKey)}#${String(e.data.number)}`);
    expect(new Set(nudges).size).toBe(nudges.length);
  });

  it('gets a stuck agreement going again', async () => {
    const stopped = (await stored(h, 'agr-mou-2')).workflow?.executionArn ?? '';
    await h.sfn.send(new StopExecutionCommand({ executionArn: stopped, cause: 'by hand' }));
    expect(await statusOf(stopped)).toBe('ABORTED');

    const run = await resume(['agr-mou-2']);
    expect(run.code).toBe(0);
    const resumed = run.rows.get('agr-mou-2')?.detail ?? '';
    expect(resumed).toContain(':agr-mou-2-61-12-resumed-');
    await asleepIn('agr-mou-2', resumed);
    expect(await statusOf(resumed)).toBe('RUNNING');
  });

  it('--all-open resumes exactly the open agreements, page by page', async () => {
    const before = new Map(
      await Promise.all(
        OPEN.map(async (id) => [id, (await stored(h, id)).workflow?.executionArn ?? ''] as const),
      ),
    );
    const run = await resume(['--all-open', '--concurrency', '2']);
    expect(run.code).toBe(0);
    expect([...run.rows.keys()].sort()).toEqual([...OPEN].sort());
    expect(run.stdout).toContain('3 resumed.');
    expect(run.stderr).toContain(`listing open agreements in ${h.table.tableName}`);

    for (const id of OPEN) {
      const resumed = run.rows.get(id)?.detail ?? '';
      expect(resumed).toContain(`:${id}-61-12-resumed-`);
      await asleepIn(id, resumed);
      expect(await statusOf(resumed)).toBe('RUNNING');
    }
    expect(executionNames(CANCELLED)).toEqual([`${CANCELLED}-61-12-start`]);
    // Every execution it replaced stands down at its next step.
    for (const [id, previous] of before) {
      await eventually(
        `${id}'s previous execution ended`,
        async () => (await statusOf(previous)) === 'SUCCEEDED',
        { explain: () => describeState(h, id) },
      );
      expect(await lastState(previous)).toBe('Superseded by a newer execution');
    }
  });

  it('reports a Step Functions limit as a failure to retry later, and resumes the others', async () => {
    // The local engine has no quota: the refusal is injected for one agreement's start.
    const sfn = new SFNClient(localClientConfig(h.server.endpoint));
    sfn.middlewareStack.add(
      (next) => async (args) => {
        if ((args.input as { name?: string }).name?.startsWith('agr-mou-1-')) {
          throw new ExecutionLimitExceeded({
            message: 'Execution limit exceeded (injected)',
            $metadata: { httpStatusCode: 400 },
          });
        }
        return next(args);
      },
      { step: 'initialize', name: 'executionLimit' },
    );
    try {
      const run = await resume(['agr-mou-1', 'agr-mou-2'], () => ({ sfn, dynamoDb }));
      expect(run.code).toBe(1);
      expect(run.rows.get('agr-mou-1')).toMatchObject({ stage: 'MOU', outcome: 'failed' });
      expect(run.rows.get('agr-mou-1')?.detail).toBe(
        'starting the execution: ExecutionLimitExceeded: Execution limit exceeded (injected) (a Step Functions limit: run again later)',
      );
      expect(run.stderr).toContain(
        'resume: 1 hit a Step Functions limit; in a few minutes, run again for them: npm run resume -- agr-mou-1 (same options)\n',
      );
      const resumed = run.rows.get('agr-mou-2')?.detail ?? '';
      expect(resumed).toContain(':agr-mou-2-61-12-resumed-');
      await asleepIn('agr-mou-2', resumed);
    } finally {
      sfn.destroy();
    }
  });

  it('refuses a table that does not exist before starting anything', async () => {
    const before = h.engine.listExecutions(h.stateMachineArn).length;
    const run = await resume(['--all-open', '--table-name', 'sepakat-no-such-table']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^resume: Cannot use the table sepakat-no-such-table in ap-southeast-3 \(ResourceNotFoundException: .*\): check --table-name/,
    );
    expect(run.stdout).toBe('');
    expect(h.engine.listExecutions(h.stateMachineArn)).toHaveLength(before);
  });
});
