// `npm run import -- agreements.csv --documents <folder>` against the real API and the S3
// stand-in: the scans a row names (pks_file, bast_files, mou_file) are attached to its agreement
// with the milestone each documents, one line per file on stderr; a second run replays the
// agreement and skips the scans it holds (same SHA-256); a fake PDF fails alone, with the API's
// reason, and the exit code says so; a CSV naming scans without --documents is a usage error.
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runImport } from '../../cli/import.ts';
import { readCsv } from '../../cli/import-rows.ts';
import { startApiHarness, type ApiHarness } from '../support/api.ts';
import { capturedIo } from '../support/cli-io.ts';
import { SMALL_PDF } from '../support/fixtures.ts';

let h: ApiHarness;
let host: string;
let dir: string;

const HEADER =
  'title,partner_region,apps,official_name,official_email,mou_signed_on,pks_signed_on,handed_over,mou_file,pks_file,bast_files';
const row = (mouFile: string) =>
  [
    'Kerja sama smart city Kabupaten Kubu Raya',
    '61.12',
    'sabilulungan;e-rk',
    'Kepala Diskominfo Kabupaten Kubu Raya',
    'kadiskominfo@kuburaya.example.go.id',
    '2018-12-14',
    '2018-12-20',
    'e-rk@2019-03-11@BAST-01',
    mouFile,
    'PKS Kubu Raya.pdf',
    'e-rk@bast e-rk.pdf',
  ].join(',');

const PKS = SMALL_PDF;
const BAST = Buffer.concat([SMALL_PDF, Buffer.from('% BAST e-RK\n')]);
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function csv(name: string, text: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, text);
  return file;
}

const importing = (file: string, ...more: string[]) => {
  const terminal = capturedIo();
  return runImport([file, '--api', h.api.endpoint, '--token', host, ...more], {
    io: terminal,
  }).then((code) => ({ code, out: terminal.out(), err: terminal.err() }));
};

interface Listed {
  documentId: string;
  kind: string;
  fileName: string;
  sha256: string;
  status: string;
  milestone?: { type: string; appId?: string };
}

async function documentsOf(id: string): Promise<Listed[]> {
  const answer = await h.call({ path: `/agreements/${id}/documents`, token: host });
  expect(answer.status).toBe(200);
  return (answer.body as { items: Listed[] }).items;
}

beforeAll(async () => {
  h = await startApiHarness();
  host = await h.token({ role: 'host', email: 'kerjasama@bandung.example.go.id' });
  dir = await mkdtemp(join(tmpdir(), 'sepakat-import-scans-'));
  await writeFile(join(dir, 'PKS Kubu Raya.pdf'), PKS);
  await writeFile(join(dir, 'bast e-rk.pdf'), BAST);
  await writeFile(join(dir, 'mou palsu.pdf'), 'Ini bukan PDF, hanya teks.\n');
});
afterAll(async () => {
  await h.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the bulk import with a folder of scans', () => {
  let id = '';

  it('attaches the scans a row names to its new agreement, with their milestones', async () => {
    const file = await csv('agreements.csv', `${HEADER}\n${row('')}\n`);
    const { code, out, err } = await importing(file, '--documents', dir);
    expect({ code, err }).toMatchObject({ code: 0 });
    expect(err).toMatch(/line 2: PKS PKS Kubu Raya\.pdf attached \S+/);
    expect(err).toMatch(/line 2: BAST bast e-rk\.pdf attached \S+/);
    expect(out).toContain('scans: attached 2, skipped 0 (already attached), failed 0');
    id = /created (\S+)/.exec(out)?.[1] ?? '';

    const listed = await documentsOf(id);
    expect(
      listed.map(({ kind, fileName, sha256: digest, status, milestone }) => ({
        kind,
        fileName,
        digest,
        status,
        milestone,
      })),
    ).toEqual([
      {
        kind: 'PKS',
        fileName: 'PKS Kubu Raya.pdf',
        digest: sha256(PKS),
        status: 'ATTACHED',
        milestone: { type: 'PKS_SIGNED' },
      },
      {
        kind: 'BAST',
        fileName: 'bast e-rk.pdf',
        digest: sha256(BAST),
        status: 'ATTACHED',
        milestone: { type: 'APP_HANDED_OVER', appId: 'e-rk' },
      },
    ]);
  });

  it('skips the scans already attached when run again, and fails a fake PDF alone', async () => {
    const again = await importing(
      await csv('again.csv', `${HEADER}\n${row('mou palsu.pdf')}\n`),
      '--documents',
      dir,
    );
    expect(again.out).toContain(`replayed ${id}`);
    expect(again.err).toMatch(/PKS PKS Kubu Raya\.pdf skipped, already attached as \S+/);
    expect(again.err).toMatch(/BAST bast e-rk\.pdf skipped/);
    expect(again.err).toMatch(/MOU mou palsu\.pdf failed: .*not a application\/pdf file/);
    expect(again.out).toContain('scans: attached 0, skipped 2 (already attached), failed 1');
    expect(again.code).toBe(1);
    expect((await documentsOf(id)).map((d) => d.fileName)).toEqual([
      'PKS Kubu Raya.pdf',
      'bast e-rk.pdf',
    ]);
  });

  it('needs the folder when the CSV names scans', async () => {
    const { code, err } = await importing(await csv('no-folder.csv', `${HEADER}\n${row('')}\n`));
    expect(code).toBe(2);
    expect(err).toContain('give their folder with --documents <dir>');
  });

  it('refuses a scan outside the folder and a BAST of an application not handed over', () => {
    const [outside] = readCsv(`${HEADER}\n${row('../rahasia.pdf')}\n`);
    expect(outside?.readErrors).toEqual([
      { field: 'mou_file', message: '"../rahasia.pdf" must be a file name without a folder' },
    ]);
    const [early] = readCsv(
      `${HEADER}\n${row('').replace('e-rk@bast e-rk.pdf', 'sabilulungan@bast.pdf')}\n`,
    );
    expect(early?.readErrors).toEqual([
      { field: 'bast_files', message: 'sabilulungan has no handover in handed_over' },
    ]);
  });
});
