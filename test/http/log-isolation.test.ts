// Each invocation's log lines carry its own keys only: not the last warm invocation's, and not
// those of one running at the same time (local mode runs every function in one process).
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { Context } from 'aws-lambda';
import type { TaskRef } from '../../application/agreements.ts';
import { proxyEvent, withClaims } from './request.ts';

// The lines are the subject here: the loggers read the level when the functions load.
process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
// As Lambda runs an on-demand function, whose first invocation is a cold start.
process.env.AWS_LAMBDA_INITIALIZATION_TYPE = 'on-demand';
const { apiHandler } = await import('../../functions/api/http.ts');
const { taskHandler } = await import('../../functions/shared/middleware.ts');
const { logger } = await import('../../functions/shared/powertools.ts');

type Line = Record<string, unknown>;

let lines: Line[];

beforeEach(() => {
  lines = [];
  // Powertools writes each line, as JSON, to the process's stdout.
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    lines.push(JSON.parse(String(chunk)) as Line);
    return true;
  });
});

afterEach(() => {
  jest.restoreAllMocks();
});

const contextOf = (functionName: string, awsRequestId: string) =>
  ({ functionName, awsRequestId }) as Context;

/** A promise and the function that settles it: an invocation waits on it mid-way. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

const linesOf = (message: string) => lines.filter((line) => line.message === message);

describe('task functions', () => {
  const task = (name: string) =>
    taskHandler<TaskRef & { wait?: Promise<void> }, string>(async (event) => {
      logger.info(`${name} started`);
      await event.wait;
      logger.info(`${name} finished`);
      return 'done';
    });
  const first = { agreementId: 'AGR-1', executionArn: 'arn:aws:states:x:1:execution:m:AGR-1-1' };
  const second = { agreementId: 'AGR-2', executionArn: 'arn:aws:states:x:1:execution:m:AGR-2-1' };

  it('log under their own service name, with their own keys', async () => {
    await task('enter')(first, contextOf('sepakat-enter-stage', 'req-1'));
    expect(linesOf('enter started')).toEqual([
      expect.objectContaining({
        service: 'sepakat-enter-stage',
        // The file's first invocation: the process's, cold.
        cold_start: true,
        function_name: 'sepakat-enter-stage',
        function_request_id: 'req-1',
        ...first,
      }),
    ]);
  });

  it('interleaved, keep each one’s agreement and execution on its own lines', async () => {
    const a = gate();
    const enter = task('enter');
    const plan = task('plan');
    const running = enter({ ...first, wait: a.opened }, contextOf('sepakat-enter-stage', 'req-1'));
    await plan(second, contextOf('sepakat-plan-wait', 'req-2'));
    a.open();
    await running;
    for (const message of ['enter started', 'enter finished']) {
      expect(linesOf(message)).toEqual([
        expect.objectContaining({ service: 'sepakat-enter-stage', ...first }),
      ]);
    }
    for (const message of ['plan started', 'plan finished']) {
      expect(linesOf(message)).toEqual([
        expect.objectContaining({ service: 'sepakat-plan-wait', ...second }),
      ]);
    }
  });
});

describe('API functions', () => {
  const HOST = { sub: 'host-1', 'cognito:groups': 'host-coordinators' };
  const OTHER = { sub: 'host-2', 'cognito:groups': 'host-coordinators' };
  const route = (wait?: Promise<void>) =>
    apiHandler({ auth: true, env: {} }, async () => {
      logger.info('handling');
      await wait;
      logger.info('answering');
      return { status: 200, body: {} };
    });
  const getOne = proxyEvent({ ...withClaims(HOST), pathParameters: { id: 'AGR-7' } });
  const list = proxyEvent({ ...withClaims(OTHER), path: '/agreements', resource: '/agreements' });

  it('sequential: the next call on a warm function carries none of the last one’s keys', async () => {
    const handler = route();
    await handler(getOne, contextOf('sepakat-get-agreement', 'req-1'));
    lines = [];
    await handler(list, contextOf('sepakat-get-agreement', 'req-2'));
    for (const line of lines) {
      expect(line).toMatchObject({
        caller: 'host-2',
        function_request_id: 'req-2',
        cold_start: false,
      });
      expect(line).not.toHaveProperty('agreementId');
    }
    expect(lines.map((line) => line.message)).toEqual(['handling', 'answering']);
  });

  it('interleaved: a call never logs with the caller or agreement of another', async () => {
    const a = gate();
    const slow = route(a.opened)(getOne, contextOf('sepakat-get-agreement', 'req-1'));
    await route()(list, contextOf('sepakat-list-agreements', 'req-2'));
    a.open();
    await slow;
    const byRequest = (id: string) => lines.filter((line) => line.function_request_id === id);
    expect(byRequest('req-1')).toEqual([
      expect.objectContaining({ message: 'handling', caller: 'host-1', agreementId: 'AGR-7' }),
      expect.objectContaining({ message: 'answering', caller: 'host-1', agreementId: 'AGR-7' }),
    ]);
    expect(byRequest('req-2')).toHaveLength(2);
    for (const line of byRequest('req-2')) {
      expect(line).toMatchObject({ caller: 'host-2', service: 'sepakat-list-agreements' });
      expect(line).not.toHaveProperty('agreementId');
    }
  });
});
