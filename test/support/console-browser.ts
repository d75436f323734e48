// The browser tests' local mode and browser: `npm start` (local/start.ts in a child process, on
// free ports, its URLs read from local-mode.json) and Debian's chromium driven by
// playwright-core, with axe-core and a screenshot per page kept in test-artifacts/console/.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from '@jest/globals';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { freePort } from '../../local/dynamodb-local.ts';
import type { LocalModeRecord } from '../../local/local-mode-file.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ARTIFACTS = join(ROOT, 'test-artifacts', 'console');
const CHROMIUM = process.env.SEPAKAT_CHROMIUM ?? '/usr/bin/chromium';
export const TIMEOUT = 120_000;

export interface LocalConsole {
  /** The console's address (local-mode.json's consoleUrl). */
  url: string;
  /** The other parts' addresses (api, ses, ...). */
  urls: Record<string, string>;
  dataDir: string;
  /** Everything local mode printed so far. */
  output: () => string;
  /** A page in a context of its own (Indonesian, WIB), closed with the rest. */
  newPage: (viewport?: { width: number; height: number }) => Promise<Page>;
  /** A development token, as the console's sign-in gets it. */
  token: (identity: { role: 'host' | 'partner'; region?: string }) => Promise<string>;
  close: () => Promise<void>;
}

/**
 * Starts local mode with its console and the browser. `prepare` runs on the empty data folder
 * first (e.g. to set where the workflow clock starts).
 */
export async function startLocalConsole(
  prepare?: (dataDir: string) => Promise<void>,
): Promise<LocalConsole> {
  await mkdir(ARTIFACTS, { recursive: true });
  const dataDir = await mkdtemp(join(tmpdir(), 'sepakat-console-'));
  await prepare?.(dataDir);
  const port = async () => String(await freePort());
  const child: ChildProcess = spawn(process.execPath, ['local/start.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      SEPAKAT_DATA_DIR: dataDir,
      SEPAKAT_API_PORT: await port(),
      SEPAKAT_SFN_PORT: await port(),
      SEPAKAT_DDB_PORT: await port(),
      SEPAKAT_SES_PORT: await port(),
      SEPAKAT_S3_PORT: await port(),
      SEPAKAT_WEB_PORT: await port(),
      POWERTOOLS_LOG_LEVEL: 'WARN',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const contexts: BrowserContext[] = [];
  let browser: Browser | undefined;
  const close = async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    const exited = new Promise((resolve) => child.once('exit', resolve));
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    await rm(dataDir, { recursive: true, force: true });
  };
  /** local-mode.json once the ready block is printed. */
  const started = async (): Promise<LocalModeRecord> => {
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`local mode exited:\n${output}`);
      if (output.includes('Sepakat local mode is ready')) {
        const record = JSON.parse(
          await readFile(join(dataDir, 'local-mode.json'), 'utf8'),
        ) as LocalModeRecord;
        if (record.consoleUrl) return record;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`local mode did not start in time:\n${output}`);
  };
  try {
    const [record, launched] = await Promise.all([
      started(),
      chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] }),
    ]);
    browser = launched;
    return {
      url: record.consoleUrl ?? '',
      urls: record.urls ?? { api: '' },
      dataDir,
      output: () => output,
      async newPage(viewport = { width: 1280, height: 900 }) {
        const context = await launched.newContext({
          viewport,
          locale: 'id-ID',
          timezoneId: 'Asia/Jakarta',
        });
        contexts.push(context);
        const page = await context.newPage();
        page.setDefaultTimeout(15_000);
        return page;
      },
      async token(identity) {
        const response = await fetch(`${record.consoleUrl ?? ''}/dev-token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(identity),
        });
        const body = (await response.json()) as { token?: string };
        if (!body.token) throw new Error(`No development token: HTTP ${String(response.status)}`);
        return body.token;
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** No serious or critical axe-core violation on the page as it is now (`strict`: none at all). */
export async function expectAccessible(page: Page, name: string, strict = false): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const grave = results.violations
    .filter((v) => strict || v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) => `${v.id} (${String(v.impact)}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
  expect({ page: name, violations: grave }).toEqual({ page: name, violations: [] });
}

export async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Checks and keeps a page: axe-core, then a screenshot. */
export async function visit(page: Page, name: string, strict = false): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expectAccessible(page, name, strict);
  await shoot(page, name);
}

/** Waits until the list shows `count` rows (it reloads after each change of the URL). */
export async function rowsShown(page: Page, count: number): Promise<void> {
  const rows = page.locator('table.agreements tbody tr');
  const deadline = Date.now() + 15_000;
  while ((await rows.count()) !== count) {
    if (Date.now() > deadline) {
      throw new Error(`The list shows ${String(await rows.count())} rows, not ${String(count)}`);
    }
    await page.waitForTimeout(100);
  }
}
