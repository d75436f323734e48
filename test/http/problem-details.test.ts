import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { problemDetails } from '../../functions/api/http/problem-details.ts';
import { Problem, problems } from '../../functions/api/http/problems.ts';
import { logger } from '../../functions/shared/powertools.ts';
import {
  AgreementNotFoundError,
  IdempotencyKeyReusedError,
  InvalidCursorError,
  VersionConflictError,
} from '../../domain/ports.ts';
import { problemOf, proxyEvent, requestOf } from './request.ts';

function answer(error: Error, path = '/agreements/AGR-1') {
  const request = requestOf(proxyEvent({ path }), error);
  void problemDetails().onError?.(request);
  return {
    status: request.response?.statusCode,
    headers: request.response?.headers,
    body: problemOf(request.response),
  };
}

afterEach(() => {
  jest.restoreAllMocks();
});

describe('problemDetails()', () => {
  it('renders a thrown Problem as RFC 9457 problem details', () => {
    const problem = new Problem(409, 'stage-mismatch', 'Not possible', 'Not in PKS', { code: 'X' });
    expect(answer(problem)).toEqual({
      status: 409,
      headers: { 'content-type': 'application/problem+json' },
      body: {
        type: 'urn:sepakat:problem:stage-mismatch',
        title: 'Not possible',
        status: 409,
        detail: 'Not in PKS',
        instance: '/agreements/AGR-1',
        code: 'X',
      },
    });
  });

  it('answers the known errors of the layers below as problems a client can act on', () => {
    expect(answer(new AgreementNotFoundError('AGR-9')).body).toMatchObject({
      status: 404,
      type: 'urn:sepakat:problem:not-found',
      detail: 'No agreement AGR-9',
    });
    expect(answer(new InvalidCursorError('garbled')).body).toMatchObject({
      status: 400,
      type: 'urn:sepakat:problem:validation',
      errors: [{ field: 'query.cursor', message: 'Invalid cursor: garbled' }],
    });
    expect(answer(new IdempotencyKeyReusedError('k')).body).toMatchObject({
      status: 422,
      type: 'urn:sepakat:problem:idempotency-key-reused',
    });
  });

  it('logs a refusal at info level with its status and code', () => {
    const info = jest.spyOn(logger, 'info');
    answer(problems.forbidden('No.'));
    expect(info).toHaveBeenCalledWith('Request refused', { status: 403, code: 'forbidden' });
  });

  it('logs anything else as an error and answers 500 without its details', () => {
    const error = jest.spyOn(logger, 'error');
    const failure = new Error('the table is on fire');
    const { status, body } = answer(failure);
    expect(status).toBe(500);
    expect(body).toEqual({
      type: 'urn:sepakat:problem:internal',
      title: 'Internal error',
      status: 500,
      detail: 'Something went wrong on our side; try again later.',
      instance: '/agreements/AGR-1',
    });
    expect(error).toHaveBeenCalledWith('Request failed', failure);
  });

  it('answers a conflict left after the retries as 409 conflict-retry, with Retry-After', () => {
    const { status, headers, body } = answer(new VersionConflictError('AGR-1', 3, 4));
    expect(status).toBe(409);
    expect(Number(headers?.['retry-after'])).toBeGreaterThan(0);
    expect(body).toMatchObject({ type: 'urn:sepakat:problem:conflict-retry', status: 409 });
  });

  /** AWS SDK errors as the SDK throws them. */
  const sdkError = (name: string, fields: Record<string, unknown>) =>
    Object.assign(new Error(`${name} happened`), { name, ...fields });

  it.each([
    [
      'DynamoDB throttling',
      sdkError('ThrottlingException', { $metadata: { httpStatusCode: 400 } }),
    ],
    [
      'a table over its throughput',
      sdkError('ProvisionedThroughputExceededException', { $metadata: { httpStatusCode: 400 } }),
    ],
    ['a service failure', sdkError('InternalServerError', { $metadata: { httpStatusCode: 500 } })],
    [
      'a service unavailable',
      sdkError('ServiceUnavailable', { $metadata: { httpStatusCode: 503 } }),
    ],
    ['a refused connection', sdkError('Error', { code: 'ECONNREFUSED' })],
    ['a timeout', sdkError('TimeoutError', {})],
    ['retries that got no answer', sdkError('Error', { $metadata: { attempts: 3 } })],
  ])('answers %s as 503 service-unavailable, with Retry-After', (_, error) => {
    const logged = jest.spyOn(logger, 'error');
    const { status, headers, body } = answer(error);
    expect(status).toBe(503);
    expect(Number(headers?.['retry-after'])).toBeGreaterThan(0);
    expect(body).toMatchObject({ type: 'urn:sepakat:problem:service-unavailable', status: 503 });
    // An outage is ours, not the client's: logged as an error, with the cause.
    expect(logged).toHaveBeenCalledWith('Request failed', error);
  });

  it('keeps a failure that no retry cures (a bug of ours) a 500', () => {
    const validation = sdkError('ValidationException', { $metadata: { httpStatusCode: 400 } });
    expect(answer(validation).status).toBe(500);
  });

  it('names the resource by its path, else its template, else /', () => {
    const request = requestOf(
      proxyEvent({ path: '', resource: '/health' }),
      problems.unauthorized(),
    );
    void problemDetails().onError?.(request);
    expect(problemOf(request.response).instance).toBe('/health');
    request.event.resource = '';
    void problemDetails().onError?.(request);
    expect(problemOf(request.response).instance).toBe('/');
  });
});
