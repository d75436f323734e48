// Error names are what Step Functions matches in Retry and Catch: keep them in step with the ASL
// (application/errors.ts has Sepakat.Superseded).
import { VersionConflictError } from '../../domain/ports.ts';

/** Worth retrying with backoff (throttling, a service hiccup, a concurrent writer). */
export class TransientError extends Error {
  constructor(cause: Error) {
    super(`${cause.name}: ${cause.message}`, { cause });
    this.name = 'Sepakat.TransientError';
  }
}

const TRANSIENT_NAMES = new Set([
  'ThrottlingException',
  'Throttling',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TransactionConflictException',
  'InternalServerError',
  'InternalFailure',
  'ServiceUnavailable',
  'TimeoutError',
  'ECONNREFUSED',
  'ECONNRESET',
]);

interface SdkErrorShape {
  name?: string;
  code?: string;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: number };
}

/** AWS SDK errors that a retry may cure become TransientError; anything else stays as is. */
export function classify(error: unknown): unknown {
  if (!(error instanceof Error) || error instanceof TransientError) return error;
  const sdk = error as Error & SdkErrorShape;
  const status = sdk.$metadata?.httpStatusCode ?? 0;
  // The SDK's retries gave up without any HTTP answer (the service unreachable): the SDK may
  // have wrapped the network error without its code (one from another realm, as under jest).
  const unanswered = sdk.$metadata !== undefined && sdk.$metadata.httpStatusCode === undefined;
  const transient =
    error instanceof VersionConflictError ||
    unanswered ||
    sdk.$retryable !== undefined ||
    status >= 500 ||
    TRANSIENT_NAMES.has(error.name) ||
    TRANSIENT_NAMES.has(sdk.code ?? '');
  return transient ? new TransientError(error) : error;
}
