// What the commands that talk to the API share: which API (--api, $SEPAKAT_API_URL, loopback
// by default), which token (--token, $SEPAKAT_TOKEN, or on a loopback API a host development
// token signed with this machine's key), and requests whose refusals arrive as problem details.
import { access } from 'node:fs/promises';
import { loadOrCreateDevKey, signDevToken } from '../local/api/dev-tokens.ts';
import { devKeyFileIn, localDataDir, readLocalMode } from '../local/local-mode-file.ts';
import { UsageError } from './shared.ts';

export const DEFAULT_API_URL = 'http://127.0.0.1:3000';
export const DEV_KEY_FILE = '.sepakat/dev-signing-key.json';

/** Where local mode keeps its development key: in its data folder (see localDataDir). */
export function localKeyFile(
  env: Record<string, string | undefined>,
  packageRoot?: string,
): string {
  return devKeyFileIn(localDataDir(env, packageRoot));
}

const LOOPBACK_HOST = /^(localhost|127(\.\d+){3}|\[::1\])$/i;

export function isLoopback(apiUrl: string): boolean {
  try {
    return LOOPBACK_HOST.test(new URL(apiUrl).hostname);
  } catch {
    return false;
  }
}

/**
 * The API to talk to: `--api`, else $SEPAKAT_API_URL, else the local mode running on the data
 * folder (its local-mode.json says where), else the default local API.
 */
export function apiUrlOf(option: string | undefined, env: Record<string, string | undefined>) {
  return checkedApiUrl(
    option ?? env.SEPAKAT_API_URL ?? readLocalMode(localDataDir(env))?.urls.api ?? DEFAULT_API_URL,
  );
}

/** An http(s) URL; plain http only on loopback, since a token goes with every request. */
export function checkedApiUrl(apiUrl: string): string {
  let url: URL;
  try {
    url = new URL(apiUrl);
  } catch {
    throw new UsageError(`--api must be a URL such as ${DEFAULT_API_URL}, not ${apiUrl}.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`--api must be an http(s) URL, not ${apiUrl}.`);
  }
  if (url.protocol === 'http:' && !isLoopback(apiUrl)) {
    throw new UsageError(`Tokens are sent only over https, or plain http on loopback: ${apiUrl}`);
  }
  return apiUrl;
}

/**
 * The token to send: the one given (--token, $SEPAKAT_TOKEN), or for a loopback API a host
 * development token signed with the local key, when there is one (local mode creates it).
 * Throws UsageError when there is none.
 */
export async function resolveToken(
  apiUrl: string,
  token: string | undefined,
  keyFile: string = DEV_KEY_FILE,
): Promise<string> {
  if (token) return token;
  const hint = 'pass --token or set SEPAKAT_TOKEN';
  if (!isLoopback(apiUrl)) throw new UsageError(`No token for ${apiUrl}: ${hint}.`);
  try {
    await access(keyFile);
  } catch {
    throw new UsageError(
      `No token: ${hint} (no development key at ${keyFile}; is the local API running?).`,
    );
  }
  return signDevToken(await loadOrCreateDevKey(keyFile), { role: 'host', ttlSeconds: 3600 });
}

/** Errors by shape: fetch's errors may come from another realm (jest's VM modules). */
function errorFields(error: unknown): {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  cause?: unknown;
} {
  return error !== null && typeof error === 'object' ? error : {};
}

/** A failed fetch in a few words: "fetch failed (ECONNREFUSED)", "no answer within 30 s". */
export function describeFailure(error: unknown, timeoutMs: number): string {
  const { name, message, cause } = errorFields(error);
  if (name === 'TimeoutError') return `no answer within ${timeoutMs / 1000} s`;
  if (typeof message !== 'string') return String(error);
  const { code, message: causeMessage } = errorFields(cause);
  const detail =
    typeof code === 'string' ? code : typeof causeMessage === 'string' ? causeMessage : undefined;
  return detail ? `${message} (${detail})` : message;
}

/** Whether anything answers at the API's /health; the reason when not. */
export async function unreachable(
  apiUrl: string,
  fetchImpl: typeof fetch = globalThis.fetch,
  timeoutMs = 10_000,
): Promise<string | undefined> {
  try {
    const response = await fetchImpl(`${apiUrl.replace(/\/+$/, '')}/health`, {
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel();
    return response.ok ? undefined : `GET /health answered ${response.status}`;
  } catch (error) {
    return describeFailure(error, timeoutMs);
  }
}

export interface ProblemFieldError {
  field: string;
  message: string;
}

/** The API refused a request: its RFC 9457 problem details (or what stood in for them). */
export class ApiProblem extends Error {
  override readonly name = 'ApiProblem';
  readonly status: number;
  readonly title: string;
  /** The problem type's last segment: `validation`, `stage-mismatch`, `not-found`, ... */
  readonly code: string | undefined;
  readonly errors: ProblemFieldError[];
  /** The answer as it came, parsed when it was JSON. */
  readonly body: unknown;

  constructor(status: number, body: unknown, fallback: string) {
    const problem = (body !== null && typeof body === 'object' ? body : {}) as Record<
      string,
      unknown
    >;
    const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
    super(text(problem.detail) ?? fallback);
    this.status = status;
    this.title = text(problem.title) ?? `HTTP ${status}`;
    const type = text(problem.type) ?? '';
    this.code = type.startsWith('urn:sepakat:problem:')
      ? type.slice('urn:sepakat:problem:'.length)
      : undefined;
    this.errors = Array.isArray(problem.errors)
      ? (problem.errors as Record<string, unknown>[]).map((e) => ({
          field: text(e.field) ?? 'request',
          message: text(e.message) ?? 'is invalid',
        }))
      : [];
    this.body = body;
  }
}

/** Nothing answered (connection refused, timeout): nothing was done. */
export class ApiUnreachable extends Error {
  override readonly name = 'ApiUnreachable';
}

/** The problem as lines for a person: status and title, detail, each field error. */
export function problemLines(problem: ApiProblem): string[] {
  const lines = [`${problem.status} ${problem.title}${problem.code ? ` (${problem.code})` : ''}`];
  // A validation problem's detail repeats its only error, or says "see errors".
  const detailSaysItAll = !(problem.code === 'validation' && problem.errors.length > 0);
  if (problem.message && detailSaysItAll) lines.push(`  ${problem.message}`);
  for (const error of problem.errors) lines.push(`  - ${error.field}: ${error.message}`);
  return lines;
}

export interface RequestOptions {
  method?: 'GET' | 'POST';
  body?: unknown;
  query?: Record<string, string | number | undefined>;
  idempotencyKey?: string;
}

export interface ApiClientOptions {
  apiUrl: string;
  token: string;
  fetch?: typeof fetch;
  /** Per request; default 30 s. */
  timeoutMs?: number;
}

export interface ApiAnswer<T> {
  status: number;
  replayed: boolean;
  body: T;
}

/** A page of a listing, as the API answers it. */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/** JSON, or the text as is when it is not (a proxy's error page). */
function parsedBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** JSON requests to the API with a bearer token; refusals throw ApiProblem. */
export class ApiClient {
  readonly apiUrl: string;
  /** Sent as the bearer token with every request. */
  readonly token: string;
  readonly #fetch: typeof fetch;
  readonly #timeoutMs: number;

  constructor(options: ApiClientOptions) {
    this.apiUrl = options.apiUrl.replace(/\/+$/, '');
    this.token = options.token;
    this.#fetch = options.fetch ?? globalThis.fetch;
    this.#timeoutMs = options.timeoutMs ?? 30_000;
  }

  /** The parsed answer of a 2xx; throws ApiProblem otherwise, ApiUnreachable without one. */
  async request<T = unknown>(path: string, options: RequestOptions = {}): Promise<T> {
    return (await this.send<T>(path, options)).body;
  }

  /** Like request, with the status and whether the API replayed an earlier answer. */
  async send<T = unknown>(path: string, options: RequestOptions = {}): Promise<ApiAnswer<T>> {
    const { response, bytes } = await this.#call(path, options, 'application/json');
    const body = parsedBody(bytes.toString('utf8'));
    return {
      status: response.status,
      // The API marks every answer replayed for an Idempotency-Key, and never a first one.
      replayed: response.headers.get('idempotent-replayed') === 'true',
      body: body as T,
    };
  }

  /** A file the API answers with (the export): its bytes; throws ApiProblem like `send`. */
  async download(path: string, options: RequestOptions & { accept: string }): Promise<Buffer> {
    return (await this.#call(path, options, options.accept)).bytes;
  }

  async #call(
    path: string,
    options: RequestOptions,
    accept: string,
  ): Promise<{ response: Response; bytes: Buffer }> {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) query.set(name, String(value));
    }
    const search = query.size > 0 ? `?${query.toString()}` : '';
    let response: Response;
    let bytes: Buffer;
    try {
      response = await this.#fetch(`${this.apiUrl}${path}${search}`, {
        method: options.method ?? 'GET',
        headers: {
          authorization: `Bearer ${this.token}`,
          accept: `${accept}, application/problem+json`,
          ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {}),
        },
        ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
      bytes = Buffer.from(await response.arrayBuffer());
    } catch (error) {
      throw new ApiUnreachable(
        `The API at ${this.apiUrl} did not answer: ${describeFailure(error, this.#timeoutMs)}`,
      );
    }
    if (response.ok) return { response, bytes };
    const text = bytes.toString('utf8');
    const body = parsedBody(text);
    const snippet = text.trim().replace(/\s+/g, ' ').slice(0, 200);
    throw new ApiProblem(response.status, body, snippet || `HTTP ${response.status}`);
  }

  /** Every item of a listing, following nextCursor; at most `max` of them. */
  async collect<T>(
    path: string,
    query: Record<string, string | number | undefined> = {},
    max = Infinity,
    pageSize = 100,
  ): Promise<Page<T>> {
    const items: T[] = [];
    let cursor: string | undefined;
    for (;;) {
      const limit = Math.min(pageSize, max - items.length);
      const page = await this.request<Page<T>>(path, { query: { ...query, limit, cursor } });
      items.push(...page.items);
      cursor = page.nextCursor;
      if (!cursor || items.length >= max)
        return { items, ...(cursor ? { nextCursor: cursor } : {}) };
    }
  }
}
