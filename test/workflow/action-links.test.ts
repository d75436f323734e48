// An obstacle an official reports through a nudge's action link, on the real ASL with scaled
// time: the wait's reminders stop until the date given, and the ladder resumes after it.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addDays, latestIndonesianDate } from '../../domain/dates.ts';
import { PARTNER_OFFICIAL_EMAIL } from '../../local/example-agreement.ts';
import { agreementBody, startApiHarness, type ApiHarness } from '../support/api.ts';
import { CONSOLE_URL, emailsTo, eventually, historyOf } from '../support/workflow.ts';

const DAY = 200;

let h: ApiHarness;
let host: string;
beforeAll(async () => {
  // Wednesday 2 January 2019, 08:00 WIB; a workflow day passes in DAY ms.
  // 200 ms a day: the answer comes well before the first reminder, even on a busy machine.
  h = await startApiHarness({ origin: new Date('2019-01-02T01:00:00Z'), dayMs: DAY });
  host = await h.token({ role: 'host' });
});
afterAll(async () => {
  await h.close();
});

const LINK = new RegExp(`${CONSOLE_URL}/tindak-lanjut/([A-Za-z0-9_-]{43})`);

describe('an obstacle through the action link', () => {
  it('pauses the reminders of the wait until its date; the ladder resumes after it', async () => {
    // (about 13 s of real time)
    const created = await h.call({
      method: 'POST',
      path: '/agreements',
      token: host,
      body: agreementBody({
        // Without the pause: the first reminder 20 days after the opening message.
        reminderPolicy: { MOU: { firstAfterDays: 20, everyDays: 5, escalateAfter: 3 } },
      }),
    });
    expect(created.status).toBe(201);
    const id = (created.body as { id: string }).id;
    const opening = await eventually('the MoU action-needed email', async () =>
      (await emailsTo(h, PARTNER_OFFICIAL_EMAIL)).find((e) => e.tags.agreement === id),
    );
    const token = LINK.exec(opening.body.text ?? '')?.[1] ?? '';
    const until = addDays(latestIndonesianDate(h.clock.now()), 45);
    const paused = await h.call({
      method: 'POST',
      path: `/actions/${token}`,
      body: { answer: 'OBSTACLE', reason: 'Menunggu persetujuan DPRD', until },
    });
    expect(paused.status).toBe(200);

    const reminder = await eventually(
      'the first reminder after the pause',
      async () =>
        (await historyOf(h, id)).find(
          (e) => e.type === 'NUDGE_SENT' && (e.data as { number?: number }).number === 2,
        ),
      { timeoutMs: 60 * DAY + 20_000 },
    );
    // Nothing between the answer and the pause's end; the reminder once it ended (WIB).
    expect(Date.parse(reminder.at)).toBeGreaterThanOrEqual(Date.parse(`${until}T00:00:00+07:00`));
    const nudges = (await historyOf(h, id)).filter((e) => e.type === 'NUDGE_SENT');
    expect(nudges.map((e) => (e.data as { number?: number }).number)).toEqual([1, 2]);
    // Its email carries a fresh link; the old one was spent.
    const second = await eventually('the reminder email', async () =>
      (await emailsTo(h, PARTNER_OFFICIAL_EMAIL)).find(
        (e) => e.tags.agreement === id && e.subject.startsWith('Pengingat'),
      ),
    );
    const fresh = LINK.exec(second.body.text ?? '')?.[1];
    expect(fresh).toBeDefined();
    expect(fresh).not.toBe(token);
    expect((await h.call({ path: `/actions/${fresh ?? ''}` })).status).toBe(200);
  }, 90_000);
});
