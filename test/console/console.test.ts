// The coordinator console in a real browser (Debian's chromium driven by playwright-core)
// against `npm start` (started by test/support/console-browser.ts on free ports): the
// development sign-in, the dashboard, registering an agreement, recording the MoU and the PKS through the forms, a
// validation error placed on its field, a 409 in plain words, the cancellation, the import, a
// partner who sees only their region, an expired session that keeps what was typed, and
// axe-core on every page. Screenshots of every page go to test-artifacts/console/ (git-ignored).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import {
  ROOT,
  shoot,
  startConsoleRun,
  visit,
  type ConsoleRun,
} from '../support/console-browser.ts';

const TIMEOUT = 120_000;

let run: ConsoleRun;
let consoleUrl = '';
const newPage = (viewport?: { width: number; height: number }) => run.newPage(viewport);

/** Waits until the list shows `count` rows (it reloads after each change of the URL). */
async function rowsShown(page: Page, count: number): Promise<void> {
  const rows = page.locator('table.agreements tbody tr');
  const deadline = Date.now() + 15_000;
  while ((await rows.count()) !== count) {
    if (Date.now() > deadline) {
      throw new Error(`The list shows ${String(await rows.count())} rows, not ${String(count)}`);
    }
    await page.waitForTimeout(100);
  }
}

async function signInAsHost(page: Page): Promise<void> {
  await page.goto(`${consoleUrl}/dev-sign-in?role=host`);
  await page.getByRole('heading', { level: 1, name: 'Ringkasan' }).waitFor();
}

beforeAll(async () => {
  run = await startConsoleRun();
  consoleUrl = run.consoleUrl;
  expect(run.output().indexOf('Console ')).toBeLessThan(run.output().indexOf('API '));
}, TIMEOUT);

afterAll(async () => {
  await run.stop();
}, TIMEOUT);

describe('the coordinator console', () => {
  let agreementUrl = '';

  it(
    'shows the sign-in page first, then the dashboard with the funnel after the development sign-in as host',
    async () => {
      const page = await newPage();
      await page.goto(consoleUrl);
      await page.getByRole('heading', { level: 1, name: /Masuk untuk pengembangan/ }).waitFor();
      await expect(page.getByText('hanya tersedia dalam mode lokal').isVisible()).resolves.toBe(
        true,
      );
      await visit(page, 'sign-in');

      await page.getByRole('button', { name: 'Masuk' }).click();
      await page.getByRole('heading', { level: 1, name: 'Ringkasan' }).waitFor();
      await page.getByRole('link', { name: /^Kesepakatan Bersama\s*0$/ }).waitFor();
      await visit(page, 'dashboard-empty');
    },
    TIMEOUT,
  );

  it(
    'registers an agreement through the form, with the region found as one types',
    async () => {
      const page = await newPage();
      await signInAsHost(page);
      await page.getByRole('link', { name: 'Kerja Sama Baru' }).click();
      await page.getByRole('heading', { level: 1, name: 'Kerja Sama Baru' }).waitFor();
      await page.getByLabel('Judul kerja sama').fill('Kerja sama smart city Kabupaten Kubu Raya');
      await page.getByRole('combobox', { name: 'Daerah mitra' }).fill('Kubu');
      await page.getByRole('option', { name: /Kubu Raya/ }).click();
      await page.getByRole('checkbox', { name: /Sabilulungan/ }).check();
      await page.getByRole('checkbox', { name: /e-RK/ }).check();
      const contacts = [
        ['Kepala Diskominfo Kabupaten Kubu Raya', 'kadiskominfo@kuburaya.example.go.id'],
        ['Sekretaris Daerah Kabupaten Kubu Raya', 'sekda@kuburaya.example.go.id'],
        ['Kepala Bidang Aplikasi Informatika', 'aptika@kuburaya.example.go.id'],
      ];
      for (const [i, [name, email]] of contacts.entries()) {
        await page
          .getByLabel('Nama', { exact: true })
          .nth(i)
          .fill(name ?? '');
        await page
          .getByLabel('Alamat surel')
          .nth(i)
          .fill(email ?? '');
      }
      await visit(page, 'new-agreement');
      await page.getByRole('button', { name: 'Daftarkan' }).click();

      await page
        .getByRole('heading', { level: 1, name: 'Kerja sama smart city Kabupaten Kubu Raya' })
        .waitFor();
      agreementUrl = page.url();
      expect(agreementUrl).toMatch(/\/agreements\/[^/]+$/);
      await expect(page.locator('.progress [aria-current="step"]').textContent()).resolves.toBe(
        'Kesepakatan Bersama',
      );
      await page.locator('.timeline').getByText('Kerja sama didaftarkan').waitFor();
      await visit(page, 'agreement-mou');
    },
    TIMEOUT,
  );

  it(
    'records the MoU and the PKS through the forms; the stage and the timeline change, a bad field shows its error beside it, a 409 says why',
    async () => {
      const page = await newPage();
      await signInAsHost(page);
      await page.goto(agreementUrl);
      const form = page.locator('form.milestone-form');
      await expect(form.getByLabel('Jenis tonggak').inputValue()).resolves.toBe('MOU_SIGNED');
      await form.getByLabel('Tanggal', { exact: true }).fill('2018-12-14');
      await form.getByLabel(/Nomor dokumen pihak pertama/).fill('415.4/123-Diskominfo');
      await form.getByRole('button', { name: 'Simpan' }).click();
      await page
        .locator('.progress [aria-current="step"]', { hasText: 'Perjanjian Kerja Sama' })
        .waitFor();
      await page
        .locator('.timeline')
        .getByText(/Kesepakatan Bersama ditandatangani/)
        .waitFor();
      await page
        .locator('.timeline')
        .getByText('Kesepakatan Bersama → Perjanjian Kerja Sama')
        .waitFor();
      await page.locator('.documents').getByText('415.4/123-Diskominfo').waitFor();

      // A signatory without a name: the API's 400 names body.signatories.0.name.
      await expect(form.getByLabel('Jenis tonggak').inputValue()).resolves.toBe('PKS_SIGNED');
      await form.getByLabel('Tanggal', { exact: true }).fill('2019-02-22');
      await form.getByRole('button', { name: 'Tambah penandatangan' }).click();
      await form.getByLabel('Jabatan').fill('Wali Kota Bandung');
      await form.getByRole('button', { name: 'Simpan' }).click();
      const nameField = form.locator('.field', { has: page.getByLabel('Nama penandatangan') });
      await nameField.locator('[data-field-error]').waitFor();
      await expect(
        page.getByLabel('Nama penandatangan').getAttribute('aria-invalid'),
      ).resolves.toBe('true');
      await expect(form.getByRole('alert').textContent()).resolves.toContain(
        'Periksa kolom yang ditandai',
      );
      await visit(page, 'agreement-validation-error');

      await form.getByLabel('Nama penandatangan').fill('Ridwan Contoh');
      await form.getByRole('button', { name: 'Simpan' }).click();
      await page.locator('.progress [aria-current="step"]', { hasText: 'Serah Terima' }).waitFor();
      await page.locator('.timeline').getByText('Perjanjian Kerja Sama → Serah Terima').waitFor();
      await page
        .locator('.documents')
        .getByText(/Ridwan Contoh, Wali Kota Bandung/)
        .waitFor();

      // The MoU again, in the handover stage: refused in plain words.
      await form.getByLabel('Jenis tonggak').selectOption('MOU_SIGNED');
      await form.getByLabel('Tanggal', { exact: true }).fill('2019-03-01');
      await form.getByRole('button', { name: 'Simpan' }).click();
      await expect(form.getByRole('alert').textContent()).resolves.toContain(
        'Tidak dapat dicatat pada tahap ini',
      );
      await visit(page, 'agreement-handover');
    },
    TIMEOUT,
  );

  it(
    'imports the sample CSV: a dry-run preview first, then the import with its progress and a result per row',
    async () => {
      const page = await newPage();
      await signInAsHost(page);
      await page.getByRole('link', { name: 'Impor CSV' }).click();
      await page.getByRole('heading', { level: 1, name: /Impor Kerja Sama/ }).waitFor();
      const sample = await readFile(join(ROOT, 'docs', 'import-sample.csv'), 'utf8');
      const broken = sample.replace('kadiskominfo@kerinci.example.go.id', 'bukan-alamat');
      await page.getByLabel('Berkas CSV').setInputFiles({
        name: 'impor.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(broken),
      });
      const rows = page.locator('tbody tr');
      // The preview is built after the file is read: wait for its last row before counting.
      await rows.nth(7).waitFor();
      await expect(rows.count()).resolves.toBe(8);
      await expect(rows.nth(0).textContent()).resolves.toContain('official_email');
      await expect(rows.nth(0).textContent()).resolves.toContain('Ditolak');
      await expect(page.locator('tbody tr', { hasText: 'Siap diimpor' }).count()).resolves.toBe(7);
      await visit(page, 'import-preview');

      await page.getByRole('button', { name: 'Impor', exact: true }).click();
      await page
        .locator('tbody tr', { hasText: 'Didaftarkan' })
        .nth(6)
        .waitFor({ timeout: 60_000 });
      await expect(page.locator('progress').getAttribute('value')).resolves.toBe('7');
      await expect(page.locator('tbody tr', { hasText: 'Ditolak' }).count()).resolves.toBe(1);
      await visit(page, 'import-done');
    },
    TIMEOUT,
  );

  it(
    'lists and filters the agreements, with the filters in the URL',
    async () => {
      const page = await newPage();
      await signInAsHost(page);
      await page.getByRole('link', { name: 'Daftar Kerja Sama' }).click();
      await page.locator('table.agreements tbody tr').nth(7).waitFor();
      await visit(page, 'agreements');

      // The agreement registered above and the imported Kubu Raya row (MoU and PKS signed).
      await page.getByLabel('Tahap').selectOption('HANDOVER');
      await page.getByRole('button', { name: 'Terapkan' }).click();
      await page.waitForURL(/stage=HANDOVER/);
      await rowsShown(page, 2);
      await expect(
        page.locator('table.agreements tbody td[data-label="Daerah mitra"]').allTextContents(),
      ).resolves.toEqual(['Kabupaten Kubu Raya', 'Kabupaten Kubu Raya']);

      // A province picked by name: Kubu Raya twice and Mempawah lie in Kalimantan Barat.
      await page.getByLabel('Tahap').selectOption('');
      await page.getByRole('combobox', { name: /Provinsi/ }).fill('Kalimantan Barat');
      await page.getByRole('option', { name: /^Kalimantan Barat \(61\)/ }).click();
      await page.getByRole('button', { name: 'Terapkan' }).click();
      await page.waitForURL(/province=61/);
      await rowsShown(page, 3);

      // A bookmarked view opens as it was left.
      await page.goto(`${consoleUrl}/agreements?q=Tanjung`);
      await rowsShown(page, 1);
      await expect(page.getByLabel('Cari judul atau nama daerah').inputValue()).resolves.toBe(
        'Tanjung',
      );
    },
    TIMEOUT,
  );

  it(
    'shows a partner coordinator their own region only',
    async () => {
      const page = await newPage();
      await page.goto(`${consoleUrl}/dev-sign-in?role=partner&region=61.12`);
      await page.getByRole('heading', { level: 1, name: 'Ringkasan' }).waitFor();
      await page.getByText('Kabupaten Kubu Raya ·').first().waitFor();
      await visit(page, 'dashboard-partner');
      await expect(page.getByRole('link', { name: 'Kerja Sama Baru' }).count()).resolves.toBe(0);

      await page.getByRole('link', { name: 'Daftar Kerja Sama' }).click();
      await page.locator('table.agreements tbody tr').first().waitFor();
      const regions = await page
        .locator('table.agreements tbody td[data-label="Daerah mitra"]')
        .allTextContents();
      expect(regions.length).toBeGreaterThan(0);
      expect(new Set(regions)).toEqual(new Set(['Kabupaten Kubu Raya']));
      await visit(page, 'agreements-partner');
    },
    TIMEOUT,
  );

  it(
    'cancels an agreement with a reason',
    async () => {
      const page = await newPage();
      await signInAsHost(page);
      await page.goto(agreementUrl);
      await page.getByLabel('Alasan pembatalan').fill('Daerah mitra mengundurkan diri.');
      await page.getByRole('button', { name: 'Batalkan kerja sama ini' }).click();
      await page
        .getByText('Kerja sama ini telah dibatalkan: Daerah mitra mengundurkan diri.')
        .waitFor();
      await page.locator('.timeline').getByText('Kerja sama dibatalkan').waitFor();
      await expect(page.locator('form.milestone-form').count()).resolves.toBe(0);
      await visit(page, 'agreement-cancelled');
    },
    TIMEOUT,
  );

  it(
    'brings back what was typed after the session ended and the coordinator signed in again',
    async () => {
      const page = await newPage();
      await page.clock.install();
      await signInAsHost(page);
      await page.getByRole('link', { name: 'Kerja Sama Baru' }).click();
      await page.getByLabel('Judul kerja sama').fill('Kerja sama yang belum selesai diketik');
      // The session expires (the development token lasts 12 hours) while the coordinator types.
      await page.clock.fastForward('13:00:00');
      await page.getByRole('combobox', { name: 'Daerah mitra' }).fill('Bandung');
      await page.getByText(/Sesi Anda telah berakhir/).waitFor();
      await shoot(page, 'session-expired');
      // Back to the real time, so that the new token is not already past its expiry.
      await page.clock.setSystemTime(Date.now());
      await page.getByRole('button', { name: 'Masuk' }).click();
      await page.getByRole('heading', { level: 1, name: 'Kerja Sama Baru' }).waitFor();
      await expect(page.getByLabel('Judul kerja sama').inputValue()).resolves.toBe(
        'Kerja sama yang belum selesai diketik',
      );
    },
    TIMEOUT,
  );

  it(
    'switches to English and fits a phone',
    async () => {
      const page = await newPage({ width: 390, height: 844 });
      await signInAsHost(page);
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
      const overflow = await page.evaluate<number>(
        'document.documentElement.scrollWidth - window.innerWidth',
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await visit(page, 'dashboard-phone-en');
      await page.goto(agreementUrl);
      await page.getByRole('heading', { level: 2, name: 'History' }).waitFor();
      await visit(page, 'agreement-phone-en');
    },
    TIMEOUT,
  );
});
