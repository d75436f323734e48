// `npx sepakat attach` and `npx sepakat documents` against the API and the S3 stand-in: a
// scan larger than a megabyte goes up with a progress bar on a terminal, is checked and
// attached; a text file named .pdf is refused with the API's problem; the list shows both sides.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { progressBar } from '../../cli/documents.ts';
import { runSepakat } from '../../cli/sepakat.ts';
import type { CliIo } from '../../cli/shared.ts';
import { agreementBody, startApiHarness, type ApiHarness } from '../support/api.ts';
import { THROUGH_PKS } from '../support/fixtures.ts';

let h: ApiHarness;
let host: string;
let dir: string;
let id: string;

beforeAll(async () => {
  h = await startApiHarness();
  host = await h.token({ role: 'host', email: 'kerjasama@bandung.example.go.id' });
  dir = await mkdtemp(join(tmpdir(), 'sepakat-attach-'));
  const created = await h.call({
    method: 'POST',
    path: '/agreements',
    token: host,
    body: agreementBody({
      milestones: THROUGH_PKS,
    }),
  });
  id = created.body.id as string;
});
afterAll(async () => {
  await h.close();
  await rm(dir, { recursive: true, force: true });
});

function terminal(): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (chunk: string) => (out += chunk) },
    stderr: { write: (chunk: string) => (err += chunk), isTTY: true },
    env: {},
    out: () => out,
    err: () => err,
  };
}

const connection = () => ['--api', h.api.endpoint, '--token', host];

describe('sepakat attach and documents', () => {
  it('uploads a large scan with a progress bar, then lists it', async () => {
    // 1.5 MB: a PDF header, then filler, as a scanner's file would be.
    const scan = Buffer.concat([Buffer.from('%PDF-1.5\n'), Buffer.alloc(1_500_000, 0x20)]);
    const file = join(dir, 'PKS Kubu Raya.pdf');
    await writeFile(file, scan);
    const io = terminal();
    const code = await runSepakat(
      ['attach', id, '--kind', 'pks', '--milestone', 'PKS_SIGNED', file, ...connection()],
      { io },
    );
    expect([code, io.err()]).toEqual([0, expect.stringContaining('100%  1.4/1.4 MB')]);
    expect(io.out()).toContain(`PKS PKS Kubu Raya.pdf to ${id}`);

    const listing = terminal();
    expect(await runSepakat(['documents', id, ...connection()], { io: listing })).toBe(0);
    expect(listing.out()).toMatch(/ PKS +ATTACHED +PKS Kubu Raya\.pdf +1465 KB /);
    expect(listing.out()).toContain('kerjasama@bandung.example.go.id');
    expect(listing.out()).toContain('PKS_SIGNED');
  });

  it('shows the API’s refusal of a text file named .pdf, exit code 1', async () => {
    const file = join(dir, 'palsu.pdf');
    await writeFile(file, 'bukan PDF\n');
    const io = terminal();
    const code = await runSepakat(['attach', id, '--kind', 'OTHER', file, ...connection()], { io });
    expect(code).toBe(1);
    expect(io.err()).toContain('422 Upload refused');
    // Small files go up without a bar.
    expect(io.err()).not.toContain('[');
  });

  it('refuses unknown kinds and file types before calling the API', async () => {
    const io = terminal();
    expect(
      await runSepakat(['attach', id, '--kind', 'INVOICE', 'a.pdf', ...connection()], { io }),
    ).toBe(2);
    expect(io.err()).toContain('--kind must be one of MOU, PKS');
    const other = terminal();
    expect(
      await runSepakat(['attach', id, '--kind', 'PKS', 'a.docx', ...connection()], { io: other }),
    ).toBe(2);
    expect(other.err()).toContain('attach a PDF, PNG, JPEG or TIFF file');
  });

  it('draws the bar from the share sent', () => {
    expect(progressBar(0, 4 * 1024 * 1024, 10)).toBe('[..........]   0%  0.0/4.0 MB');
    expect(progressBar(1024 * 1024, 4 * 1024 * 1024, 10)).toBe('[###.......]  25%  1.0/4.0 MB');
  });
});
