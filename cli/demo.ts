// `npm run demo`: the stories of the sources replayed through the API, against a running local
// mode (or one it starts itself, with a week of workflow time per second). Kubu Raya's whole
// cycle, the seven regions of 30 Oct 2018 in one import, Palangkaraya's PKS left to stall until
// the reminders escalate, and a cancellation; then a table of how long each agreement spent in
// each stage and how many reminders it got. Progress on stderr, the table on stdout.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { localDataDir, readLocalMode } from '../local/local-mode-file.ts';
import {
  ApiClient,
  ApiProblem,
  ApiUnreachable,
  apiUrlOf,
  isLoopback,
  localKeyFile,
  problemLines,
  resolveToken,
  unreachable,
} from './api-client.ts';
import {
  KUBU_RAYA,
  kubuRayaBody,
  PALANGKARAYA,
  PALANGKARAYA_DROPS_E_RK,
  palangkarayaBody,
  GIANYAR,
  KOLAKA,
  termStoryBody,
  PINRANG,
  PINRANG_CANCELLATION,
  pinrangBody,
  SEVEN_REGIONS,
  sevenRegionsBodies,
} from './demo-stories.ts';
import { stageDays } from '../domain/reports/stage-times.ts';
import { regionShort, table, type AgreementJson, type HistoryEventJson } from './format.ts';
import { importAgreements } from './import.ts';
import { countsText } from './import-report.ts';
import { EXIT, processIo, UsageError, usageErrorOf, userPath, type CliIo } from './shared.ts';

export const DEMO_USAGE = `Usage: npm run demo -- [options]

Replays the cooperation stories of the sources through the API: Kubu Raya's whole cycle
(kesepakatan bersama 14 Dec 2018, PKS 22 Feb 2019, handover, training, follow-up), the seven
regions of 30 Oct 2018 in one import, Palangkaraya's PKS left to stall until its reminders
escalate to the Sekda, and Pinrang's cancellation. Ends with a table: each agreement's stage,
days in each stage, reminders sent.

Uses the API given (--api, $SEPAKAT_API_URL), else the local mode running on its data folder
(npm start; its local-mode.json says where). When none runs, it starts local mode itself with a
week of workflow time per second in a folder of its own, .sepakat-demo/ (--data-dir to choose),
so that the clock of npm start's folder stays at today; it stops it at the end. Each run
registers its own agreements (its requests carry Idempotency-Keys of their own, so a retried
request would not register anything twice).

Options:
  --api <url>        API base URL (default: $SEPAKAT_API_URL, else the running local mode's)
  --data-dir <path>  the data folder of the local mode it starts (default .sepakat-demo/)
  --token <jwt>      bearer token of a host coordinator (default: $SEPAKAT_TOKEN; on loopback a
                     development token signed with local mode's key)
  --timeout <s>      how long to wait for the escalation (default 120)
  -h, --help         this text
`;

/** A week of workflow time per real second: a daily reminder every ~0.14 s. */
export const DEMO_TIME_SCALE = 86_400 * 7;

/** Where the demo's own local mode keeps its data, apart from npm start's .sepakat/. */
export const DEMO_DATA_DIR = fileURLToPath(new URL('../.sepakat-demo', import.meta.url));

export interface DemoCommand {
  /** Given (--api, $SEPAKAT_API_URL); otherwise a running local mode's, or one it starts. */
  apiUrl?: string;
  /** --data-dir: run there rather than on npm start's folder or .sepakat-demo/. */
  dataDir?: string;
  token?: string;
  timeoutMs: number;
}

const DEMO_OPTIONS = {
  api: { type: 'string' },
  token: { type: 'string' },
  timeout: { type: 'string' },
  'data-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} satisfies ParseArgsOptionsConfig;

/** The command line; throws UsageError. Undefined for --help. */
export function parseDemoArgs(
  argv: readonly string[],
  env: Record<string, string | undefined>,
): DemoCommand | undefined {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: DEMO_OPTIONS,
    }));
  } catch (error) {
    throw usageErrorOf(error, DEMO_OPTIONS);
  }
  if (values.help) return undefined;
  const timeout = values.timeout === undefined ? 120 : Number(values.timeout);
  if (!Number.isFinite(timeout) || timeout <= 0) {
    throw new UsageError('--timeout must be a number of seconds above 0.');
  }
  const token = values.token ?? env.SEPAKAT_TOKEN;
  const api = values.api ?? env.SEPAKAT_API_URL;
  const dataDir = values['data-dir'];
  return {
    ...(api ? { apiUrl: apiUrlOf(api, env) } : {}),
    ...(dataDir ? { dataDir: userPath(dataDir, env) } : {}),
    timeoutMs: timeout * 1000,
    ...(token ? { token } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// The stories.

export type StoryName =
  'full cycle' | 'KSB 30 Oct 2018' | 'PKS stalled' | 'cancelled' | 'PKS runs out' | 'PKS renewed';

export interface StoryAgreement {
  story: StoryName;
  id: string;
}

export interface DemoOptions {
  client: ApiClient;
  /** One line per step. */
  progress: (line: string) => void;
  /**
   * Names this run in its Idempotency-Keys and in the seven imported agreements' notes (the
   * import derives their keys from their content); default: a new one.
   */
  runTag?: string;
  /** How often to read the stalled agreement's history; default 100 ms. */
  pollMs?: number;
  /** How long to wait for its escalation; default 120 s. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export interface StoryRow {
  story: StoryName;
  id: string;
  partner: string;
  stage: string;
  /** Whole days spent in each stage reached; undefined when not known (registered later). */
  days: Partial<Record<string, number>>;
  /** The stage it is still in (its days count to `asOf`), unless it ended. */
  ongoing?: string;
  /** NUDGE_SENT events: every email sent to nudge someone. */
  nudges: number;
  escalations: number;
}

export interface DemoResult {
  rows: StoryRow[];
  /** The latest time the API's clock showed (its newest event): "today" for ongoing stages. */
  asOf: string;
  escalation: { agreementId: string; at: string; afterNudges: number; waitedMs: number };
}

/** A failure of the demo itself (not of the API): printed, exit code 1. */
export class DemoError extends Error {
  override readonly name = 'DemoError';
}

const DAY_MS = 86_400_000;
const dateOf = (iso: string) => iso.slice(0, 10);

/** The least workflow time before the stalled PKS can escalate: three daily reminders. */
const ESCALATION_WORKFLOW_MS = 3 * DAY_MS;

/** How fast the API's clock runs, from two of its readings and when they were taken. */
export function clockScale(
  first: { workflow: string; real: number },
  second: { workflow: string; real: number },
): number | undefined {
  const workflow = Date.parse(second.workflow) - Date.parse(first.workflow);
  const real = second.real - first.real;
  return Number.isFinite(workflow) && real > 0 ? Math.max(workflow, 0) / real : undefined;
}

/** "604800x", "1x": a scale in words. */
export function formatScale(scale: number): string {
  return `${scale >= 10 ? Math.round(scale).toLocaleString('en-US') : scale.toFixed(1)}x`;
}

async function historyOf(client: ApiClient, id: string): Promise<HistoryEventJson[]> {
  return (await client.collect<HistoryEventJson>(`/agreements/${id}/history`)).items;
}

const nudgesIn = (history: readonly HistoryEventJson[]) =>
  history.filter((e) => e.type === 'NUDGE_SENT');

/** Replays the stories through the API; resolves once the stalled PKS has escalated. */
export async function replayStories(options: DemoOptions): Promise<DemoResult> {
  const { client, progress } = options;
  const tag = options.runTag ?? `sepakat-demo-${randomUUID().slice(0, 8)}`;
  const key = (step: string) => `${tag}-${step}`;
  const story: StoryAgreement[] = [];
  const create = async (name: StoryName, step: string, body: unknown) => {
    const answer = await client.send<AgreementJson>('/agreements', {
      method: 'POST',
      body,
      idempotencyKey: key(step),
    });
    story.push({ story: name, id: answer.body.id });
    return { agreement: answer.body, replayed: answer.replayed };
  };
  const how = (replayed: boolean) => (replayed ? 'replayed' : 'registered');

  // 1. The stalled PKS first: its reminders run while the other stories are told.
  const realStart = Date.now();
  const stalled = await create('PKS stalled', 'palangkaraya', palangkarayaBody());
  progress(
    `[1/6] ${PALANGKARAYA.name}: nota kesepahaman 2016-07-27 ${how(stalled.replayed)} as ${stalled.agreement.id}; ` +
      `the PKS will stall (reminders daily, the third escalates)`,
  );
  const dropped = await client.send<AgreementJson>(
    `/agreements/${stalled.agreement.id}/milestones`,
    { method: 'POST', body: PALANGKARAYA_DROPS_E_RK, idempotencyKey: key('palangkaraya-drop') },
  );
  progress(
    `[1/6] ${PALANGKARAYA.name}: APP_DROPPED e-rk on ${PALANGKARAYA_DROPS_E_RK.occurredAt} ` +
      `(public-service applications only)${dropped.replayed ? ', replayed' : ''}: stage ${dropped.body.stage}`,
  );

  // 2. Kubu Raya's whole cycle, registered after the fact with its real dates.
  const kubuRaya = await create('full cycle', 'kubu-raya', kubuRayaBody());
  const milestones = kubuRaya.agreement.milestones;
  progress(
    `[2/6] ${KUBU_RAYA.name}: ${how(kubuRaya.replayed)} as ${kubuRaya.agreement.id} with ${Object.values(kubuRaya.agreement.milestoneCounts).reduce((n, c) => n + c, 0)} milestones, ` +
      `KSB ${milestones[0]?.occurredAt ?? '?'} .. ${milestones.at(-1)?.occurredAt ?? '?'}: stage ${kubuRaya.agreement.stage}`,
  );

  // 3. The seven regions of 30 Oct 2018, in one batch through the import.
  const report = await importAgreements({
    rows: sevenRegionsBodies(`(${tag})`),
    apiUrl: client.apiUrl,
    token: client.token,
    concurrency: 4,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const failedRows = report.rows.filter((r) => r.id === undefined);
  if (failedRows.length > 0) {
    throw new DemoError(
      `The import of the seven regions failed: ${failedRows.map((r) => `row ${r.row} ${r.status}: ${r.reason ?? ''}`).join('; ')}`,
    );
  }
  for (const row of report.rows) story.push({ story: 'KSB 30 Oct 2018', id: row.id ?? '' });
  progress(
    `[3/6] ${SEVEN_REGIONS.length} regions of the kesepakatan bersama of 2018-10-30 imported in one batch: ` +
      countsText(report.counts, false),
  );

  // 4. A cancellation.
  const pinrang = await create('cancelled', 'pinrang', pinrangBody());
  const cancelled = await client.send<AgreementJson>(`/agreements/${pinrang.agreement.id}/cancel`, {
    method: 'POST',
    body: { reason: PINRANG_CANCELLATION },
    idempotencyKey: key('pinrang-cancel'),
  });
  progress(
    `[4/6] ${PINRANG.name}: MoU 2017-09-20 ${how(pinrang.replayed)} as ${pinrang.agreement.id}, then cancelled: stage ${cancelled.body.stage}`,
  );

  // 5. Wait for the stalled PKS to escalate, showing each nudge as it goes out. It takes a few
  // workflow days: first see whether the API's clock runs fast enough for that.
  const timeoutMs = options.timeoutMs ?? 120_000;
  const scale = clockScale(
    { workflow: stalled.agreement.createdAt, real: realStart },
    { workflow: cancelled.body.updatedAt, real: Date.now() },
  );
  if (scale !== undefined && scale * timeoutMs < ESCALATION_WORKFLOW_MS) {
    throw new DemoError(
      `The API's clock runs at about ${formatScale(scale)} real time: ${PALANGKARAYA.name}'s escalation ` +
        `needs 3 to 6 workflow days, more than --timeout allows. Run the demo against a local mode ` +
        `with a fast clock (SEPAKAT_TIME_SCALE=${DEMO_TIME_SCALE} npm start), or stop npm start and ` +
        `let the demo start one itself.`,
    );
  }
  progress(
    `[5/6] ${PALANGKARAYA.name}: waiting for the escalation` +
      (scale !== undefined
        ? ` (the API's clock runs at about ${formatScale(scale)} real time)`
        : ''),
  );
  // Terms, while the PKS stalls: Gianyar's PKS runs out in 10 days, Kolaka's is renewed in time.
  const today = cancelled.body.updatedAt.slice(0, 10);
  const inDays = (days: number) =>
    new Date(Date.parse(today) + days * 86_400_000).toISOString().slice(0, 10);
  const runsOut = await create('PKS runs out', 'gianyar', termStoryBody(GIANYAR, inDays(10)));
  progress(
    `[5/6] ${GIANYAR.name}: ${how(runsOut.replayed)} as ${runsOut.agreement.id}, PKS until ${inDays(10)}: ` +
      `term ${runsOut.agreement.term?.status ?? '?'}; it will run out (expiry notices, then EXPIRED)`,
  );
  const renewing = await create('PKS renewed', 'kolaka', termStoryBody(KOLAKA, inDays(20)));
  const renewed = await client.send<AgreementJson>(
    `/agreements/${renewing.agreement.id}/milestones`,
    {
      method: 'POST',
      body: { type: 'TERM_RENEWED', occurredAt: today, validUntil: inDays(4 * 365) },
      idempotencyKey: key('kolaka-renewal'),
    },
  );
  progress(
    `[5/6] ${KOLAKA.name}: ${how(renewing.replayed)} as ${renewing.agreement.id}, PKS until ${inDays(20)}, ` +
      `renewed in time (TERM_RENEWED until ${inDays(4 * 365)}): term ${renewed.body.term?.status ?? '?'}`,
  );

  const started = Date.now();
  const deadline = started + timeoutMs;
  let shown = 0;
  for (;;) {
    const nudges = nudgesIn(await historyOf(client, stalled.agreement.id));
    for (const nudge of nudges.slice(shown)) {
      const recipients = Array.isArray(nudge.data.recipients)
        ? nudge.data.recipients.join(', ')
        : '';
      progress(
        `[5/6] ${PALANGKARAYA.name}: ${String(nudge.data.kind)} #${String(nudge.data.number)} sent ${dateOf(nudge.at)} to ${recipients}`,
      );
    }
    shown = nudges.length;
    const escalation = nudges.find((n) => n.data.kind === 'ESCALATION');
    if (escalation) {
      const waitedMs = Date.now() - started;
      progress(
        `[5/6] ${PALANGKARAYA.name}: escalated to the Sekda after ${nudges.indexOf(escalation)} nudges, ${(waitedMs / 1000).toFixed(1)} s of waiting`,
      );
      await untilExpired(client, runsOut.agreement.id, deadline, options.pollMs ?? 100, progress);
      const rows = await summaryRows(client, story);
      return {
        ...rows,
        escalation: {
          agreementId: stalled.agreement.id,
          at: escalation.at,
          afterNudges: nudges.indexOf(escalation),
          waitedMs,
        },
      };
    }
    if (Date.now() > deadline) {
      throw new DemoError(
        `No escalation for ${PALANGKARAYA.name} (${stalled.agreement.id}) within ${(timeoutMs / 1000).toFixed(0)} s ` +
          `(${nudges.length} nudges so far): is its workflow running?`,
      );
    }
    await sleep(options.pollMs ?? 100);
  }
}

/** Shows Gianyar's expiry notices as they go, until its term is EXPIRED (or the deadline). */
async function untilExpired(
  client: ApiClient,
  id: string,
  deadline: number,
  pollMs: number,
  progress: (line: string) => void,
): Promise<void> {
  let shown = 0;
  for (;;) {
    const steps = (await historyOf(client, id)).filter(
      (e) => e.type === 'EXPIRY_NOTICE_SENT' || e.type === 'TERM_EXPIRED',
    );
    for (const step of steps.slice(shown)) {
      progress(
        step.type === 'TERM_EXPIRED'
          ? `[5/6] ${GIANYAR.name}: TERM_EXPIRED ${dateOf(step.at)}, the coordinators told`
          : `[5/6] ${GIANYAR.name}: expiry notice (${String(step.data.daysBefore)} days before) sent ${dateOf(step.at)}`,
      );
    }
    shown = steps.length;
    if (steps.some((e) => e.type === 'TERM_EXPIRED')) return;
    if (Date.now() > deadline) {
      throw new DemoError(
        `${GIANYAR.name}'s PKS (${id}) did not expire in time: is its workflow running?`,
      );
    }
    await sleep(pollMs);
  }
}

async function summaryRows(
  client: ApiClient,
  stories: readonly StoryAgreement[],
): Promise<Omit<DemoResult, 'escalation'>> {
  const read = await Promise.all(
    stories.map(async ({ story, id }) => ({
      story,
      agreement: await client.request<AgreementJson>(`/agreements/${id}`),
      history: await historyOf(client, id),
    })),
  );
  // The API's "today": the newest thing it wrote (its clock may run fast, in local mode).
  const asOf = read
    .flatMap(({ agreement, history }) => [agreement.updatedAt, ...history.map((e) => e.at)])
    .reduce((latest, at) => (at > latest ? at : latest), '');
  const rows = read.map(({ story, agreement, history }) => {
    const nudges = nudgesIn(history);
    return {
      story,
      id: agreement.id,
      partner: `${regionShort(agreement.partnerRegion)} (${agreement.partnerRegion.code})`,
      stage: agreement.stage,
      ...stageDays(history, asOf),
      nudges: nudges.length,
      escalations: nudges.filter((n) => n.data.kind === 'ESCALATION').length,
    };
  });
  return { rows, asOf };
}

const STAGE_COLUMNS = ['MOU', 'PKS', 'HANDOVER', 'TRAINING', 'FOLLOW_UP'];

/** The final table: stage, days in each stage (`+`: still in it), nudges and escalations. */
export function summaryTable(result: Pick<DemoResult, 'rows' | 'asOf'>): string {
  const rows = result.rows.map((row) => [
    row.partner,
    row.story,
    row.stage,
    ...STAGE_COLUMNS.map((stage) => {
      const days = row.days[stage];
      return days === undefined ? '-' : `${days}${row.ongoing === stage ? '+' : ''}`;
    }),
    String(row.nudges),
    String(row.escalations),
  ]);
  const right = [3, 4, 5, 6, 7, 8, 9];
  return (
    table(['AGREEMENT', 'STORY', 'STAGE', ...STAGE_COLUMNS, 'REMINDERS', 'ESCALATIONS'], rows, {
      right,
    }) +
    `\nDays in each stage, from the history's stage changes (milestone dates); "+": still in that\n` +
    `stage on ${dateOf(result.asOf)}, the API's clock; "-": not reached, or before registration.\n` +
    `REMINDERS: every nudge sent (NUDGE_SENT), ESCALATIONS among them.\n`
  );
}

// ---------------------------------------------------------------------------------------------
// The command line.

/** What the demo needs of local/local-mode.ts (imported only when it has to start one). */
interface LocalMode {
  apiUrl: string;
  token(identity: { role: 'host' }): Promise<string> | string;
  stop(): Promise<void>;
  /** Where it keeps its data (for the next npm start). */
  dataDir?: string;
}

type StartLocalMode = (options?: {
  timeScale?: number;
  quiet?: boolean;
  dataDir?: string;
}) => Promise<LocalMode>;

export interface DemoDeps {
  io?: CliIo;
  fetch?: typeof fetch;
  keyFile?: string;
  pollMs?: number;
  /** Tests: how to start local mode (default: local/local-mode.ts, imported on demand). */
  startLocalMode?: StartLocalMode;
}

async function importLocalMode(): Promise<StartLocalMode> {
  // The handlers run in this process, and their logs would bury the demo's lines: a version
  // conflict between a nudge and a coordinator's write, which the workflow retries, is logged
  // as an error, for instance. What the demo shows comes from the API; a failure that matters
  // shows there. POWERTOOLS_LOG_LEVEL=INFO brings the logs back.
  process.env.POWERTOOLS_LOG_LEVEL ??= 'CRITICAL';
  // A variable specifier: the CLI and its tests load without local mode.
  const specifier = '../local/local-mode.ts';
  let module: { startLocalMode?: StartLocalMode };
  try {
    module = (await import(specifier)) as { startLocalMode?: StartLocalMode };
  } catch (error) {
    throw new UsageError(
      `No API answers and local mode cannot be started here (${(error as Error).message}): run npm start first, or pass --api.`,
    );
  }
  if (typeof module.startLocalMode !== 'function') {
    throw new UsageError('local/local-mode.ts exports no startLocalMode: run npm start first.');
  }
  return module.startLocalMode;
}

/** `npm run demo`: returns the exit code. */
export async function runDemo(argv: readonly string[], deps: DemoDeps = {}): Promise<number> {
  const io = deps.io ?? processIo();
  const fetchImpl = deps.fetch ?? globalThis.fetch;
  const progress = (line: string) => io.stderr.write(`${line}\n`);
  let command: DemoCommand | undefined;
  let local: LocalMode | undefined;
  let client: ApiClient;
  try {
    command = parseDemoArgs(argv, io.env);
    if (!command) {
      io.stdout.write(DEMO_USAGE);
      return EXIT.OK;
    }
    const running = command.apiUrl
      ? undefined
      : command.dataDir
        ? readLocalMode(command.dataDir)
        : (readLocalMode(localDataDir(io.env)) ?? readLocalMode(DEMO_DATA_DIR));
    const apiUrl = command.apiUrl ?? running?.urls.api;
    const reason = apiUrl ? await unreachable(apiUrl, fetchImpl, 3_000) : 'none runs';
    if (apiUrl && reason === undefined) {
      progress(`demo: the API at ${apiUrl} answers; replaying the stories through it`);
      const token = await resolveToken(
        apiUrl,
        command.token,
        deps.keyFile ?? running?.keyFile ?? localKeyFile(io.env),
      );
      client = new ApiClient({ apiUrl, token, fetch: fetchImpl });
    } else {
      if (apiUrl && !isLoopback(apiUrl)) {
        throw new UsageError(`The API at ${apiUrl} is not reachable: ${reason ?? ''}`);
      }
      const dataDir = command.dataDir ?? DEMO_DATA_DIR;
      progress(
        `demo: no local mode answers (${apiUrl ? `${apiUrl}: ` : ''}${reason ?? ''}); starting one in ${dataDir}, a week of workflow time per second`,
      );
      const start = deps.startLocalMode ?? (await importLocalMode());
      // Quiet: stdout is for the demo's table.
      local = await start({ timeScale: DEMO_TIME_SCALE, quiet: true, dataDir });
      progress(`demo: local mode answers at ${local.apiUrl}`);
      client = new ApiClient({
        apiUrl: local.apiUrl,
        token: await local.token({ role: 'host' }),
        fetch: fetchImpl,
      });
    }
  } catch (error) {
    if (local) await local.stop();
    // Local mode refuses a setting, a port or a folder in use: the user's to fix, no trace.
    if (error instanceof Error && error.name === 'LocalModeError') {
      io.stderr.write(`demo: ${error.message}\n`);
      return EXIT.USAGE;
    }
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`demo: ${error.message}\nRun with --help for the usage.\n`);
    return EXIT.USAGE;
  }

  try {
    const result = await replayStories({
      client,
      progress,
      timeoutMs: command.timeoutMs,
      fetch: fetchImpl,
      ...(deps.pollMs !== undefined ? { pollMs: deps.pollMs } : {}),
    });
    progress('[6/6] Summary');
    io.stdout.write(summaryTable(result));
    return EXIT.OK;
  } catch (error) {
    if (error instanceof ApiProblem) {
      io.stderr.write(
        problemLines(error)
          .map((l, i) => `${i === 0 ? 'demo: ' : ''}${l}\n`)
          .join(''),
      );
      return EXIT.FAILED;
    }
    if (error instanceof DemoError || error instanceof ApiUnreachable) {
      io.stderr.write(`demo: ${error.message}\n`);
      return EXIT.FAILED;
    }
    throw error;
  } finally {
    if (local) {
      progress(
        `demo: stopping the local mode it started${local.dataDir ? ` (the agreements stay in ${local.dataDir} for the next npm start)` : ''}`,
      );
      await local.stop();
    }
  }
}
