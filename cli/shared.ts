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

/** Node's parseArgs errors as usage errors. */
export function usageErrorOf(error: unknown): UsageError {
  if (error instanceof UsageError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new UsageError(message);
}
