// Cold start: for every function, a fresh Node process loads its bundle and serves a first
// invocation against the local stand-ins; the same for the function's floor (bench/floor/: the
// same AWS clients and calls, nothing else) and for an empty handler, interleaved in the same
// rounds, are the baselines. A first, uncounted round goes through a proxy that records the
// AWS calls of each function and floor: a floor that no longer makes its function's calls
// stops the section.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { LOCAL_REGION } from '../local/aws.ts';
import { buildAll, bundlesFrom, type BundlesData } from './bundles.ts';
import type { ChildReport } from './cold-start-child.ts';
import { measureExceljsPlacement, type ExceljsPlacement } from './cold-start-exceljs.ts';
import { profiler, type CpuParts } from './cold-start-profile.ts';
import { startRecorder, type Call, type Recorder } from './cold-start-recorder.ts';
import type { StandIns } from './cold-start-stand-ins.ts';
import { sameCalls } from './floors.ts';
import {
  excess,
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
/** The first round records the calls and is not counted (it also warms the stand-ins). */
const RECORDING_ROUNDS = 1;
/** Then profiled samples of each (V8's sampling profiler), not counted either. */
const PROFILED_ROUNDS = 3;
/** The samples each subject needs an event for. */
const SAMPLES = RECORDING_ROUNDS + ROUNDS + PROFILED_ROUNDS;
/** The empty handler runs this often per round: more samples for the figure many ratios use. */
const EMPTY_PER_ROUND = 2;
/** Functions with AWS calls: at most this many times their floor's median. */
const FLOOR_TARGET_RATIO = 1.25;
/** Functions without: at most this many times the empty handler's median. */
const EMPTY_TARGET_RATIO = 1.5;
const EMPTY = 'empty handler';
const SHOWN_CPU_PARTS = 5;
const SAMPLE_TIMEOUT_MS = 30_000;
const CHILD_SOURCE = fileURLToPath(new URL('cold-start-child.ts', import.meta.url));

/** Values for the variables the functions read, as the stack would set them. */
const ENVIRONMENT_VALUES = {
  ALLOWED_ORIGINS: 'https://sepakat.example.go.id',
  SENDER_EMAIL: 'sepakat@bandung.example.go.id',
  OPERATIONS_EMAIL: 'operasional@sepakat.example.go.id',
  SES_CONFIGURATION_SET: 'sepakat-email',
  POWERTOOLS_METRICS_NAMESPACE: 'Sepakat/bench',
  CONSOLE_URL: 'https://sepakat.example.go.id',
  ACTION_LINK_TTL_DAYS: '30',
  MAX_PAUSE_DAYS: '90',
  DOCUMENT_MAX_BYTES: String(25 * 1024 * 1024),
  // Object Lock is the bucket's (infra); the S3 stand-in has none, as in local mode.
  DOCUMENT_RETENTION_DAYS: '',
  // The domain's default policy.
  REMINDER_POLICY: '{}',
};

/** A bundle to cold-start, with its process environment and the event of each sample. */
interface Subject {
  name: string;
  /** The function measured, or its floor, or the empty handler. */
  kind: 'function' | 'floor' | 'empty';
  bundle: string;
  env: Record<string, string>;
  /** One per round, recording rounds first. */
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

interface FunctionFigures extends Figures {
  /** Its floor's, or undefined when the function calls no AWS service (the empty handler's). */
  floor?: Figures;
  /** The AWS calls it made in the recording round. */
  calls: Call[];
  /** Its profiled sample's CPU time beyond its baseline's, by part (ms), largest first. */
  cpuBeyondBaseline: CpuParts;
}

export const coldStartSection: BenchSection = {
  id: 'cold-start',
  title: 'Cold start of every function against its floor and an empty handler',
  async run(context) {
    let bundles = bundlesFrom(context.earlier.get('bundles'));
    if (!bundles) {
      context.progress('building the bundles (the bundles section did not run before)');
      bundles = await buildAll(path.join(context.workDir, 'bundles'));
    }
    const child = await compileChild(context.workDir);
    const { empty, functions, events } = await withStandIns(context, async (standIns, recorder) => {
      const subjects = await prepare(bundles, standIns, context, SAMPLES);
      const calls = await record(subjects.list, child, recorder, context);
      const drift = driftOf(bundles, calls);
      if (drift.length > 0) {
        throw new Error(
          `Floors that no longer make their function's AWS calls:\n${drift.join('\n')}\n` +
            'Run `npm run bench:record-floors` and check the change of bench/floors.json.',
        );
      }
      const samples = await measure(subjects.list, child, context);
      const empty = figures(EMPTY, samples.get(EMPTY) ?? []);
      const functions = bundles.bundles.map((bundle): FunctionFigures => {
        const floorSamples = samples.get(floorName(bundle.name));
        return {
          ...figures(bundle.name, samples.get(bundle.name) ?? []),
          ...(bundle.floor && floorSamples ? { floor: figures(bundle.name, floorSamples) } : {}),
          calls: calls.get(bundle.name) ?? [],
          cpuBeyondBaseline: [],
        };
      });
      // Profiled: the functions that miss their target, and their baselines.
      const baselineOf = (fn: FunctionFigures) => (fn.floor ? floorName(fn.name) : EMPTY);
      const missing = functions.filter((fn) => !judge(fn, empty).meetsTarget);
      const profiled = new Set(missing.flatMap((fn) => [fn.name, baselineOf(fn)]));
      const profiles = await profile(
        subjects.list.filter((subject) => profiled.has(subject.name)),
        child,
        context,
      );
      for (const fn of missing) {
        fn.cpuBeyondBaseline = excess(
          profiles.get(fn.name) ?? [],
          profiles.get(baselineOf(fn)) ?? [],
        );
      }
      return { empty, functions, events: subjects.events };
    });
    context.progress('exceljs in the bundle, and installed beside it');
    const exceljs = await measureExceljsPlacement(context.workDir);
    const data = {
      node: process.version,
      rounds: ROUNDS,
      recordingRounds: RECORDING_ROUNDS,
      floorTargetRatio: FLOOR_TARGET_RATIO,
      emptyTargetRatio: EMPTY_TARGET_RATIO,
      emptyHandler: empty,
      exceljsPlacement: exceljs,
      functions: functions.map((fn) => ({
        ...fn,
        event: events.get(fn.name),
        ...judge(fn, empty),
      })),
    };
    return { markdown: markdown(empty, functions, events, exceljs), data };
  },
};

/** What each function's cold start calls, from one recorded sample each (bench:record-floors). */
export async function recordFunctionCalls(context: BenchContext): Promise<Map<string, Call[]>> {
  const bundles = await buildAll(path.join(context.workDir, 'bundles'), false);
  const child = await compileChild(context.workDir);
  return withStandIns(context, async (standIns, recorder) => {
    // As many samples stored as the bench stores: a list reads as many pages as it will there.
    const { list } = await prepare(bundles, standIns, context, SAMPLES);
    return record(
      list.filter((subject) => subject.kind === 'function'),
      child,
      recorder,
      context,
    );
  });
}

const floorName = (name: string) => `floor of ${name}`;

/** The stand-ins, and the recording proxy in front of them, for the time of `use`. */
async function withStandIns<T>(
  context: BenchContext,
  use: (standIns: StandIns, recorder: Recorder) => Promise<T>,
): Promise<T> {
  // Imported here: the stand-ins and the app's modules take a second to load, which other
  // sections need not wait for.
  const { startStandIns } = await import('./cold-start-stand-ins.ts');
  const standIns = await startStandIns(
    (message) => {
      context.progress(message);
    },
    path.join(context.workDir, 's3'),
  );
  try {
    const recorder = await startRecorder(standIns.endpoints);
    try {
      return await use(standIns, recorder);
    } finally {
      await recorder.stop();
    }
  } finally {
    await standIns.stop();
  }
}

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

/**
 * Every function's environment and events (storing what they need), its floor's (the same),
 * and the empty handler's.
 */
export async function prepare(
  bundles: BundlesData,
  standIns: StandIns,
  context: BenchContext,
  samples: number,
): Promise<{ list: Subject[]; events: Map<string, string> }> {
  const [{ environmentFor }, { HOST_REGION_CODE, invocations }] = await Promise.all([
    import('../infra/constructs/sepakat-function.ts'),
    import('./cold-start-events.ts'),
  ]);
  const home = path.join(context.workDir, 'home');
  mkdirSync(home, { recursive: true });
  const values = {
    ...ENVIRONMENT_VALUES,
    TABLE_NAME: standIns.tableName,
    HOST_REGION_CODE,
    STATE_MACHINE_ARN: standIns.stateMachineArn,
    DOCUMENT_BUCKET: standIns.documentBucket,
  };
  const variables = new Map(
    bundles.bundles.map((bundle) => [
      bundle.name,
      environmentFor(`Function ${bundle.name}`, bundle.environment, values),
    ]),
  );
  const environmentOf = (name: string) => variables.get(name) ?? {};
  context.progress(
    `storing what ${String(bundles.bundles.length)} functions × ${String(samples)} samples need`,
  );
  // A seed may call a route's handler in this process: its SDK clients find the stand-ins as
  // the functions' do, through the environment.
  return withAwsEnvironment(standIns.endpoints, async () => {
    const byName = await invocations({ ...standIns, environmentOf });
    const list: Subject[] = [];
    for (const bundle of bundles.bundles) {
      const invocation = byName.get(bundle.name);
      if (!invocation) {
        throw new Error(
          `No cold-start event for ${bundle.name}: add one in bench/cold-start-events.ts`,
        );
      }
      const events: unknown[] = [];
      for (let sample = 0; sample < samples; sample++)
        events.push(await invocation.prepare(sample));
      const env = {
        ...lambdaEnvironment(bundle.name, home, standIns.endpoints),
        ...environmentOf(bundle.name),
      };
      list.push({ name: bundle.name, kind: 'function', bundle: bundle.path, env, events });
      if (bundle.floor) {
        const name = floorName(bundle.name);
        list.push({ name, kind: 'floor', bundle: bundle.floor.path, env, events });
      }
    }
    list.push({
      name: EMPTY,
      kind: 'empty',
      bundle: bundles.emptyHandler.path,
      env: lambdaEnvironment('empty-handler', home, standIns.endpoints),
      events: Array.from({ length: samples }, () => ({})),
    });
    const events = new Map([...byName].map(([name, invocation]) => [name, invocation.event]));
    return { list, events };
  });
}

/** This process's environment with AWS on the stand-ins, for the time of `use`. */
async function withAwsEnvironment<T>(
  endpoints: Record<string, string>,
  use: () => Promise<T>,
): Promise<T> {
  const variables: Record<string, string> = {
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    ...endpoints,
  };
  const before = Object.fromEntries(
    Object.keys(variables).map((name) => [name, process.env[name]]),
  );
  Object.assign(process.env, variables);
  try {
    return await use();
  } finally {
    for (const [name, value] of Object.entries(before)) {
      if (value === undefined) Reflect.deleteProperty(process.env, name);
      else process.env[name] = value;
    }
  }
}

/**
 * One cold start of each subject, through the recording proxy: the AWS calls each made, by
 * name, with the presigned URLs it answered (S3 calls made without a request).
 */
export async function record(
  subjects: Subject[],
  child: string,
  recorder: Recorder,
  context: BenchContext,
): Promise<Map<string, Call[]>> {
  const calls = new Map<string, Call[]>();
  for (const subject of subjects) {
    recorder.take();
    const proxied = { ...subject, env: { ...subject.env, ...recorder.endpoints } };
    const sample = await coldStart(child, proxied, subject.events[0]);
    // A floor answers ok with the errors its calls got (shown in the table).
    if (!/^(2\d\d|ok)$/.test(sample.report.outcome)) {
      context.progress(`warning: ${subject.name} answered ${sample.report.detail}`);
    }
    const presigned = sample.report.presigned.map((operation) => `s3-presign ${operation}`);
    calls.set(subject.name, [...recorder.take(), ...presigned]);
  }
  context.progress(`recorded the AWS calls of ${String(subjects.length)} cold starts`);
  return calls;
}

/** Where floors.json, a function and its floor do not agree on the calls. */
function driftOf(bundles: BundlesData, recorded: Map<string, Call[]>): string[] {
  const list = (calls: readonly Call[]) => `[${calls.join(', ')}]`;
  return bundles.bundles.flatMap((bundle) => {
    const made = recorded.get(bundle.name) ?? [];
    const floor = recorded.get(floorName(bundle.name)) ?? [];
    return [
      ...(sameCalls(bundle.calls, made)
        ? []
        : [`${bundle.name}: bench/floors.json says ${list(bundle.calls)}, it made ${list(made)}`]),
      ...(sameCalls(bundle.calls, floor)
        ? []
        : [`${bundle.name}: its floor made ${list(floor)}, not ${list(bundle.calls)}`]),
    ];
  });
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

/** Round after round, every subject (the empty handler twice) once, one process at a time. */
async function measure(
  subjects: Subject[],
  child: string,
  context: BenchContext,
): Promise<Map<string, Sample[]>> {
  const samples = new Map<string, Sample[]>(subjects.map((s) => [s.name, []]));
  const empty = subjects.filter((s) => s.kind === 'empty');
  const extraEmpty = Array.from({ length: EMPTY_PER_ROUND - 1 }, () => empty).flat();
  for (let round = 0; round < ROUNDS; round++) {
    // Shuffled, so that no function always follows the same one, nor its floor.
    const order = shuffle([...subjects, ...extraEmpty]);
    for (const subject of order) {
      samples
        .get(subject.name)
        ?.push(await coldStart(child, subject, subject.events[RECORDING_ROUNDS + round]));
    }
    const done = samples.get(EMPTY) ?? [];
    context.progress(
      `round ${String(round + 1)}/${String(ROUNDS)}: empty handler median so far ` +
        `${fixed(summarize(done.map((s) => s.wallMs)).median)} ms`,
    );
  }
  return samples;
}

/** Profiled cold starts of each subject: the median CPU time of each part. */
async function profile(
  subjects: Subject[],
  child: string,
  context: BenchContext,
): Promise<Map<string, CpuParts>> {
  const profiles = new Map<string, CpuParts>();
  for (const subject of subjects) {
    const runs: Map<string, number>[] = [];
    for (let round = 0; round < PROFILED_ROUNDS; round++) {
      const cpuProfile = profiler(context.workDir);
      const event = subject.events[RECORDING_ROUNDS + ROUNDS + round];
      await coldStart(child, subject, event, cpuProfile.args);
      runs.push(new Map(cpuProfile.read(subject.bundle)));
    }
    const parts = new Set(runs.flatMap((run) => [...run.keys()]));
    const medians = [...parts].map((part): [string, number] => [
      part,
      summarize(runs.map((run) => run.get(part) ?? 0)).median,
    ]);
    profiles.set(
      subject.name,
      medians.sort((a, b) => b[1] - a[1]),
    );
  }
  context.progress(`profiled ${String(subjects.length)} × ${String(PROFILED_ROUNDS)} cold starts`);
  return profiles;
}

/** Spawns a fresh Node on the bundle and times it until the first invocation's answer. */
function coldStart(
  childScript: string,
  subject: Subject,
  event: unknown,
  nodeArgs: readonly string[] = [],
): Promise<Sample> {
  const args = [...nodeArgs, childScript, subject.bundle, JSON.stringify(event)];
  return new Promise((resolve, reject) => {
    const begin = performance.now();
    const child = spawn(process.execPath, args, {
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

/**
 * Against its floor, or the empty handler when it calls no AWS service; judged on the ratio as
 * shown (two decimals), so that the table never contradicts itself.
 */
function judge(fn: FunctionFigures, empty: Figures) {
  const baseline = fn.floor ?? empty;
  const target = fn.floor ? FLOOR_TARGET_RATIO : EMPTY_TARGET_RATIO;
  const medianRatio = ratio(fn.wall.median, baseline.wall.median);
  return {
    baseline: fn.floor ? 'floor' : EMPTY,
    target,
    ratio: medianRatio,
    cpuRatio: ratio(fn.cpuMs, baseline.cpuMs),
    meetsTarget: Number(fixed(medianRatio, 2)) <= target,
  };
}

/** The errors a floor's calls got (its answer lists them), as the function's calls got them. */
function floorErrors(detail: string): string {
  const errors = /"errors":\[([^\]]+)\]/.exec(detail)?.[1];
  return errors ? `; its calls answered ${errors.replaceAll('"', '')}` : '';
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

/** A time for the tables and the text: `12.3 ms`. */
function ms(value: number): string {
  return `${fixed(value)} ms`;
}

/**
 * Why the parts of the profile table stay: they are the same few kinds for every miss, and the
 * export's, whose alternative is measured in this run.
 */
function whyTimeStays(exceljs: ExceljsPlacement): string[] {
  return [
    'Why this time stays. What was removable is gone: the time zones’ ICU formatters (about 10 ms ' +
      'at the first date a function computed; Indonesia’s zones are now fixed offsets, held to ' +
      'the time-zone database by a test), zod’s compiling of each schema at its first parse ' +
      '(about 5 ms; zod runs jitless), the input schemas a function does not parse with (about ' +
      '4 ms: zod builds every schema of a module as it loads, and one module held them all; ' +
      'each kind of input has its module now), reject-report’s Step Functions client, the email ' +
      'composition that get-action imported, and exceljs’s modules in a CSV export (about ' +
      '170 ms; loaded only for XLSX). Each part that ' +
      'remains is one of these:',
    '',
    '- `compiling the bundle`, `V8 (program)`, `source maps` and most of `V8 (garbage ' +
      'collector)`: V8 parses and compiles, and Node maps, every byte the function holds. They ' +
      'grow with the bytes beyond the floor, which Bundles accounts for by kind and explains. The ' +
      'source maps are deployed on purpose (`NODE_OPTIONS=--enable-source-maps`): an error’s stack ' +
      'in CloudWatch then names TypeScript lines, which is what operations read.',
    '- `zod`, `top level`, `domain/`, `application/`, `adapters/`, `functions/`: the function’s ' +
      'own work, which the floor does not do by definition. The schemas are built and the input ' +
      'checked, the rules applied (stages, office hours, terms), the items mapped, the answer ' +
      'written as problem+json or a view.',
    '- `Node built-ins` beyond the floor’s: the Node modules that Powertools, middy and the ' +
      'handler load besides the SDK’s, and the logs written (`native writev`).',
    '- `mustache`, `domain/` and `Node built-ins` in the functions that write letters ' +
      '(send-nudge, answer-action, ses-feedback, mark-needs-attention): rendering the email, ' +
      'whose dates, counts and lists in Indonesian come from Intl. ICU’s first use costs about ' +
      '9 ms. Hand-written tables of month names and plural rules would avoid it: a hand-rolled ' +
      'replacement of the platform’s locale data, which this project does not make.',
    '- `export-agreements`: parsing exceljs and its packages (1.1 MB), which XLSX files need, ' +
      'in the one file that CDK’s NodejsFunction bundles. The other place CDK offers is ' +
      '`nodeModules`, exceljs installed beside the file, measured in this run (fresh processes, ' +
      `median of ${String(exceljs.samples)} each): in the bundle, holding exceljs costs every ` +
      `cold start ${ms(exceljs.bundledParse)} and an XLSX export ${ms(exceljs.bundledRun)} more ` +
      `to run it; installed, a CSV export would pay nothing and an XLSX export ` +
      `${ms(exceljs.installedImport)} to load it from node_modules. The export keeps exceljs in ` +
      'the bundle: the faster XLSX file, at the CSV export’s parse.',
  ];
}

function markdown(
  empty: Figures,
  functions: FunctionFigures[],
  events: Map<string, string>,
  exceljs: ExceljsPlacement,
): string {
  const signed = (value: number) => `${value >= 0 ? '+' : '−'}${fixed(Math.abs(value))}`;
  const rows = functions.map((fn) => {
    const baseline = fn.floor ?? empty;
    const judged = judge(fn, empty);
    return [
      `\`${fn.name}\``,
      ms(fn.wall.median),
      ms(fn.wall.p95),
      fn.floor ? 'floor' : 'empty handler',
      ms(baseline.wall.median),
      ms(baseline.wall.p95),
      fixed(judged.ratio, 2),
      `≤ ${String(judged.target)}`,
      verdict(judged.meetsTarget),
      `${ms(fn.cpuMs)} / ${ms(baseline.cpuMs)} (${fixed(judged.cpuRatio, 2)})`,
      `${signed(fn.loadMs - baseline.loadMs)} / ${signed(fn.invokeMs - baseline.invokeMs)} ms`,
    ];
  });
  const answers = (figures: Figures | undefined) =>
    figures
      ? Object.entries(figures.outcomes)
          .map(([outcome, count]) => `${String(count)} × ${outcome}`)
          .join(', ')
      : '';
  const meeting = functions.filter((fn) => judge(fn, empty).meetsTarget);
  const missing = functions.filter((fn) => !judge(fn, empty).meetsTarget);
  const cpuParts = (parts: CpuParts) =>
    parts
      .slice(0, SHOWN_CPU_PARTS)
      .map(([name, cpuMs]) => `${name} ${ms(cpuMs)}`)
      .join(', ');
  return [
    '## Cold start',
    '',
    `Each function's bundle (as built in Bundles) loaded by a fresh Node ${process.version} ` +
      `process that then serves one invocation; the same for its floor (Bundles: the same AWS ` +
      `clients and calls, nothing else) with the same environment and event. ${String(ROUNDS)} ` +
      `rounds after ${String(RECORDING_ROUNDS)} uncounted round that records every process's ` +
      'AWS calls through a proxy (the section stops if a floor does not make its function’s ' +
      `calls); each round starts every function and every floor once and the empty handler ` +
      `${String(EMPTY_PER_ROUND)} times, one process at a time, in shuffled order. Time is from ` +
      'spawn to the handler’s answer, as the parent sees it. The processes get the deployed ' +
      'environment (the function’s variables, `NODE_OPTIONS=--enable-source-maps`, ' +
      '`POWERTOOLS_SERVICE_NAME`) with AWS on loopback stand-ins: DynamoDB Local, the SES ' +
      'stand-in, the S3 stand-in, the local Step Functions engine (whose state machine ends at ' +
      `once). Target: median ≤ ${String(FLOOR_TARGET_RATIO)} × the floor's; a function that ` +
      `calls no AWS service is judged against the empty handler (≤ ${String(EMPTY_TARGET_RATIO)} ×). ` +
      '"CPU time" is the child’s user and system time up to its answer, beside its baseline’s ' +
      '(steadier than wall time when other work shares the machine). "Beyond the baseline" ' +
      'splits the medians’ difference: importing the bundle (Lambda’s init phase), then the ' +
      'first invocation. Lambda’s CPU share at 256 MB is smaller than this machine’s: absolute ' +
      'times there are longer.',
    '',
    `The empty handler: median ${ms(empty.wall.median)}, p95 ${ms(empty.wall.p95)} ` +
      `(n = ${String(empty.wall.n)}); Node’s own start is ${ms(empty.startMs)} of it; CPU time ` +
      `${ms(empty.cpuMs)}.`,
    '',
    table(
      [
        'Function',
        'Median',
        'p95',
        'Baseline',
        'Baseline median',
        'Baseline p95',
        'Ratio (median)',
        'Target',
        'Verdict',
        'CPU time / baseline’s (ratio)',
        'Beyond the baseline: load / first call',
      ],
      rows,
    ),
    '',
    `${String(meeting.length)} of ${String(functions.length)} functions meet their target.`,
    '',
    'Where the time of those that miss goes beyond their baseline’s: ' +
      `${String(PROFILED_ROUNDS)} more samples of each, function and baseline, under V8’s ` +
      'sampling profiler (`node --cpu-prof`, every 200 µs), self time attributed through the ' +
      'bundle’s source map to the parts of Bundles (a package, or a folder of the project’s ' +
      'own code), the median of each part: `compiling the bundle` is V8 compiling the module ' +
      'Node imports, `V8 (program)` mostly parsing, `V8 (garbage collector)` collecting, ' +
      '`source maps` Node reading and indexing the bundle’s source map (the deployed ' +
      '`--enable-source-maps`), `top level` every module’s top-level statements (esbuild ' +
      'hoists them into one function), `Node built-ins` Node’s own modules (loading, sockets, ' +
      'crypto), `esbuild runtime` the bundle’s own glue. The profiler samples the thread ' +
      'whether it runs or waits for the machine: on a busy machine, parts of a few ms are chance.',
    '',
    table(
      ['Function', 'Ratio (median)', 'CPU time beyond the baseline, largest parts'],
      missing.map((fn) => [
        `\`${fn.name}\``,
        fixed(judge(fn, empty).ratio, 2),
        cpuParts(fn.cpuBeyondBaseline),
      ]),
    ),
    '',
    ...whyTimeStays(exceljs),
    '',
    'What each function served (per sample, fresh agreements where it changes them), the AWS ' +
      'calls it made (recorded), and what its floor answered. The task tokens of stored waits ' +
      'are the bench’s own, which the Step Functions stand-in does not know: a function that ' +
      'wakes a wait gets `InvalidToken` as its floor does, and goes on as after a wait ended.',
    '',
    table(
      ['Function', 'Event', 'Answers', 'AWS calls', 'Floor answers'],
      functions.map((fn) => [
        `\`${fn.name}\``,
        events.get(fn.name) ?? '',
        answers(fn),
        fn.calls.join(', ') || 'none',
        fn.floor ? `${answers(fn.floor)}${floorErrors(fn.floor.detail)}` : '',
      ]),
    ),
  ].join('\n');
}
