// The CLI as forgiving as a good one (issue 21): the nearest option or command for a typo,
// --version, import rows by their line in the file, no "carries on" after the last milestone.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { parseDemoArgs } from '../../cli/demo.ts';
import { reportTable } from '../../cli/import-report.ts';
import { parseImportArgs } from '../../cli/import.ts';
import { runSepakat } from '../../cli/sepakat.ts';
import { nearest, type CliIo } from '../../cli/shared.ts';
import { parseTokenArgs } from '../../cli/token.ts';

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

const messageOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('no error');
};

describe('suggestions', () => {
  it('finds the nearest name for a typo, and none for something else', () => {
    expect(nearest('--stgae', ['--stage', '--region', '--limit'])).toBe('--stage');
    expect(nearest('lst', ['create', 'list', 'show'])).toBe('list');
    expect(nearest('shwo', ['create', 'list', 'show'])).toBe('show');
    expect(nearest('--verbose', ['--stage', '--region', '--limit'])).toBeUndefined();
  });

  it('answers an unknown option with the nearest one, not Node’s parser text', async () => {
    const list = capture({ SEPAKAT_TOKEN: 't', SEPAKAT_API_URL: 'http://127.0.0.1:9' });
    expect(await runSepakat(['list', '--stgae', 'PKS'], { io: list.io })).toBe(2);
    expect(list.err()).toMatch(/^sepakat: Unknown option '--stgae'\. Did you mean --stage\?\n/);
    expect(list.err()).not.toContain('positional argument');
    const lst = capture();
    expect(await runSepakat(['lst'], { io: lst.io })).toBe(2);
    expect(lst.err()).toContain('Unknown command "lst". Did you mean list?');
    expect(messageOf(() => parseTokenArgs(['--rloe', 'host'], {}))).toBe(
      "Unknown option '--rloe'. Did you mean --role?",
    );
    expect(messageOf(() => parseDemoArgs(['--tiemout', '5'], {}))).toBe(
      "Unknown option '--tiemout'. Did you mean --timeout?",
    );
    expect(messageOf(() => parseImportArgs(['x.csv', '--dry-rn'], {}))).toBe(
      "Unknown option '--dry-rn'. Did you mean --dry-run?",
    );
    expect(messageOf(() => parseImportArgs(['x.csv', '--zzzzzzzz'], {}))).toMatch(
      /^Unknown option '--zzzzzzzz'\. One of: --api, --token, --dry-run/,
    );
  });
});

describe('--version', () => {
  it('prints the package’s version', async () => {
    const { version } = JSON.parse(
      readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
    ) as { version: string };
    for (const flag of ['--version', '-v']) {
      const run = capture();
      expect(await runSepakat([flag], { io: run.io })).toBe(0);
      expect(run.out()).toBe(`sepakat ${version}\n`);
    }
  });
});

describe('the import report', () => {
  it('names a CSV file’s rows by their line in the file', () => {
    const table = reportTable({
      apiUrl: 'http://127.0.0.1:3000',
      dryRun: true,
      startedAt: '',
      finishedAt: '',
      total: 2,
      counts: { created: 0, replayed: 0, rejected: 1, failed: 0, valid: 1 },
      rows: [
        { row: 1, line: 2, title: 'Kerja sama Kerinci', status: 'valid' },
        { row: 2, line: 5, title: 'Kerja sama Mempawah', status: 'rejected', reason: 'bad' },
      ],
    });
    expect(table.split('\n').slice(0, 3)).toEqual([
      'line  title                result',
      '   2  Kerja sama Kerinci   valid (dry run: not sent)',
      '   5  Kerja sama Mempawah  rejected: bad',
    ]);
  });
});

describe('recording the last milestone', () => {
  it('says the workflow has ended, not that it carries on', async () => {
    const agreement = (stage: string) => ({
      id: 'AGR-1',
      stage,
      stageEnteredOn: '2020-03-01',
    });
    for (const [stage, words] of [
      ['COMPLETED', 'the cooperation is complete and its workflow has ended'],
      ['FOLLOW_UP', 'the workflow carries on from there'],
    ] as const) {
      const run = capture({ SEPAKAT_TOKEN: 't', SEPAKAT_API_URL: 'http://127.0.0.1:9' });
      const fetchStub = () =>
        Promise.resolve(
          new Response(JSON.stringify(agreement(stage)), {
            status: 201,
            headers: { 'content-type': 'application/json' },
          }),
        );
      const code = await runSepakat(
        [
          'record',
          'AGR-1',
          'FOLLOW_UP_REPORTED',
          '--on',
          '2020-03-01',
          '--app',
          'e-rk',
          '--live',
          'true',
        ],
        { io: run.io, fetch: fetchStub },
      );
      expect(code === 0 ? run.out() : run.err()).toContain(
        `stage ${stage} since 2020-03-01; ${words}`,
      );
    }
  });
});
