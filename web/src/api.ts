// The API client: openapi-fetch typed by web/src/api/openapi.ts, which is generated from
// docs/openapi.json (scripts/web-types.ts), so a change of the API shows here as a type error.
import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './api/openapi.ts';

export type Schemas = components['schemas'];
export type Agreement = Schemas['Agreement'];
export type AgreementSummary = Schemas['AgreementSummary'];
export type HistoryEvent = Schemas['HistoryEvent'];
export type Milestone = Schemas['Milestone'];
export type NewAgreement = Schemas['NewAgreement'];
export type Problem = Schemas['Problem'];
export type Region = Schemas['Region'];
export type Application = Schemas['Application'];
export type Stage = Agreement['stage'];
export type MilestoneType = Milestone['type'];

/** Every stage in the order of the lifecycle, as the API document lists them. */
export { agreementStageValues as STAGES } from './api/openapi.ts';

export type ApiClient = ReturnType<typeof createClient<paths>>;

/** An answer other than 2xx, with the API's problem details when it sent them. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | undefined;

  constructor(status: number, problem: Problem | undefined) {
    super(problem?.detail ?? `HTTP ${String(status)}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }

  /** The message of the first error naming `field` (a path such as `body.contacts.0.email`). */
  fieldError(field: string): string | undefined {
    return this.problem?.errors?.find((e) => e.field === field || e.field === `body.${field}`)
      ?.message;
  }
}

export function createApi(
  baseUrl: string,
  token: () => string | undefined,
  onUnauthorized: () => void,
): ApiClient {
  const client = createClient<paths>({ baseUrl });
  const auth: Middleware = {
    onRequest({ request }) {
      const value = token();
      if (value) request.headers.set('authorization', `Bearer ${value}`);
      return request;
    },
    onResponse({ response }) {
      if (response.status === 401) onUnauthorized();
      return response;
    },
  };
  client.use(auth);
  return client;
}

/** The data of an openapi-fetch answer, or an ApiError carrying its problem details. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.response.ok && result.data !== undefined) return result.data;
  const error = result.error as Problem | undefined;
  throw new ApiError(result.response.status, typeof error === 'object' ? error : undefined);
}
