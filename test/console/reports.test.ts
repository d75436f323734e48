// The console's Reports page in Debian's chromium (playwright-core) against `npm start` on free
// ports (test/support/console-browser.ts): days per stage for agreements registered through the API with their
// past milestones, the filters (province) changing the chart and its table, and the export
// downloaded (XLSX parsed back with exceljs, one row per agreement; CSV with the filter), with
// axe-core (no serious or critical violation) on the page and screenshots in test-artifacts/console/.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { KUBU_RAYA_AGREEMENT } from '../../local/example-agreement.ts';
import { startLocalConsole, visit, type LocalConsole } from '../support/console-browser.ts';

const TIMEOUT = 120_000;

/** Three partners, each with its MoU and perhaps its PKS signed in 2024. */
const AGREEMENTS = [
  // PKS stage of 51 days; province Kalimantan Barat.
  { code: '61.12', title: 'Laporan uji Kubu Raya', mou: '2024-01-10', pks: '2024-03-01' },
  // PKS stage of 121 days; province Jawa Barat.
  { code: '32.06', title: 'Laporan uji Tasikmalaya', mou: '2024-02-01', pks: '2024-06-01' },
  // Still in the PKS stage; province Kalimantan Timur.
  { code: '64.72', title: 'Laporan uji Samarinda', mou: '2024-05-01' },
];

let run: LocalConsole;

beforeAll(async () => {
  run = await startLocalConsole();
  const token = await run.token({ role: 'host' });
  for (const a of AGREEMENTS) {
    const response = await fetch(`${run.urls.api}/agreements`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        ...KUBU_RAYA_AGREEMENT,
        title: a.title,
        partnerRegion: { code: a.code },
        milestones: [
          { type: 'MOU_SIGNED', occurredAt: a.mou },
          ...(a.pks ? [{ type: 'PKS_SIGNED', occurredAt: a.pks }] : []),
        ],
      }),
    });
    expect(response.status).toBe(201);
  }
}, TIMEOUT);

afterAll(async () => {
  await run.close();
}, TIMEOUT);

async function hostPage(): Promise<Page> {
  const page = await run.newPage();
  await page.goto(`${run.url}/dev-sign-in?role=host`);
  await page.getByRole('heading', { level: 1, name: 'Ringkasan' }).waitFor();
  return page;
}

/** The cells of the cycle-time table's row of a stage: left, median, p90, still, oldest. */
async function stageRow(page: Page, stage: string): Promise<string[]> {
  const cells = page.locator(`table.cycle-times tr[data-stage="${stage}"] td`);
  return (await cells.allTextContents()).map((text) => text.trim());
}

describe('the Reports page', () => {
  it(
    'charts the days per stage, and a province filter changes them',
    async () => {
      const page = await hostPage();
      await page.getByRole('link', { name: 'Laporan' }).click();
      await page.getByRole('heading', { level: 1, name: 'Laporan Kerja Sama' }).waitFor();
      await page.locator('table.cycle-times').waitFor();
      // PKS: 51 and 121 days (median 86, p90 121), Samarinda still in it.
      expect(await stageRow(page, 'PKS')).toEqual(['2', '86', '121', '1', expect.any(String)]);
      const bars = page.locator('.cycle-chart g[data-stage="PKS"] rect');
      await expect(bars.count()).resolves.toBe(2);
      await expect(
        page.locator('.cycle-chart g[data-stage="PKS"]').textContent(),
      ).resolves.toContain('86 / 121 hari');
      await visit(page, 'reports');

      await page.getByRole('combobox', { name: 'Provinsi' }).fill('Jawa Barat');
      await page.getByRole('option', { name: 'Jawa Barat' }).click();
      await page.getByRole('button', { name: 'Terapkan' }).click();
      await page.waitForURL(/\/reports\?province=32$/);
      await page
        .locator('table.cycle-times tr[data-stage="PKS"] td')
        .first()
        .filter({ hasText: '1' })
        .waitFor();
      expect(await stageRow(page, 'PKS')).toEqual(['1', '121', '121', '0', '—']);
      await expect(
        page.locator('.cycle-chart g[data-stage="PKS"]').textContent(),
      ).resolves.toContain('121 / 121 hari');
      await visit(page, 'reports-filtered');
    },
    TIMEOUT,
  );

  it(
    'downloads the list as XLSX, one row per agreement, and as CSV with the province filter',
    async () => {
      const page = await hostPage();
      await page.goto(`${run.url}/reports`);
      await page.locator('table.cycle-times').waitFor();
      const [xlsx] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Unduh XLSX (Excel)' }).click(),
      ]);
      expect(xlsx.suggestedFilename()).toMatch(/^sepakat-kerja-sama-\d{4}-\d{2}-\d{2}\.xlsx$/);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(await xlsx.path());
      const sheet = workbook.worksheets[0];
      const titles: string[] = [];
      sheet?.eachRow((row, number) => {
        if (number > 1) titles.push(JSON.stringify(row.values));
      });
      expect(titles).toHaveLength(AGREEMENTS.length);
      for (const a of AGREEMENTS) expect(titles.some((row) => row.includes(a.title))).toBe(true);

      await page.goto(`${run.url}/reports?province=32`);
      await page.locator('table.cycle-times').waitFor();
      const [csv] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Unduh CSV' }).click(),
      ]);
      const lines = (await readFile(await csv.path(), 'utf8')).trim().split(/\r?\n/);
      expect(lines).toHaveLength(2);
      expect(lines[1]).toContain('Laporan uji Tasikmalaya');
      await visit(page, 'reports-export');
    },
    TIMEOUT,
  );
});
