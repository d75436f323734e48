// A CliIo that keeps what a command writes, for the CLI tests.
import type { CliIo } from '../../cli/shared.ts';

export function capturedIo(isTTY = false): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (chunk: string) => (out += chunk) },
    stderr: { write: (chunk: string) => (err += chunk), isTTY },
    env: {},
    out: () => out,
    err: () => err,
  };
}
