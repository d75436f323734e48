// The term's watch on the real parts: the ASL on the local engine in scaled time (a workflow day
// in DAY_MS real milliseconds), the task functions on DynamoDB Local, the notices in the SES
// stand-in. Kota Samarinda (WITA: office from 00:00 UTC) signed a PKS in force until Thursday
// 22 February 2024; the clock starts on 10 November 2023, 104 days before its end.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DescribeExecutionCommand, StopExecutionCommand } from '@aws-sdk/client-sfn';
import type { AuditEvent } from '../../domain/agreement.ts';
import type { MilestoneInput } from '../../domain/schemas.ts';
import {
  createStored,
  describeState,
  emailsTo,
  eventually,
  historyOf,
  recordAndWake,
  startHarness,
  stored,
  waitingFor,
  type Harness,
} from '../support/workflow.ts';

/** Slow enough that a loaded machine's latency (seconds) stays well inside a day. */
const DAY_MS = 1000;
/** Weeks before the first notice: the parts start and the agreements register meanwhile. */
const ORIGIN = new Date('2023-11-10T03:00:00Z');
const SAMARINDA = '64.72';
const HOST_OFFICIAL = 'kadis@bandung.example.go.id';
const PARTNER_OFFICIAL = 'kadis@samarinda.example.go.id';
const HOST_COORDINATOR = 'koordinator@bandung.example.go.id';
const PARTNER_COORDINATOR = 'koordinator@samarinda.example.go.id';

const CONTACTS = [
  { name: 'Kepala Diskominfo Kota Bandung', email: HOST_OFFICIAL, role: 'OFFICIAL', side: 'HOST' },
  {
    name: 'Kepala Diskominfo Kota Samarinda',
    email: PARTNER_OFFICIAL,
    role: 'OFFICIAL',
    side: 'PARTNER',
  },
  { name: 'Koordinator Kota Bandung', email: HOST_COORDINATOR, role: 'COORDINATOR', side: 'HOST' },
  {
    name: 'Koordinator Kota Samarinda',
    email: PARTNER_COORDINATOR,
    role: 'COORDINATOR',
    side: 'PARTNER',
  },
] as const;

const THROUGH_HANDOVER: MilestoneInput[] = [
  { type: 'MOU_SIGNED', occurredAt: '2019-01-10' },
  { type: 'PKS_SIGNED', occurredAt: '2019-02-22', validUntil: '2024-02-22' },
];
const TO_COMPLETION: MilestoneInput[] = [
  ...THROUGH_HANDOVER,
  { type: 'APP_HANDED_OVER', occurredAt: '2019-03-11', appId: 'sabilulungan' },
  { type: 'APP_HANDED_OVER', occurredAt: '2019-03-11', appId: 'e-rk' },
  {
    type: 'TRAINING_SCHEDULED',
    occurredAt: '2019-03-20',
    startsOn: '2019-04-08',
    endsOn: '2019-04-12',
  },
  { type: 'TRAINING_COMPLETED', occurredAt: '2019-04-12' },
  { type: 'FOLLOW_UP_REPORTED', occurredAt: '2019-04-20', appId: 'sabilulungan', live: true },
  { type: 'FOLLOW_UP_REPORTED', occurredAt: '2019-04-21', appId: 'e-rk', live: true },
];

/** When each step is due (08:00 WITA), the 60-day one moved past Sunday and Christmas Day. */
const SCHEDULE = [
  ['EXPIRY_NOTICE_SENT', 90, '2023-11-24T00:00:00.000Z'],
  ['EXPIRY_NOTICE_SENT', 60, '2023-12-26T00:00:00.000Z'],
  ['EXPIRY_NOTICE_SENT', 30, '2024-01-23T00:00:00.000Z'],
  ['EXPIRY_NOTICE_SENT', 7, '2024-02-15T00:00:00.000Z'],
  ['EXPIRY_NOTICE_SENT', 0, '2024-02-22T00:00:00.000Z'],
  ['TERM_EXPIRED', undefined, '2024-02-23T00:00:00.000Z'],
];

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ origin: ORIGIN, dayMs: DAY_MS });
});
afterAll(async () => {
  await h.close();
});

async function register(id: string, milestones: MilestoneInput[]) {
  const agreement = await createStored(h, id, {
    title: `Kerja sama smart city Kota Samarinda (${id})`,
    partnerRegion: { code: SAMARINDA },
    contacts: CONTACTS.map((c) => ({ ...c, locale: 'id' as const })),
    milestones,
  });
  return h.workflow.start(agreement, 'created');
}

const termEvents = async (id: string): Promise<AuditEvent[]> =>
  (await historyOf(h, id)).filter(
    (e) => e.type === 'EXPIRY_NOTICE_SENT' || e.type === 'TERM_EXPIRED',
  );

/** The steps taken, as [event, days before, when due]; each taken at or after it was due. */
async function stepsOf(id: string) {
  const events = await termEvents(id);
  for (const e of events)
    expect(Date.parse(e.at)).toBeGreaterThanOrEqual(Date.parse(String(e.data.dueAt)));
  return events.map((e) => [e.type, e.data.daysBefore, e.data.dueAt]);
}

/** The term's letters about the agreement (not the stage's reminders) an address received. */
const subjectsAbout = async (id: string, address: string) =>
  (await emailsTo(h, address))
    .filter((e) => e.body.text?.includes(`Nomor referensi: ${id}`))
    .map((e) => e.subject)
    .filter((subject) => subject.startsWith('Pemberitahuan:'));

function expired(id: string) {
  return eventually(
    `${id} expired`,
    async () => (await termEvents(id)).some((e) => e.type === 'TERM_EXPIRED'),
    {
      timeoutMs: 130 * DAY_MS + 20_000,
    },
  );
}

describe('a PKS running out', () => {
  // Registered concurrently: one still in its handover, one completed, one restarted midway.
  beforeAll(async () => {
    await Promise.all([
      register('agr-term-handover', THROUGH_HANDOVER),
      register('agr-term-completed', TO_COMPLETION),
      register('agr-term-restart', TO_COMPLETION),
    ]);
    // Restart midway: the executions end (as local mode's do when it stops) and a new one resumes.
    await eventually(
      'the restarted agreement’s 60-day notice',
      async () => (await termEvents('agr-term-restart')).length >= 2,
      { timeoutMs: 60 * DAY_MS + 20_000, explain: () => describeState(h, 'agr-term-restart') },
    );
    const running = await stored(h, 'agr-term-restart');
    await h.sfn.send(
      new StopExecutionCommand({ executionArn: running.workflow?.executionArn ?? '' }),
    );
    await h.workflow.start(running, 'resumed');
    await Promise.all(['agr-term-handover', 'agr-term-completed', 'agr-term-restart'].map(expired));
  }, 300_000);

  it.each(['agr-term-handover', 'agr-term-completed', 'agr-term-restart'])(
    '%s gets every notice once, at its day and hour in the partner’s zone, then expires',
    async (id) => {
      expect(await stepsOf(id)).toEqual(SCHEDULE);
      const notices = await subjectsAbout(id, PARTNER_OFFICIAL);
      expect(notices).toEqual(
        Array(5).fill('Pemberitahuan: PKS dengan Kota Samarinda berakhir pada 22 Februari 2024'),
      );
      // Both parties' officials, the coordinators copied; the expiry to the coordinators only.
      expect(await subjectsAbout(id, HOST_OFFICIAL)).toEqual(notices);
      expect(await subjectsAbout(id, PARTNER_COORDINATOR)).toEqual([
        ...notices,
        'Pemberitahuan: PKS dengan Kota Samarinda telah berakhir pada 22 Februari 2024',
      ]);
      expect(await subjectsAbout(id, HOST_COORDINATOR)).toHaveLength(6);
    },
  );

  it('keeps the implementation going where the term ran out during it', async () => {
    const agreement = await stored(h, 'agr-term-handover');
    expect(agreement.stage).toBe('HANDOVER');
    expect(agreement.workflow?.route).toBe('HANDOVER');
    const reminders = (await historyOf(h, 'agr-term-handover')).filter(
      (e) => e.type === 'NUDGE_SENT',
    );
    expect(reminders.length).toBeGreaterThan(0);
  });

  it('ends the completed agreement’s execution once the term is over', async () => {
    const agreement = await stored(h, 'agr-term-completed');
    const arn = agreement.workflow?.executionArn ?? '';
    await eventually('the execution ended', async () => {
      const { status } = await h.sfn.send(new DescribeExecutionCommand({ executionArn: arn }));
      return status === 'SUCCEEDED';
    });
    expect(agreement.workflow?.route).toBe('COMPLETED');
  });
});

describe('changes to the term', () => {
  it('restarts the notices after an adendum, and a termination stops everything', async () => {
    // Registered later in the run: the clock has moved on; the PKS of 2020 allows to 2025.
    const now = h.clock.now();
    const end = new Date(now.getTime() + 40 * 86_400_000).toISOString().slice(0, 10);
    const { executionArn } = await register('agr-term-amended', [
      { type: 'MOU_SIGNED', occurredAt: '2019-12-01' },
      { type: 'PKS_SIGNED', occurredAt: '2020-01-10', validUntil: end },
      { type: 'APP_HANDED_OVER', occurredAt: '2020-01-20', appId: 'sabilulungan' },
      { type: 'APP_HANDED_OVER', occurredAt: '2020-01-20', appId: 'e-rk' },
      {
        type: 'TRAINING_SCHEDULED',
        occurredAt: '2020-01-21',
        startsOn: '2020-02-03',
        endsOn: '2020-02-07',
      },
      { type: 'TRAINING_COMPLETED', occurredAt: '2020-02-07' },
      { type: 'FOLLOW_UP_REPORTED', occurredAt: '2020-02-20', appId: 'sabilulungan', live: true },
      { type: 'FOLLOW_UP_REPORTED', occurredAt: '2020-02-20', appId: 'e-rk', live: true },
    ]);
    await waitingFor(h, 'agr-term-amended', 'TERM');
    // Registered 40 days before the end: the 60-day notice at once (not the 90-day one too),
    // then the 30-day one on its day.
    await eventually(
      'the 30-day notice',
      async () => (await termEvents('agr-term-amended')).length === 2,
      { timeoutMs: 40 * DAY_MS + 20_000, explain: () => describeState(h, 'agr-term-amended') },
    );
    expect((await termEvents('agr-term-amended')).map((e) => e.data.daysBefore)).toEqual([60, 30]);
    const later = new Date(h.clock.now().getTime() + 200 * 86_400_000).toISOString().slice(0, 10);
    await recordAndWake(h, 'agr-term-amended', (today) => ({
      type: 'TERM_AMENDED',
      occurredAt: today,
      validUntil: later,
    }));
    // 200 days out: the 90-day notice of the new date is the next, weeks away; nothing now.
    await new Promise((resolve) => setTimeout(resolve, 3 * DAY_MS));
    expect(await termEvents('agr-term-amended')).toHaveLength(2);
    // The parties end it early: the execution ends, no token is left, no notice follows.
    await recordAndWake(h, 'agr-term-amended', (today) => ({
      type: 'AGREEMENT_TERMINATED',
      occurredAt: today,
      reason: 'Para pihak sepakat mengakhiri kerja sama',
    }));
    await eventually('the execution ended', async () => {
      const { status } = await h.sfn.send(new DescribeExecutionCommand({ executionArn }));
      return status === 'SUCCEEDED';
    });
    expect(await h.table.repository.taskTokens('agr-term-amended')).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 5 * DAY_MS));
    expect(await termEvents('agr-term-amended')).toHaveLength(2);
  }, 120_000);

  it('registers an agreement whose term ended last year as expired at once, without a burst', async () => {
    const now = h.clock.now();
    const lastYear = `${String(now.getUTCFullYear() - 1)}-03-31`;
    await register('agr-term-old', [
      { type: 'MOU_SIGNED', occurredAt: '2017-01-10' },
      { type: 'PKS_SIGNED', occurredAt: '2018-04-01', validUntil: lastYear },
      ...TO_COMPLETION.slice(2),
    ]);
    await expired('agr-term-old');
    expect((await termEvents('agr-term-old')).map((e) => e.type)).toEqual(['TERM_EXPIRED']);
    expect(await subjectsAbout('agr-term-old', PARTNER_OFFICIAL)).toEqual([]);
    expect(await subjectsAbout('agr-term-old', PARTNER_COORDINATOR)).toHaveLength(1);
  }, 60_000);
});
