// How every function is wrapped: a middy handler that starts with the Powertools logger's
// Lambda context (lambdaHandler), then the middlewares of its kind: the workflow's tasks here
// (taskHandler), the HTTP API in functions/api/http.ts; the SES feedback function needs none.
import middy, { type MiddlewareObj, type MiddyfiedHandler } from '@middy/core';
import type { Context } from 'aws-lambda';
import type { TaskRef } from '../../application/agreements.ts';
import { classify, TransientError } from './errors.ts';
import { inOwnLog, logger } from './powertools.ts';

export type TaskHandler<E extends TaskRef, R> = (event: E, context: Context) => Promise<R>;

/**
 * A middy handler, built by `stack`, whose every invocation logs through a Logger of its own
 * (inOwnLog): the Lambda context on every line, and no key of another invocation. Powertools'
 * injectLambdaContext({ resetKeys }) is not enough: it resets one shared Logger after a call,
 * which concurrent invocations in local mode still share while they run.
 */
export function lambdaHandler<E, R>(
  stack: (handler: MiddyfiedHandler<E, R>) => MiddyfiedHandler<E, R>,
): (event: E, context: Context) => Promise<R> {
  return inOwnLog(stack(middy<E, R>()));
}

/** The agreement id and execution ARN on every log line of a task. */
export function taskLogKeys<E extends TaskRef, R>(): MiddlewareObj<E, R> {
  return {
    before: ({ event }) => {
      logger.appendKeys({ agreementId: event.agreementId, executionArn: event.executionArn });
    },
  };
}

/** Logs a task's failure, with AWS errors worth a retry renamed for the state machine's Retry. */
export function transientErrors<E, R>(): MiddlewareObj<E, R> {
  return {
    onError: (request) => {
      const error = classify(request.error);
      // One the state machine's Retry takes (a version conflict, throttling) is not yet a
      // failure: a warning, so that an ERROR line is one that needs a look.
      if (error instanceof TransientError)
        logger.warn('Task failed; the workflow retries it', error);
      else logger.error('Task failed', error instanceof Error ? error : String(error));
      request.error = error as Error;
    },
  };
}

/** A workflow task: its log keys, and its errors as the state machine's Retry and Catch expect. */
export function taskHandler<E extends TaskRef, R>(
  body: (event: E) => Promise<R>,
): TaskHandler<E, R> {
  return lambdaHandler<E, R>((handler) =>
    handler.use(taskLogKeys<E, R>()).use(transientErrors<E, R>()).handler(body),
  );
}

/** Builds the handler on its first call: clients once per container, and nothing at import. */
export function onFirstCall<E, R>(
  build: () => (event: E, context: Context) => Promise<R>,
): (event: E, context: Context) => Promise<R> {
  let built: ((event: E, context: Context) => Promise<R>) | undefined;
  return (event, context) => (built ??= build())(event, context);
}
