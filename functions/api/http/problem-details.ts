import type { APIGatewayProxyResult } from 'aws-lambda';
import {
  AccessDeniedError,
  ActionLinkNotFoundError,
  RuleRejectedError,
  WorkflowNotStartedError,
} from '../../../application/errors.ts';
import {
  AgreementNotFoundError,
  IdempotencyKeyReusedError,
  InvalidCursorError,
  VersionConflictError,
} from '../../../domain/ports.ts';
import { classify, TransientError } from '../../shared/errors.ts';
import { logger } from '../../shared/powertools.ts';
import type { HttpMiddleware } from './event.ts';
import { Problem, problems, rejected } from './problems.ts';

/** Known errors of the layers below, as the problems a client can act on. */
function asProblem(error: unknown): Problem | undefined {
  if (error instanceof Problem) return error;
  if (error instanceof AccessDeniedError) return problems.forbidden(error.message);
  // One answer for every link that does not work, whatever the reason (unknown, used, ...).
  if (error instanceof ActionLinkNotFoundError) return problems.notFound(error.message);
  if (error instanceof RuleRejectedError) return rejected(error.rejection);
  if (error instanceof WorkflowNotStartedError) {
    return new Problem(
      503,
      'workflow-unavailable',
      'Workflow not started',
      `Agreement ${error.agreementId} is stored but its workflow did not start; retry with the same Idempotency-Key. (${String(error.cause)})`,
      {},
      1,
    );
  }
  if (error instanceof AgreementNotFoundError) {
    return problems.notFound(`No agreement ${error.agreementId}`);
  }
  if (error instanceof InvalidCursorError) {
    return problems.invalid([{ field: 'query.cursor', message: error.message }]);
  }
  if (error instanceof IdempotencyKeyReusedError) {
    return new Problem(
      422,
      'idempotency-key-reused',
      'Idempotency key already used',
      'This Idempotency-Key was used for a different request; use a new key for a new request.',
    );
  }
  if (error instanceof VersionConflictError) {
    // Still conflicting after retryOnConflict's backoff: a burst of writers on one agreement.
    return new Problem(
      409,
      'conflict-retry',
      'Changed concurrently',
      `Agreement ${error.agreementId} was changed by other requests at the same time; retry after Retry-After seconds (with the same Idempotency-Key).`,
      {},
      1,
    );
  }
  // The same classification as the tasks' retries: what a retry may cure is an outage.
  if (classify(error) instanceof TransientError) {
    return new Problem(
      503,
      'service-unavailable',
      'Service unavailable',
      'A service behind the API (the database or the workflow) is unavailable or busy; retry after Retry-After seconds.',
      {},
      5,
    );
  }
  return undefined;
}

function problemResponse(problem: Problem, instance: string): APIGatewayProxyResult {
  return {
    statusCode: problem.status,
    headers: {
      'content-type': 'application/problem+json',
      ...(problem.retryAfter === undefined ? {} : { 'retry-after': String(problem.retryAfter) }),
    },
    body: JSON.stringify({
      type: `urn:sepakat:problem:${problem.code}`,
      title: problem.title,
      status: problem.status,
      detail: problem.message,
      instance,
      ...problem.extra,
    }),
  };
}

/**
 * Every error as an RFC 9457 problem (application/problem+json): known ones as what the
 * client can act on, anything else logged and answered 500 without its details.
 */
export function problemDetails(): HttpMiddleware {
  return {
    onError: (request) => {
      const { event, error } = request;
      // A path with an action link's token names the route instead: the token goes nowhere.
      const instance =
        (event.resource.includes('{token}') ? event.resource : event.path) || event.resource || '/';
      const problem = asProblem(error);
      if (problem && problem.status >= 500) {
        // Not the client's fault: kept visible at error level, with the cause.
        logger.error('Request failed', error instanceof Error ? error : String(error));
        request.response = problemResponse(problem, instance);
        return;
      }
      if (problem) {
        logger.info('Request refused', { status: problem.status, code: problem.code });
        request.response = problemResponse(problem, instance);
        return;
      }
      logger.error('Request failed', error instanceof Error ? error : String(error));
      request.response = problemResponse(
        new Problem(
          500,
          'internal',
          'Internal error',
          'Something went wrong on our side; try again later.',
        ),
        instance,
      );
    },
  };
}
