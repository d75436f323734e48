// `npm run import`'s engine, importAgreements, against the real API: the sample CSV through
// POST /agreements on DynamoDB Local and the local engine. A first import creates, a second
// replays (the API says so with Idempotent-Replayed), a row the API refuses creates nothing, and
// a partner coordinator's token stops the import.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { importAgreements } from '../../cli/import.ts';
import type { ImportProgress, ImportReport } from '../../cli/import-report.ts';
import { readCsv, type SourceRow } from '../../cli/import-rows.ts';
import { KUBU_RAYA, startApiHarness, type ApiHarness } from '../support/api.ts';

/** Valid locally, refused by the API: a PKS needs the agreement in stage PKS, i.e. an MoU. */
const PKS_WITHOUT_MOU = [
  'Kerja sama smart city Kabupaten Kapuas Hulu',
  '61.06',
  'sabilulungan;e-rk',
  'Kepala Diskominfo Kabupaten Kapuas Hulu',
  'kadiskominfo@kapuashulu.example.go.id',
  ...Array<string>(6).fill(''),
  'id',
  '',
  '2019-02-22',
  '2024-02-21',
  '',
].join(',');

let h: ApiHarness;
let host: string;
let sample: string;
/** The sample's rows, then the one the API refuses. */
let rows: SourceRow[];
let valid: number;
beforeAll(async () => {
  h = await startApiHarness();
  host = await h.token({ role: 'host' });
  sample = await readFile('docs/import-sample.csv', 'utf8');
  valid = readCsv(sample).length;
  rows = readCsv(`${sample.trimEnd()}\n${PKS_WITHOUT_MOU}\n`);
});
afterAll(async () => {
  await h.close();
});

interface Listed {
  id: string;
  title: string;
  stage: string;
}

/** Every agreement (one page of up to 100 holds them all). */
async function listed(): Promise<Listed[]> {
  const answer = await h.call({ path: '/agreements?limit=100', token: host });
  expect(answer.status).toBe(200);
  const page = answer.body as { items: Listed[]; nextCursor?: string };
  expect(page.nextCursor).toBeUndefined();
  return page.items;
}

const run = (token: string, onProgress?: (progress: ImportProgress) => void) =>
  importAgreements({
    rows,
    apiUrl: h.api.endpoint,
    token,
    retryDelayMs: 10,
    ...(onProgress ? { onProgress } : {}),
  });

describe('importing the sample CSV through the API', () => {
  let first: ImportReport;
  const progress: ImportProgress[] = [];

  it('creates every valid row, at the stage its milestones reached', async () => {
    expect(valid).toBeGreaterThan(1);
    first = await run(host, (p) => progress.push(p));
    const created = first.rows.slice(0, valid);
    expect(created.map((r) => r.status)).toEqual(Array<string>(valid).fill('created'));
    expect(first.counts).toMatchObject({ created: valid, rejected: 1, replayed: 0, failed: 0 });
    expect(first.aborted).toBeUndefined();

    const items = await listed();
    expect(items).toHaveLength(valid);
    const ids = created.map((r) => r.id);
    expect(new Set(ids).size).toBe(valid);
    expect(new Set(items.map((a) => a.id))).toEqual(new Set(ids));
    const byId = new Map(items.map((a) => [a.id, a]));
    created.forEach((r) => {
      expect(byId.get(r.id ?? '')?.title).toBe(r.title);
    });

    // Kubu Raya's row has its MoU and PKS: handover is next. The others have an MoU only.
    const kubuRaya = created.find((r) => r.title === 'Kerja sama smart city Kabupaten Kubu Raya');
    const stages = new Map(items.map((a) => [a.id, a.stage]));
    expect(stages.get(kubuRaya?.id ?? '')).toBe('HANDOVER');
    expect(created.filter((r) => r !== kubuRaya).map((r) => stages.get(r.id ?? ''))).toEqual(
      Array<string>(valid - 1).fill('PKS'),
    );
    const agreement = await h.call({ path: `/agreements/${kubuRaya?.id ?? ''}`, token: host });
    expect(agreement.body).toMatchObject({
      stage: 'HANDOVER',
      partnerRegion: { code: KUBU_RAYA },
    });
  });

  it("rejects the row the API refuses with the API's reason, and creates nothing for it", async () => {
    expect(first.rows[valid]).toMatchObject({
      row: valid + 1,
      status: 'rejected',
      rejectedBy: 'api',
      httpStatus: 409,
      code: 'stage-mismatch',
      reason: 'PKS_SIGNED is accepted in stage PKS, but the agreement is in stage MOU',
    });
    expect(first.rows[valid]?.id).toBeUndefined();
    expect((await listed()).map((a) => a.title)).not.toContain(first.rows[valid]?.title);
  });

  it('reported progress once per row, counting up', () => {
    expect(progress.map((p) => p.done)).toEqual(rows.map((_, i) => i + 1));
    expect(progress.every((p) => p.total === rows.length && !p.dryRun)).toBe(true);
    expect(new Set(progress.map((p) => p.last.row)).size).toBe(rows.length);
    expect(progress.at(-1)?.counts).toEqual(first.counts);
  });

  it('replays every row on a second import: same ids, nothing new', async () => {
    const again = await run(host);
    const replayed = again.rows.slice(0, valid);
    expect(replayed.map((r) => r.status)).toEqual(Array<string>(valid).fill('replayed'));
    expect(replayed.map((r) => r.id)).toEqual(first.rows.slice(0, valid).map((r) => r.id));
    expect(again.counts).toMatchObject({ created: 0, replayed: valid, rejected: 1, failed: 0 });
    expect(again.rows[valid]).toMatchObject({ status: 'rejected', httpStatus: 409 });
    expect(await listed()).toHaveLength(valid);
  });

  it("stops at a partner coordinator's token, creating nothing", async () => {
    const partner = await h.token({ role: 'partner', region: KUBU_RAYA });
    // New agreements (other titles, other keys): only the token stands in their way.
    rows = readCsv(sample.replaceAll('Kerja sama smart city', 'Kerja sama kota cerdas'));
    const report = await run(partner);
    expect(report.aborted).toMatch(/^the API refused the token \(403: /);
    expect(report.counts).toMatchObject({ created: 0, replayed: 0, failed: rows.length });
    const items = await listed();
    expect(items).toHaveLength(valid);
    expect(items.filter((a) => a.title.startsWith('Kerja sama kota cerdas'))).toEqual([]);
  });
});
