// How every function is wrapped: a middy handler that starts with the Powertools logger's
// Lambda context (lambdaHandler), then the middlewares of its kind: the workflow's tasks here
// (taskHandler), the HTTP API in functions/api/http.ts; the SES feedback function needs none.
import middy, { type MiddlewareObj } from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context } from 'aws-lambda';
import type { TaskRef } from '../../application/agreements.ts';
import { classify } from './errors.ts';
import { logger } from './powertools.ts';

export type TaskHandler<E extends TaskRef, R> = (event: E, context: Context) => Promise<R>;

/** A middy handler with the Lambda context on every log line and no keys left from the last call. */
export function lambdaHandler<E, R>() {
  return middy<E, R>().use(injectLambdaContext(logger, { resetKeys: true }));
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
      logger.error('Task failed', error instanceof Error ? error : String(error));
      request.error = error as Error;
    },
  };
}

/** A workflow task: its log keys, and its errors as the state machine's Retry and Catch expect. */
export function taskHandler<E extends TaskRef, R>(
  body: (event: E) => Promise<R>,
): TaskHandler<E, R> {
  return lambdaHandler<E, R>().use(taskLogKeys<E, R>()).use(transientErrors<E, R>()).handler(body);
}

/** Builds the handler on its first call: clients once per container, and nothing at import. */
export function onFirstCall<E, R>(
  build: () => (event: E, context: Context) => Promise<R>,
): (event: E, context: Context) => Promise<R> {
  let built: ((event: E, context: Context) => Promise<R>) | undefined;
  return (event, context) => (built ??= build())(event, context);
}
