// Cold start: for every function, a fresh Node process loads its bundle and serves a first
// invocation against the local stand-ins; the same for an empty handler bundle, interleaved
// in the same rounds, is the baseline.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { LOCAL_REGION } from '../local/aws.ts';
import { buildAll, bundlesFrom, type BundlesData } from './bundles.ts';
import type { ChildReport } from './cold-start-child.ts';
import type { StandIns } from './cold-start-stand-ins.ts';
import {
  fixed,
  ratio,
  summarize,
  table,
  verdict,
  type BenchContext,
  type BenchSection,
  type Summary,
} from './report.ts';

const ROUNDS = 20;
/** Rounds run first and not counted: the stand-ins' first requests and the file cache. */
const WARM_UP_ROUNDS = 1;
/** The baseline runs this often per round: more samples for the figure every ratio uses. */
const BASELINE_PER_ROUND = 2;
const TARGET_RATIO = 1.5;
const EMPTY = 'empty handler';
const SAMPLE_TIMEOUT_MS = 30_000;
const CHILD_SOURCE = fileURLToPath(new URL('cold-start-child.ts', import.meta.url));

/** Values for the variables the functions read, as the stack would set them. */
const ENVIRONMENT_VALUES = {
  ALLOWED_ORIGINS: 'https://sepakat.example.go.id',
  SENDER_EMAIL: 'sepakat@bandung.example.go.id',
  OPERATIONS_EMAIL: 'operasional@sepakat.example.go.id',
  SES_CONFIGURATION_SET: 'sepakat-email',
  POWERTOOLS_METRICS_NAMESPACE: 'Sepakat/bench',
  // The domain's default policy.
  REMINDER_POLICY: '{}',
};

/** A bundle to cold-start, with its process environment and the event of each sample. */
interface Subject {
  name: string;
  bundle: string;
  env: Record<string, string>;
  /** One per round, warm-up rounds first. */
  events: unknown[];
}

interface Sample {
  /** From spawn to the handler's answer, as the parent sees it. */
  wallMs: number;
  report: ChildReport;
}

interface Figures {
  name: string;
  wall: Summary;
  /** Medians of the child's own split: Node's start, the bundle's import, the first call. */
  startMs: number;
  loadMs: number;
  invokeMs: number;
  /** Median CPU time of the child, from its start to the answer. */
  cpuMs: number;
  /** How many samples answered what (a status code, `ok`, an error). */
  outcomes: Record<string, number>;
  /** The first sample's answer, shortened. */
  detail: string;
}

export const coldStartSection: BenchSection = {
  id: 'cold-start',
  title: 'Cold start of every function against an empty handler',
  async run(context) {
    let bundles = bundlesFrom(context.earlier.get('bundles'));
    if (!bundles) {
      context.progress('building the bundles (the bundles section did not run before)');
      bundles = await buildAll(path.join(context.workDir, 'bundles'));
    }
    const child = await compileChild(context.workDir);
    // Imported here: the stand-ins and the app's modules take a second to load, which other
    // sections need not wait for.
    const { startStandIns } = await import('./cold-start-stand-ins.ts');
    const standIns = await startStandIns((message) => {
      context.progress(message);
    });
    let samples: Map<string, Sample[]>;
    let events: Map<string, string>;
    try {
      const subjects = await prepare(bundles, standIns, context);
      events = subjects.events;
      samples = await measure(subjects.list, child, context);
    } finally {
      await standIns.stop();
    }
    const baseline = figures(EMPTY, samples.get(EMPTY) ?? []);
    const functions = bundles.bundles.map((bundle) =>
      figures(bundle.name, samples.get(bundle.name) ?? []),
    );
    const data = {
      node: process.version,
      rounds: ROUNDS,
      warmUpRounds: WARM_UP_ROUNDS,
      targetRatio: TARGET_RATIO,
      baseline,
      functions: functions.map((fn) => ({
        ...fn,
        event: events.get(fn.name),
        ratio: ratio(fn.wall.median, baseline.wall.median),
        meetsTarget: meetsTarget(fn, baseline),
      })),
    };
    return { markdown: markdown(baseline, functions, events), data };
  },
};

/** The child as plain JavaScript: Node would otherwise strip its types in every sample. */
async function compileChild(workDir: string): Promise<string> {
  const outfile = path.join(workDir, 'cold-start-child.mjs');
  await build({
    entryPoints: [CHILD_SOURCE],
    outfile,
    platform: 'node',
    format: 'esm',
    target: `node${process.versions.node.split('.')[0] ?? ''}`,
    logLevel: 'warning',
  });
  return outfile;
}

/** Every function's environment and events (storing the agreements they need), and the baseline. */
async function prepare(
  bundles: BundlesData,
  standIns: StandIns,
  context: BenchContext,
): Promise<{ list: Subject[]; events: Map<string, string> }> {
  const [{ environmentFor }, { HOST_REGION_CODE, invocations }] = await Promise.all([
    import('../infra/constructs/sepakat-function.ts'),
    import('./cold-start-events.ts'),
  ]);
  const home = path.join(context.workDir, 'home');
  mkdirSync(home, { recursive: true });
  const byName = await invocations(standIns);
  const values = {
    ...ENVIRONMENT_VALUES,
    TABLE_NAME: standIns.tableName,
    HOST_REGION_CODE,
    STATE_MACHINE_ARN: standIns.stateMachineArn,
  };
  const samples = WARM_UP_ROUNDS + ROUNDS;
  context.progress(`storing what ${bundles.bundles.length} functions × ${samples} samples need`);
  const list: Subject[] = [];
  for (const bundle of bundles.bundles) {
    const invocation = byName.get(bundle.name);
    if (!invocation) {
      throw new Error(
        `No cold-start event for ${bundle.name}: add one in bench/cold-start-events.ts`,
      );
    }
    const events: unknown[] = [];
    for (let sample = 0; sample < samples; sample++) events.push(await invocation.prepare(sample));
    list.push({
      name: bundle.name,
      bundle: bundle.path,
      env: {
        ...lambdaEnvironment(bundle.name, home, standIns.endpoints),
        ...environmentFor(`Function ${bundle.name}`, bundle.environment, values),
      },
      events,
    });
  }
  list.push({
    name: EMPTY,
    bundle: bundles.emptyHandler.path,
    env: lambdaEnvironment('empty-handler', home, standIns.endpoints),
    events: Array.from({ length: samples }, () => ({})),
  });
  const events = new Map([...byName].map(([name, invocation]) => [name, invocation.event]));
  return { list, events };
}

/** What Lambda and the stack give every function, with AWS on the stand-ins. */
function lambdaEnvironment(
  name: string,
  home: string,
  endpoints: Record<string, string>,
): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    // An empty home: no developer's ~/.aws configuration reaches the SDK.
    HOME: home,
    TZ: 'UTC',
    AWS_REGION: LOCAL_REGION,
    AWS_DEFAULT_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
    AWS_LAMBDA_FUNCTION_NAME: `sepakat-${name}`,
    ...endpoints,
    // What SepakatFunction (infra/constructs/sepakat-function.ts) adds to every function.
    POWERTOOLS_SERVICE_NAME: 'sepakat',
    NODE_OPTIONS: '--enable-source-maps',
  };
}

/** Round after round, every subject (the baseline twice) once, one process at a time. */
async function measure(
  subjects: Subject[],
  child: string,
  context: BenchContext,
): Promise<Map<string, Sample[]>> {
  const samples = new Map<string, Sample[]>(subjects.map((s) => [s.name, []]));
  const baseline = subjects.filter((s) => s.name === EMPTY);
  const extraBaseline = Array.from({ length: BASELINE_PER_ROUND - 1 }, () => baseline).flat();
  for (let round = 0; round < WARM_UP_ROUNDS + ROUNDS; round++) {
    const counted = round >= WARM_UP_ROUNDS;
    // Shuffled, so that no function always follows the same one.
    const order = shuffle([...subjects, ...extraBaseline]);
    for (const subject of order) {
      const sample = await coldStart(child, subject, subject.events[round]);
      if (counted) samples.get(subject.name)?.push(sample);
      else if (!/^(2\d\d|ok)$/.test(sample.report.outcome)) {
        context.progress(`warning: ${subject.name} answered ${sample.report.detail}`);
      }
    }
    const empty = samples.get(EMPTY) ?? [];
    context.progress(
      counted
        ? `round ${round - WARM_UP_ROUNDS + 1}/${ROUNDS}: empty handler median so far ` +
            `${fixed(summarize(empty.map((s) => s.wallMs)).median)} ms`
        : `warm-up round ${round + 1}/${WARM_UP_ROUNDS} done`,
    );
  }
  return samples;
}

/** Spawns a fresh Node on the bundle and times it until the first invocation's answer. */
function coldStart(childScript: string, subject: Subject, event: unknown): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const begin = performance.now();
    const child = spawn(process.execPath, [childScript, subject.bundle, JSON.stringify(event)], {
      env: subject.env,
      // The functions' own logs (stdout) are dropped; the report comes on fd 3.
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    });
    let servedAt: number | undefined;
    let report = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), SAMPLE_TIMEOUT_MS);
    (child.stdio[3] as Readable).on('data', (chunk: Buffer) => {
      report += chunk.toString();
      if (servedAt === undefined && report.includes('\n')) servedAt = performance.now();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-2000);
    });
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (servedAt === undefined) {
        reject(
          new Error(`${subject.name} did not serve (exit ${String(signal ?? code)}):\n${stderr}`),
        );
      } else {
        resolve({ wallMs: servedAt - begin, report: JSON.parse(report) as ChildReport });
      }
    });
  });
}

function figures(name: string, samples: Sample[]): Figures {
  const median = (values: number[]) => summarize(values).median;
  const outcomes: Record<string, number> = {};
  for (const { report } of samples) outcomes[report.outcome] = (outcomes[report.outcome] ?? 0) + 1;
  return {
    name,
    wall: summarize(samples.map((s) => s.wallMs)),
    startMs: median(samples.map((s) => s.report.started)),
    loadMs: median(samples.map((s) => s.report.loaded - s.report.started)),
    invokeMs: median(samples.map((s) => s.report.served - s.report.loaded)),
    cpuMs: median(samples.map((s) => s.report.cpuMs)),
    outcomes,
    detail: samples[0]?.report.detail ?? '',
  };
}

/** Judged on the ratio as shown (two decimals), so that the table never contradicts itself. */
function meetsTarget(fn: Figures, baseline: Figures): boolean {
  return ratio(fn.wall.median, baseline.wall.median) <= TARGET_RATIO;
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

function markdown(baseline: Figures, functions: Figures[], events: Map<string, string>): string {
  const ms = (value: number) => `${fixed(value)} ms`;
  const rows = functions.map((fn) => [
    `\`${fn.name}\``,
    ms(fn.wall.median),
    ms(fn.wall.p95),
    ms(baseline.wall.median),
    ms(baseline.wall.p95),
    fixed(ratio(fn.wall.median, baseline.wall.median), 2),
    `≤ ${TARGET_RATIO}`,
    verdict(meetsTarget(fn, baseline)),
    `${ms(fn.loadMs)} / ${ms(fn.invokeMs)}`,
    `${ms(fn.cpuMs)} (${fixed(ratio(fn.cpuMs, baseline.cpuMs), 2)})`,
  ]);
  const served = (fn: Figures) =>
    Object.entries(fn.outcomes)
      .map(([outcome, count]) => `${count} × ${outcome}`)
      .join(', ');
  const meeting = functions.filter((fn) => meetsTarget(fn, baseline));
  return [
    '## Cold start',
    '',
    `Each function's bundle (as built in Bundles) loaded by a fresh Node ${process.version} ` +
      `process that then serves one invocation: ${ROUNDS} rounds after ${WARM_UP_ROUNDS} ` +
      `uncounted warm-up round; each round starts every function once and the empty handler ` +
      `${BASELINE_PER_ROUND} times, one process at a time, in shuffled order. Time is from ` +
      'spawn to the handler’s answer, as the parent sees it. The processes get the deployed ' +
      'environment (the function’s variables, `NODE_OPTIONS=--enable-source-maps`, ' +
      '`POWERTOOLS_SERVICE_NAME`) with AWS on loopback stand-ins: DynamoDB Local, the SES ' +
      'stand-in, the local Step Functions engine (whose state machine ends at once). ' +
      '"Load / first call" is the child’s own split of its median: importing the bundle ' +
      '(Lambda’s init phase), then the first invocation. "CPU time" is the child’s user and ' +
      'system time up to its answer, with its ratio to the baseline’s: steadier than wall ' +
      'time when other work shares the machine. Lambda’s CPU share at 256 MB is smaller than ' +
      'this machine’s: absolute times there are longer.',
    '',
    `Baseline, the empty handler: median ${ms(baseline.wall.median)}, p95 ` +
      `${ms(baseline.wall.p95)} (n = ${baseline.wall.n}); Node’s own start is ` +
      `${ms(baseline.startMs)} of it; CPU time ${ms(baseline.cpuMs)}.`,
    '',
    table(
      [
        'Function',
        'Median',
        'p95',
        'Baseline median',
        'Baseline p95',
        'Ratio (median)',
        'Target',
        'Verdict',
        'Load / first call',
        'CPU time (ratio)',
      ],
      rows,
    ),
    '',
    `${meeting.length} of ${functions.length} functions meet the target.`,
    '',
    'What each function served (per sample, fresh agreements where it changes them):',
    '',
    table(
      ['Function', 'Event', 'Answers'],
      functions.map((fn) => [`\`${fn.name}\``, events.get(fn.name) ?? '', served(fn)]),
    ),
  ].join('\n');
}
