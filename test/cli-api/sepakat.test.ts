// `npx sepakat` against the real API (DynamoDB Local, the local engine): a coordinator registers
// Kubu Raya with its kesepakatan bersama, lists, records the PKS, reads the timeline, is refused
// a milestone out of order (shown as the API's problem details, exit code 1), and cancels.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { runDemo } from '../../cli/demo.ts';
import { runSepakat } from '../../cli/sepakat.ts';
import type { CliIo } from '../../cli/shared.ts';
import { agreementBody, startApiHarness, type ApiHarness } from '../support/api.ts';

const COORDINATOR = 'kerjasama@bandung.example.go.id';

let h: ApiHarness;
let host: string;
let dir: string;
beforeAll(async () => {
  h = await startApiHarness();
  host = await h.token({ role: 'host', email: COORDINATOR });
  dir = await mkdtemp(join(tmpdir(), 'sepakat-cli-'));
});
afterAll(async () => {
  await h.close();
  await rm(dir, { recursive: true, force: true });
});

interface Run {
  code: number;
  out: string;
  err: string;
}

/** The command as a coordinator types it, against the harness's API with a host token. */
async function sepakat(...argv: string[]): Promise<Run> {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: { write: (chunk: string | Uint8Array) => (out += String(chunk)) },
    stderr: { write: (chunk: string | Uint8Array) => (err += String(chunk)) },
    env: { SEPAKAT_API_URL: h.api.endpoint, SEPAKAT_TOKEN: host, INIT_CWD: dir },
  };
  const code = await runSepakat(argv, { io });
  return { code, out, err };
}

const KUBU_RAYA_CONTACTS = [
  `COORDINATOR:HOST:${COORDINATOR}:Koordinator Kerja Sama Diskominfo Kota Bandung`,
  'OFFICIAL:PARTNER:kadis@kuburaya.example.go.id:Kepala Diskominfo Kabupaten Kubu Raya',
  'ESCALATION:PARTNER:sekda@kuburaya.example.go.id:Sekretaris Daerah Kabupaten Kubu Raya',
].flatMap((contact) => ['--contact', contact]);

describe('a coordinator at the command line', () => {
  let kubuRaya: string;
  let palangkaraya: string;

  it('registers Kubu Raya from flags, with its kesepakatan bersama of 14 Dec 2018', async () => {
    const run = await sepakat(
      'create',
      '--title',
      'Kerja sama smart city Kabupaten Kubu Raya',
      '--partner',
      '61.12',
      '--app',
      'sabilulungan',
      '--app',
      'e-rk',
      ...KUBU_RAYA_CONTACTS,
      '--mou-signed',
      '2018-12-14',
      '--json',
    );
    expect(run).toMatchObject({ code: 0, err: '' });
    const agreement = JSON.parse(run.out) as { id: string };
    expect(agreement).toMatchObject({
      stage: 'PKS',
      stageEnteredOn: '2018-12-14',
      partnerRegion: { code: '61.12', name: 'Kabupaten Kubu Raya' },
      apps: [{ id: 'sabilulungan' }, { id: 'e-rk' }],
    });
    kubuRaya = agreement.id;
  });

  it('registers another from a JSON file, and says so in a line', async () => {
    const file = join(dir, 'palangkaraya.json');
    await writeFile(
      file,
      JSON.stringify(
        agreementBody({
          title: 'Kerja sama smart city Kota Palangkaraya',
          partnerRegion: { code: '62.71' },
        }),
      ),
    );
    const run = await sepakat('create', 'palangkaraya.json', '--key', 'palangkaraya-1');
    expect(run).toMatchObject({ code: 0, err: '' });
    expect(run.out).toMatch(
      /^Registered (\S+): Kerja sama smart city Kota Palangkaraya\n {2}stage MOU since \d{4}-\d{2}-\d{2}, partner 62\.71 Kota Palangkaraya\n$/,
    );
    palangkaraya = /^Registered (\S+):/.exec(run.out)?.[1] ?? '';
    const again = await sepakat('create', 'palangkaraya.json', '--key', 'palangkaraya-1');
    expect(again.out).toContain(`Already registered (same Idempotency-Key) ${palangkaraya}`);
  });

  it('lists them as a table, filtered by stage and region, a page or all', async () => {
    const all = await sepakat('list');
    expect(all.code).toBe(0);
    const lines = all.out.split('\n');
    expect(lines[0]).toMatch(/^ID\s+STAGE\s+SINCE\s+PARTNER\s+NEXT REMINDER\s+TITLE$/);
    expect(all.out).toMatch(
      new RegExp(
        `${kubuRaya}\\s+PKS\\s+2018-12-14\\s+61\\.12 Kab\\. Kubu Raya\\s+\\S+ \\S+\\s+Kerja sama smart city Kabupaten Kubu Raya`,
      ),
    );
    expect(all.out).toMatch(new RegExp(`${palangkaraya}\\s+MOU\\s+`));
    expect(all.out).toContain('\n2 agreements\n');

    const inPks = await sepakat('list', '--stage', 'pks');
    expect(inPks.out).toContain(kubuRaya);
    expect(inPks.out).not.toContain(palangkaraya);
    const inPalangkaraya = await sepakat('list', '--region', '62.71');
    expect(inPalangkaraya.out).toContain(palangkaraya);
    expect(inPalangkaraya.out).not.toContain(kubuRaya);

    const one = await sepakat('list', '--limit', '1');
    expect(one.out).toContain('1 agreement, more with --all or a larger --limit');
    const every = JSON.parse((await sepakat('list', '--all', '--json')).out) as {
      items: { id: string }[];
      nextCursor?: string;
    };
    expect(every.items.map((a) => a.id).sort()).toEqual([kubuRaya, palangkaraya].sort());
    expect(every.nextCursor).toBeUndefined();
  });

  it('records the PKS of 22 Feb 2019; the agreement moves on to the handover', async () => {
    const run = await sepakat(
      'record',
      kubuRaya,
      'PKS_SIGNED',
      '--on',
      '2019-02-22',
      '--valid-until',
      '2024-02-21',
      '--key',
      'kubu-raya-pks',
    );
    expect(run).toMatchObject({ code: 0, err: '' });
    expect(run.out).toBe(
      `Recorded PKS_SIGNED on 2019-02-22 for ${kubuRaya}\n  stage HANDOVER since 2019-02-22; the workflow carries on from there\n`,
    );
    const again = await sepakat(
      'record',
      kubuRaya,
      'pks-signed',
      '--on',
      '2019-02-22',
      '--valid-until',
      '2024-02-21',
      '--key',
      'kubu-raya-pks',
    );
    expect(again.out).toMatch(/^Already recorded \(same Idempotency-Key\) PKS_SIGNED/);
    const handedOver = await sepakat(
      'record',
      kubuRaya,
      'APP_HANDED_OVER',
      '--app',
      'sabilulungan',
      '--on',
      '2019-03-11',
      '--bast',
      'BAST/001/2019',
    );
    expect(handedOver.out).toContain('stage HANDOVER since 2019-02-22');
  });

  it('shows the agreement and its history as a timeline, one line per event', async () => {
    const run = await sepakat('show', kubuRaya);
    expect(run).toMatchObject({ code: 0, err: '' });
    expect(run.out).toContain('Kerja sama smart city Kabupaten Kubu Raya\n');
    expect(run.out).toContain('  stage:          HANDOVER since 2019-02-22\n');
    expect(run.out).toMatch(
      /sabilulungan\s+HANDED_OVER\s+handed over 2019-03-11, BAST BAST\/001\/2019/,
    );
    expect(run.out).toMatch(
      /ESCALATION\s+PARTNER\s+sekda@kuburaya\.example\.go\.id\s+Sekretaris Daerah/,
    );
    const history = run.out.slice(run.out.indexOf('\nHistory\n') + '\nHistory\n'.length);
    const lines = history.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^AT \(WIB\)\s+EVENT\s+ACTOR\s+DETAILS$/);
    const at = String.raw`\d{4}-\d{2}-\d{2} \d{2}:\d{2}`;
    const expected = [
      `AGREEMENT_CREATED\\s+${COORDINATOR}\\s+partner 61\\.12, apps sabilulungan, e-rk`,
      `MILESTONE_RECORDED\\s+${COORDINATOR}\\s+MOU_SIGNED on 2018-12-14`,
      `STAGE_CHANGED\\s+${COORDINATOR}\\s+MOU -> PKS \\(on 2018-12-14\\)`,
      `MILESTONE_RECORDED\\s+${COORDINATOR}\\s+PKS_SIGNED on 2019-02-22 valid until 2024-02-21`,
      `STAGE_CHANGED\\s+${COORDINATOR}\\s+PKS -> HANDOVER \\(on 2019-02-22\\)`,
      `MILESTONE_RECORDED\\s+${COORDINATOR}\\s+APP_HANDED_OVER sabilulungan on 2019-03-11 BAST BAST/001/2019`,
    ];
    for (const event of expected) {
      expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${at}\\s+${event}$`)));
    }
    expect(lines).toContainEqual(
      expect.stringMatching(/\sWORKFLOW_STARTED\s+workflow\s+in stage PKS$/),
    );
    const json = JSON.parse((await sepakat('show', kubuRaya, '--json')).out) as {
      agreement: { id: string };
      history: { type: string }[];
    };
    expect(json.agreement.id).toBe(kubuRaya);
    expect(json.history.map((e) => e.type)).toContain('STAGE_CHANGED');
  });

  it('shows a refused milestone as the problem details, with exit code 1', async () => {
    const outOfOrder = await sepakat(
      'record',
      kubuRaya,
      'TRAINING_COMPLETED',
      '--on',
      '2019-04-10',
    );
    expect(outOfOrder).toEqual({
      code: 1,
      out: '',
      err:
        'sepakat: 409 Not possible in the agreement’s current state (stage-mismatch)\n' +
        '  TRAINING_COMPLETED is accepted in stage TRAINING, but the agreement is in stage HANDOVER\n',
    });

    const invalid = await sepakat(
      'record',
      kubuRaya,
      'APP_HANDED_OVER',
      '--app',
      'si-ayu',
      '--on',
      '2019-02-30',
    );
    expect(invalid.code).toBe(1);
    expect(invalid.err).toBe(
      'sepakat: 400 Invalid request (validation)\n' +
        '  - body.occurredAt: must be a calendar date in the form YYYY-MM-DD\n' +
        '  - body.appId: is not an application of the catalog (see GET /apps)\n',
    );

    const future = await sepakat(
      'record',
      kubuRaya,
      'APP_HANDED_OVER',
      '--app',
      'e-rk',
      '--on',
      '2999-01-01',
      '--json',
    );
    expect(future.code).toBe(1);
    expect(future.err).toMatch(
      /^sepakat: 400 Refused by the agreement rules \(date-in-future\)\n {2}occurredAt 2999-01-01 is in the future/,
    );
    expect(JSON.parse(future.out)).toMatchObject({ status: 400, code: 'DATE_IN_FUTURE' });

    const unknown = await sepakat('show', 'no-such-agreement');
    expect(unknown).toMatchObject({
      code: 1,
      err: 'sepakat: 404 Not found (not-found)\n  No agreement no-such-agreement\n',
    });

    const badToken = await sepakat('list', '--token', 'not-a-token');
    expect(badToken.code).toBe(1);
    expect(badToken.err).toMatch(/^sepakat: 401 /);
  });

  it('cancels the agreement; a later milestone is refused', async () => {
    const run = await sepakat('cancel', palangkaraya, '--reason', 'Kerja sama tidak dilanjutkan.');
    expect(run).toEqual({
      code: 0,
      err: '',
      out: `Cancelled ${palangkaraya}: Kerja sama smart city Kota Palangkaraya\n  reason: Kerja sama tidak dilanjutkan.\n`,
    });
    const after = await sepakat('record', palangkaraya, 'MOU_SIGNED', '--on', '2019-01-10');
    expect(after.code).toBe(1);
    expect(after.err).toContain('(agreement-closed)');
    const cancelled = await sepakat('list', '--stage', 'CANCELLED');
    expect(cancelled.out).toMatch(new RegExp(`${palangkaraya}\\s+CANCELLED`));
  });
});

describe('sepakat export', () => {
  it('writes the agreement list as an XLSX file to stdout, one row per agreement', async () => {
    const chunks: Buffer[] = [];
    let err = '';
    const io: CliIo = {
      stdout: { write: (chunk: string | Uint8Array) => chunks.push(Buffer.from(chunk)) },
      stderr: { write: (chunk: string | Uint8Array) => (err += String(chunk)) },
      env: { SEPAKAT_API_URL: h.api.endpoint, SEPAKAT_TOKEN: host },
    };
    expect(await runSepakat(['export', '--format', 'xlsx'], { io })).toBe(0);
    expect(err).toBe('');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    const listed = await sepakat('list', '--all', '--json');
    const ids = (JSON.parse(listed.out) as { items: { id: string }[] }).items.map((a) => a.id);
    const sheet = workbook.getWorksheet('Kerja Sama');
    const exported: string[] = [];
    sheet?.eachRow((row, n) => {
      if (n > 1) exported.push(row.getCell(1).text);
    });
    expect(exported.sort()).toEqual(ids.sort());
    expect(exported.length).toBeGreaterThan(0);
  });

  it('refuses an unknown format before asking the API', async () => {
    const run = await sepakat('export', '--format', 'pdf');
    expect(run.code).toBe(2);
    expect(run.err).toContain('--format must be csv or xlsx');
  });
});

describe('npm run demo against an API whose clock runs at real time', () => {
  it('says at once that the escalation would take days, instead of waiting for it', async () => {
    let err = '';
    const io: CliIo = {
      stdout: { write: () => true },
      stderr: { write: (chunk: string) => (err += chunk) },
      env: {},
    };
    const started = Date.now();
    expect(await runDemo(['--api', h.api.endpoint, '--token', host], { io })).toBe(1);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(err).toMatch(
      /demo: The API's clock runs at about \d+\.\dx real time: Kota Palangkaraya's escalation needs 3 to 6 workflow days, more than --timeout allows\. Run the demo against a local mode with a fast clock \(SEPAKAT_TIME_SCALE=604800 npm start\)/,
    );
  });
});
