// GET /agreements/export: the list as CSV and XLSX, parsed back; the list's filters and the
// caller's scope hold; a bad request is a problem naming what was wrong.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { AGREEMENT_COLUMNS } from '../../domain/reports/export-table.ts';
import { mouSigned, pksSigned } from '../support/fixtures.ts';
import { agreementBody, KUBU_RAYA, startApiHarness, type ApiHarness } from '../support/api.ts';

let h: ApiHarness;
let host: string;
const ids: string[] = [];
const TRICKY_TITLE = '=HYPERLINK("x"), kerja sama "khusus"';

beforeAll(async () => {
  h = await startApiHarness();
  host = await h.token({ role: 'host' });
  for (const body of [
    agreementBody({ milestones: [mouSigned, pksSigned] }),
    agreementBody({ title: TRICKY_TITLE }),
    agreementBody({ partnerRegion: { code: '32.06' }, apps: [{ id: 'gampil' }] }),
  ]) {
    const created = await h.call({ method: 'POST', path: '/agreements', token: host, body });
    expect(created.status).toBe(201);
    ids.push(created.body.id as string);
  }
});
afterAll(async () => {
  await h.close();
});

async function download(path: string, token = host) {
  const response = await fetch(`${h.api.endpoint}${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { response, bytes: Buffer.from(await response.arrayBuffer()) };
}

/** RFC 4180: quoted fields, doubled quotes, CRLF lines. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

const HEADERS = AGREEMENT_COLUMNS.map((c) => c.header);

describe('GET /agreements/export', () => {
  it('gives CSV with Indonesian headers, one row per agreement, dates as dates', async () => {
    const { response, bytes } = await download('/agreements/export?format=csv');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/attachment; filename=".+\.csv"/);
    const text = bytes.toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = parseCsv(text.slice(1));
    expect(header).toEqual(HEADERS);
    expect(header).toContain('Tanggal Kesepakatan Bersama');
    expect(rows.map((r) => r[0]).sort()).toEqual([...ids].sort());
    const column = (name: string) => HEADERS.indexOf(name);
    const kubuRaya = rows.find((r) => r[0] === ids[0]) ?? [];
    expect(kubuRaya[column('Tanggal Kesepakatan Bersama')]).toBe('2018-12-14');
    expect(kubuRaya[column('Tanggal PKS')]).toBe('2019-02-22');
    expect(kubuRaya[column('Tahap')]).toBe('Serah terima aplikasi');
    // The coordinator's text comes back whole, defused as a formula.
    const tricky = rows.find((r) => r[0] === ids[1]) ?? [];
    expect(tricky[column('Judul')]).toBe(`'${TRICKY_TITLE}`);
  });

  it('gives XLSX with a sheet of agreements and, when asked, a sheet per application', async () => {
    const { response, bytes } = await download('/agreements/export?format=xlsx&sheets=apps');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Kerja Sama');
    if (!sheet) throw new Error('no sheet Kerja Sama');
    expect(sheet.rowCount).toBe(1 + ids.length);
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
    const byId = new Map<string, ExcelJS.Row>();
    sheet.eachRow((row, n) => {
      if (n > 1) byId.set(row.getCell(1).text, row);
    });
    expect([...byId.keys()].sort()).toEqual([...ids].sort());
    const mou = byId.get(ids[0] ?? '')?.getCell(HEADERS.indexOf('Tanggal Kesepakatan Bersama') + 1);
    expect(mou?.value).toEqual(new Date('2018-12-14T00:00:00Z'));
    expect(mou?.numFmt).toBe('yyyy-mm-dd');
    expect(workbook.worksheets.map((w) => w.name).sort()).toEqual(
      ['Kerja Sama', 'Sabilulungan', 'e-RK (E-Remunerasi)', 'Gampil'].sort(),
    );
    const gampil = workbook.getWorksheet('Gampil');
    expect(gampil?.rowCount).toBe(2);
    expect(gampil?.getRow(2).getCell(1).value).toBe(ids[2]);
  });

  it('applies the list’s filters and the caller’s scope', async () => {
    const rowsOf = async (path: string, token = host) =>
      parseCsv((await download(path, token)).bytes.toString('utf8').slice(1)).slice(1);
    expect((await rowsOf('/agreements/export?stage=HANDOVER')).map((r) => r[0])).toEqual([ids[0]]);
    expect((await rowsOf('/agreements/export?partnerRegion=32.06')).map((r) => r[0])).toEqual([
      ids[2],
    ]);
    // The province and the text, as GET /agreements names them.
    expect((await rowsOf('/agreements/export?province=32')).map((r) => r[0])).toEqual([ids[2]]);
    expect((await rowsOf('/agreements/export?q=khusus')).map((r) => r[0])).toEqual([ids[1]]);
    const partner = await h.token({ role: 'partner', region: KUBU_RAYA });
    expect((await rowsOf('/agreements/export', partner)).map((r) => r[0]).sort()).toEqual(
      [ids[0], ids[1]].sort(),
    );
  });

  it('refuses what it cannot do with a problem naming the parameter', async () => {
    for (const [query, field] of [
      ['format=pdf', 'format'],
      ['format=csv&sheets=apps', 'sheets'],
      ['format=xlsx&sheets=all', 'sheets'],
      ['stage=NOPE', 'stage'],
      ['limit=5', ''],
    ] as const) {
      const answer = await h.call({ path: `/agreements/export?${query}`, token: host });
      expect(answer.status).toBe(400);
      expect(answer.contentType).toContain('application/problem+json');
      if (field) expect(JSON.stringify(answer.body.errors)).toContain(field);
    }
    expect((await h.call({ path: '/agreements/export' })).status).toBe(401);
  });
});
