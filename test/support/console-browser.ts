// What a browser test of the console needs: `npm start` (local/start.ts in a child process, on
// free ports, in a temporary data folder, its URLs read from local-mode.json), Debian's chromium
// driven by playwright-core, axe-core on a page, and its screenshot in test-artifacts/console/.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from '@jest/globals';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { freePort } from '../../local/dynamodb-local.ts';
import type { LocalModeRecord, LocalModeUrls } from '../../local/local-mode-file.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const ARTIFACTS = join(ROOT, 'test-artifacts', 'console');
const CHROMIUM = process.env.SEPAKAT_CHROMIUM ?? '/usr/bin/chromium';

export interface ConsoleRun {
  consoleUrl: string;
  urls: LocalModeUrls;
  browser: Browser;
  /** A fresh context and page, in Indonesian and in Jakarta's zone. */
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  /** A development token, as the console's sign-in gets it. */
  token(identity: { role: 'host' | 'partner'; region?: string }): Promise<string>;
  /** What local mode printed so far. */
  output(): string;
  stop(): Promise<void>;
}

/** local-mode.json once the ready block is printed. */
async function started(
  child: ChildProcess,
  dataDir: string,
  output: () => string,
): Promise<LocalModeRecord> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`local mode exited:\n${output()}`);
    if (output().includes('Sepakat local mode is ready')) {
      const lock = JSON.parse(
        await readFile(join(dataDir, 'local-mode.json'), 'utf8'),
      ) as LocalModeRecord;
      if (lock.consoleUrl && lock.urls) return lock;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`local mode did not start in time:\n${output()}`);
}

/** Starts local mode on free ports and the browser. */
export async function startConsoleRun(): Promise<ConsoleRun> {
  await mkdir(ARTIFACTS, { recursive: true });
  const dataDir = await mkdtemp(join(tmpdir(), 'sepakat-console-'));
  const port = async () => String(await freePort());
  const child = spawn(process.execPath, ['local/start.ts'], {
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
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [lock, browser] = await Promise.all([
    started(child, dataDir, () => output),
    chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] }),
  ]);
  const consoleUrl = lock.consoleUrl ?? '';
  const contexts: BrowserContext[] = [];
  return {
    consoleUrl,
    urls: lock.urls ?? { api: '' },
    browser,
    async newPage(viewport = { width: 1280, height: 900 }) {
      const context = await browser.newContext({
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
      const response = await fetch(`${consoleUrl}/dev-token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(identity),
      });
      const body = (await response.json()) as { token?: string };
      if (!body.token) throw new Error(`No development token: HTTP ${String(response.status)}`);
      return body.token;
    },
    output: () => output,
    async stop() {
      for (const context of contexts) await context.close();
      await browser.close();
      const exited = new Promise((resolve) => child.once('exit', resolve));
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** No serious or critical axe-core violation on the page as it is now. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const grave = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) => `${v.id} (${String(v.impact)}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
  expect({ page: name, violations: grave }).toEqual({ page: name, violations: [] });
}

export async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Checks and keeps a page: axe-core, then a screenshot. */
export async function visit(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expectAccessible(page, name);
  await shoot(page, name);
}
