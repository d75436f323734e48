// The console's parts of terms (issue 17) and action links (issue 18) in a real browser, against
// `npm start` whose workflow clock starts on a working morning (so the opening nudges go at
// once): the list's term filters and the term in its rows; the page behind the MoU email's
// action link, captured by the SES stand-in (opening it changes nothing, answering DONE with a
// date records a report); the report on the dashboard and on the agreement page, where the
// coordinator confirms it and the agreement moves on to the PKS; the spent link's one message;
// another agreement's PKS report rejected with a reason; the OBSTACLE and WRONG_PERSON forms.
// axe-core finds no violation at all on the new pages.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { addDays, dateInZone } from '../../domain/dates.ts';
import { isWorkingDay } from '../../domain/office-hours.ts';
import { PARTNER_OFFICIAL_EMAIL } from '../../local/example-agreement.ts';
import { agreementBody } from '../support/api.ts';
import {
  TIMEOUT,
  rowsShown,
  startLocalConsole,
  visit,
  type LocalConsole,
} from '../support/console-browser.ts';

let local: LocalConsole;
let hostToken = '';
/** The workflow's today: a working day after the real one, 09:00 WIB when local mode starts. */
let today = '';

/** The first working day after today's date in WIB. */
function nextWorkingDay(): string {
  let date = addDays(dateInZone(new Date(), 'Asia/Jakarta'), 1);
  while (!isWorkingDay(date)) date = addDays(date, 1);
  return date;
}

beforeAll(async () => {
  today = nextWorkingDay();
  local = await startLocalConsole(async (dataDir) => {
    // Local mode's clock resumes where clock.json says when that is later than now.
    const clock = {
      workflowTime: `${today}T02:00:00.000Z`,
      savedAt: new Date().toISOString(),
      timeScale: 1,
    };
    await writeFile(join(dataDir, 'clock.json'), JSON.stringify(clock));
  });
  const answer = await fetch(`${local.url}/dev-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ role: 'host' }),
  });
  hostToken = ((await answer.json()) as { token: string }).token;
}, TIMEOUT);

afterAll(async () => {
  await local.close();
}, TIMEOUT);

/** The API as the host's coordinator, or without a token. */
async function call(
  path: string,
  init: { method?: string; body?: unknown; signedIn?: boolean } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${local.urls.api}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      'content-type': 'application/json',
      ...(init.signedIn === false ? {} : { authorization: `Bearer ${hostToken}` }),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function register(overrides: Record<string, unknown>): Promise<string> {
  const created = await call('/agreements', { method: 'POST', body: agreementBody(overrides) });
  expect(created.status).toBe(201);
  return created.body.id as string;
}

/** The action link (its token) the partner official got in the first email `subject` about `id`. */
async function linkOf(id: string, subject: RegExp): Promise<string> {
  const link = new RegExp(`${local.url}/tindak-lanjut/([A-Za-z0-9_-]+)`);
  const deadline = Date.now() + 30_000;
  let subjects: string[] = [];
  while (Date.now() < deadline) {
    const store = (await (await fetch(`${local.urls.ses ?? ''}/store`)).json()) as {
      emails: {
        subject: string;
        destination: { to: string[] };
        body: { text?: string };
        tags?: Record<string, string>;
      }[];
    };
    const email = store.emails.find(
      (e) =>
        e.tags?.agreement === id &&
        subject.test(e.subject) &&
        e.destination.to.some((to) => to.includes(PARTNER_OFFICIAL_EMAIL)),
    );
    subjects = store.emails.filter((e) => e.tags?.agreement === id).map((e) => e.subject);
    const found = link.exec(email?.body.text ?? '');
    if (found?.[1]) return found[1];
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`No email ${String(subject)} with a link about ${id}: ${subjects.join('; ')}`);
}

async function historyTypes(id: string): Promise<string[]> {
  const history = await call(`/agreements/${id}/history?limit=100`);
  return (history.body.items as { type: string }[]).map((event) => event.type);
}

async function signInAsHost(page: Page): Promise<void> {
  await page.goto(`${local.url}/dev-sign-in?role=host`);
  await page.getByRole('heading', { level: 1, name: 'Ringkasan' }).waitFor();
}

describe('the term filters of the agreement list', () => {
  it(
    'filters by term status and by "ends within", and shows each row’s term and days left',
    async () => {
      const pks = (validUntil: string) => [
        { type: 'MOU_SIGNED', occurredAt: addDays(today, -400) },
        { type: 'PKS_SIGNED', occurredAt: addDays(today, -300), validUntil },
      ];
      await register({ title: 'Kerja Sama Berakhir Segera', milestones: pks(addDays(today, 45)) });
      await register({ title: 'Kerja Sama Masih Panjang', milestones: pks(addDays(today, 700)) });
      await register({ title: 'Kerja Sama Tanpa PKS' });

      const page = await local.newPage();
      await signInAsHost(page);
      await page.getByRole('link', { name: 'Daftar Kerja Sama' }).click();
      await rowsShown(page, 3);

      await page.getByLabel('Status jangka waktu').selectOption('EXPIRING');
      await page.getByRole('button', { name: 'Terapkan' }).click();
      await page.waitForURL(/termStatus=EXPIRING/);
      await rowsShown(page, 1);
      const row = page.locator('table.agreements tbody tr');
      await expect(row.locator('td[data-label="Judul"]').textContent()).resolves.toContain(
        'Kerja Sama Berakhir Segera',
      );
      await expect(row.locator('td[data-label="Jangka waktu"]').textContent()).resolves.toMatch(
        /^Segera berakhir · 4[45] hari lagi$/,
      );
      await visit(page, 'agreements-term-expiring', true);

      await page.getByLabel('Status jangka waktu').selectOption('IN_FORCE');
      await page.getByRole('button', { name: 'Terapkan' }).click();
      await page.waitForURL(/termStatus=IN_FORCE/);
      // The URL changes before the new page of the list comes: wait for its row, not any row.
      await row
        .locator('td[data-label="Judul"]', { hasText: 'Kerja Sama Masih Panjang' })
        .waitFor();
      await rowsShown(page, 1);

      // The quick choices of "ends within", from a bookmarked URL and from the form.
      await page.goto(`${local.url}/agreements?expiringWithinDays=30`);
      await page.getByText('Belum ada kerja sama yang sesuai.').waitFor();
      await expect(page.getByLabel('Berakhir dalam').inputValue()).resolves.toBe('30');
      await page.getByLabel('Berakhir dalam').selectOption('60');
      await page.getByRole('button', { name: 'Terapkan' }).click();
      await page.waitForURL(/expiringWithinDays=60/);
      await rowsShown(page, 1);
      await expect(row.locator('td[data-label="Judul"]').textContent()).resolves.toContain(
        'Kerja Sama Berakhir Segera',
      );
    },
    TIMEOUT,
  );
});

describe('the action link of the MoU email', () => {
  let id = '';
  let token = '';
  const title = 'Kerja Sama Tautan Tindak Lanjut Kubu Raya';

  beforeAll(async () => {
    id = await register({ title });
    token = await linkOf(id, /^Mohon tindak lanjut/);
    // The email is in the store a moment before the workflow records it (NUDGE_SENT).
    const deadline = Date.now() + 30_000;
    while (!(await historyTypes(id)).includes('NUDGE_SENT')) {
      if (Date.now() > deadline) throw new Error(`No NUDGE_SENT recorded on ${id}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }, TIMEOUT);

  it(
    'opens without sign-in and changes nothing: the agreement, what is awaited, the answers',
    async () => {
      const before = await call(`/agreements/${id}`);
      const eventsBefore = await historyTypes(id);
      const page = await local.newPage();
      await page.goto(`${local.url}/tindak-lanjut/${token}`);
      await page
        .getByRole('heading', { level: 1, name: 'Tanggapan atas surat kerja sama' })
        .waitFor();
      await page.getByText(title).waitFor();
      await page.getByText('Penandatanganan Kesepakatan Bersama (MoU)').waitFor();
      const answers = page.getByRole('group', { name: 'Tanggapan Bapak/Ibu' }).getByRole('radio');
      await expect(answers.count()).resolves.toBe(3);
      await visit(page, 'action-link', true);
      await page.reload();
      await page.getByText(title).waitFor();
      const after = await call(`/agreements/${id}`);
      expect(after.body.version).toBe(before.body.version);
      expect(await historyTypes(id)).toEqual(eventsBefore);
      expect(after.body.pendingReports).toBeUndefined();
    },
    TIMEOUT,
  );

  it(
    'answers DONE with a date from the page; the report waits for a coordinator',
    async () => {
      const page = await local.newPage();
      await page.goto(`${local.url}/tindak-lanjut/${token}`);
      await page.getByRole('radio', { name: 'Langkah ini telah terlaksana' }).check();
      const form = page.getByRole('form', { name: 'Langkah ini telah terlaksana' });
      // Without a date: the API's error beside the field.
      await form.getByRole('button', { name: 'Kirim laporan' }).click();
      await form
        .locator('.field-invalid', { has: page.getByLabel('Tanggal pelaksanaan') })
        .waitFor();
      await visit(page, 'action-link-done-form', true);
      await form.getByLabel('Tanggal pelaksanaan').fill(today);
      await form.getByLabel('Nomor dokumen').fill('415.4/27/Pem/2026');
      await form.getByRole('button', { name: 'Kirim laporan' }).click();
      await page.getByRole('heading', { level: 1, name: 'Terima kasih' }).waitFor();
      await page.getByText('akan diperiksa oleh koordinator').waitFor();
      await visit(page, 'action-link-answered', true);
      const agreement = await call(`/agreements/${id}`);
      expect(agreement.body.stage).toBe('MOU');
      expect(agreement.body.pendingReports).toEqual([
        expect.objectContaining({
          details: { occurredAt: today, documentNumber: '415.4/27/Pem/2026' },
        }),
      ]);
    },
    TIMEOUT,
  );

  it(
    'shows the report on the dashboard and on the agreement, where the coordinator confirms it: the PKS begins',
    async () => {
      const page = await local.newPage();
      await signInAsHost(page);
      const waiting = page.locator('section', {
        has: page.getByRole('heading', { name: 'Laporan pejabat menunggu konfirmasi' }),
      });
      await waiting.getByRole('link', { name: title }).waitFor();
      await expect(waiting.textContent()).resolves.toContain('1 laporan menunggu sejak');
      await visit(page, 'dashboard-reports-to-confirm', true);

      await waiting.getByRole('link', { name: title }).click();
      const reports = page.locator('section.pending-reports');
      await reports.getByText('Kesepakatan Bersama ditandatangani').waitFor();
      await expect(reports.textContent()).resolves.toContain(
        'Kepala Diskominfo Kabupaten Kubu Raya',
      );
      await expect(reports.textContent()).resolves.toContain('415.4/27/Pem/2026');
      await visit(page, 'agreement-pending-report', true);

      await reports.getByRole('button', { name: 'Konfirmasi' }).click();
      await page
        .locator('.progress [aria-current="step"]', { hasText: 'Perjanjian Kerja Sama' })
        .waitFor();
      await expect(page.locator('section.pending-reports').count()).resolves.toBe(0);
      await page.locator('.timeline').getByText('Laporan pejabat dikonfirmasi').waitFor();
      await page.locator('.documents').getByText('415.4/27/Pem/2026').waitFor();
    },
    TIMEOUT,
  );

  it(
    'then shows the spent link’s one message, as it does for a token that never existed',
    async () => {
      const page = await local.newPage();
      await page.goto(`${local.url}/tindak-lanjut/${token}`);
      await page.getByRole('heading', { level: 1, name: 'Tautan tidak berlaku' }).waitFor();
      await visit(page, 'action-link-dead', true);
      await page.goto(`${local.url}/tindak-lanjut/${'A'.repeat(43)}`);
      await page.getByRole('heading', { level: 1, name: 'Tautan tidak berlaku' }).waitFor();
    },
    TIMEOUT,
  );

  it(
    'a PKS report is rejected with a reason: the stage stays and the report goes',
    async () => {
      // Another agreement, in PKS from the start: nobody gets two nudges about one agreement
      // on one working day, so the first one's PKS email waits for tomorrow.
      const pks = await register({
        title: 'Kerja Sama PKS Kubu Raya',
        milestones: [{ type: 'MOU_SIGNED', occurredAt: addDays(today, -10) }],
      });
      const pksToken = await linkOf(pks, /^Mohon tindak lanjut: tanda tangan PKS/);
      const done = await call(`/actions/${pksToken}`, {
        method: 'POST',
        signedIn: false,
        body: { answer: 'DONE', occurredAt: today },
      });
      expect(done.status).toBe(200);
      const page = await local.newPage();
      await signInAsHost(page);
      await page.goto(`${local.url}/agreements/${pks}`);
      const reports = page.locator('section.pending-reports');
      await reports.getByRole('button', { name: 'Tolak' }).click();
      // Without a reason: the API's error beside the field.
      await reports.getByRole('button', { name: 'Tolak laporan ini' }).click();
      await reports.locator('[data-field-error]').waitFor();
      await reports.getByLabel('Alasan penolakan').fill('PKS belum ditandatangani pihak kedua.');
      await reports.getByRole('button', { name: 'Tolak laporan ini' }).click();
      await page.locator('.timeline').getByText('PKS belum ditandatangani pihak kedua.').waitFor();
      await expect(page.locator('section.pending-reports').count()).resolves.toBe(0);
      await expect(page.locator('.progress [aria-current="step"]').textContent()).resolves.toBe(
        'Perjanjian Kerja Sama',
      );
    },
    TIMEOUT,
  );
});

describe('the other answers of an action link', () => {
  it(
    'OBSTACLE: the official names what blocks the step and until when; reminders pause',
    async () => {
      const id = await register({ title: 'Kerja Sama Kendala DPRD Kubu Raya' });
      const token = await linkOf(id, /^Mohon tindak lanjut/);
      const page = await local.newPage();
      await page.goto(`${local.url}/tindak-lanjut/${token}`);
      await page.getByRole('radio', { name: 'Terdapat kendala' }).check();
      const form = page.getByRole('form', { name: 'Terdapat kendala' });
      await form.getByLabel('Kendala yang dihadapi').fill('Menunggu persetujuan DPRD.');
      await form.getByLabel('Perkiraan kendala selesai').fill(addDays(today, 30));
      await visit(page, 'action-link-obstacle-form', true);
      await form.getByRole('button', { name: 'Kirim kendala' }).click();
      await page.getByRole('heading', { level: 1, name: 'Terima kasih' }).waitFor();
      await page
        .getByRole('status')
        .getByText('Pengingat untuk langkah ini ditunda sampai')
        .waitFor();
      const agreement = await call(`/agreements/${id}`);
      expect(agreement.body.pausedWaits).toEqual({
        MOU: expect.objectContaining({
          until: addDays(today, 30),
          reason: 'Menunggu persetujuan DPRD.',
        }),
      });
    },
    TIMEOUT,
  );

  it(
    'WRONG_PERSON: the official names who handles it; a bad address shows beside its field',
    async () => {
      const id = await register({ title: 'Kerja Sama Pejabat Lain Kubu Raya' });
      const token = await linkOf(id, /^Mohon tindak lanjut/);
      const page = await local.newPage();
      await page.goto(`${local.url}/tindak-lanjut/${token}`);
      await page.getByRole('radio', { name: 'Urusan ini ditangani oleh pejabat lain' }).check();
      const form = page.getByRole('form', { name: 'Urusan ini ditangani oleh pejabat lain' });
      await form
        .getByLabel('Nama', { exact: true })
        .fill('Sekretaris Diskominfo Kabupaten Kubu Raya');
      await form.getByLabel('Jabatan').fill('Sekretaris Dinas');
      await form.getByLabel('Alamat surel').fill('bukan-alamat');
      await form.getByRole('button', { name: 'Kirim nama pejabat' }).click();
      await form.locator('.field-invalid', { has: page.getByLabel('Alamat surel') }).waitFor();
      await visit(page, 'action-link-wrong-person-form', true);
      await form.getByLabel('Alamat surel').fill('sekdis@kuburaya.example.go.id');
      await form.getByRole('button', { name: 'Kirim nama pejabat' }).click();
      await page.getByRole('heading', { level: 1, name: 'Terima kasih' }).waitFor();
      await page
        .getByRole('status')
        .getByText('Koordinator akan memperbarui data kontak.')
        .waitFor();
      const history = await call(`/agreements/${id}/history?limit=100`);
      expect(history.body.items).toContainEqual(
        expect.objectContaining({
          type: 'OFFICIAL_REPORTED',
          data: expect.objectContaining({
            answer: 'WRONG_PERSON',
            suggestedContact: {
              name: 'Sekretaris Diskominfo Kabupaten Kubu Raya',
              position: 'Sekretaris Dinas',
              email: 'sekdis@kuburaya.example.go.id',
            },
          }),
        }),
      );
    },
    TIMEOUT,
  );
});
