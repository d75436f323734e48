// Bundles: every Lambda function built as CDK builds it (esbuild with FUNCTION_BUNDLING), its
// size against its floor's (bench/floor/: the same AWS clients and calls, nothing else, built
// the same way) and what the bytes beyond the floor are spent on, from esbuild's metafile.
import { statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import { build, version as esbuildVersion, type BuildOptions, type Metafile } from 'esbuild';
import type { Call } from './cold-start-recorder.ts';
import { floorCalls, floorEntry } from './floors.ts';
import { excess, fixed, kilobytes, ratio, table, verdict, type BenchSection } from './report.ts';

export const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
/** Functions that call no AWS service: their floor is the empty handler; the target stays. */
const TARGET_BYTES = 250 * 1024;
/** Everyone else: at most this many times the floor. */
export const FLOOR_TARGET_RATIO = 1.25;
/** A handler with no code, built with the same options. */
const EMPTY_HANDLER = 'bench/bundles-empty-handler.ts';
const SHOWN_PARTS = 4;

/** A Lambda function of the app: what CDK bundles and the variables the stack gives it. */
interface LambdaFunction {
  name: string;
  /** Handler module, relative to the repository root. */
  entry: string;
  /** The environment variables it reads. */
  environment: readonly string[];
}

export interface Part {
  /** A package (`zod`, `@smithy/core`), or a folder of the project's own code (`domain/`). */
  name: string;
  bytes: number;
}

export interface Bundle {
  name: string;
  entry: string;
  /** The built module (index.mjs or index.js). */
  path: string;
  bytes: number;
  sourceMapBytes: number;
  /** What the bundle holds, largest first (minified bytes in the output). */
  parts: Part[];
}

export interface FunctionBundle extends Bundle {
  environment: readonly string[];
  /** The AWS calls of its floor (bench/floors.json); none: the floor is the empty handler. */
  calls: Call[];
  /** Its floor, when it makes AWS calls. */
  floor?: Bundle;
}

export interface BundlesData {
  esbuild: string;
  options: Record<string, unknown>;
  targetBytes: number;
  floorTargetRatio: number;
  emptyHandler: Bundle;
  bundles: FunctionBundle[];
}

/** Every function the stack deploys: the workflow's tasks, the API's routes, SES feedback. */
export async function lambdaFunctions(): Promise<LambdaFunction[]> {
  // Imported here, not at the top: the email construct loads aws-cdk-lib, which takes seconds
  // that sections without bundles need not wait for.
  const [{ TASK_FUNCTIONS }, { API_ROUTES }, { SES_FEEDBACK_FUNCTION }] = await Promise.all([
    import('../functions/workflow-tasks.ts'),
    import('../functions/api/routes.ts'),
    import('../infra/constructs/email-delivery.ts'),
  ]);
  return [...TASK_FUNCTIONS, ...API_ROUTES, SES_FEEDBACK_FUNCTION].map((fn) => ({
    name: fn.name,
    entry: fn.entry,
    environment: fn.environment,
  }));
}

/** The bundling options CDK handles below; any other would make the bench build differently. */
const MAPPED_OPTIONS = new Set([
  'format',
  'target',
  'mainFields',
  'banner',
  'minify',
  'sourceMap',
  'sourcesContent',
  'bundleAwsSDK',
  'logLevel',
  'esbuildArgs',
]);

/**
 * esbuild's options for `bundling`, as aws-cdk-lib's NodejsFunction turns them into esbuild
 * flags (node_modules/aws-cdk-lib/aws-lambda-nodejs/lib/bundling.js, buildEsbuildArgs).
 */
export function esbuildOptions(bundling: BundlingOptions): BuildOptions {
  const unmapped = Object.keys(bundling).filter((key) => !MAPPED_OPTIONS.has(key));
  if (unmapped.length > 0) {
    throw new Error(`bench/bundles.ts does not map the bundling options ${unmapped.join(', ')}`);
  }
  if (!bundling.bundleAwsSDK) {
    // CDK would leave the SDK out for the runtime's copy: these sizes would mean something else.
    throw new Error('bench/bundles.ts measures bundles with the AWS SDK in them (bundleAwsSDK)');
  }
  return {
    bundle: true,
    platform: 'node',
    // CDK derives the target from the runtime when none is given; FUNCTION_BUNDLING gives one.
    target: bundling.target,
    format: bundling.format,
    minify: bundling.minify ?? false,
    // `--sourcemap` without a mode: a linked index.mjs.map.
    sourcemap: bundling.sourceMap ?? false,
    sourcesContent: bundling.sourcesContent ?? true,
    // bundleAwsSDK: no externals.
    external: [],
    banner: bundling.banner === undefined ? {} : { js: bundling.banner },
    mainFields: bundling.mainFields,
    logLevel: bundling.logLevel,
    alias: aliasesOf(bundling.esbuildArgs ?? {}),
  };
}

/** `--alias` esbuild arguments (`package=replacement`), the only extra arguments mapped. */
function aliasesOf(args: Record<string, string | boolean | string[]>): Record<string, string> {
  const other = Object.keys(args).filter((key) => key !== '--alias');
  if (other.length > 0) {
    throw new Error(`bench/bundles.ts does not map the esbuild arguments ${other.join(', ')}`);
  }
  const values = args['--alias'];
  const list = values === undefined ? [] : Array.isArray(values) ? values : [String(values)];
  return Object.fromEntries(
    list.map((value) => {
      const at = value.indexOf('=');
      return [value.slice(0, at), value.slice(at + 1)];
    }),
  );
}

export async function functionBundling(): Promise<BundlingOptions> {
  return (await import('../infra/constructs/sepakat-function.ts')).FUNCTION_BUNDLING;
}

/** Builds one entry into `<outDir>/<name>/`, as CDK builds it into the function's asset. */
async function buildBundle(
  fn: Pick<LambdaFunction, 'name' | 'entry'> & { stdin?: BuildOptions['stdin'] },
  options: BuildOptions,
  outDir: string,
): Promise<Bundle> {
  const outfile = path.join(outDir, fn.name, options.format === 'esm' ? 'index.mjs' : 'index.js');
  const result = await build({
    ...options,
    absWorkingDir: REPO_ROOT,
    ...(fn.stdin ? { stdin: fn.stdin } : { entryPoints: [fn.entry] }),
    outfile,
    metafile: true,
  });
  const output = result.metafile.outputs[path.relative(REPO_ROOT, outfile)];
  if (!output) throw new Error(`esbuild wrote no ${outfile}`);
  return {
    name: fn.name,
    entry: fn.entry,
    path: outfile,
    bytes: output.bytes,
    sourceMapBytes: options.sourcemap ? statSync(`${outfile}.map`).size : 0,
    parts: partsOf(output.inputs),
  };
}

/** The part a source file (relative to the repository) is in: its package, or its top folder. */
export function partOf(input: string): string {
  const inPackage = input.split('node_modules/').at(-1) ?? input;
  const segments = inPackage.split('/');
  return inPackage === input
    ? `${segments[0] ?? input}/`
    : segments.slice(0, inPackage.startsWith('@') ? 2 : 1).join('/');
}

/** Inputs grouped by package (the innermost node_modules/), or by top folder of own code. */
function partsOf(inputs: Metafile['outputs'][string]['inputs']): Part[] {
  const parts = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(inputs)) {
    const name = partOf(input);
    parts.set(name, (parts.get(name) ?? 0) + bytesInOutput);
  }
  return [...parts]
    .map(([name, bytes]) => ({ name, bytes }))
    .filter((part) => part.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes);
}

/** The AWS SDK packages that hold clients (`@aws-sdk/client-s3`, `lib-dynamodb`, the presigner). */
export function sdkClientsOf(bundle: Bundle): string[] {
  return bundle.parts
    .map((part) => part.name)
    .filter((name) => /^@aws-sdk\/(client-|lib-|s3-request-presigner)/.test(name))
    .sort();
}

/** What a bundle holds beyond its floor, per part, largest first. */
export function beyondFloor(bundle: Bundle, floor: Bundle): Part[] {
  const entries = (parts: Part[]) => parts.map((part) => [part.name, part.bytes] as const);
  return excess(entries(bundle.parts), entries(floor.parts)).map(([name, bytes]) => ({
    name,
    bytes,
  }));
}

/** Every function as CDK bundles it, nothing else (the size guard's build). */
export async function buildFunctions(outDir: string): Promise<Bundle[]> {
  const options = esbuildOptions(await functionBundling());
  return Promise.all((await lambdaFunctions()).map((fn) => buildBundle(fn, options, outDir)));
}

/**
 * Every function, its floor and the empty handler (cold-start runs this when it runs alone);
 * without the floors when their calls are being recorded anew.
 */
export async function buildAll(outDir: string, withFloors = true): Promise<BundlesData> {
  const options = esbuildOptions(await functionBundling());
  const functions = await lambdaFunctions();
  const calls = withFloors ? floorCalls() : {};
  const floorOf = async (fn: LambdaFunction): Promise<Bundle | undefined> => {
    const made = calls[fn.name] ?? [];
    if (made.length === 0) return undefined;
    const entry = `bench/floor/${fn.name}`;
    return buildBundle(
      { name: `floor/${fn.name}`, entry, stdin: { ...floorEntry(made), sourcefile: entry } },
      options,
      outDir,
    );
  };
  const [emptyHandler, ...bundles] = await Promise.all([
    buildBundle({ name: 'empty-handler', entry: EMPTY_HANDLER }, options, outDir),
    ...functions.map(async (fn): Promise<FunctionBundle> => {
      const [bundle, floor] = await Promise.all([buildBundle(fn, options, outDir), floorOf(fn)]);
      return {
        ...bundle,
        environment: fn.environment,
        calls: calls[fn.name] ?? [],
        ...(floor ? { floor } : {}),
      };
    }),
  ]);
  return {
    esbuild: esbuildVersion,
    options: { ...options, banner: options.banner?.js },
    targetBytes: TARGET_BYTES,
    floorTargetRatio: FLOOR_TARGET_RATIO,
    emptyHandler,
    bundles,
  };
}

/** The floor a bundle is judged against, and whether it meets its target. */
export function judged(bundle: FunctionBundle, data: BundlesData) {
  const floor = bundle.floor ?? data.emptyHandler;
  const sizeRatio = ratio(bundle.bytes, floor.bytes);
  const meets = bundle.floor
    ? Number(fixed(sizeRatio, 2)) <= data.floorTargetRatio
    : bundle.bytes <= data.targetBytes;
  return { floor, sizeRatio, meets };
}

/** What the bundles section handed on, if it ran before. */
export function bundlesFrom(data: unknown): BundlesData | undefined {
  return typeof data === 'object' && data !== null && 'bundles' in data && 'emptyHandler' in data
    ? (data as BundlesData)
    : undefined;
}

/**
 * What the bytes beyond a floor do, by kind: each is work the function does and its floor does
 * not (the paragraph under the table says why none can go).
 */
const KINDS: { name: string; holds: (part: string) => boolean }[] = [
  { name: 'validation (zod/mini)', holds: (part) => part === 'zod' },
  { name: 'rules (domain/)', holds: (part) => part === 'domain/' },
  { name: 'use cases (application/)', holds: (part) => part === 'application/' },
  { name: 'adapters (adapters/)', holds: (part) => part === 'adapters/' },
  { name: 'handler and wiring (functions/)', holds: (part) => part === 'functions/' },
  { name: 'logs (Powertools)', holds: (part) => part.startsWith('@aws-lambda-powertools/') },
  { name: 'middleware (middy)', holds: (part) => part.startsWith('@middy/') },
  {
    name: 'emails (templates/, mustache, ical-generator)',
    holds: (part) => ['templates/', 'mustache', 'ical-generator'].includes(part),
  },
  { name: 'AWS SDK', holds: (part) => /^@(aws-sdk|smithy|aws-crypto)\//.test(part) },
];
const OTHER_KIND = 'other packages';

/** The bytes beyond the floor per kind (KINDS, then the rest), for a function that misses. */
function byKind(parts: Part[]): Map<string, number> {
  const kinds = new Map<string, number>();
  for (const part of parts) {
    const kind = KINDS.find((k) => k.holds(part.name))?.name ?? OTHER_KIND;
    kinds.set(kind, (kinds.get(kind) ?? 0) + part.bytes);
  }
  return kinds;
}

function missesByKind(data: BundlesData): string[] {
  const missing = data.bundles.filter((bundle) => bundle.floor && !judged(bundle, data).meets);
  if (missing.length === 0) return [];
  const columns = [...KINDS.map((kind) => kind.name), OTHER_KIND];
  return [
    '',
    'Where the bytes beyond the floor go, for each bundle that misses its target (minified KB):',
    '',
    table(
      ['Function', 'Beyond the floor', ...columns, 'Other packages, largest'],
      missing.map((bundle) => {
        const parts = beyondFloor(bundle, bundle.floor ?? data.emptyHandler);
        const kinds = byKind(parts);
        const total = parts.reduce((sum, part) => sum + part.bytes, 0);
        const others = parts.filter(
          (part) => part.bytes >= 100 && !KINDS.some((kind) => kind.holds(part.name)),
        );
        return [
          `\`${bundle.name}\``,
          kilobytes(total),
          ...columns.map((column) => kilobytes(kinds.get(column) ?? 0)),
          others
            .slice(0, 2)
            .map((part) => `${part.name} ${kilobytes(part.bytes)}`)
            .join(', '),
        ];
      }),
    ),
    '',
    'Why these bytes stay. The floor makes the AWS calls and nothing else; a function must also ' +
      'check what it is given (zod/mini: the schemas the OpenAPI document is built from, so no ' +
      'second hand-written validator), apply the rules (domain/: stages, reminders, office hours ' +
      'and holidays, terms, the messages' +
      "' texts), load, check access and retry (application/), map the domain to DynamoDB's " +
      'items and indexes (adapters/), render the emails it sends (templates, the calendar ' +
      'file), and answer in problem+json with structured logs and metrics (functions/, ' +
      'Powertools, middy). None of it is in the floor by definition, and ' +
      'each is already shaken to what the function imports (each route holds only the schema ' +
      'modules it parses with; reject-report, which wakes no workflow, no Step Functions ' +
      'client): the zod, mail and S3 bundle tests ' +
      '(test/functions/) and the size guard keep it so. 1.25 x a one-client floor of about 210 KB ' +
      'leaves about 53 KB for all of that; the rules alone take more, two tables most of it: ' +
      'the Kemendagri regions (31 KB, for any region code a request may name) and the national ' +
      "holidays (14 KB, for the office hours of the next nudge a view shows). export-agreements' " +
      'other packages are exceljs and what it needs to write a zipped sheet (1.1 MB), there for ' +
      'XLSX files. The tasks that count a metric for the operations dashboard and its alarms ' +
      '(enter-stage, send-nudge, mark-needs-attention) hold Powertools Metrics too (the logs ' +
      'column at 32.7 KB rather than 20.8 KB): writing the embedded metric format by hand would ' +
      'spare 12 KB, and is not done, Powertools being the ecosystem’s choice for it.',
  ];
}

function markdown(data: BundlesData): string {
  const shown = (parts: Part[]) =>
    parts
      .slice(0, SHOWN_PARTS)
      .map((part) => `${part.name} ${kilobytes(part.bytes)}`)
      .join(', ');
  const rows = data.bundles.map((bundle) => {
    const { floor, sizeRatio, meets } = judged(bundle, data);
    return [
      `\`${bundle.name}\``,
      kilobytes(bundle.bytes),
      bundle.floor ? kilobytes(floor.bytes) : `${kilobytes(floor.bytes)} (empty handler)`,
      bundle.floor ? fixed(sizeRatio, 2) : '—',
      bundle.floor ? `≤ ${String(data.floorTargetRatio)} ×` : `≤ ${kilobytes(data.targetBytes)}`,
      verdict(meets),
      shown(beyondFloor(bundle, floor)),
      kilobytes(bundle.sourceMapBytes),
    ];
  });
  const meeting = data.bundles.filter((bundle) => judged(bundle, data).meets).length;
  const withFloor = data.bundles.filter((bundle) => bundle.floor);
  return [
    '## Bundles',
    '',
    `Every Lambda function built as CDK builds it: esbuild ${data.esbuild} with the options ` +
      'CDK derives from `FUNCTION_BUNDLING` (infra/constructs/sepakat-function.ts): ESM, node22, ' +
      'minified, tree-shaken, AWS SDK bundled, credentials from the environment only. Size is ' +
      'the output module (index.mjs) alone; the source map beside it is listed apart. The ' +
      "baseline is the function's floor, built the same way: a handler that creates the same " +
      'AWS SDK clients and makes the same AWS calls (bench/floors.json, recorded from the ' +
      "function's own cold start) with no middy, Powertools, zod or domain code " +
      '(bench/floor/). A function that calls no AWS service has the empty handler as its floor ' +
      `and keeps the ${kilobytes(data.targetBytes)} target. "Beyond the floor" is what the ` +
      'function holds that its floor does not, in minified bytes per package from the esbuild ' +
      "metafile, the project's own code by folder (ending in /).",
    '',
    table(
      [
        'Function',
        'Size',
        'Floor',
        'Size / floor',
        'Target',
        'Verdict',
        'Beyond the floor (largest parts)',
        'Source map',
      ],
      rows,
    ),
    '',
    `${String(meeting)} of ${String(data.bundles.length)} bundles meet their target ` +
      `(${String(withFloor.length)} against their floor).`,
    ...missesByKind(data),
    '',
    'The floors, and the calls each makes:',
    '',
    table(
      ['Function', 'Floor', 'AWS SDK clients', 'Calls'],
      withFloor.map((bundle) => [
        `\`${bundle.name}\``,
        kilobytes(bundle.floor?.bytes ?? 0),
        bundle.floor ? sdkClientsOf(bundle.floor).join(', ') : '',
        bundle.calls.join(', '),
      ]),
    ),
  ].join('\n');
}

export const bundlesSection: BenchSection = {
  id: 'bundles',
  title: 'Lambda bundle sizes',
  async run(context) {
    context.progress('building every function and its floor with esbuild');
    const data = await buildAll(context.workDir);
    const floors = data.bundles.filter((bundle) => bundle.floor).length;
    context.progress(
      `built ${String(data.bundles.length)} bundles, ${String(floors)} floors and the empty handler`,
    );
    return { markdown: markdown(data), data };
  },
};
