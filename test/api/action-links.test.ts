// Action links over HTTP on DynamoDB Local, the local workflow and the SES stand-in: the MoU's
// action-needed email holds a link per official; opening it changes nothing; each answer is
// recorded as the contract says; a coordinator confirms or rejects a report; and a link that is
// used, expired, superseded, over or forged answers the same 404.
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { linkFor } from '../../domain/action-links.ts';
import { addDays, latestIndonesianDate } from '../../domain/dates.ts';
import { HOST_COORDINATOR_EMAIL, PARTNER_OFFICIAL_EMAIL } from '../../local/example-agreement.ts';
import { agreementBody, KUBU_RAYA, startApiHarness, type ApiHarness } from '../support/api.ts';
import {
  CONSOLE_URL,
  describeState,
  emailsTo,
  eventually,
  historyOf,
  stored,
} from '../support/workflow.ts';

const HOST_OFFICIAL_EMAIL = 'kadis@bandung.example.go.id';

let h: ApiHarness;
let host: string;
let partner: string;
beforeAll(async () => {
  // Tuesday 1 December 2026, 09:00 WIB: office hours, so the opening nudges go at once.
  h = await startApiHarness({ origin: new Date('2026-12-01T02:00:00Z') });
  host = await h.token({ role: 'host', email: HOST_COORDINATOR_EMAIL });
  partner = await h.token({ role: 'partner', region: KUBU_RAYA });
});
afterAll(async () => {
  await h.close();
});

const today = () => latestIndonesianDate(h.clock.now());
const LINK = new RegExp(`${CONSOLE_URL}/tindak-lanjut/([A-Za-z0-9_-]{43})`, 'g');

/** A Kubu Raya agreement with two officials (one a side), so each nudge carries two links. */
async function createAgreement(): Promise<string> {
  const base = agreementBody();
  const answer = await h.call({
    method: 'POST',
    path: '/agreements',
    token: host,
    body: {
      ...base,
      contacts: [
        ...base.contacts,
        {
          name: 'Kepala Diskominfo Kota Bandung',
          email: HOST_OFFICIAL_EMAIL,
          role: 'OFFICIAL',
          side: 'HOST',
        },
      ],
    },
  });
  expect(answer.status).toBe(201);
  return answer.body.id as string;
}

/** The links of the first nudge of `subject` about the agreement, by official's address. */
async function linksOf(agreementId: string, subject: RegExp): Promise<Map<string, string>> {
  // Twenty seconds (the hook has thirty) and the state on timeout: under load the PKS email took
  // longer than the default ten.
  const email = await eventually(
    `the email ${String(subject)} of ${agreementId}`,
    async () =>
      (await emailsTo(h, PARTNER_OFFICIAL_EMAIL)).find(
        (e) => e.tags.agreement === agreementId && subject.test(e.subject),
      ),
    { timeoutMs: 20_000, explain: () => describeState(h, agreementId) },
  );
  const text = email.body.text ?? '';
  const html = email.body.html ?? '';
  const tokens = [...text.matchAll(LINK)].map((m) => m[1] ?? '');
  expect(tokens).toHaveLength(2);
  // Buttons in HTML: the same links (Mustache writes the slashes as &#x2F;).
  for (const token of tokens)
    expect(html.replaceAll('&#x2F;', '/')).toContain(`/tindak-lanjut/${token}"`);
  // Named in the order of the recipients: the host's official first in the contacts? Read the line.
  const byEmail = new Map<string, string>();
  for (const line of text.split('\n')) {
    const token = [...line.matchAll(LINK)][0]?.[1];
    if (!token) continue;
    byEmail.set(
      line.includes('Kota Bandung') ? HOST_OFFICIAL_EMAIL : PARTNER_OFFICIAL_EMAIL,
      token,
    );
  }
  expect(byEmail.size).toBe(2);
  return byEmail;
}

/** The dashboard's agreements with reports to confirm, as the token's holder sees them. */
async function toConfirm(token: string): Promise<{ agreement: { id: string }; count: number }[]> {
  const summary = await h.call({ path: '/reports/summary', token });
  expect(summary.status).toBe(200);
  return summary.body.pendingReports as { agreement: { id: string }; count: number }[];
}

const get = (token: string) => h.call({ path: `/actions/${token}` });
const post = (token: string, body: unknown) =>
  h.call({ method: 'POST', path: `/actions/${token}`, body });

/** The one answer for every link that does not work. */
async function expectDead(token: string) {
  for (const answer of [
    await get(token),
    await post(token, {
      answer: 'WRONG_PERSON',
      suggestedContact: { name: 'A', position: 'B', email: 'a@example.go.id' },
    }),
  ]) {
    expect(answer.status).toBe(404);
    expect(answer.contentType).toBe('application/problem+json');
    expect(answer.body).toEqual({
      type: 'urn:sepakat:problem:not-found',
      title: 'Not found',
      status: 404,
      detail: 'This link is not valid (any more).',
      instance: '/actions/{token}',
    });
  }
}

describe('the MoU action link', () => {
  let id: string;
  let links: Map<string, string>;
  let token: string;
  beforeAll(async () => {
    id = await createAgreement();
    links = await linksOf(id, /^Mohon tindak lanjut/);
    token = links.get(PARTNER_OFFICIAL_EMAIL) ?? '';
  });

  it('is stored only as the SHA-256 of its 256-bit token, with its scope and a 30-day TTL', async () => {
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    const hash = createHash('sha256').update(token).digest('hex');
    const { Item } = await h.table.client.send(
      new GetCommand({ TableName: h.table.tableName, Key: { PK: `ACTION#${hash}`, SK: 'ACTION' } }),
    );
    expect(Item).toMatchObject({
      agreementId: id,
      waitKey: 'MOU',
      nudge: { key: 'MOU', number: 1 },
      holder: { email: PARTNER_OFFICIAL_EMAIL, side: 'PARTNER', role: 'OFFICIAL' },
      answers: ['DONE', 'OBSTACLE', 'WRONG_PERSON'],
    });
    const ttl = Item?.expiresAt as number;
    expect(ttl * 1000 - h.clock.now().getTime()).toBeGreaterThan(29.9 * 86_400_000);
    expect(ttl * 1000 - h.clock.now().getTime()).toBeLessThanOrEqual(30 * 86_400_000 + 60_000);
    // The token itself is nowhere in the table (a test table: a Scan is fine here).
    const { Items = [] } = await h.table.client.send(
      new ScanCommand({ TableName: h.table.tableName }),
    );
    expect(JSON.stringify(Items)).not.toContain(token);
  });

  it('GET shows the agreement, what is awaited and the answers, and changes nothing', async () => {
    const before = await stored(h, id);
    const events = (await historyOf(h, id)).length;
    for (let i = 0; i < 3; i++) {
      const answer = await get(token);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('cache-control')).toBe('no-store');
      expect(answer.body).toMatchObject({
        agreement: {
          id,
          title: before.title,
          stage: 'MOU',
          hostRegion: { code: '32.73', name: 'Kota Bandung' },
          partnerRegion: { code: '61.12' },
        },
        awaited: { waitKey: 'MOU', route: 'MOU' },
        answers: ['DONE', 'OBSTACLE', 'WRONG_PERSON'],
        holder: { name: 'Kepala Diskominfo Kabupaten Kubu Raya' },
      });
    }
    expect((await stored(h, id)).version).toBe(before.version);
    expect(await historyOf(h, id)).toHaveLength(events);
  });

  it('refuses an answer against the rules (a date in the future) and stays usable', async () => {
    const answer = await post(token, { answer: 'DONE', occurredAt: addDays(today(), 2) });
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe('DATE_IN_FUTURE');
    const missing = await post(token, { answer: 'DONE' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([{ field: 'body.occurredAt', message: 'is required' }]);
    expect((await get(token)).status).toBe(200);
  });

  it('DONE records OFFICIAL_REPORTED, tells the host coordinator at once, and is spent', async () => {
    const answer = await post(token, {
      answer: 'DONE',
      occurredAt: today(),
      documentNumber: '415.4/12/Pem\u0007/2026',
      signatory: { name: 'Bupati Kubu Raya', position: 'Bupati' },
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ answer: 'DONE', reportId: expect.any(String) });
    const reportId = answer.body.reportId as string;
    const event = (await historyOf(h, id)).find((e) => e.type === 'OFFICIAL_REPORTED');
    expect(event).toMatchObject({
      actor: 'action-link',
      actorEmail: PARTNER_OFFICIAL_EMAIL,
      data: {
        answer: 'DONE',
        reportId,
        channel: 'EMAIL_LINK',
        contact: { email: PARTNER_OFFICIAL_EMAIL, name: 'Kepala Diskominfo Kabupaten Kubu Raya' },
        // The control character is stripped.
        milestone: { type: 'MOU_SIGNED', documentNumbers: { partner: '415.4/12/Pem /2026' } },
      },
    });
    const view = await h.call({ path: `/agreements/${id}`, token: host });
    expect(view.body.stage).toBe('MOU');
    expect(view.body.pendingReports).toEqual([
      expect.objectContaining({
        id: reportId,
        waitKey: 'MOU',
        reportedBy: expect.objectContaining({ email: PARTNER_OFFICIAL_EMAIL }),
      }),
    ]);
    const notice = await eventually('the host coordinator’s notice', async () =>
      (await emailsTo(h, HOST_COORDINATOR_EMAIL)).find(
        (e) => e.tags.agreement === id && e.subject.startsWith('Laporan pejabat'),
      ),
    );
    expect(notice.body.text).toContain(reportId);
    expect(notice.body.text).toContain('Kepala Diskominfo Kabupaten Kubu Raya');
    await expectDead(token);

    // The dashboard lists it for the host and Kubu Raya's coordinator, not for another region.
    const waiting = {
      agreement: expect.objectContaining({ id }),
      count: 1,
      since: expect.any(String),
    };
    expect(await toConfirm(host)).toContainEqual(waiting);
    expect(await toConfirm(partner)).toContainEqual(waiting);
    const elsewhere = await h.token({ role: 'partner', region: '63.71' });
    expect(await toConfirm(elsewhere)).toEqual([]);
  });

  it('a coordinator confirms the report with a correction: the milestone names both, PKS begins', async () => {
    const view = await h.call({ path: `/agreements/${id}`, token: host });
    const reportId = view.body.pendingReports[0].id as string;
    const confirmed = await h.call({
      method: 'POST',
      path: `/agreements/${id}/reports/${reportId}/confirm`,
      token: host,
      body: { documentNumber: '415.4/12/Pem/2026' },
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.stage).toBe('PKS');
    expect(confirmed.body.pendingReports).toBeUndefined();
    expect((await toConfirm(host)).map((entry) => entry.agreement.id)).not.toContain(id);
    const history = await historyOf(h, id);
    expect(history.find((e) => e.type === 'REPORT_CONFIRMED')).toMatchObject({
      actorEmail: HOST_COORDINATOR_EMAIL,
      data: {
        reportId,
        milestoneType: 'MOU_SIGNED',
        reportedBy: { email: PARTNER_OFFICIAL_EMAIL },
      },
    });
    expect(history.find((e) => e.type === 'MILESTONE_RECORDED')?.data.milestone).toMatchObject({
      type: 'MOU_SIGNED',
      documentNumbers: { partner: '415.4/12/Pem/2026' },
      reportedBy: { email: PARTNER_OFFICIAL_EMAIL, reportId },
      recordedBy: expect.any(String),
    });
    const again = await h.call({
      method: 'POST',
      path: `/agreements/${id}/reports/${reportId}/confirm`,
      token: host,
      body: {},
    });
    expect(again.status).toBe(404);
  });

  it('the other official’s MoU link dies with its wait', async () => {
    await expectDead(links.get(HOST_OFFICIAL_EMAIL) ?? '');
  });
});

describe('the PKS links', () => {
  let id: string;
  let links: Map<string, string>;
  beforeAll(async () => {
    id = await createAgreement();
    const mou = await h.call({
      method: 'POST',
      path: `/agreements/${id}/milestones`,
      token: host,
      body: { type: 'MOU_SIGNED', occurredAt: today() },
    });
    expect(mou.status).toBe(202);
    links = await linksOf(id, /^Mohon tindak lanjut: tanda tangan PKS/);
  });

  it('a coordinator rejects a report with a reason: the stage stays, the report goes', async () => {
    const token = links.get(HOST_OFFICIAL_EMAIL) ?? '';
    const done = await post(token, { answer: 'DONE', occurredAt: today() });
    expect(done.status).toBe(200);
    const reportId = done.body.reportId as string;
    const partnerTry = await h.call({
      method: 'POST',
      path: `/agreements/${id}/reports/${reportId}/reject`,
      token: partner,
      body: {},
    });
    expect(partnerTry.status).toBe(400);
    const rejected = await h.call({
      method: 'POST',
      path: `/agreements/${id}/reports/${reportId}/reject`,
      token: partner,
      body: { reason: 'PKS belum ditandatangani pihak kedua.' },
    });
    expect(rejected.status).toBe(200);
    expect(rejected.body.stage).toBe('PKS');
    expect(rejected.body.pendingReports).toBeUndefined();
    expect((await historyOf(h, id)).find((e) => e.type === 'REPORT_REJECTED')).toMatchObject({
      data: { reportId, reason: 'PKS belum ditandatangani pihak kedua.' },
    });
    await expectDead(token);
  });

  it('OBSTACLE pauses the wait’s reminders until a date within 90 days, with the reason', async () => {
    const token = links.get(PARTNER_OFFICIAL_EMAIL) ?? '';
    const tooLong = await post(token, {
      answer: 'OBSTACLE',
      reason: 'x',
      until: addDays(today(), 91),
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.code).toBe('PAUSE_TOO_LONG');
    const past = await post(token, { answer: 'OBSTACLE', reason: 'x', until: today() });
    expect(past.body.code).toBe('PAUSE_NOT_IN_FUTURE');
    const long = await post(token, {
      answer: 'OBSTACLE',
      reason: 'x'.repeat(1001),
      until: addDays(today(), 5),
    });
    expect(long.status).toBe(400);
    const until = addDays(today(), 45);
    const paused = await post(token, {
      answer: 'OBSTACLE',
      reason: 'Menunggu persetujuan DPRD\u202e <b>tahun ini</b>',
      until,
    });
    expect(paused.status).toBe(200);
    const reason = 'Menunggu persetujuan DPRD  <b>tahun ini</b>';
    expect(paused.body).toEqual({ answer: 'OBSTACLE', pause: { until, reason } });
    const view = (await h.call({ path: `/agreements/${id}`, token: host })).body as {
      pausedWaits: Record<string, unknown>;
      nextReminderDueAt: string;
    };
    expect(view.pausedWaits.PKS).toMatchObject({
      until,
      reason,
      by: { email: PARTNER_OFFICIAL_EMAIL },
    });
    // Kubu Raya is in WIB: nothing is due before midnight there on that date.
    expect(Date.parse(view.nextReminderDueAt)).toBeGreaterThanOrEqual(
      Date.parse(`${until}T00:00:00+07:00`),
    );
    expect((await historyOf(h, id)).find((e) => e.type === 'NUDGES_PAUSED')).toMatchObject({
      data: { waitKey: 'PKS', until, reason, channel: 'EMAIL_LINK' },
    });
    const notice = await eventually('the notice of the obstacle', async () =>
      (await emailsTo(h, HOST_COORDINATOR_EMAIL)).find(
        (e) => e.tags.agreement === id && e.subject.startsWith('Kendala dilaporkan'),
      ),
    );
    // Escaped in HTML, as typed in text.
    expect(notice.body.html).toContain('&lt;b&gt;tahun ini&lt;&#x2F;b&gt;');
    expect(notice.body.html).not.toContain('<b>tahun ini');
    await expectDead(token);
  });
});

describe('WRONG_PERSON, the contacts, and superseded links', () => {
  let id: string;
  let links: Map<string, string>;
  beforeAll(async () => {
    id = await createAgreement();
    links = await linksOf(id, /^Mohon tindak lanjut/);
  });

  it('WRONG_PERSON names who is, and the host coordinators are told', async () => {
    const token = links.get(HOST_OFFICIAL_EMAIL) ?? '';
    const answer = await post(token, {
      answer: 'WRONG_PERSON',
      suggestedContact: {
        name: 'Plt. Kepala Diskominfo',
        position: 'Plt. Kepala Dinas',
        email: 'plt.kadis@bandung.example.go.id',
      },
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ answer: 'WRONG_PERSON' });
    expect((await historyOf(h, id)).find((e) => e.type === 'OFFICIAL_REPORTED')).toMatchObject({
      data: {
        answer: 'WRONG_PERSON',
        suggestedContact: { email: 'plt.kadis@bandung.example.go.id' },
        contact: { email: HOST_OFFICIAL_EMAIL },
      },
    });
    await eventually('the notice of the right person', async () =>
      (await emailsTo(h, HOST_COORDINATOR_EMAIL)).find(
        (e) => e.tags.agreement === id && e.body.text?.includes('plt.kadis@bandung.example.go.id'),
      ),
    );
  });

  it('PUT /contacts: a partner replaces only its own side; the replaced official’s link dies', async () => {
    const before = await stored(h, id);
    const newPartner = [
      {
        name: 'Plt. Kepala Diskominfo Kubu Raya',
        email: 'plt.kadis@kuburaya.example.go.id',
        role: 'OFFICIAL',
        side: 'PARTNER',
      },
    ];
    const otherSide = await h.call({
      method: 'PUT',
      path: `/agreements/${id}/contacts`,
      token: partner,
      body: { contacts: [{ ...newPartner[0], side: 'HOST' }] },
    });
    expect(otherSide.status).toBe(400);
    expect(otherSide.body.code).toBe('CONTACTS_OF_OTHER_SIDE');
    const changed = await h.call({
      method: 'PUT',
      path: `/agreements/${id}/contacts`,
      token: partner,
      body: { contacts: newPartner },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.version).toBe(before.version + 1);
    expect((changed.body.contacts as { email: string }[]).map((c) => c.email).sort()).toEqual(
      [HOST_COORDINATOR_EMAIL, HOST_OFFICIAL_EMAIL, 'plt.kadis@kuburaya.example.go.id'].sort(),
    );
    expect((await historyOf(h, id)).find((e) => e.type === 'CONTACTS_CHANGED')).toMatchObject({
      data: {
        side: 'PARTNER',
        after: expect.arrayContaining([
          expect.objectContaining({ email: 'plt.kadis@kuburaya.example.go.id' }),
        ]),
      },
    });
    await expectDead(links.get(PARTNER_OFFICIAL_EMAIL) ?? '');
  });

  it('an unknown, a forged and an expired token answer the same 404', async () => {
    await expectDead(randomBytes(32).toString('base64url'));
    await expectDead('not-a-token');
    await expectDead(`${'A'.repeat(42)}%2F`);
    // A link issued 31 days ago for the open wait: expired by its TTL alone.
    const agreement = await stored(h, id);
    const token = randomBytes(32).toString('base64url');
    const hash = createHash('sha256').update(token).digest('hex');
    const official = agreement.contacts.find((c) => c.role === 'OFFICIAL' && c.side === 'HOST');
    if (!official) throw new Error('no host official');
    const issuedAt = new Date(h.clock.now().getTime() - 31 * 86_400_000);
    await h.table.repository.putActionLinks([
      linkFor(agreement, { waitKey: 'MOU', key: 'MOU', number: 1 }, official, hash, issuedAt, 30),
    ]);
    await expectDead(token);
    // The same link issued now works: only its age made the difference.
    const fresh = randomBytes(32).toString('base64url');
    await h.table.repository.putActionLinks([
      linkFor(
        agreement,
        { waitKey: 'MOU', key: 'MOU', number: 1 },
        official,
        createHash('sha256').update(fresh).digest('hex'),
        h.clock.now(),
        30,
      ),
    ]);
    expect((await get(fresh)).status).toBe(200);
  });

  it('two answers at once with one link: exactly one is recorded', async () => {
    const agreement = await stored(h, id);
    const official = agreement.contacts.find((c) => c.role === 'OFFICIAL' && c.side === 'HOST');
    if (!official) throw new Error('no host official');
    const token = randomBytes(32).toString('base64url');
    await h.table.repository.putActionLinks([
      linkFor(
        agreement,
        { waitKey: 'MOU', key: 'MOU', number: 1 },
        official,
        createHash('sha256').update(token).digest('hex'),
        h.clock.now(),
        30,
      ),
    ]);
    const events = (await historyOf(h, id)).length;
    const answers = await Promise.all(
      Array.from({ length: 4 }, () =>
        post(token, { answer: 'OBSTACLE', reason: 'DPRD', until: addDays(today(), 10) }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 404, 404, 404]);
    expect((await historyOf(h, id)).length).toBe(events + 1);
  });
});
