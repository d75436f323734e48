// What the API's handlers translate besides the body's schema: the agreement of the path and
// the claim of an Idempotency-Key in; the answer to a write and a page of items out.
import { createHash } from 'node:crypto';
import { AGREEMENT_ID } from '../../domain/agreement.ts';
import type { IdempotencyClaim, Page, WriteResult } from '../../domain/ports.ts';
import { problems, type ApiRequest, type ApiResponse, type PublicApiRequest } from './http.ts';
import { viewOf } from './view-of.ts';

/** The `{id}` of the path; one that no agreement can have is a 404 without a read. */
export function agreementIdOf(request: ApiRequest): string {
  const id = request.pathParameters.id ?? '';
  if (!AGREEMENT_ID.test(id))
    throw problems.notFound(`No agreement ${JSON.stringify(id.slice(0, 64))}`);
  return id;
}

const REPORT_ID = /^[A-Za-z0-9-]{1,64}$/;

/** A report decision's input: the `{reportId}` of the path and the parsed body. */
export function reportDecisionOf<B>(body: B, request: ApiRequest): { reportId: string; body: B } {
  const reportId = request.pathParameters.reportId ?? '';
  if (!REPORT_ID.test(reportId)) throw problems.notFound('No such pending report');
  return { reportId, body };
}

/** The `{token}` of an action route; its shape is checked where it is looked up. */
export function actionTokenOf(request: PublicApiRequest): string {
  return request.pathParameters.token ?? '';
}

/**
 * Who asks to change which agreement, with the claim of their Idempotency-Key (for the
 * operation and its parsed input).
 */
export function changeRequestOf(request: ApiRequest, operation: string, input: unknown) {
  const claim = idempotencyClaim(request, operation, input);
  return { principal: request.principal, agreementId: agreementIdOf(request), claim };
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * The claim of an `Idempotency-Key` header, scoped by operation, caller and target, and bound
 * to the request's content, so a retry replays and a different request with the key is refused.
 */
export function idempotencyClaim(
  request: ApiRequest,
  operation: string,
  input: unknown,
): IdempotencyClaim | undefined {
  const key = request.headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw problems.invalid([
      { field: 'header.idempotency-key', message: 'must be 1-255 visible ASCII characters' },
    ]);
  }
  const scope = [operation, request.principal.subject, request.pathParameters.id ?? '', key];
  return {
    key: scope.join(':'),
    requestHash: createHash('sha256').update(JSON.stringify(input)).digest('base64url'),
  };
}

/** The agreement as written, telling a client when it repeats the first answer to its key. */
export function writtenResponse(
  status: number,
  { agreement, replayed }: WriteResult,
  now: Date,
  headers: Record<string, string> = {},
): ApiResponse {
  return {
    status,
    headers: { ...headers, ...(replayed ? { 'idempotent-replayed': 'true' } : {}) },
    body: viewOf(agreement, now),
  };
}

/** A page of items, each as `view` shows it. */
export function pageResponse<T>(page: Page<T>, view: (item: T) => unknown): ApiResponse {
  return {
    status: 200,
    body: {
      items: page.items.map(view),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    },
  };
}
