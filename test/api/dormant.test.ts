// A ladder that ends, over HTTP: an agreement whose reminders went unanswered is listed as
// dormant (GET /agreements?dormant=true), its host coordinators were told once, and
// POST /agreements/{id}/nudges/resume wakes it with a fresh ladder. Scaled time: a short policy
// runs its whole ladder in a few workflow days.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { agreementBody, startApiHarness, type ApiHarness } from '../support/api.ts';
import { emailsTo, eventually, historyOf } from '../support/workflow.ts';

const HOST_COORDINATOR = 'koordinator@bandung.example.go.id';
/** Opening message, one reminder a day later, the escalation, one more, then dormant. */
const SHORT_LADDER = {
  firstAfterDays: 1,
  everyDays: 1,
  escalateAfter: 1,
  maxEscalations: 1,
  escalationEveryDays: 2,
};

let h: ApiHarness;
let host: string;
beforeAll(async () => {
  // Wednesday 2 January 2019, 08:00 WIB; a workflow day in 60 real milliseconds.
  h = await startApiHarness({ origin: new Date('2019-01-02T01:00:00Z'), dayMs: 60 });
  host = await h.token({ role: 'host', email: HOST_COORDINATOR });
});
afterAll(async () => {
  await h.close();
});

interface AgreementBody {
  id: string;
  dormant: string[];
  nextReminderDueAt?: string;
}

async function dormantAgreement(): Promise<string> {
  const created = await h.call({
    method: 'POST',
    path: '/agreements',
    token: host,
    body: agreementBody({ reminderPolicy: { MOU: SHORT_LADDER } }),
  });
  expect(created.status).toBe(201);
  const { id } = created.body as AgreementBody;
  await eventually(
    `${id} dormant`,
    async () => (await historyOf(h, id)).some((e) => e.type === 'WAIT_DORMANT'),
    { timeoutMs: 100_000 },
  );
  return id;
}

describe('a wait whose ladder ended', () => {
  let id: string;
  beforeAll(async () => {
    id = await dormantAgreement();
  }, 120_000);

  it('is dormant on the agreement, in its history and in the list filter', async () => {
    const agreement = await h.call({ path: `/agreements/${id}`, token: host });
    expect(agreement.body).toMatchObject({ dormant: ['MOU'] });
    expect((agreement.body as AgreementBody).nextReminderDueAt).toBeUndefined();
    const kinds = (await historyOf(h, id))
      .filter((e) => e.type === 'NUDGE_SENT' || e.type === 'WAIT_DORMANT')
      .map((e) => `${e.type} ${String(e.data.kind)}`);
    expect(kinds).toEqual([
      'NUDGE_SENT ACTION_NEEDED',
      'NUDGE_SENT REMINDER',
      'NUDGE_SENT ESCALATION',
      'NUDGE_SENT ESCALATION',
      'WAIT_DORMANT DORMANT_NOTICE',
    ]);
    const dormant = await h.call({ path: '/agreements?dormant=true&limit=100', token: host });
    expect(dormant.status).toBe(200);
    const listed = (dormant.body as { items: AgreementBody[] }).items;
    expect(listed.map((a) => a.id)).toContain(id);
    expect(listed.every((a) => a.dormant.length > 0)).toBe(true);
    const awake = await h.call({ path: '/agreements?dormant=false&limit=100', token: host });
    expect((awake.body as { items: AgreementBody[] }).items.map((a) => a.id)).not.toContain(id);
  });

  it('told the host coordinators once, and nobody else', async () => {
    const notices = (await emailsTo(h, HOST_COORDINATOR)).filter(
      (e) => e.subject.startsWith('Pengingat dihentikan') && e.body.text?.includes(id),
    );
    expect(notices).toHaveLength(1);
    expect(notices[0]?.destination.to).toEqual([HOST_COORDINATOR]);
    expect(notices[0]?.destination.cc).toEqual([]);
  });

  it('sends nothing more while dormant', async () => {
    // Only executions renewing may add to the history (on a busy machine a year passes quickly).
    const nudges = async () =>
      (await historyOf(h, id)).filter((e) => e.type === 'NUDGE_SENT' || e.type === 'WAIT_DORMANT');
    const before = (await nudges()).length;
    // Two weeks of workflow time.
    await new Promise((resolve) => setTimeout(resolve, 14 * 60));
    expect((await nudges()).length).toBe(before);
  });

  it('is refused a resume by a partner coordinator (403), and resumed by a host coordinator (202)', async () => {
    const partner = await h.token({ role: 'partner', region: '61.12' });
    const refused = await h.call({
      method: 'POST',
      path: `/agreements/${id}/nudges/resume`,
      token: partner,
    });
    expect(refused.status).toBe(403);

    const resumed = await h.call({
      method: 'POST',
      path: `/agreements/${id}/nudges/resume`,
      token: host,
      headers: { 'idempotency-key': `resume-${id}` },
    });
    expect(resumed.status).toBe(202);
    expect(resumed.body).toMatchObject({ id, dormant: [] });
    const events = await historyOf(h, id);
    expect(events.find((e) => e.type === 'NUDGES_RESUMED')).toMatchObject({
      actorEmail: HOST_COORDINATOR,
      data: { waitKeys: ['MOU'], cause: 'RESUMED_BY_COORDINATOR' },
    });
    // The fresh ladder: a reminder (no second opening message), and in the end dormant again.
    await eventually(
      `${id} dormant again`,
      async () => (await historyOf(h, id)).filter((e) => e.type === 'WAIT_DORMANT').length === 2,
      { timeoutMs: 100_000 },
    );
    const after = (await historyOf(h, id)).slice(events.length);
    expect(after.filter((e) => e.type === 'NUDGE_SENT').map((e) => e.data.kind)).toEqual([
      'REMINDER',
      'ESCALATION',
      'ESCALATION',
    ]);
  }, 120_000);

  it('answers 409 not-dormant when nothing is dormant', async () => {
    const other = await h.call({
      method: 'POST',
      path: '/agreements',
      token: host,
      body: agreementBody(),
    });
    const answer = await h.call({
      method: 'POST',
      path: `/agreements/${(other.body as AgreementBody).id}/nudges/resume`,
      token: host,
    });
    expect(answer.status).toBe(409);
    expect(answer.contentType).toBe('application/problem+json');
    expect(answer.body).toMatchObject({
      code: 'NOT_DORMANT',
      type: expect.stringContaining('not-dormant'),
    });
  });
});

describe('a milestone', () => {
  it('wakes a dormant wait: the agreement is dormant no more', async () => {
    const id = await dormantAgreement();
    const recorded = await h.call({
      method: 'POST',
      path: `/agreements/${id}/milestones`,
      token: host,
      body: {
        type: 'APP_DROPPED',
        occurredAt: '2019-01-02',
        appId: 'e-rk',
        reason: 'Tidak diperlukan',
      },
    });
    expect(recorded.status).toBe(202);
    expect(recorded.body).toMatchObject({ stage: 'MOU', dormant: [] });
    expect((await historyOf(h, id)).find((e) => e.type === 'NUDGES_RESUMED')).toMatchObject({
      data: { cause: 'MILESTONE', waitKeys: ['MOU'] },
    });
  }, 120_000);
});
