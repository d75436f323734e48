// The documents' files on the agreement page, in a real browser against `npm start` (the API,
// the S3 stand-in and the console on their own ports): a small real PDF goes up with its progress
// bar showing (the upload throttled, as on a slow line), is listed with its SHA-256, comes down
// with the same bytes; a text file named .pdf is refused and deleted, a Word file and a file too
// large are refused before anything goes up, each in plain Indonesian; a withdrawal keeps the
// document with its reason. axe-core on the page; screenshots in test-artifacts/console/.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import {
  expectAccessible,
  shoot,
  startLocalConsole,
  visit,
  type LocalConsole,
} from '../support/console-browser.ts';
import { kubuRayaInput, SMALL_PDF, THROUGH_PKS } from '../support/fixtures.ts';

const TIMEOUT = 120_000;

let run: LocalConsole;
let agreementUrl = '';

/**
 * A real PDF of about 200 KB: the small one with comment lines after its header, as a scanner's
 * file carries its own data; a PDF reader skips them.
 */
const PKS_PDF = Buffer.concat([
  Buffer.from('%PDF-1.4\n'),
  Buffer.from(`%${'x'.repeat(99)}\n`.repeat(2000)),
  SMALL_PDF.subarray('%PDF-1.4\n'.length),
]);
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function api(path: string, token: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${run.urls.api}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as Record<string, unknown>;
  if (!response.ok)
    throw new Error(`${path}: HTTP ${String(response.status)} ${JSON.stringify(answer)}`);
  return answer;
}

async function signedInOnAgreementPage(): Promise<Page> {
  const page = await run.newPage();
  await page.goto(`${run.url}/dev-sign-in?role=host`);
  await page.getByRole('heading', { level: 1, name: 'Ringkasan' }).waitFor();
  await page.goto(agreementUrl);
  await page.getByRole('heading', { level: 2, name: 'Berkas dokumen' }).waitFor();
  return page;
}

const rows = (page: Page) => page.locator('.document-files tbody tr');

async function chooseFile(page: Page, name: string, mimeType: string, buffer: Buffer) {
  await page.getByLabel('Berkas', { exact: true }).setInputFiles({ name, mimeType, buffer });
}

beforeAll(async () => {
  run = await startLocalConsole();
  const host = await run.token({ role: 'host' });
  const { title, partnerRegion, apps, contacts } = kubuRayaInput();
  const created = await api('/agreements', host, {
    title,
    partnerRegion,
    apps,
    contacts,
    milestones: THROUGH_PKS,
  });
  agreementUrl = `${run.url}/agreements/${String(created.id)}`;
}, TIMEOUT);

afterAll(async () => {
  await run.close();
}, TIMEOUT);

describe('the documents of an agreement in the console', () => {
  it(
    'uploads a PDF with a progress bar, lists it with its SHA-256 and downloads the same bytes',
    async () => {
      const page = await signedInOnAgreementPage();
      await page.getByText('Belum ada berkas dokumen yang dilampirkan.').waitFor();
      await page.getByLabel('Jenis dokumen').selectOption('PKS');
      await page.getByLabel('Tonggak yang didokumentasikan').selectOption('PKS_SIGNED');
      await chooseFile(page, 'PKS Kubu Raya 2018.pdf', 'application/pdf', PKS_PDF);

      // About 40 KB a second: the 200 KB upload takes seconds, long enough to see it move.
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 20,
        downloadThroughput: -1,
        uploadThroughput: 40 * 1024,
      });
      await page.getByRole('button', { name: 'Unggah', exact: true }).click();
      const bar = page.locator('.upload-progress progress');
      await page.getByText(/Mengunggah berkas… [1-9]\d?%/).waitFor();
      await expect(bar.isVisible()).resolves.toBe(true);
      const midway = Number(await bar.getAttribute('value'));
      expect(midway).toBeGreaterThan(0);
      expect(midway).toBeLessThan(100);
      await shoot(page, 'documents-uploading');
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput: -1,
      });

      await page.getByText('Dokumen telah dilampirkan: PKS Kubu Raya 2018.pdf').waitFor();
      await rows(page).first().waitFor();
      await expect(rows(page).count()).resolves.toBe(1);
      const row = rows(page).first();
      await expect(row.textContent()).resolves.toContain('Perjanjian Kerja Sama (PKS)');
      await expect(row.textContent()).resolves.toContain('PKS Kubu Raya 2018.pdf');
      await expect(row.textContent()).resolves.toContain('Perjanjian Kerja Sama ditandatangani');
      const digest = sha256(PKS_PDF);
      await expect(row.locator('code.sha256').textContent()).resolves.toBe(
        `${digest.slice(0, 12)}…`,
      );
      await expect(row.locator('code.sha256').getAttribute('title')).resolves.toBe(digest);
      await page
        .locator('.timeline')
        .getByText(/Dokumen dilampirkan/)
        .waitFor();
      await visit(page, 'documents-attached');

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        row.getByRole('button', { name: 'Unduh PKS Kubu Raya 2018.pdf' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('PKS Kubu Raya 2018.pdf');
      const downloaded = await readFile(await download.path());
      expect(sha256(downloaded)).toBe(digest);
      expect(downloaded.equals(PKS_PDF)).toBe(true);
    },
    TIMEOUT,
  );

  it(
    'refuses a text file named .pdf, a Word file and a file too large, in plain words',
    async () => {
      const page = await signedInOnAgreementPage();
      await rows(page).first().waitFor();
      const alert = page.locator('.upload-form [role="alert"]');

      await chooseFile(page, 'PKS palsu.pdf', 'application/pdf', Buffer.from('Ini bukan PDF.\n'));
      await page.getByRole('button', { name: 'Unggah', exact: true }).click();
      await alert.waitFor();
      await expect(alert.textContent()).resolves.toContain('Berkas ditolak dan telah dihapus');
      await visit(page, 'documents-refused');

      await chooseFile(
        page,
        'PKS.docx',
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        Buffer.from('PK\u0003\u0004'),
      );
      await page.getByRole('button', { name: 'Unggah', exact: true }).click();
      await expect(alert.textContent()).resolves.toContain('Jenis berkas tidak dapat diterima');

      // 26 MB: refused when announced (the default limit, 25 MB), before anything goes up.
      const large = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(26 * 2 ** 20, 0x20)]);
      await chooseFile(page, 'PKS besar.pdf', 'application/pdf', large);
      await page.getByRole('button', { name: 'Unggah', exact: true }).click();
      await page.getByText(/Berkas terlalu besar\. Ukuran berkas paling besar 25 MB/).waitFor();

      await page.reload();
      await rows(page).first().waitFor();
      await expect(rows(page).count()).resolves.toBe(1);
    },
    TIMEOUT,
  );

  it(
    'withdraws a document with a reason, and keeps it listed as withdrawn',
    async () => {
      const page = await signedInOnAgreementPage();
      const row = rows(page).first();
      await row.getByText('Tarik dokumen', { exact: true }).click();
      await row.getByLabel(/Alasan penarikan/).fill('Pindaian terpotong pada halaman terakhir.');
      await row.getByRole('button', { name: 'Tarik dokumen ini' }).click();
      await row.getByText('Ditarik', { exact: true }).waitFor();
      await expect(row.textContent()).resolves.toContain(
        'Alasan penarikan: Pindaian terpotong pada halaman terakhir.',
      );
      await expect(row.getByText('Tarik dokumen', { exact: true }).count()).resolves.toBe(0);
      await page
        .locator('.timeline')
        .getByText(/Dokumen ditarik/)
        .waitFor();
      await expectAccessible(page, 'documents-withdrawn');
      await shoot(page, 'documents-withdrawn');
    },
    TIMEOUT,
  );

  it(
    'lets a partner of the region attach their side’s kinds on a phone and withdraw only their own; another region sees nothing',
    async () => {
      const page = await run.newPage({ width: 390, height: 844 });
      await page.goto(`${run.url}/dev-sign-in?role=partner&region=61.12`);
      await page.getByRole('heading', { level: 1, name: 'Ringkasan' }).waitFor();
      await page.goto(agreementUrl);
      await rows(page).first().waitFor();
      const kinds = await page.getByLabel('Jenis dokumen').locator('option').allTextContents();
      expect(kinds).not.toContain('Berita Acara Serah Terima (BAST)');
      expect(kinds).toContain('Kesepakatan Bersama (MoU)');
      await page.getByLabel('Tonggak yang didokumentasikan').selectOption('MOU_SIGNED');
      await chooseFile(page, 'MoU Kubu Raya.pdf', 'application/pdf', SMALL_PDF);
      await page.getByRole('button', { name: 'Unggah', exact: true }).click();
      await page.getByText('Dokumen telah dilampirkan: MoU Kubu Raya.pdf').waitFor();
      await rows(page).nth(1).waitFor();
      // The host's PKS is withdrawn already; the partner's own MoU may be withdrawn by them.
      await expect(
        rows(page).nth(1).getByText('Tarik dokumen', { exact: true }).count(),
      ).resolves.toBe(1);
      const overflow = await page.evaluate<number>(
        'document.documentElement.scrollWidth - window.innerWidth',
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await visit(page, 'documents-partner-phone');

      const stranger = await run.newPage();
      await stranger.goto(`${run.url}/dev-sign-in?role=partner&region=32.04`);
      await stranger.getByRole('heading', { level: 1, name: 'Ringkasan' }).waitFor();
      await stranger.goto(agreementUrl);
      await stranger.getByRole('alert').waitFor();
      await expect(stranger.locator('.document-files').count()).resolves.toBe(0);
    },
    TIMEOUT,
  );
});
