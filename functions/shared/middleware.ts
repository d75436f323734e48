import middy, { type MiddlewareObj } from '@middy/core';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context } from 'aws-lambda';
import type { TaskRef } from '../../application/agreements.ts';
import { classify } from './errors.ts';

export const logger = new Logger({ serviceName: 'sepakat' });

export type TaskHandler<E extends TaskRef, R> = (event: E, context: Context) => Promise<R>;

/**
 * The middleware stack of a workflow task: the agreement id and execution ARN on every log
 * line, and AWS errors worth a retry renamed so that the state machine's Retry matches them.
 */
export function taskHandler<E extends TaskRef, R>(
  body: (event: E) => Promise<R>,
): TaskHandler<E, R> {
  const correlate: MiddlewareObj<E, R> = {
    before: ({ event }) => {
      logger.appendKeys({ agreementId: event.agreementId, executionArn: event.executionArn });
    },
    onError: (request) => {
      const error = classify(request.error);
      logger.error('Task failed', error instanceof Error ? error : String(error));
      request.error = error as Error;
    },
  };
  return middy<E, R>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(correlate)
    .handler(body);
}

/** Builds the handler on its first call: clients once per container, and nothing at import. */
export function onFirstCall<E, R>(
  build: () => (event: E, context: Context) => Promise<R>,
): (event: E, context: Context) => Promise<R> {
  let built: ((event: E, context: Context) => Promise<R>) | undefined;
  return (event, context) => (built ??= build())(event, context);
}
