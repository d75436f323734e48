// local-mode.json is the one record of the running local mode's addresses: the CLI, the demo
// and token read it (issue 21: they looked at port 3000 whatever SEPAKAT_API_PORT said).
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { apiUrlOf, DEFAULT_API_URL, localKeyFile } from '../../cli/api-client.ts';
import { DEMO_DATA_DIR, runDemo } from '../../cli/demo.ts';
import type { CliIo } from '../../cli/shared.ts';
import {
  readLocalMode,
  readLocalModeRecord,
  writeLocalModeRecord,
} from '../../local/local-mode-file.ts';
import { clockWarning, LocalModeError } from '../../local/local-mode.ts';

const folder = () => mkdtempSync(join(tmpdir(), 'local-mode-file-'));

/** A pid that no process has: one past the kernel's largest. */
const DEAD_PID = 4_194_304 + 1;

function capture(env: Record<string, string | undefined> = {}) {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: { write: (chunk: string) => (out += chunk) },
    stderr: { write: (chunk: string) => (err += chunk) },
    env,
  };
  return { io, out: () => out, err: () => err };
}

describe('local-mode.json', () => {
  it('gives the URLs of a local mode that runs, and nothing for one that is gone', async () => {
    const dir = folder();
    expect(readLocalMode(dir)).toBeUndefined();
    const urls = { api: 'http://127.0.0.1:3010', sfn: 'http://127.0.0.1:8093' };
    await writeLocalModeRecord(dir, { pid: process.pid });
    expect(readLocalMode(dir)).toBeUndefined(); // not ready yet: no URLs
    await writeLocalModeRecord(dir, { pid: process.pid, urls });
    expect(readLocalMode(dir)).toEqual({
      pid: process.pid,
      dataDir: dir,
      urls,
      keyFile: join(dir, 'dev-signing-key.json'),
    });
    expect(statSync(join(dir, 'local-mode.json')).mode & 0o777).toBe(0o600);
    await writeLocalModeRecord(dir, { pid: DEAD_PID, urls });
    expect(readLocalModeRecord(dir)?.pid).toBe(DEAD_PID);
    expect(readLocalMode(dir)).toBeUndefined();
  });

  it('is where the CLI finds the API when neither --api nor SEPAKAT_API_URL says', async () => {
    const dir = folder();
    const env = { SEPAKAT_DATA_DIR: dir };
    expect(apiUrlOf(undefined, env)).toBe(DEFAULT_API_URL);
    await writeLocalModeRecord(dir, { pid: process.pid, urls: { api: 'http://127.0.0.1:3010' } });
    expect(apiUrlOf(undefined, env)).toBe('http://127.0.0.1:3010');
    expect(apiUrlOf(undefined, { ...env, SEPAKAT_API_URL: 'http://127.0.0.1:4000' })).toBe(
      'http://127.0.0.1:4000',
    );
    expect(apiUrlOf('http://127.0.0.1:5000', env)).toBe('http://127.0.0.1:5000');
    expect(localKeyFile(env)).toBe(join(dir, 'dev-signing-key.json'));
  });
});

describe('the demo', () => {
  it('replays through the local mode running on the data folder, with its key', async () => {
    const dir = folder();
    await writeLocalModeRecord(dir, { pid: process.pid, urls: { api: 'http://127.0.0.1:3010' } });
    const asked: string[] = [];
    const fetchStub = (input: string | URL | Request) => {
      const url = input instanceof Request ? input.url : String(input);
      asked.push(url);
      if (url.endsWith('/health')) return Promise.resolve(new Response('{}'));
      return Promise.reject(new TypeError('fetch failed'));
    };
    const run = capture({ SEPAKAT_DATA_DIR: dir, SEPAKAT_TOKEN: 'a-token' });
    const code = await runDemo([], {
      io: run.io,
      fetch: fetchStub,
      startLocalMode: () => Promise.reject(new Error('must not start another')),
    });
    expect(asked[0]).toBe('http://127.0.0.1:3010/health');
    expect(run.err()).toContain('demo: the API at http://127.0.0.1:3010 answers');
    expect(code).toBe(1); // the stub refuses everything but /health
  });

  it('starts its own local mode in .sepakat-demo/ or --data-dir, not npm start’s folder', async () => {
    const started: unknown[] = [];
    const refuse = (options: unknown) => {
      started.push(options);
      return Promise.reject(
        new LocalModeError('Port 3000 is already in use, so the API cannot start.'),
      );
    };
    const empty = folder();
    const first = capture({ SEPAKAT_DATA_DIR: empty });
    expect(await runDemo([], { io: first.io, startLocalMode: refuse })).toBe(2);
    const chosen = capture({ SEPAKAT_DATA_DIR: empty, INIT_CWD: '/home/me' });
    expect(
      await runDemo(['--data-dir', 'demo-data'], { io: chosen.io, startLocalMode: refuse }),
    ).toBe(2);
    expect(started).toEqual([
      { timeScale: 604_800, quiet: true, dataDir: DEMO_DATA_DIR },
      { timeScale: 604_800, quiet: true, dataDir: '/home/me/demo-data' },
    ]);
    // A condition the user can fix: one line, no stack trace.
    expect(first.err()).toContain(`starting one in ${DEMO_DATA_DIR}`);
    expect(first.err()).toMatch(
      /\ndemo: Port 3000 is already in use, so the API cannot start\.\n$/,
    );
    expect(first.err()).not.toMatch(/\n\s+at /);
  });
});

describe('npm start’s note on the workflow date', () => {
  it('is there only when the clock resumes more than a day from today, with how to reset', () => {
    const today = new Date('2026-12-03T12:00:00Z');
    expect(clockWarning(new Date('2026-12-04T06:00:00Z'), '/data', today)).toBe('');
    const ahead = clockWarning(new Date('2029-05-01T00:00:00Z'), '/data', today);
    expect(ahead).toContain('the workflow date here is 2029-05-01, 880 days after today');
    expect(ahead).toContain('To start again from today: stop, then remove that folder');
  });
});
