// Emails per person per stalled year (issue 16): the workflow's own use cases (plan a wait, send
// its nudge) run as the state machine runs them, on an in-memory store and a virtual clock, for
// an agreement that stalls one year at each wait of the lifecycle (and one with five applications
// in its handover). Every email is counted per recipient. No engine, no timing: the figures are
// exact and the same on any machine, so this file runs unchanged on the code before the ladder
// ended (the "before" column, measured at commit 2a41ef3, is kept in BEFORE below).
import { planWaitUseCase } from '../application/plan-wait.ts';
import { sendNudgeUseCase } from '../application/send-nudge.ts';
import { sendTermNoticeUseCase } from '../application/send-term-notice.ts';
import type { Agreement } from '../domain/agreement.ts';
import { addDays, latestIndonesianDate } from '../domain/dates.ts';
import { attachWorkflow } from '../domain/execution.ts';
import { createAgreement } from '../domain/lifecycle.ts';
import { VersionConflictError, type OutgoingEmail } from '../domain/ports.ts';
import { isWaitRoute, routeOf, waitKeysOf, type WaitRoute } from '../domain/routes.ts';
import { createAgreementSchema, type MilestoneInput } from '../domain/schemas.ts';
import { isTermNudge } from '../domain/term-plan.ts';
import { KUBU_RAYA_AGREEMENT } from '../local/example-agreement.ts';
import type { BenchSection } from './report.ts';

const T0 = new Date('2025-07-07T01:00:00Z');
const DAYS = 365;
const TWO_APPS = ['sabilulungan', 'e-rk'];
const FIVE_APPS = [...TWO_APPS, 'hayu-bdg', 'gampil', 'bandung-command-center'];

interface Scenario {
  name: string;
  route: WaitRoute;
  apps: string[];
}

const SCENARIOS: Scenario[] = [
  { name: 'MoU', route: 'MOU', apps: TWO_APPS },
  { name: 'PKS', route: 'PKS', apps: TWO_APPS },
  { name: 'handover, 2 applications', route: 'HANDOVER', apps: TWO_APPS },
  { name: 'handover, 5 applications', route: 'HANDOVER', apps: FIVE_APPS },
  { name: 'training schedule', route: 'TRAINING_SCHEDULE', apps: TWO_APPS },
  { name: 'training completion', route: 'TRAINING_COMPLETION', apps: TWO_APPS },
];

/** Emails per recipient in one stalled year, measured by this file at commit 2a41ef3. */
const BEFORE: Record<string, Record<string, number>> = {
  MoU: {
    'kadis@kuburaya.example.go.id': 25,
    'koordinator@bandung.example.go.id': 25,
    'sekda@kuburaya.example.go.id': 6,
  },
  PKS: {
    'kadis@kuburaya.example.go.id': 27,
    'koordinator@bandung.example.go.id': 27,
    'sekda@kuburaya.example.go.id': 6,
  },
  'handover, 2 applications': {
    'kadis@kuburaya.example.go.id': 54,
    'koordinator@bandung.example.go.id': 54,
    'sekda@kuburaya.example.go.id': 12,
  },
  'handover, 5 applications': {
    'kadis@kuburaya.example.go.id': 135,
    'koordinator@bandung.example.go.id': 135,
    'sekda@kuburaya.example.go.id': 30,
  },
  'training schedule': {
    'kadis@kuburaya.example.go.id': 27,
    'koordinator@bandung.example.go.id': 27,
    'sekda@kuburaya.example.go.id': 6,
  },
  'training completion': {
    'kadis@kuburaya.example.go.id': 27,
    'koordinator@bandung.example.go.id': 27,
    'sekda@kuburaya.example.go.id': 6,
  },
};

function registeredAt(route: WaitRoute, apps: string[]): MilestoneInput[] {
  const day = (offset: number) => addDays(latestIndonesianDate(T0), offset);
  const steps: MilestoneInput[] = [
    { type: 'MOU_SIGNED', occurredAt: day(-40) },
    { type: 'PKS_SIGNED', occurredAt: day(-35) },
    ...apps.map((appId) => ({ type: 'APP_HANDED_OVER' as const, occurredAt: day(-30), appId })),
    { type: 'TRAINING_SCHEDULED', occurredAt: day(-25), startsOn: day(-20), endsOn: day(-19) },
  ];
  const count: Partial<Record<WaitRoute, number>> = {
    MOU: 0,
    PKS: 1,
    HANDOVER: 2,
    TRAINING_SCHEDULE: 2 + apps.length,
  };
  return steps.slice(0, count[route] ?? steps.length);
}

/** Runs one stalled year and counts the emails per recipient. */
export async function stalledYear(scenario: Scenario): Promise<Record<string, number>> {
  let now = T0;
  const clock = () => now;
  const stored = new Map<string, Agreement>();
  const agreements = {
    get: (id: string) => Promise.resolve(structuredClone(stored.get(id))),
    update: (agreement: Agreement) => {
      const current = stored.get(agreement.id);
      if (current?.version !== agreement.version - 1) {
        throw new VersionConflictError(agreement.id, agreement.version - 1, current?.version);
      }
      stored.set(agreement.id, structuredClone(agreement));
      return Promise.resolve({ agreement, replayed: false });
    },
  };
  const emails: OutgoingEmail[] = [];
  const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const deps = { agreements, log: quiet, now: clock };
  const plan = planWaitUseCase(deps);
  const sendParts = {
    ...deps,
    mailer: {
      send: (email: OutgoingEmail) => {
        emails.push(email);
        return Promise.resolve({ messageId: `m-${String(emails.length)}` });
      },
    },
    sentMessages: { sentNudge: () => Promise.resolve(undefined) },
    metrics: { nudgeSent: () => undefined, nudgeRejected: () => undefined },
  };
  const sendNudge = sendNudgeUseCase(sendParts);
  const sendTermNotice = sendTermNoticeUseCase(sendParts);

  const input = createAgreementSchema.parse({
    ...KUBU_RAYA_AGREEMENT,
    apps: scenario.apps.map((id) => ({ id })),
    milestones: registeredAt(scenario.route, scenario.apps),
  });
  const created = createAgreement(input, {
    now,
    actor: 'bench',
    id: 'bench-stall',
    defaultHostRegionCode: '32.73',
  });
  if (!created.ok) throw new Error(created.rejection.message);
  let executions = 0;
  /** What "Enter current stage" does in a new execution. */
  const attach = (agreement: Agreement): Agreement => {
    executions += 1;
    const started = now.toISOString();
    const execution = { executionArn: `bench-${String(executions)}`, executionStartTime: started };
    const change = attachWorkflow(agreement, execution, now);
    if (!change || change === 'superseded') throw new Error('not attached');
    return change.agreement;
  };
  stored.set('bench-stall', attach(created.agreement));

  const end = now.getTime() + DAYS * 86_400_000;
  while (now.getTime() < end) {
    const agreement = stored.get('bench-stall');
    if (!agreement) throw new Error('lost');
    const route = routeOf(agreement, now);
    if (!isWaitRoute(route)) break;
    const task = {
      agreementId: agreement.id,
      executionArn: agreement.workflow?.executionArn ?? '',
    };
    const wakeAt: number[] = [];
    let renewed = false;
    for (const waitKey of waitKeysOf(agreement, route)) {
      for (let step = 0; step < 50 && !renewed; step++) {
        const planned = await plan({ ...task, waitKey });
        if (planned.action === 'NUDGE') {
          const { nudge } = planned;
          await (isTermNudge(nudge)
            ? sendTermNotice({ ...task, nudge })
            : sendNudge({ ...task, nudge }));
          continue;
        }
        // "Continue in a new execution": it takes over, and every wait plans again.
        renewed = planned.action === 'RENEW';
        if (renewed) stored.set('bench-stall', attach(agreement));
        if (planned.action === 'WAIT') wakeAt.push(Date.parse(planned.nextAt));
        break;
      }
    }
    if (renewed) continue;
    now = new Date(Math.max(now.getTime() + 60_000, Math.min(end, ...wakeAt)));
  }
  const perRecipient: Record<string, number> = {};
  for (const email of emails) {
    for (const address of new Set([...email.to, ...email.cc])) {
      perRecipient[address] = (perRecipient[address] ?? 0) + 1;
    }
  }
  return perRecipient;
}

export const nudgesSection: BenchSection = {
  id: 'nudges',
  title: 'Emails per person per stalled year',
  async run(context) {
    const after: Record<string, Record<string, number>> = {};
    for (const scenario of SCENARIOS) {
      context.progress(scenario.name);
      after[scenario.name] = await stalledYear(scenario);
    }
    const rows = SCENARIOS.flatMap((s) =>
      Object.entries(after[s.name] ?? {}).map(
        ([address, count]) =>
          `| ${s.name} | ${address} | ${String(BEFORE[s.name]?.[address] ?? '—')} | ${String(count)} |`,
      ),
    );
    const markdown = [
      '## Emails per person per stalled year',
      '',
      'One agreement stalled for a year at each wait, the default reminder policy, counted per',
      'recipient (`bench/nudges.ts`). Before: the ladder of commit 2a41ef3 (a reminder every 14',
      'days forever, every fourth an escalation, one stream per application); after: the ladder',
      'ends (opening, 3 reminders, 2 escalations, then dormant: the host coordinators are told',
      'once) and parallel waits share one email. Bound: 6 per person per wait, 7 for a host',
      'coordinator.',
      '',
      '| stalled at | recipient | before | after |',
      '| --- | --- | --- | --- |',
      ...rows,
      '',
    ].join('\n');
    return { markdown, data: { days: DAYS, before: BEFORE, after } };
  },
};
