// The bundle sizes recorded in the repository (bench/bundle-sizes.json), which the suite's
// size guard (test/infra/bundle-sizes.test.ts) compares fresh builds with.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Bundle } from './bundles.ts';
import { writeJsonFile } from './report.ts';

const SIZES_FILE = fileURLToPath(new URL('bundle-sizes.json', import.meta.url));
/** A bundle may grow this much over its recorded size before the guard fails. */
export const ALLOWED_GROWTH = 0.1;

/** Bytes of each function's bundle (index.mjs), by name. */
export function recordedSizes(): Record<string, number> {
  return JSON.parse(readFileSync(SIZES_FILE, 'utf8')) as Record<string, number>;
}

export async function writeBundleSizes(bundles: readonly Bundle[]): Promise<void> {
  const sizes = Object.fromEntries(
    bundles.map((b) => [b.name, b.bytes] as const).sort(([a], [b]) => a.localeCompare(b)),
  );
  await writeJsonFile(SIZES_FILE, sizes);
}
