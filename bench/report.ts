// What every bench section shares: the section contract, summary statistics, Markdown tables
// and progress output.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { format, resolveConfig } from 'prettier';

/** What a section hands back: its Markdown (tables with baseline and ratio) and its data. */
export interface SectionReport {
  /** Markdown for bench/RESULTS.md, starting with a `## ` heading. */
  markdown: string;
  /** The same figures, machine-readable, for bench/results.json. */
  data: unknown;
}

export interface BenchContext {
  /** One line of progress on stderr, prefixed with the section's id. */
  progress(message: string): void;
  /** A scratch directory for this run, removed afterwards. */
  workDir: string;
  /** Results of the sections run before this one, by id (e.g. cold-start reads bundles). */
  earlier: ReadonlyMap<string, unknown>;
}

export interface BenchSection {
  /** Short id, used by `npm run bench -- --only <id>,<id>`. */
  id: string;
  title: string;
  run(context: BenchContext): Promise<SectionReport>;
}

/** Median, p95, p99 and friends of a sample, in its unit. */
export interface Summary {
  n: number;
  min: number;
  median: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile of an already sorted sample. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error('percentile of an empty sample');
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    min: sorted[0] as number,
    median: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] as number,
    mean: sorted.reduce((sum, x) => sum + x, 0) / sorted.length,
  };
}

/** `value / baseline`, rounded for display. */
export function ratio(value: number, baseline: number): number {
  return Math.round((value / baseline) * 100) / 100;
}

/** A verdict cell: whether a figure meets its target. */
export function verdict(ok: boolean): string {
  return ok ? 'meets target' : '**misses target**';
}

/** A GitHub-flavoured Markdown table. */
export function table(headers: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const line = (cells: readonly unknown[]) => `| ${cells.map(String).join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Fixed decimals for display (no trailing noise in the tables). */
export function fixed(value: number, digits = 1): string {
  return value.toFixed(digits);
}

export function kilobytes(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

/** The machine the figures came from, for the top of RESULTS.md. */
export function machine(): Record<string, string | number> {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    java: javaVersion(),
  };
}

function javaVersion(): string {
  // `java -version` prints to stderr.
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  return result.error ? 'not found' : (result.stderr.split('\n')[0] ?? 'unknown');
}

/** Writes a JSON file of the repository as Prettier formats it, so that `npm run lint` passes. */
export async function writeJsonFile(file: string, value: unknown): Promise<void> {
  const options = (await resolveConfig(file)) ?? {};
  writeFileSync(file, await format(JSON.stringify(value), { ...options, filepath: file }));
}

/** What `of` holds beyond `baseline`, by name (a package's bytes, its CPU time), largest first. */
export function excess(
  of: Iterable<readonly [string, number]>,
  baseline: Iterable<readonly [string, number]>,
): [string, number][] {
  const base = new Map(baseline);
  return [...of]
    .map(([name, amount]): [string, number] => [name, amount - (base.get(name) ?? 0)])
    .filter(([, amount]) => amount > 0)
    .sort((a, b) => b[1] - a[1]);
}
