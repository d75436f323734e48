// `npx sepakat` and `npm run demo` without an API: how the command lines are read, what is a
// usage error (exit code 2, nothing sent), and how agreements, histories, problems and the
// demo's summary are shown. The commands against the real API: test/cli-api/sepakat.test.ts, demo.test.ts.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ApiProblem, localKeyFile, problemLines } from '../../cli/api-client.ts';
import {
  clockScale,
  formatScale,
  parseDemoArgs,
  summaryTable,
  type StoryRow,
} from '../../cli/demo.ts';
import { SEVEN_REGIONS, sevenRegionsBodies } from '../../cli/demo-stories.ts';
import {
  agreementsTable,
  agreementText,
  dateTimeIn,
  eventDetails,
  table,
  timeline,
  type AgreementJson,
  type HistoryEventJson,
} from '../../cli/format.ts';
import { validateRow } from '../../cli/import-rows.ts';
import { SourceRow } from '../../cli/import-rows.ts';
import {
  contactOf,
  milestoneOf,
  parseSepakatArgs,
  runSepakat,
  SEPAKAT_USAGE,
  type SepakatCommand,
} from '../../cli/sepakat.ts';
import { UsageError, type CliIo } from '../../cli/shared.ts';
import { findRegion } from '../../domain/regions/regions.ts';
import { verifyDevToken, loadOrCreateDevKey } from '../../local/api/dev-tokens.ts';

const ENV = { SEPAKAT_TOKEN: 'a-token' };
const parse = (...argv: string[]) => parseSepakatArgs(argv, ENV);
const usageError = (...argv: string[]) => {
  try {
    parse(...argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`no usage error for ${argv.join(' ')}`);
};
const LOCAL = { apiUrl: 'http://127.0.0.1:3000', token: 'a-token', json: false };

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

describe('reading the command line', () => {
  it('reads list with its filters, the API and token from the environment', () => {
    expect(parse('list')).toEqual({ command: 'list', connection: LOCAL, limit: 20 });
    expect(
      parseSepakatArgs(['list', '--stage', 'follow-up', '--region', '61.12', '--all', '--json'], {
        SEPAKAT_API_URL: 'https://api.sepakat.example.go.id',
        SEPAKAT_TOKEN: 'jwt',
      }),
    ).toEqual({
      command: 'list',
      connection: { apiUrl: 'https://api.sepakat.example.go.id', token: 'jwt', json: true },
      stage: 'FOLLOW_UP',
      region: '61.12',
    });
    expect(
      parse('list', '--limit', '250', '--api', 'http://localhost:3001', '--token', 'x'),
    ).toEqual({
      command: 'list',
      connection: { apiUrl: 'http://localhost:3001', token: 'x', json: false },
      limit: 250,
    });
    // No token given: resolved when the command runs (a development token on loopback).
    expect(parseSepakatArgs(['show', 'agr-1'], {})).toEqual({
      command: 'show',
      connection: { apiUrl: 'http://127.0.0.1:3000', json: false },
      id: 'agr-1',
    });
  });

  it('refuses what the API would only refuse later, as usage errors', () => {
    expect(usageError()).toMatch(
      /^Name a command: create, list, show, record, cancel, export, import, token/,
    );
    // Issue 21: the nearest command, else the list.
    expect(usageError('lst')).toBe('Unknown command "lst". Did you mean list?');
    expect(usageError('frobnicate')).toBe(
      'Unknown command "frobnicate". One of: create, list, show, record, cancel, export, import, token, attach, documents.',
    );
    expect(usageError('toString')).toMatch(/^Unknown command "toString"/);
    expect(usageError('--json', 'list')).toMatch(/^Name the command first/);
    expect(usageError('list', '--stage', 'SIGNED')).toMatch(/^--stage must be one of MOU, PKS/);
    expect(usageError('list', '--region', '61.99')).toBe(
      '--region 61.99 is not a known Kemendagri region code.',
    );
    expect(usageError('list', '--limit', '0')).toMatch(/--limit must be a whole number/);
    expect(usageError('list', '--limit', '5', '--all')).toBe('Either --limit or --all.');
    expect(usageError('list', '--colour')).toMatch(/Unknown option '--colour'/);
    expect(usageError('list', 'extra')).toMatch(/list takes no arguments; unexpected "extra"/);
    expect(usageError('show')).toBe('show needs <id>.');
    expect(usageError('cancel', 'agr-1')).toMatch(/^cancel needs --reason/);
    expect(usageError('list', '--api', 'http://api.sepakat.example.go.id')).toMatch(
      /^Tokens are sent only over https, or plain http on loopback/,
    );
    expect(usageError('list', '--api', 'not a url')).toMatch(/^--api must be a URL/);
  });

  it('reads help for all commands or one', () => {
    expect(parse('--help')).toEqual({ command: 'help' });
    expect(parse('help', 'record')).toEqual({ command: 'help', topic: 'record' });
    expect(parse('list', '-h')).toEqual({ command: 'help', topic: 'list' });
    expect(usageError('help', 'everything')).toMatch(/^Unknown command "everything"/);
  });

  it('hands import and token their own arguments', () => {
    expect(parse('import', 'agreements.csv', '--dry-run')).toEqual({
      command: 'import',
      argv: ['agreements.csv', '--dry-run'],
    });
    expect(parse('token', '--role', 'host')).toEqual({
      command: 'token',
      argv: ['--role', 'host'],
    });
  });
});

describe('record: a milestone from options', () => {
  it('builds each milestone type from its options, type names in any case', () => {
    expect(
      parse(
        'record',
        'agr-1',
        'pks-signed',
        '--on',
        '2019-02-22',
        '--valid-until',
        '2024-02-21',
        '--key',
        'k1',
      ),
    ).toEqual({
      command: 'record',
      connection: LOCAL,
      id: 'agr-1',
      milestone: { type: 'PKS_SIGNED', occurredAt: '2019-02-22', validUntil: '2024-02-21' },
      idempotencyKey: 'k1',
    });
    expect(
      milestoneOf('APP_HANDED_OVER', { on: '2019-03-11', app: 'e-rk', bast: 'BAST/1' }),
    ).toEqual({
      type: 'APP_HANDED_OVER',
      occurredAt: '2019-03-11',
      appId: 'e-rk',
      bastNumber: 'BAST/1',
    });
    expect(
      milestoneOf('app_dropped', { on: '2016-07-27', app: 'e-rk', reason: 'public services only' }),
    ).toEqual({
      type: 'APP_DROPPED',
      occurredAt: '2016-07-27',
      appId: 'e-rk',
      reason: 'public services only',
    });
    expect(
      milestoneOf('TRAINING_SCHEDULED', {
        on: '2019-03-18',
        starts: '2019-04-01',
        ends: '2019-04-10',
        location: 'Bandung',
        notes: 'Bimtek',
      }),
    ).toEqual({
      type: 'TRAINING_SCHEDULED',
      occurredAt: '2019-03-18',
      startsOn: '2019-04-01',
      endsOn: '2019-04-10',
      location: 'Bandung',
      notes: 'Bimtek',
    });
    expect(milestoneOf('TRAINING_COMPLETED', { on: '2019-04-10', participants: '12' })).toEqual({
      type: 'TRAINING_COMPLETED',
      occurredAt: '2019-04-10',
      participants: 12,
    });
    expect(
      milestoneOf('FOLLOW_UP_REPORTED', { on: '2019-07-01', app: 'e-rk', live: 'false' }),
    ).toEqual({
      type: 'FOLLOW_UP_REPORTED',
      occurredAt: '2019-07-01',
      appId: 'e-rk',
      live: false,
    });
    expect(milestoneOf('MOU_SIGNED', { on: '2018-12-14' })).toEqual({
      type: 'MOU_SIGNED',
      occurredAt: '2018-12-14',
    });
  });

  it('refuses options a type does not take, and missing ones', () => {
    expect(usageError('record', 'agr-1', 'SIGNED', '--on', '2019-01-01')).toMatch(
      /^Unknown milestone type "SIGNED": one of MOU_SIGNED, PKS_SIGNED/,
    );
    expect(usageError('record', 'agr-1', 'PKS_SIGNED')).toBe(
      '--on is required: the date PKS_SIGNED happened (YYYY-MM-DD).',
    );
    expect(usageError('record', 'agr-1', 'PKS_SIGNED', '--on', '22/02/2019')).toBe(
      '--on must be a date YYYY-MM-DD, not "22/02/2019".',
    );
    expect(
      usageError('record', 'agr-1', 'PKS_SIGNED', '--on', '2019-02-22', '--live', 'true'),
    ).toBe('--live does not apply to PKS_SIGNED.');
    expect(usageError('record', 'agr-1', 'APP_HANDED_OVER', '--on', '2019-03-11')).toBe(
      'APP_HANDED_OVER needs --app.',
    );
    expect(
      usageError(
        'record',
        'agr-1',
        'TRAINING_SCHEDULED',
        '--on',
        '2019-03-18',
        '--starts',
        '2019-04-01',
      ),
    ).toBe('TRAINING_SCHEDULED needs --ends.');
    expect(
      usageError(
        'record',
        'agr-1',
        'FOLLOW_UP_REPORTED',
        '--on',
        '2019-07-01',
        '--app',
        'e-rk',
        '--live',
        'yes',
      ),
    ).toBe('--live must be true or false, not "yes".');
    expect(
      usageError(
        'record',
        'agr-1',
        'TRAINING_COMPLETED',
        '--on',
        '2019-04-10',
        '--participants',
        'many',
      ),
    ).toMatch(/^--participants must be a whole number/);
    expect(usageError('record', 'agr-1')).toBe('record needs <TYPE>.');
  });
});

describe('create: an agreement from a file or from flags', () => {
  it('builds the POST /agreements body from flags', () => {
    const command = parse(
      'create',
      '--title',
      'Kerja sama smart city Kabupaten Kubu Raya',
      '--partner',
      '61.12',
      '--app',
      'sabilulungan',
      '--app',
      'e-rk',
      '--contact',
      'official:partner:kadis@kuburaya.example.go.id:Kepala Diskominfo: Kubu Raya',
      '--mou-signed',
      '2018-12-14',
      '--pks-signed',
      '2019-02-22',
    );
    expect(command).toEqual({
      command: 'create',
      connection: LOCAL,
      source: {
        body: {
          title: 'Kerja sama smart city Kabupaten Kubu Raya',
          partnerRegion: { code: '61.12' },
          apps: [{ id: 'sabilulungan' }, { id: 'e-rk' }],
          contacts: [
            {
              name: 'Kepala Diskominfo: Kubu Raya',
              email: 'kadis@kuburaya.example.go.id',
              role: 'OFFICIAL',
              side: 'PARTNER',
            },
          ],
          milestones: [
            { type: 'MOU_SIGNED', occurredAt: '2018-12-14' },
            { type: 'PKS_SIGNED', occurredAt: '2019-02-22' },
          ],
        },
      },
    } satisfies SepakatCommand);
    expect(parse('create', 'kubu-raya.json', '--key', 'k')).toMatchObject({
      source: { file: 'kubu-raya.json' },
      idempotencyKey: 'k',
    });
  });

  it('refuses incomplete flags, a file with flags, and contacts it cannot read', () => {
    expect(usageError('create', '--title', 'x')).toBe(
      'create needs a file, or --partner, --app, --contact.',
    );
    expect(usageError('create', 'a.json', '--partner', '61.12')).toBe(
      'Either a file or flags: --partner cannot go with a.json.',
    );
    expect(usageError('create', 'a.json', 'b.json')).toBe('create takes one file, not 2.');
    expect(() => contactOf('kadis@kuburaya.example.go.id')).toThrow(/begin with the role/);
    expect(() => contactOf('OFFICIAL:PIHAK_KEDUA:kadis@x.example.go.id:Kadis')).toThrow(
      /the side comes second, HOST or PARTNER/,
    );
    expect(() => contactOf('OFFICIAL:PARTNER:kadis@x.example.go.id')).toThrow(
      /give an email and a name/,
    );
    const pksOnly = [
      'create',
      '--title',
      't',
      '--partner',
      '61.12',
      '--app',
      'e-rk',
      '--contact',
      'OFFICIAL:PARTNER:a@b.example.go.id:Kadis',
      '--pks-signed',
      '2019-02-22',
    ];
    expect(usageError(...pksOnly)).toMatch(/^--pks-signed needs --mou-signed/);
  });
});

describe('running without an API to talk to', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sepakat-cli-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints the usage for --help, and the command usage with a usage error (exit code 2)', async () => {
    const help = capture();
    expect(await runSepakat(['--help'], { io: help.io })).toBe(0);
    expect(help.out()).toBe(SEPAKAT_USAGE);
    const none = capture();
    expect(await runSepakat([], { io: none.io })).toBe(2);
    expect(none.err()).toMatch(/^sepakat: Name a command: .*\nRun sepakat --help/);
    const bad = capture(ENV);
    expect(await runSepakat(['record', 'agr-1', 'PKS_SIGNED'], { io: bad.io })).toBe(2);
    expect(bad.err()).toMatch(
      /^sepakat: --on is required.*\n\nUsage: sepakat record <id> <TYPE> --on/,
    );
    expect(bad.out()).toBe('');
  });

  it('refuses a file of several agreements, pointing at import', async () => {
    await writeFile(join(dir, 'two.json'), JSON.stringify([{}, {}]));
    const run = capture({ ...ENV, INIT_CWD: dir });
    expect(await runSepakat(['create', 'two.json'], { io: run.io })).toBe(2);
    expect(run.err()).toBe(
      'sepakat: two.json holds 2 agreements: register several with sepakat import two.json.\n',
    );
  });

  it('needs a token: given, or the local key for a loopback API', async () => {
    const remote = capture();
    expect(
      await runSepakat(['list', '--api', 'https://api.sepakat.example.go.id'], { io: remote.io }),
    ).toBe(2);
    expect(remote.err()).toBe(
      'sepakat: No token for https://api.sepakat.example.go.id: pass --token or set SEPAKAT_TOKEN.\n',
    );
    const keyFile = join(dir, 'none', 'dev-signing-key.json');
    const local = capture();
    expect(await runSepakat(['list'], { io: local.io, keyFile })).toBe(2);
    expect(local.err()).toContain(`no development key at ${keyFile}; is the local API running?`);
  });

  it('says when nothing answers (exit code 2)', async () => {
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const address = server.address() as AddressInfo;
        server.close(() => {
          resolve(address.port);
        });
      });
    });
    const run = capture(ENV);
    expect(
      await runSepakat(['show', 'agr-1', '--api', `http://127.0.0.1:${port}`], { io: run.io }),
    ).toBe(2);
    expect(run.err()).toMatch(
      new RegExp(
        `^sepakat: The API at http://127\\.0\\.0\\.1:${port} did not answer: fetch failed \\(ECONNREFUSED\\)`,
      ),
    );
  });

  it('delegates import and token to their commands', async () => {
    const dryRun = capture();
    expect(
      await runSepakat(['import', 'docs/import-sample.csv', '--dry-run'], { io: dryRun.io }),
    ).toBe(0);
    expect(dryRun.out()).toMatch(/\(dry run\): valid \d+, rejected 0/);
    const keyFile = join(dir, 'dev-signing-key.json');
    const token = capture();
    expect(
      await runSepakat(['token', '--role', 'host', '--key-file', keyFile], { io: token.io }),
    ).toBe(0);
    const claims = await verifyDevToken(await loadOrCreateDevKey(keyFile), token.out().trim());
    expect(claims['cognito:groups']).toEqual(['host-coordinators']);
  });

  it("finds local mode's key in its data folder of the package", () => {
    expect(localKeyFile({}, '/repo')).toBe('/repo/.sepakat/dev-signing-key.json');
    expect(localKeyFile({ SEPAKAT_DATA_DIR: '/data/sepakat' }, '/repo')).toBe(
      '/data/sepakat/dev-signing-key.json',
    );
    expect(localKeyFile({ SEPAKAT_DATA_DIR: 'tmp/one' }, '/repo')).toBe(
      '/repo/tmp/one/dev-signing-key.json',
    );
  });
});

const WIB = { timeZone: 'Asia/Jakarta', timeZoneLabel: 'WIB' };

const event = (type: string, data: Record<string, unknown>, at = '2026-01-05T02:30:00.000Z') =>
  ({ version: 1, index: 0, type, at, actor: 'workflow', data }) satisfies HistoryEventJson;

describe('showing agreements to people', () => {
  it('pads columns to the widest cell, right-aligning numbers when asked', () => {
    expect(
      table(
        ['A', 'NUMBER'],
        [
          ['long cell', '7'],
          ['x', '123'],
        ],
        { right: [1] },
      ),
    ).toBe('A          NUMBER\nlong cell       7\nx             123\n');
  });

  it('shows times in the host region’s zone', () => {
    expect(dateTimeIn('2019-02-22T03:05:00Z', 'Asia/Jakarta')).toBe('2019-02-22 10:05');
    expect(dateTimeIn('2019-02-22T16:30:00Z', 'Asia/Jayapura')).toBe('2019-02-23 01:30');
  });

  it('describes each event on one line', () => {
    expect(
      eventDetails(
        event('MILESTONE_RECORDED', {
          milestone: {
            type: 'PKS_SIGNED',
            occurredAt: '2019-02-22',
            validUntil: '2024-02-21',
            signatories: [
              { name: 'Kepala Diskominfo Kota Bandung', capacity: 'DEFINITIVE' },
              {
                name: 'Sekretaris Diskominfo Kabupaten Kubu Raya',
                capacity: 'ON_BEHALF',
                onBehalfOf: 'Kepala Diskominfo Kabupaten Kubu Raya',
              },
            ],
          },
        }),
      ),
    ).toBe(
      'PKS_SIGNED on 2019-02-22 valid until 2024-02-21 signed by Kepala Diskominfo Kota Bandung; ' +
        'Sekretaris Diskominfo Kabupaten Kubu Raya a.n. Kepala Diskominfo Kabupaten Kubu Raya',
    );
    expect(
      eventDetails(
        event('MILESTONE_RECORDED', {
          milestone: {
            type: 'FOLLOW_UP_REPORTED',
            occurredAt: '2019-07-01',
            appId: 'e-rk',
            live: false,
          },
        }),
      ),
    ).toBe('FOLLOW_UP_REPORTED e-rk not live on 2019-07-01');
    expect(eventDetails(event('STAGE_CHANGED', { from: 'MOU', to: 'PKS', on: '2018-12-14' }))).toBe(
      'MOU -> PKS (on 2018-12-14)',
    );
    expect(eventDetails(event('STAGE_CHANGED', { from: 'PKS', to: 'CANCELLED' }))).toBe(
      'PKS -> CANCELLED',
    );
    expect(
      eventDetails(
        event('NUDGE_SENT', {
          kind: 'ESCALATION',
          waitKey: 'PKS',
          number: 4,
          recipients: ['sekda@kuburaya.example.go.id', 'kadis@kuburaya.example.go.id'],
        }),
      ),
    ).toBe('ESCALATION #4 (PKS) to sekda@kuburaya.example.go.id, kadis@kuburaya.example.go.id');
    expect(eventDetails(event('AGREEMENT_CANCELLED', { reason: 'Tidak dilanjutkan' }))).toBe(
      'reason: Tidak dilanjutkan',
    );
    expect(eventDetails(event('WAITING', { for: 'HANDOVER' }))).toBe('for HANDOVER');
    expect(eventDetails(event('FOLLOW_UP_CLOSED', { notLive: ['e-rk'] }))).toBe('not live: e-rk');
    expect(eventDetails(event('SOMETHING_NEW', { a: 1 }))).toBe('{"a":1}');
  });

  it('shows the history as a timeline, cut to a terminal’s width when given one', () => {
    const events = [
      event('WAITING', { for: 'PKS' }),
      event('NUDGE_SENT', {
        kind: 'REMINDER',
        waitKey: 'PKS',
        number: 2,
        recipients: ['kadis@kuburaya.example.go.id'],
        unconfirmed: true,
      }),
    ];
    expect(timeline(events, WIB)).toBe(
      'AT (WIB)          EVENT       ACTOR     DETAILS\n' +
        '2026-01-05 09:30  WAITING     workflow  for PKS\n' +
        '2026-01-05 09:30  NUDGE_SENT  workflow  REMINDER #2 (PKS) to kadis@kuburaya.example.go.id (delivery unconfirmed)\n',
    );
    const narrow = timeline(events, WIB, 60).split('\n');
    expect(narrow[2]).toBe('2026-01-05 09:30  NUDGE_SENT  workflow  REMINDER #2 (PKS) t…');
  });

  it('shows a coordinator in the timeline by their address, the workflow by its name', () => {
    const events = [
      {
        ...event('AGREEMENT_CANCELLED', { reason: 'Tidak dilanjutkan' }),
        actor: '3f1c9a2e-7b7d-4c1e-9d0a-5b6f2e8c4a10',
        actorEmail: 'koordinator@bandung.example.go.id',
      },
      event('WAITING', { for: 'PKS' }),
    ];
    expect(timeline(events, WIB).split('\n').slice(1, 3)).toEqual([
      '2026-01-05 09:30  AGREEMENT_CANCELLED  koordinator@bandung.example.go.id  reason: Tidak dilanjutkan',
      '2026-01-05 09:30  WAITING              workflow                           for PKS',
    ]);
  });

  it('lists agreements one per line', () => {
    const agreement = {
      id: '01KUBURAYA',
      title: 'Kerja sama pengembangan smart city dan e-government Kabupaten Kubu Raya',
      stage: 'PKS',
      stageEnteredOn: '2018-12-14',
      hostRegion: { code: '32.73', name: 'Kota Bandung', ...WIB },
      partnerRegion: { code: '61.12', name: 'Kabupaten Kubu Raya', ...WIB },
      nextReminderDueAt: '2026-01-06T01:00:00.000Z',
    } as AgreementJson;
    expect(agreementsTable([agreement], 30)).toBe(
      'ID          STAGE  SINCE       PARTNER               NEXT REMINDER     TITLE\n' +
        '01KUBURAYA  PKS    2018-12-14  61.12 Kab. Kubu Raya  2026-01-06 08:00  Kerja sama pengembangan smart…\n',
    );
  });

  it('shows who cancelled an agreement by their address, not their subject', () => {
    const cancelled = {
      id: '01KUBURAYA',
      title: 'Kerja sama Kubu Raya',
      stage: 'CANCELLED',
      stageEnteredOn: '2026-01-05',
      hostRegion: { code: '32.73', name: 'Kota Bandung', ...WIB },
      partnerRegion: { code: '61.12', name: 'Kabupaten Kubu Raya', ...WIB },
      remindersSent: {},
      apps: [],
      contacts: [],
      milestones: [],
      milestoneCounts: {},
      createdAt: '2026-01-02T02:30:00.000Z',
      updatedAt: '2026-01-05T02:30:00.000Z',
      version: 4,
      cancellation: {
        reason: 'Tidak dilanjutkan',
        cancelledAt: '2026-01-05T02:30:00.000Z',
        cancelledBy: '3f1c9a2e-7b7d-4c1e-9d0a-5b6f2e8c4a10',
        cancelledByEmail: 'koordinator@bandung.example.go.id',
      },
    } as AgreementJson;
    expect(agreementText(cancelled)).toContain(
      '  cancelled:      2026-01-05 09:30 by koordinator@bandung.example.go.id: Tidak dilanjutkan\n',
    );
  });

  it('shows a problem as its status, title, detail and each field error', () => {
    const conflict = new ApiProblem(
      409,
      {
        type: 'urn:sepakat:problem:stage-mismatch',
        title: 'Not possible in the agreement’s current state',
        status: 409,
        detail:
          'TRAINING_COMPLETED is accepted in stage TRAINING, but the agreement is in stage PKS',
      },
      'HTTP 409',
    );
    expect(problemLines(conflict)).toEqual([
      '409 Not possible in the agreement’s current state (stage-mismatch)',
      '  TRAINING_COMPLETED is accepted in stage TRAINING, but the agreement is in stage PKS',
    ]);
    const invalid = new ApiProblem(
      400,
      {
        type: 'urn:sepakat:problem:validation',
        title: 'Invalid request',
        detail: 'The request has 2 problems: see errors.',
        errors: [
          { field: 'body.occurredAt', message: 'must be a calendar date in the form YYYY-MM-DD' },
          { field: 'body.appId', message: 'is not an application of the catalog (see GET /apps)' },
        ],
      },
      'HTTP 400',
    );
    expect(problemLines(invalid)).toEqual([
      '400 Invalid request (validation)',
      '  - body.occurredAt: must be a calendar date in the form YYYY-MM-DD',
      '  - body.appId: is not an application of the catalog (see GET /apps)',
    ]);
    // Not problem details (a proxy's page): the status and the text.
    expect(problemLines(new ApiProblem(502, '<html>Bad gateway</html>', 'Bad gateway'))).toEqual([
      '502 HTTP 502',
      '  Bad gateway',
    ]);
  });
});

describe('the demo, without an API', () => {
  it('reads its options', () => {
    // No API given: the running local mode's, or one it starts (issue 21), not port 3000.
    expect(parseDemoArgs([], {})).toEqual({ timeoutMs: 120_000 });
    expect(
      parseDemoArgs(['--timeout', '5', '--token', 't'], {
        SEPAKAT_API_URL: 'http://localhost:3005',
      }),
    ).toEqual({
      apiUrl: 'http://localhost:3005',
      token: 't',
      timeoutMs: 5000,
    });
    expect(parseDemoArgs(['-h'], {})).toBeUndefined();
    expect(() => parseDemoArgs(['--timeout', 'soon'], {})).toThrow(/--timeout must be a number/);
  });

  it('imports seven valid agreements for the seven regions of 30 Oct 2018, on example domains', () => {
    const bodies = sevenRegionsBodies('(run)');
    expect(bodies).toHaveLength(7);
    bodies.forEach((body, i) => {
      const region = findRegion(body.partnerRegion.code);
      expect(region?.name).toBe(SEVEN_REGIONS[i]?.name);
      expect(validateRow(new SourceRow({ row: i + 1, input: body })).ok).toBe(true);
      for (const contact of body.contacts) expect(contact.email).toMatch(/\.example\.go\.id$/);
    });
  });

  it('tells how fast the API’s clock runs from two of its readings', () => {
    const scale = clockScale(
      { workflow: '2026-01-05T00:00:00.000Z', real: 1_000 },
      { workflow: '2026-01-12T00:00:00.000Z', real: 2_000 },
    );
    expect(scale).toBe(604_800_000 / 1000);
    expect(formatScale(scale ?? 0)).toBe('604,800x');
    expect(formatScale(1.04)).toBe('1.0x');
    expect(clockScale({ workflow: 'x', real: 1 }, { workflow: 'y', real: 2 })).toBeUndefined();
  });

  it('ends with a table of stories, days in each stage and reminders', () => {
    const rows: StoryRow[] = [
      {
        story: 'full cycle',
        id: 'a',
        partner: 'Kab. Kubu Raya (61.12)',
        stage: 'COMPLETED',
        days: { PKS: 70, HANDOVER: 17, TRAINING: 30, FOLLOW_UP: 82 },
        nudges: 0,
        escalations: 0,
      },
      {
        story: 'PKS stalled',
        id: 'b',
        partner: 'Kota Palangkaraya (62.71)',
        stage: 'PKS',
        days: { PKS: 3796 },
        ongoing: 'PKS',
        nudges: 4,
        escalations: 1,
      },
    ];
    const lines = summaryTable({ rows, asOf: '2026-12-18T01:00:00.000Z' }).split('\n');
    expect(lines.slice(0, 3)).toEqual([
      'AGREEMENT                  STORY        STAGE      MOU    PKS  HANDOVER  TRAINING  FOLLOW_UP  REMINDERS  ESCALATIONS',
      'Kab. Kubu Raya (61.12)     full cycle   COMPLETED    -     70        17        30         82          0            0',
      'Kota Palangkaraya (62.71)  PKS stalled  PKS          -  3796+         -         -          -          4            1',
    ]);
    expect(lines).toContain(
      'stage on 2026-12-18, the API\'s clock; "-": not reached, or before registration.',
    );
  });
});
