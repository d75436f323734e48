// Bulk import of agreements through the API: `importAgreements` sends validated rows to
// POST /agreements (each with an Idempotency-Key derived from its content, so a re-run
// replays instead of duplicating) and reports per row; `runImport` is the command line.
import { readFile, writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import {
  ApiClient,
  apiUrlOf,
  DEFAULT_API_URL,
  DEV_KEY_FILE,
  describeFailure,
  isLoopback,
  localKeyFile,
  resolveToken,
  unreachable,
} from './api-client.ts';
import { attachScans, scanLine } from './import-documents.ts';
import {
  CSV_COLUMNS,
  formatOf,
  readRows,
  SourceRow,
  validateRow,
  type FieldError,
  type InputFormat,
} from './import-rows.ts';
import {
  emptyCounts,
  exitCodeOf,
  progressBar,
  progressLine,
  reportTable,
  rowName,
  type ImportProgress,
  type ImportReport,
  type RowResult,
} from './import-report.ts';
import { EXIT, processIo, UsageError, usageErrorOf, userPath, type CliIo } from './shared.ts';

export interface ImportOptions {
  /**
   * What to import: rows from `readCsv`/`readJson`/`readRows` (their errors name CSV columns),
   * or plain POST /agreements bodies (row numbers are then their 1-based positions).
   */
  rows: readonly unknown[];
  /** The API's base URL, e.g. http://127.0.0.1:3000 (a trailing slash is fine). */
  apiUrl: string;
  /** A bearer token (ID token of a host coordinator); not needed for a dry run. */
  token?: string;
  /** Validate and compute the idempotency keys only: nothing is sent. */
  dryRun?: boolean;
  /** Requests in flight at once; default 4. */
  concurrency?: number;
  /** Called after each row is decided (local rejections first, then as answers arrive). */
  onProgress?: (progress: ImportProgress) => void;
  /** Attempts per row on a network error, 429 or 5xx (same Idempotency-Key); default 4. */
  attempts?: number;
  /** First retry delay, doubled each time (a Retry-After header wins); default 500 ms. */
  retryDelayMs?: number;
  /** Per request; default 30 s. */
  timeoutMs?: number;
  /** Default: the global fetch. */
  fetch?: typeof fetch;
}

// Shared with the other commands that talk to the API (cli/api-client.ts).
export { DEFAULT_API_URL, DEV_KEY_FILE, isLoopback };

const TRANSIENT = new Set([408, 429, 500, 502, 503, 504]);

interface Problem {
  type?: unknown;
  detail?: unknown;
  title?: unknown;
  errors?: unknown;
  code?: unknown;
}

/** `body.contacts.0.email` as the path ['contacts', 0, 'email'] of the body. */
function bodyPath(field: string): PropertyKey[] {
  const parts = field.split('.');
  if (parts[0] === 'body') parts.shift();
  return parts.map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function problemOf(body: unknown, row: SourceRow) {
  const problem = (body !== null && typeof body === 'object' ? body : {}) as Problem;
  const type = typeof problem.type === 'string' ? problem.type : '';
  const code = type.startsWith('urn:sepakat:problem:')
    ? type.slice('urn:sepakat:problem:'.length)
    : undefined;
  const reason =
    typeof problem.detail === 'string'
      ? problem.detail
      : typeof problem.title === 'string'
        ? problem.title
        : undefined;
  const errors: FieldError[] = Array.isArray(problem.errors)
    ? (problem.errors as { field?: unknown; message?: unknown }[]).map((e) => {
        const field = typeof e.field === 'string' ? e.field : 'body';
        return {
          field: field.startsWith('body') ? row.fieldOf(bodyPath(field)) : field,
          message: typeof e.message === 'string' ? e.message : 'is invalid',
        };
      })
    : [];
  return { code, reason, errors };
}

function retryAfterMs(headers: Headers): number | undefined {
  const value = headers.get('retry-after');
  if (value === null) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.min(Math.max(seconds, 0), 30) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.min(Math.max(date - Date.now(), 0), 30_000);
}

const asSourceRows = (rows: readonly unknown[]): SourceRow[] =>
  rows.map((row, i) =>
    row instanceof SourceRow ? row : new SourceRow({ row: i + 1, input: row }),
  );

/**
 * Imports agreements: validates every row locally with the API's schema (invalid rows are
 * rejected, not sent), then POSTs each valid row to `${apiUrl}/agreements` with an
 * Idempotency-Key derived from its content, `concurrency` at a time, retrying transient
 * failures with the same key. Never throws for a row; stops sending when the API refuses the
 * token (401/403: the remaining rows fail with `aborted` set). Results are in row order.
 */
export async function importAgreements(options: ImportOptions): Promise<ImportReport> {
  const startedAt = new Date().toISOString();
  const dryRun = options.dryRun ?? false;
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const attempts = Math.max(1, options.attempts ?? 4);
  const retryDelayMs = options.retryDelayMs ?? 500;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const endpoint = `${options.apiUrl.replace(/\/+$/, '')}/agreements`;
  if (!dryRun && !options.token)
    throw new UsageError('importAgreements needs a token unless dryRun is set.');

  const rows = asSourceRows(options.rows);
  const results: RowResult[] = new Array<RowResult>(rows.length);
  const counts = emptyCounts();
  let done = 0;
  let aborted: string | undefined;
  const finish = (index: number, result: RowResult) => {
    results[index] = result;
    counts[result.status] += 1;
    done += 1;
    options.onProgress?.({ dryRun, done, total: rows.length, counts: { ...counts }, last: result });
  };

  // Local validation first: a row that fails is never sent.
  const queue: { index: number; row: SourceRow; body: unknown; key: string }[] = [];
  const firstRowOfKey = new Map<string, SourceRow>();
  rows.forEach((row, index) => {
    const base = {
      row: row.row,
      ...(row.line !== undefined ? { line: row.line } : {}),
      ...(row.title !== undefined ? { title: row.title } : {}),
    };
    const validation = validateRow(row);
    if (!validation.ok) {
      finish(index, {
        ...base,
        status: 'rejected',
        rejectedBy: 'local',
        code: 'validation',
        reason: 'invalid row',
        errors: validation.errors,
      });
      return;
    }
    const key = validation.idempotencyKey;
    const same = firstRowOfKey.get(key);
    if (same !== undefined) {
      finish(index, {
        ...base,
        status: 'rejected',
        rejectedBy: 'local',
        code: 'duplicate-row',
        idempotencyKey: key,
        reason: `same agreement as ${rowName(same)}`,
      });
      return;
    }
    firstRowOfKey.set(key, row);
    if (dryRun) finish(index, { ...base, status: 'valid', idempotencyKey: key });
    else queue.push({ index, row, body: validation.body, key });
  });

  async function send(item: (typeof queue)[number]): Promise<RowResult> {
    const { row, body, key } = item;
    const base = {
      row: row.row,
      ...(row.line !== undefined ? { line: row.line } : {}),
      ...(row.title !== undefined ? { title: row.title } : {}),
      idempotencyKey: key,
    };
    let failure = 'not sent';
    let failureCode: string | undefined;
    let httpStatus: number | undefined;
    let tried = 0;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      tried = attempt;
      if (aborted) return { ...base, status: 'failed', reason: `not sent: ${aborted}` };
      const delay = retryDelayMs * 2 ** (attempt - 1);
      let response: Response;
      let text: string;
      try {
        response = await fetchImpl(endpoint, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${options.token ?? ''}`,
            'content-type': 'application/json',
            accept: 'application/json, application/problem+json',
            'idempotency-key': key,
          },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(timeoutMs),
        });
        text = await response.text();
      } catch (error) {
        failure = describeFailure(error, timeoutMs);
        failureCode = undefined;
        httpStatus = undefined;
        if (attempt < attempts) await sleep(delay);
        continue;
      }
      httpStatus = response.status;
      let answer: unknown;
      try {
        answer = JSON.parse(text);
      } catch {
        answer = undefined;
      }
      if (response.status === 201) {
        const agreement = (answer ?? {}) as { id?: unknown };
        // The API marks every replayed answer, and never a first one.
        const replayed = response.headers.get('idempotent-replayed') === 'true';
        return {
          ...base,
          status: replayed ? 'replayed' : 'created',
          httpStatus,
          ...(typeof agreement.id === 'string' ? { id: agreement.id } : {}),
        };
      }
      const problem = problemOf(answer, row);
      if (response.status === 401 || response.status === 403) {
        aborted ??= `the API refused the token (${response.status}${problem.reason ? `: ${problem.reason}` : ''})`;
        return { ...base, status: 'failed', httpStatus, reason: aborted };
      }
      if (response.status >= 500 || TRANSIENT.has(response.status)) {
        failure = problem.reason ?? `HTTP ${response.status}`;
        failureCode = problem.code;
        if (!TRANSIENT.has(response.status)) break;
        if (attempt < attempts) await sleep(retryAfterMs(response.headers) ?? delay);
        continue;
      }
      return {
        ...base,
        status: 'rejected',
        rejectedBy: 'api',
        httpStatus,
        ...(problem.code ? { code: problem.code } : {}),
        reason: problem.reason ?? `HTTP ${response.status}`,
        ...(problem.errors.length > 0 ? { errors: problem.errors } : {}),
      };
    }
    return {
      ...base,
      status: 'failed',
      ...(httpStatus !== undefined ? { httpStatus } : {}),
      ...(failureCode ? { code: failureCode } : {}),
      reason: `${failure} (after ${tried} attempt${tried === 1 ? '' : 's'})`,
    };
  }

  let next = 0;
  const worker = async () => {
    while (next < queue.length) {
      const item = queue[next++];
      if (item) finish(item.index, await send(item));
    }
  };
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 4));
  await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));

  return {
    apiUrl: options.apiUrl,
    dryRun,
    startedAt,
    finishedAt: new Date().toISOString(),
    total: rows.length,
    counts,
    rows: results,
    ...(aborted ? { aborted } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// The command line.

export const IMPORT_USAGE = `Usage: npm run import -- <file.csv|file.json> [options]

Registers agreements through POST /agreements, one per CSV row or JSON array element. Every row
is checked locally first; each valid row is sent with an Idempotency-Key derived from its
content, so running the same import again replays instead of creating duplicates (the API keeps
keys 24 hours, per signed-in coordinator).

Options:
  --api <url>          API base URL (default: $SEPAKAT_API_URL or http://127.0.0.1:3000)
  --token <jwt>        bearer token (default: $SEPAKAT_TOKEN; on a loopback API, a host
                       development token signed with .sepakat/dev-signing-key.json)
  --dry-run            validate only; print each row's idempotency key in --report
  --report <file>      also write the per-row report as JSON
  --concurrency <n>    requests in flight (default 4, at most 16)
  --format <csv|json>  when the file name does not end in .csv or .json
  --documents <dir>    the folder of scans the mou_file, pks_file and bast_files columns
                       name: each is attached to its row's agreement once it exists; a
                       scan the agreement already holds (same SHA-256) is skipped
  -h, --help           this text

CSV columns (header row required; ";" separates list items):
${Object.entries(CSV_COLUMNS)
  .map(([name, description]) => `  ${name.padEnd(23)}${description}`)
  .join('\n')}

Exit code: 0 every row created or replayed (and every scan attached or already there),
1 some row rejected or failed (or some scan failed),
2 usage error, unreadable file, unreachable API or refused token.
Sample: docs/import-sample.csv
`;

export interface ImportCommand {
  file: string;
  format: InputFormat;
  apiUrl: string;
  token?: string;
  dryRun: boolean;
  reportFile?: string;
  concurrency: number;
  /** The folder of the scans the CSV names. */
  documents?: string;
}

const IMPORT_OPTIONS = {
  api: { type: 'string' },
  token: { type: 'string' },
  'dry-run': { type: 'boolean', default: false },
  report: { type: 'string' },
  concurrency: { type: 'string' },
  format: { type: 'string' },
  documents: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} satisfies ParseArgsOptionsConfig;

/** The command line as options; throws UsageError. Undefined for --help. */
export function parseImportArgs(
  argv: readonly string[],
  env: Record<string, string | undefined>,
): ImportCommand | undefined {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: IMPORT_OPTIONS,
    });
  } catch (error) {
    throw usageErrorOf(error, IMPORT_OPTIONS);
  }
  const { values, positionals } = parsed;
  if (values.help) return undefined;
  if (positionals.length !== 1 || !positionals[0]) {
    throw new UsageError(
      positionals.length === 0
        ? 'Name the file to import.'
        : `One file at a time, not ${positionals.length}.`,
    );
  }
  const file = positionals[0];
  const format = values.format ?? formatOf(file);
  if (format !== 'csv' && format !== 'json') {
    throw new UsageError(
      values.format !== undefined
        ? `--format must be csv or json, not ${JSON.stringify(values.format)}.`
        : `Cannot tell the format of ${file}: name it .csv or .json, or pass --format.`,
    );
  }
  const apiUrl = apiUrlOf(values.api, env);
  const concurrency = values.concurrency === undefined ? 4 : Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16) {
    throw new UsageError(`--concurrency must be a whole number from 1 to 16.`);
  }
  const token = values.token ?? env.SEPAKAT_TOKEN;
  return {
    file,
    format,
    apiUrl,
    dryRun: values['dry-run'],
    concurrency,
    ...(token ? { token } : {}),
    ...(values.report !== undefined ? { reportFile: values.report } : {}),
    ...(values.documents !== undefined ? { documents: values.documents } : {}),
  };
}

export interface ImportCliDeps {
  io?: CliIo;
  fetch?: typeof fetch;
  keyFile?: string;
  /** Passed on to importAgreements (tests). */
  retryDelayMs?: number;
}

/** `npm run import`: returns the exit code. */
export async function runImport(
  argv: readonly string[],
  deps: ImportCliDeps = {},
): Promise<number> {
  const io = deps.io ?? processIo();
  const fetchImpl = deps.fetch ?? globalThis.fetch;
  const usage = (error: unknown) => {
    io.stderr.write(`import: ${usageErrorOf(error).message}\nRun with --help for the usage.\n`);
    return EXIT.USAGE;
  };
  let command: ImportCommand | undefined;
  let rows: SourceRow[];
  let token: string | undefined;
  try {
    command = parseImportArgs(argv, io.env);
    if (!command) {
      io.stdout.write(IMPORT_USAGE);
      return EXIT.OK;
    }
    let text: string;
    try {
      text = await readFile(userPath(command.file, io.env), 'utf8');
    } catch (error) {
      throw new UsageError(`Cannot read ${command.file}: ${(error as Error).message}`);
    }
    rows = readRows(text, command.format);
    if (rows.length === 0) throw new UsageError(`${command.file} holds no agreements.`);
    if (!command.documents && rows.some((row) => row.scans.length > 0)) {
      throw new UsageError(
        `${command.file} names scans (mou_file, pks_file, bast_files): give their folder with --documents <dir>.`,
      );
    }
    if (!command.dryRun) {
      token = await resolveToken(
        command.apiUrl,
        command.token,
        deps.keyFile ?? localKeyFile(io.env),
      );
      const reason = await unreachable(command.apiUrl, fetchImpl);
      if (reason) throw new UsageError(`The API at ${command.apiUrl} is not reachable: ${reason}`);
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return usage(error);
  }

  const tty = io.stderr.isTTY === true;
  const width = Math.max(10, Math.min(30, (io.stderr.columns ?? 80) - 50));
  const report = await importAgreements({
    rows,
    apiUrl: command.apiUrl,
    dryRun: command.dryRun,
    concurrency: command.concurrency,
    fetch: fetchImpl,
    ...(token ? { token } : {}),
    ...(deps.retryDelayMs !== undefined ? { retryDelayMs: deps.retryDelayMs } : {}),
    onProgress: (progress) => {
      io.stderr.write(tty ? `\r${progressBar(progress, width)}` : `${progressLine(progress)}\n`);
    },
  });
  if (tty) io.stderr.write('\n');
  if (command.documents && token && !report.aborted) {
    report.scans = await attachScans({
      rows,
      results: report.rows,
      folder: userPath(command.documents, io.env),
      client: new ApiClient({ apiUrl: command.apiUrl, token, fetch: fetchImpl }),
      io,
      onFile: (result, scan) => io.stderr.write(`${scanLine(rowName(result), scan)}\n`),
    });
  }
  io.stdout.write(reportTable(report));
  if (command.reportFile) {
    try {
      await writeFile(
        userPath(command.reportFile, io.env),
        `${JSON.stringify(report, null, 2)}\n`,
        'utf8',
      );
    } catch (error) {
      io.stderr.write(`import: cannot write ${command.reportFile}: ${(error as Error).message}\n`);
      return EXIT.USAGE;
    }
  }
  if (report.aborted) {
    io.stderr.write(`import: stopped, ${report.aborted}\n`);
    return EXIT.USAGE;
  }
  return exitCodeOf(report);
}
