// Faults a real DynamoDB Local does not produce (throttling, a refused request) are injected
// into the task functions' own client, for one agreement only.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeExecutionCommand } from '@aws-sdk/client-sfn';
import type { Context } from 'aws-lambda';
import { StepFunctionsWorkflow } from '../../adapters/stepfunctions/workflow-client.ts';
import type { AgreementRepository, TaskToken } from '../../domain/ports.ts';
import { attachWorkflow } from '../../domain/execution.ts';
import { claimNudge } from '../../domain/nudge-ledger.ts';
import type { Nudge } from '../../domain/nudge-plan.ts';
import { createHandler as createSendNudge } from '../../functions/send-nudge.ts';
import {
  createStored,
  emailsTo,
  eventually,
  executionHistory,
  historyOf,
  OPERATIONS_EMAIL,
  startHarness,
  stored,
  type Harness,
} from '../support/workflow.ts';

/** Errors to throw, per agreement id, before a request reaches DynamoDB Local. */
const faults = new Map<string, () => Error | undefined>();

function faultyClient(): DynamoDBClient {
  const client = new DynamoDBClient({});
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = JSON.stringify(args.input);
      for (const [agreementId, fault] of faults) {
        const error = request.includes(`AGREEMENT#${agreementId}"`) ? fault() : undefined;
        if (error) throw error;
      }
      return next(args);
    },
    // Before the SDK's own retries, so the state machine's Retry is what handles the fault.
    { step: 'initialize', name: 'injectFault' },
  );
  return client;
}

function awsError(name: string, status: number): Error {
  return Object.assign(new Error(`${name} (injected)`), {
    name,
    $metadata: { httpStatusCode: status },
  });
}

let h: Harness;
beforeAll(async () => {
  // Real time: these cases wait for no reminder, and a sleeping wait keeps its token.
  h = await startHarness({
    dayMs: Infinity,
    options: { 'plan-wait': { dynamoDb: faultyClient() } },
  });
});
afterAll(async () => {
  await h.close();
});

const status = async (executionArn: string) =>
  (await h.sfn.send(new DescribeExecutionCommand({ executionArn }))).status;

describe('a failing task', () => {
  it('is retried after a transient error and the lifecycle goes on', async () => {
    let throttled = 0;
    faults.set('agr-throttled', () =>
      throttled++ < 2 ? awsError('ProvisionedThroughputExceededException', 400) : undefined,
    );
    const agreement = await createStored(h, 'agr-throttled');
    const { executionArn } = await h.workflow.start(agreement, 'created');
    await eventually('the MoU wait asleep', async () =>
      (await h.table.repository.taskTokens(agreement.id)).some((t) => t.waitKey === 'MOU'),
    );
    expect(throttled).toBeGreaterThanOrEqual(2);
    const failures = (await executionHistory(h, executionArn)).filter(
      // A Task on the function's ARN: AWS writes LambdaFunctionFailed (issue 21).
      (e) => e.type === 'LambdaFunctionFailed',
    );
    expect(failures.map((e) => e.lambdaFunctionFailedEventDetails?.error)).toEqual([
      'Sepakat.TransientError',
      'Sepakat.TransientError',
    ]);
    expect(await status(executionArn)).toBe('RUNNING');
    expect((await historyOf(h, agreement.id)).map((e) => e.type)).not.toContain('NEEDS_ATTENTION');
  });

  it('ends a permanent failure in needs-attention, with an audit event and a note to operations', async () => {
    faults.set('agr-broken', () => awsError('ValidationException', 400));
    const agreement = await createStored(h, 'agr-broken');
    const { executionArn } = await h.workflow.start(agreement, 'created');
    await eventually('the execution failed', async () => (await status(executionArn)) === 'FAILED');

    const described = await h.sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(described.error).toBe('Sepakat.NeedsAttention');
    const marked = await stored(h, agreement.id);
    expect(marked.needsAttention).toMatchObject({ error: 'ValidationException', executionArn });
    const event = (await historyOf(h, agreement.id)).find((e) => e.type === 'NEEDS_ATTENTION');
    expect(event?.data).toMatchObject({ error: 'ValidationException', executionArn });
    const [notice] = (await emailsTo(h, OPERATIONS_EMAIL)).filter((e) =>
      e.subject.includes('agr-broken'),
    );
    expect(notice?.subject).toContain('agr-broken');
    expect(notice?.subject).toContain('ValidationException');
    expect(notice?.body.text).toContain('ValidationException');
  });
});

describe('sending a nudge', () => {
  const executionArn = 'arn:aws:states:ap-southeast-3:000000000000:execution:test:nudge';
  const context = {} as Context;

  async function owned(id: string) {
    const agreement = await createStored(h, id, {
      milestones: [{ type: 'MOU_SIGNED', occurredAt: '2018-12-14' }],
    });
    const change = attachWorkflow(
      agreement,
      { executionArn, executionStartTime: new Date().toISOString() },
      h.clock.now(),
    );
    if (!change || change === 'superseded') throw new Error('expected to take over');
    await h.table.repository.update(change.agreement, change.events);
    // The PKS stage's opening message, as the planner hands it to the task.
    const nudge: Nudge = {
      waitKey: 'PKS',
      key: 'PKS',
      number: 1,
      kind: 'ACTION_NEEDED',
      dueAt: '2018-12-14T01:00:00.000Z',
    };
    return { agreement: change.agreement, nudge };
  }

  const sendNudge = () =>
    createSendNudge(
      { TABLE_NAME: h.table.tableName, SENDER_EMAIL: 'sepakat@bandung.example.go.id' },
      {
        now: h.clock.now,
      },
    );

  async function nudgesAbout(id: string) {
    const emails = await h.ses.emails();
    return emails.filter((e) => e.body.text?.includes(`: ${id}`));
  }

  it('sends once however often a retried invocation asks', async () => {
    const { agreement, nudge } = await owned('agr-nudge-retried');
    const send = sendNudge();
    const event = { agreementId: agreement.id, executionArn, nudge };
    const first = await send(event, context);
    const second = await send(event, context);
    expect(first).toMatchObject({ sent: true });
    expect(second).toEqual({ sent: false });
    expect(await nudgesAbout(agreement.id)).toHaveLength(1);
    const recorded = (await historyOf(h, agreement.id)).filter((e) => e.type === 'NUDGE_SENT');
    expect(recorded).toHaveLength(1);
  });

  it('sends nothing while an attempt that claimed the nudge may still be in flight', async () => {
    const { agreement, nudge } = await owned('agr-nudge-crashed');
    await h.table.repository.update(claimNudge(agreement, nudge, h.clock.now()), []);
    const result = await sendNudge()({ agreementId: agreement.id, executionArn, nudge }, context);
    // What became of the claim is settled later (test/workflow/nudge-crash.test.ts).
    expect(result).toEqual({ sent: false, inFlight: true });
    expect(await nudgesAbout(agreement.id)).toEqual([]);
    const recorded = (await historyOf(h, agreement.id)).filter((e) => e.type === 'NUDGE_SENT');
    expect(recorded).toEqual([]);
  });

  it('refuses to act for an execution that no longer drives the agreement', async () => {
    const { agreement, nudge } = await owned('agr-nudge-stale');
    const stale = 'arn:aws:states:ap-southeast-3:000000000000:execution:test:stale';
    await expect(
      sendNudge()({ agreementId: agreement.id, executionArn: stale, nudge }, context),
    ).rejects.toMatchObject({ name: 'Sepakat.Superseded' });
    expect(await nudgesAbout(agreement.id)).toEqual([]);
  });
});

describe('waking a wait', () => {
  /** The repository as the workflow client sees it, with the first token read rewritten. */
  function racingRepository(rewrite: (token: TaskToken) => TaskToken, always = false) {
    const repository = h.table.repository;
    let first = true;
    return new Proxy(repository, {
      get(target, property) {
        if (property === 'taskTokens') {
          return async (id: string) => {
            const tokens = await target.taskTokens(id);
            const rewritten = first || always ? tokens.map(rewrite) : tokens;
            first = false;
            return rewritten;
          };
        }
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
      },
    });
  }

  async function asleep(id: string) {
    const agreement = await createStored(h, id);
    await h.workflow.start(agreement, 'created');
    return eventually('the MoU wait asleep', async () =>
      (await h.table.repository.taskTokens(id)).find((t) => t.waitKey === 'MOU'),
    );
  }

  const client = (repository: AgreementRepository) =>
    new StepFunctionsWorkflow({
      client: h.sfn,
      taskTokens: repository,
      stateMachineArn: h.stateMachineArn,
    });

  it('uses the newer token when the one it read had been replaced meanwhile', async () => {
    const sleeping = await asleep('agr-wake-replaced');
    const repository = racingRepository((t) => ({ ...t, token: 'an-expired-token' }));
    expect(await client(repository).wake('agr-wake-replaced')).toEqual({
      woken: ['MOU'],
      stale: [],
    });
    // The woken wait re-planned and went back to sleep on a fresh token.
    await eventually('a fresh token', async () =>
      (await h.table.repository.taskTokens('agr-wake-replaced')).some(
        (t) => t.waitKey === 'MOU' && t.token !== sleeping.token,
      ),
    );
  });

  it('reports a wait whose token is gone, for the next timeout to pick it up', async () => {
    await asleep('agr-wake-gone');
    const repository = racingRepository((t) => ({ ...t, token: 'an-expired-token' }), true);
    expect(await client(repository).wake('agr-wake-gone')).toEqual({ woken: [], stale: ['MOU'] });
  });
});
