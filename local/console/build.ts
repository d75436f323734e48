// Builds the console (web/ into web/dist) when local mode starts and the build is missing or
// older than its sources, so `npm ci && npm start` serves it without a separate step.
import { execFile } from 'node:child_process';
import { readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const WEB_DIST = join(ROOT, 'web', 'dist');

/** What the console's bundle is built from: its own sources and the shared code it imports. */
const SOURCES = [
  'web/src',
  'web/index.html',
  'web/vite.config.ts',
  'package-lock.json',
  'domain/access.ts',
  'cli/import-rows.ts',
  'cli/import-report.ts',
  'domain/schemas.ts',
  'domain/schema-parts.ts',
  'domain/milestone-schemas.ts',
  'domain/zod.ts',
];

async function newest(path: string): Promise<number> {
  const info = await stat(path).catch(() => undefined);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(path);
  const times = await Promise.all(entries.map((entry) => newest(join(path, entry))));
  return Math.max(info.mtimeMs, ...times);
}

/** Whether web/dist is missing or older than a source. */
export async function consoleBuildIsStale(): Promise<boolean> {
  const built = (await stat(join(WEB_DIST, 'index.html')).catch(() => undefined))?.mtimeMs ?? 0;
  if (built === 0) return true;
  const sources = await Promise.all(SOURCES.map((source) => newest(join(ROOT, source))));
  return Math.max(...sources) > built;
}

/**
 * Builds web/dist when it is stale, saying so on `log`. The build goes to a folder of its own
 * and is then moved in place, so a second local mode starting at the same time never serves a
 * half-written one.
 */
export async function ensureConsoleBuilt(log: (line: string) => void): Promise<void> {
  if (!(await consoleBuildIsStale())) return;
  const started = Date.now();
  log(
    'Building the console (web/ into web/dist): its build is missing or older than its sources...',
  );
  const outDir = `${WEB_DIST}.${String(process.pid)}.tmp`;
  const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  await promisify(execFile)(
    process.execPath,
    [vite, 'build', '--config', join(ROOT, 'web', 'vite.config.ts'), '--outDir', outDir],
    { cwd: ROOT },
  ).catch((error: unknown) => {
    throw new Error(`The console could not be built (npm run build:web): ${String(error)}`, {
      cause: error,
    });
  });
  await rm(WEB_DIST, { recursive: true, force: true });
  await rename(outDir, WEB_DIST).catch(async (error: unknown) => {
    // Another local mode moved its build in first: that one is as fresh.
    await rm(outDir, { recursive: true, force: true });
    if (
      (error as NodeJS.ErrnoException).code !== 'ENOTEMPTY' &&
      (error as NodeJS.ErrnoException).code !== 'EEXIST'
    ) {
      throw error;
    }
  });
  log(`Built the console in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}
