// The measurement of issue 16, on the real parts in scaled time: one agreement stalls for three
// years at each wait of the lifecycle (and one with five applications in its handover), and the
// emails each person received about it are counted. The bound, written down:
//
//   emails to one person about one wait  <=  nudgesPerLadder(ladder)  (+ 1 for a host coordinator)
//
// that is the opening message (for a wait that opens a stage) + `escalateAfter` reminders + the
// escalation + `maxEscalations` further escalations; the host coordinators, copied on those, get
// the one notice that the wait went dormant. With the default policy: 6 (7), for three years or
// thirty. Parallel waits (the handover's applications) share their emails: the same bound, not
// five times it. And nobody gets two nudges about one agreement on one day.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Agreement, AuditEvent } from '../../domain/agreement.ts';
import { addDays, dateInZone, latestIndonesianDate } from '../../domain/dates.ts';
import { opensStage } from '../../domain/nudge-plan.ts';
import {
  DEFAULT_REMINDER_POLICY,
  ladderOf,
  nudgesPerLadder,
  scheduleOf,
} from '../../domain/reminder-policy.ts';
import type { MilestoneInput } from '../../domain/schemas.ts';
import type { WaitRoute } from '../../domain/routes.ts';
import {
  HOST_COORDINATOR_EMAIL,
  PARTNER_ESCALATION_EMAIL,
  PARTNER_OFFICIAL_EMAIL,
} from '../../local/example-agreement.ts';
import {
  createStored,
  eventually,
  historyOf,
  startHarness,
  type Harness,
} from '../support/workflow.ts';

/** Wednesday 2 January 2019, 08:00 WIB. */
const ORIGIN = new Date('2019-01-02T01:00:00Z');
const STALL_DAYS = 3 * 365;
const DAY_MS = 60;
/** Real time the stall may take at most: about 70 s on an idle machine. */
const WAIT_LIMIT_MS = 10 * 60_000;
const FIVE_APPS = ['sabilulungan', 'e-rk', 'hayu-bdg', 'gampil', 'bandung-command-center'];

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ origin: ORIGIN, dayMs: DAY_MS });
});
afterAll(async () => {
  await h.close();
});

/** Past milestones that register an agreement at `route`, dated before the harness's today. */
function registeredAt(route: WaitRoute, apps: string[]): MilestoneInput[] {
  const day = (offset: number) => addDays(latestIndonesianDate(ORIGIN), offset);
  const steps: MilestoneInput[] = [
    { type: 'MOU_SIGNED', occurredAt: day(-40) },
    { type: 'PKS_SIGNED', occurredAt: day(-35) },
    ...apps.map((appId) => ({ type: 'APP_HANDED_OVER' as const, occurredAt: day(-30), appId })),
    { type: 'TRAINING_SCHEDULED', occurredAt: day(-25), startsOn: day(-20), endsOn: day(-19) },
  ];
  const upTo = { MOU: 0, PKS: 1, HANDOVER: 2, TRAINING_SCHEDULE: 2 + apps.length } as const;
  return route in upTo ? steps.slice(0, upTo[route as keyof typeof upTo]) : steps;
}

interface Stall {
  id: string;
  route: WaitRoute;
  apps: string[];
}

const STALLS: Stall[] = [
  { id: 'stall-mou', route: 'MOU', apps: ['sabilulungan', 'e-rk'] },
  { id: 'stall-pks', route: 'PKS', apps: ['sabilulungan', 'e-rk'] },
  { id: 'stall-handover', route: 'HANDOVER', apps: FIVE_APPS },
  { id: 'stall-training', route: 'TRAINING_SCHEDULE', apps: ['sabilulungan', 'e-rk'] },
  { id: 'stall-completion', route: 'TRAINING_COMPLETION', apps: ['sabilulungan', 'e-rk'] },
];

/** One email as the history records it: the nudges of parallel waits in it share its id. */
interface Sent {
  messageId: string;
  kind: string;
  at: string;
  recipients: string[];
  subject: string;
}

function emailsOf(events: AuditEvent[]): Sent[] {
  const byId = new Map<string, Sent>();
  for (const e of events) {
    if (e.type !== 'NUDGE_SENT' && e.type !== 'WAIT_DORMANT') continue;
    const messageId = String(e.data.messageId);
    byId.set(messageId, {
      messageId,
      kind: String(e.data.kind),
      at: e.at,
      recipients: (e.data.recipients as string[]).map((r) => r.toLowerCase()),
      subject: String(e.data.subject),
    });
  }
  return [...byId.values()];
}

function perRecipient(emails: Sent[]): Map<string, Sent[]> {
  const by = new Map<string, Sent[]>();
  for (const email of emails) {
    for (const r of email.recipients) by.set(r, [...(by.get(r) ?? []), email]);
  }
  return by;
}

describe('three years stalled at every wait', () => {
  const agreements = new Map<string, Agreement>();
  const histories = new Map<string, AuditEvent[]>();

  beforeAll(async () => {
    for (const stall of STALLS) {
      const agreement = await createStored(h, stall.id, {
        apps: stall.apps.map((id) => ({ id })),
        milestones: registeredAt(stall.route, stall.apps),
        // Office hours all day: on a busy machine a task takes workflow hours.
        reminderPolicy: { officeHours: { start: '00:00', end: '24:00' } },
      });
      await h.workflow.start(agreement, 'created');
      agreements.set(stall.id, agreement);
    }
    // Three years of workflow time, and every ladder at its end (on a busy machine a task
    // takes workflow days, and the ladder's steps drift apart: that takes longer).
    const end = h.clock.now().getTime() + STALL_DAYS * 86_400_000;
    const allDormant = async () => {
      for (const stall of STALLS) {
        const dormant = (await historyOf(h, stall.id)).filter((e) => e.type === 'WAIT_DORMANT');
        if (dormant.length < (stall.route === 'HANDOVER' ? stall.apps.length : 1)) return false;
      }
      return true;
    };
    await eventually(
      'three years of workflow time and every wait dormant',
      async () => h.clock.now().getTime() >= end && (await allDormant()),
      { timeoutMs: WAIT_LIMIT_MS },
    );
    for (const stall of STALLS) histories.set(stall.id, await historyOf(h, stall.id));
  }, WAIT_LIMIT_MS + 60_000);

  it.each(STALLS)('$route: every person within the bound, at most one a day', (stall) => {
    const agreement = agreements.get(stall.id);
    const events = histories.get(stall.id) ?? [];
    if (!agreement) throw new Error(`no ${stall.id}`);
    const schedule = scheduleOf(agreement.reminderPolicy, stall.route);
    if (!schedule) throw new Error(`no schedule for ${stall.route}`);
    const bound = nudgesPerLadder(ladderOf(schedule), opensStage(stall.route));
    const emails = emailsOf(events);
    const by = perRecipient(emails);
    const counts = Object.fromEntries([...by].map(([r, list]) => [r, list.length]));

    // The ladder ran to its end, and its end is dormancy, told to the host coordinators once.
    // The officials get every nudge (copied on the escalations), the escalation contacts the escalations.
    expect(counts[PARTNER_OFFICIAL_EMAIL]).toBe(bound);
    expect(counts[PARTNER_ESCALATION_EMAIL]).toBe(1 + ladderOf(schedule).maxEscalations);
    expect(counts[HOST_COORDINATOR_EMAIL]).toBe(bound + 1);
    for (const count of Object.values(counts)) expect(count).toBeLessThanOrEqual(bound + 1);
    const notices = emails.filter((e) => e.kind === 'DORMANT_NOTICE');
    expect(notices.map((e) => e.recipients)).toEqual([[HOST_COORDINATOR_EMAIL]]);
    const dormantWaits = events.filter((e) => e.type === 'WAIT_DORMANT').map((e) => e.data.waitKey);
    expect(dormantWaits).toHaveLength(stall.route === 'HANDOVER' ? stall.apps.length : 1);

    // Nobody gets two nudges about the agreement on one day (the partner's date).
    const zone = agreement.partnerRegion.timeZone;
    for (const [recipient, list] of by) {
      const days = list.map((e) => dateInZone(new Date(e.at), zone));
      expect([recipient, new Set(days).size]).toEqual([recipient, days.length]);
    }
  });

  it('sends one reminder listing all five applications in handover, not five', () => {
    const handover = agreements.get('stall-handover');
    if (!handover) throw new Error('no handover agreement');
    const emails = emailsOf(histories.get('stall-handover') ?? []);
    const reminders = emails.filter((e) => e.kind === 'REMINDER' || e.kind === 'ACTION_NEEDED');
    expect(reminders.length).toBeGreaterThan(0);
    for (const email of reminders) {
      for (const app of handover.apps) expect(email.subject).toContain(app.name);
    }
    // Every wait recorded its own nudges: five NUDGE_SENT events per email.
    const sentEvents = (histories.get('stall-handover') ?? []).filter(
      (e) => e.type === 'NUDGE_SENT',
    );
    expect(sentEvents).toHaveLength(emails.filter((e) => e.kind !== 'DORMANT_NOTICE').length * 5);
  });

  it('matches what the SES stand-in captured', async () => {
    const captured = await h.ses.emails();
    for (const stall of STALLS) {
      const about = captured.filter((e) => e.tags.agreement === stall.id);
      expect([stall.id, about.length]).toEqual([
        stall.id,
        emailsOf(histories.get(stall.id) ?? []).length,
      ]);
    }
  });

  it('is the bound of the default policy: 6 emails to a person per wait, 7 to a host coordinator', () => {
    expect(nudgesPerLadder(ladderOf(DEFAULT_REMINDER_POLICY.PKS), true)).toBe(6);
  });
});
