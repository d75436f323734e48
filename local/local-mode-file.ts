// local-mode.json, in the data folder: the one record of the local mode that runs on it (its
// process, its DynamoDB Local's, its URLs). Local mode writes it; the CLI, import, demo and token
// read the running local mode's API and key from it. Small and free of AWS imports, so that the
// commands load fast; another part of local mode adds its URL to `urls` (see LocalModeUrls).
import { readFileSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's .sepakat/ (git-ignored), whatever the working directory. */
export const DEFAULT_DATA_DIR = fileURLToPath(new URL('../.sepakat', import.meta.url));
const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const LOCAL_MODE_FILE = 'local-mode.json';
/** Data folder files hold a signing key and officials' emails: the user's only. */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/** The addresses of a running local mode's parts, by name (api, sfn, ddb, ses, ...). */
export type LocalModeUrls = Record<string, string> & { api: string };

export interface LocalModeRecord {
  /** The process of the local mode that holds the folder. */
  pid: number;
  /** Its DynamoDB Local (Java), once started. */
  dynamoDbPid?: number;
  /** Once every part answers. */
  urls?: LocalModeUrls;
  /** The coordinator console's address (also `urls.console`), for people and browser tests. */
  consoleUrl?: string;
}

export interface RunningLocalMode {
  pid: number;
  dataDir: string;
  urls: LocalModeUrls;
  /** The development key the API accepts tokens of. */
  keyFile: string;
}

/**
 * The data folder local mode uses: $SEPAKAT_DATA_DIR (relative to the package root, where npm
 * runs every script), else the repository's .sepakat/.
 */
export function localDataDir(
  env: Record<string, string | undefined> = process.env,
  packageRoot = PACKAGE_ROOT,
): string {
  return resolve(packageRoot, env.SEPAKAT_DATA_DIR || '.sepakat');
}

export function devKeyFileIn(dataDir: string): string {
  return join(dataDir, 'dev-signing-key.json');
}

/** What local-mode.json says, whether or not its process still runs; undefined when none. */
export function readLocalModeRecord(dataDir: string): LocalModeRecord | undefined {
  try {
    const record = JSON.parse(readFileSync(join(dataDir, LOCAL_MODE_FILE), 'utf8')) as unknown;
    if (record && typeof record === 'object' && typeof (record as LocalModeRecord).pid === 'number')
      return record as LocalModeRecord;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR' && !(error instanceof SyntaxError)) throw error;
  }
  return undefined;
}

/** The local mode running on the folder, ready, with its URLs; undefined when none runs. */
export function readLocalMode(dataDir: string = localDataDir()): RunningLocalMode | undefined {
  const record = readLocalModeRecord(dataDir);
  if (!record?.urls || typeof record.urls.api !== 'string' || !isAlive(record.pid))
    return undefined;
  return { pid: record.pid, dataDir, urls: record.urls, keyFile: devKeyFileIn(dataDir) };
}

/** Writes the record whole (a reader never sees half of it), readable by the user only. */
export async function writeLocalModeRecord(dataDir: string, record: LocalModeRecord) {
  const file = join(dataDir, LOCAL_MODE_FILE);
  const temporary = `${file}.${String(process.pid)}.tmp`;
  await writeFile(temporary, `${JSON.stringify(record)}\n`, { mode: PRIVATE_FILE_MODE });
  await rename(temporary, file);
}

export async function removeLocalModeRecord(dataDir: string): Promise<void> {
  await rm(join(dataDir, LOCAL_MODE_FILE), { force: true });
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A killed process nobody has reaped yet (a zombie) still answers signals.
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${String(pid)}/stat`, 'utf8'));
  } catch {
    return true;
  }
}
