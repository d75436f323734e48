// What the command-line tools share: exit codes, usage errors, and the streams they write to
// (injected, so the tests can read what a command prints).
import { isAbsolute, resolve } from 'node:path';

export const EXIT = {
  OK: 0,
  /** The command ran, but something it did failed (a rejected row, an AWS error). */
  FAILED: 1,
  /** Bad arguments or input, or nothing to talk to: nothing was done. */
  USAGE: 2,
} as const;

/** A mistake in the command line or the input file: printed with the usage, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface OutputStream {
  write(chunk: string | Uint8Array): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  env: Record<string, string | undefined>;
}

export const processIo = (): CliIo => ({
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});

/**
 * A path the user typed, relative to where they typed it: `npm run` starts scripts in the
 * package root and leaves the caller's directory in INIT_CWD.
 */
export function userPath(path: string, env: Record<string, string | undefined>): string {
  return isAbsolute(path) ? path : resolve(env.INIT_CWD ?? process.cwd(), path);
}

/** Edit distance (insertions, deletions, substitutions, swaps of neighbours). */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => d[i]?.[j] ?? Infinity;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, at(i - 2, j - 2) + 1);
      }
      (d[i] as number[])[j] = best;
    }
  }
  return at(a.length, b.length);
}

/** The candidate nearest to what was typed, when it is near enough to be a typo. */
export function nearest(typed: string, candidates: readonly string[]): string | undefined {
  let best: { candidate: string; score: number } | undefined;
  for (const candidate of candidates) {
    const score = distance(typed.toLowerCase(), candidate.toLowerCase());
    if (!best || score < best.score) best = { candidate, score };
  }
  const allowed = Math.max(1, Math.floor(typed.length / 3));
  return best && best.score <= allowed ? best.candidate : undefined;
}

/** ` Did you mean x?` when a candidate is near, else the list of them. */
export function suggestion(typed: string, candidates: readonly string[]): string {
  const near = nearest(typed, candidates);
  return near ? ` Did you mean ${near}?` : ` One of: ${candidates.join(', ')}.`;
}

/**
 * Node's parseArgs errors as usage errors; with the options the command knows, an unknown one
 * gets the nearest as a suggestion (`--stgae`: did you mean --stage?) instead of Node's text.
 */
export function usageErrorOf(error: unknown, options?: Record<string, unknown>): UsageError {
  if (error instanceof UsageError) return error;
  // By shape: under jest, Node's errors come from another realm.
  const { message: given, code } = (error ?? {}) as { message?: unknown; code?: unknown };
  const message = typeof given === 'string' ? given : String(error);
  const unknown = /^Unknown option '([^']+)'/.exec(message)?.[1];
  if (options && code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && unknown) {
    const names = Object.keys(options).map((name) => `--${name}`);
    return new UsageError(`Unknown option '${unknown}'.${suggestion(unknown, names)}`);
  }
  return new UsageError(message);
}
