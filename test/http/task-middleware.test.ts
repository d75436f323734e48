// The middlewares of the workflow's task functions.
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import type { Context } from 'aws-lambda';
import { VersionConflictError } from '../../domain/ports.ts';
import type { TaskRef } from '../../application/agreements.ts';
import { taskHandler } from '../../functions/shared/middleware.ts';
import { logger } from '../../functions/shared/powertools.ts';

const context = { functionName: 'sepakat-test', awsRequestId: 'req-1' } as Context;
const event: TaskRef = {
  agreementId: 'AGR-1',
  executionArn: 'arn:aws:states:x:1:execution:m:AGR-1-1',
};

function failingWith(error: Error) {
  return taskHandler(() => Promise.reject(error))(event, context).then(
    () => {
      throw new Error('the task succeeded');
    },
    (thrown: unknown) => thrown as Error,
  );
}

afterEach(() => {
  jest.restoreAllMocks();
});

describe('taskHandler', () => {
  it('puts the agreement id and execution ARN on the log lines', async () => {
    const appendKeys = jest.spyOn(logger, 'appendKeys');
    expect(await taskHandler(() => Promise.resolve('done'))(event, context)).toBe('done');
    expect(appendKeys).toHaveBeenCalledWith({ ...event });
  });

  it('renames AWS errors worth a retry for the state machine', async () => {
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    for (const error of [throttled, new VersionConflictError('AGR-1', 2, 3)]) {
      const thrown = await failingWith(error);
      expect(thrown.name).toBe('Sepakat.TransientError');
      expect(thrown.cause).toBe(error);
    }
  });

  it('logs a failure and lets any other error through as it is', async () => {
    const logged = jest.spyOn(logger, 'error');
    const error = Object.assign(new Error('gone'), { name: 'Sepakat.Superseded' });
    expect(await failingWith(error)).toBe(error);
    expect(logged).toHaveBeenCalledWith('Task failed', error);
  });

  it('logs a failure the workflow retries (a version conflict) as a warning, not an error', async () => {
    const warned = jest.spyOn(logger, 'warn');
    const errored = jest.spyOn(logger, 'error');
    const thrown = await failingWith(new VersionConflictError('AGR-1', 2, 3));
    expect(warned).toHaveBeenCalledWith('Task failed; the workflow retries it', thrown);
    expect(errored).not.toHaveBeenCalled();
  });
});
