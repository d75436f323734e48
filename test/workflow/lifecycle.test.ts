// The real ASL file on the local engine, its task functions on DynamoDB Local, emails in the
// SES stand-in. One workflow day passes in DAY_MS real milliseconds.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DescribeExecutionCommand, type ExecutionStatus } from '@aws-sdk/client-sfn';
import { changeAgreement, retryOnConflict } from '../../application/commit.ts';
import { addDays, latestIndonesianDate } from '../../domain/dates.ts';
import type { MilestoneInput } from '../../domain/schemas.ts';
import { isWaitRoute, ROUTES, type WaitRoute } from '../../domain/routes.ts';
import {
  cancelAndStop,
  createStored,
  describeState,
  emailsTo,
  eventually,
  executionHistory,
  historyOf,
  recordAndWake,
  startHarness,
  stored,
  waitingFor,
  type Harness,
} from '../support/workflow.ts';

const OFFICIAL = 'kadis@kuburaya.example.go.id';
const ESCALATION = 'sekda@kuburaya.example.go.id';
const ORIGIN = new Date('2019-01-02T01:00:00Z');

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ origin: ORIGIN });
});
afterAll(async () => {
  await h.close();
});

async function statusOf(executionArn: string): Promise<ExecutionStatus | undefined> {
  return (await h.sfn.send(new DescribeExecutionCommand({ executionArn }))).status;
}

function finished(executionArn: string, status: ExecutionStatus = 'SUCCEEDED') {
  return eventually(
    `${executionArn} ${status}`,
    async () => (await statusOf(executionArn)) === status,
  );
}

async function statesEntered(executionArn: string): Promise<string[]> {
  return (await executionHistory(h, executionArn))
    .filter((e) => e.type?.endsWith('StateEntered'))
    .map((e) => e.stateEnteredEventDetails?.name ?? '');
}

/**
 * Every route on which the workflow waits for people during the implementation (the term's
 * watch after it, TERM, has its own tests: term.test.ts).
 */
type StageRoute = Exclude<WaitRoute, 'TERM'>;
const WAIT_ROUTES = ROUTES.filter(isWaitRoute).filter((r): r is StageRoute => r !== 'TERM');

/** Milestones, dated relative to the harness's today, that register an agreement at `route`. */
function pastMilestones(route: StageRoute): MilestoneInput[] {
  const today = latestIndonesianDate(h.clock.now());
  const day = (offset: number) => addDays(today, offset);
  const upTo = (last: WaitRoute): MilestoneInput[] => {
    const steps: [WaitRoute, MilestoneInput[]][] = [
      ['PKS', [{ type: 'MOU_SIGNED', occurredAt: day(-20) }]],
      ['HANDOVER', [{ type: 'PKS_SIGNED', occurredAt: day(-15) }]],
      [
        'TRAINING_SCHEDULE',
        ['sabilulungan', 'e-rk'].map((appId) => ({
          type: 'APP_HANDED_OVER' as const,
          occurredAt: day(-10),
          appId,
        })),
      ],
    ];
    const index = steps.findIndex(([r]) => r === last);
    return steps.slice(0, index + 1).flatMap(([, milestones]) => milestones);
  };
  switch (route) {
    case 'MOU':
      return [];
    case 'PKS':
    case 'HANDOVER':
    case 'TRAINING_SCHEDULE':
      return upTo(route);
    case 'TRAINING_UPCOMING':
      return [
        ...upTo('TRAINING_SCHEDULE'),
        { type: 'TRAINING_SCHEDULED', occurredAt: day(-5), startsOn: day(20), endsOn: day(21) },
      ];
    case 'TRAINING_COMPLETION':
    case 'FOLLOW_UP':
      return [
        ...upTo('TRAINING_SCHEDULE'),
        { type: 'TRAINING_SCHEDULED', occurredAt: day(-9), startsOn: day(-5), endsOn: day(-4) },
        ...(route === 'FOLLOW_UP'
          ? [{ type: 'TRAINING_COMPLETED' as const, occurredAt: day(-4) }]
          : []),
      ];
  }
}

/** Emails about one agreement: each carries its reference number. */
async function emailsAbout(id: string, address: string) {
  return (await emailsTo(h, address)).filter((e) => e.body.text?.includes(`: ${id}`));
}

/** Until the wait for `waitKey` sleeps on its token: the milestone then has to wake it. */
async function asleepOn(id: string, waitKey: string): Promise<void> {
  await waitingFor(h, id, waitKey);
  await eventually(`${id} asleep on ${waitKey}`, async () =>
    (await h.table.repository.taskTokens(id)).some((t) => t.waitKey === waitKey),
  );
}

async function cancel(id: string): Promise<void> {
  await cancelAndStop(h, id);
}

describe('the whole lifecycle', () => {
  it('walks an agreement with two applications from MoU to completion', async () => {
    // A pre-training reminder 10 days ahead leaves the scaled clock room on a busy machine.
    const agreement = await createStored(h, 'agr-happy', {
      reminderPolicy: {
        TRAINING: { firstAfterDays: 14, everyDays: 14, escalateAfter: 3, remindDaysBefore: 10 },
      },
    });
    const { executionArn } = await h.workflow.start(agreement, 'created');
    await asleepOn(agreement.id, 'MOU');
    await recordAndWake(h, agreement.id, (today) => ({ type: 'MOU_SIGNED', occurredAt: today }));
    await asleepOn(agreement.id, 'PKS');
    await recordAndWake(h, agreement.id, (today) => ({ type: 'PKS_SIGNED', occurredAt: today }));
    await waitingFor(h, agreement.id, 'HANDOVER');
    // The Map waits for each application on its own token.
    await eventually('a token per application', async () => {
      const keys = (await h.table.repository.taskTokens(agreement.id)).map((t) => t.waitKey);
      return keys.includes('HANDOVER#sabilulungan') && keys.includes('HANDOVER#e-rk');
    });
    await recordAndWake(h, agreement.id, (today) => ({
      type: 'APP_HANDED_OVER',
      occurredAt: today,
      appId: 'sabilulungan',
    }));
    expect((await stored(h, agreement.id)).stage).toBe('HANDOVER');
    await recordAndWake(h, agreement.id, (today) => ({
      type: 'APP_HANDED_OVER',
      occurredAt: today,
      appId: 'e-rk',
    }));
    await asleepOn(agreement.id, 'TRAINING_SCHEDULE');

    let startsOn = '';
    await recordAndWake(h, agreement.id, (today) => {
      startsOn = addDays(today, 30);
      return {
        type: 'TRAINING_SCHEDULED',
        occurredAt: today,
        startsOn,
        endsOn: addDays(startsOn, 2),
      };
    });
    await waitingFor(h, agreement.id, 'TRAINING_UPCOMING');
    // Two days before the training its participants are reminded.
    const invitation = await eventually(
      'the pre-training reminder',
      async () =>
        (await emailsAbout(agreement.id, OFFICIAL)).find((e) =>
          e.subject.startsWith('Pengingat pelatihan'),
        ),
      { explain: () => describeState(h, agreement.id) },
    );
    expect(invitation.destination.cc).toContain('koordinator@bandung.example.go.id');
    // Before it, the invitation itself, with the training in a calendar file.
    const [invited] = (await emailsAbout(agreement.id, OFFICIAL)).filter((e) =>
      e.subject.startsWith('Undangan'),
    );
    expect(invited?.attachments).toEqual([
      expect.objectContaining({ contentType: expect.stringContaining('text/calendar') }),
    ]);
    await asleepOn(agreement.id, 'TRAINING_COMPLETION');
    await eventually('the training has started', () =>
      Promise.resolve(latestIndonesianDate(h.clock.now()) >= startsOn),
    );
    await recordAndWake(h, agreement.id, (today) => ({
      type: 'TRAINING_COMPLETED',
      occurredAt: today,
    }));
    await asleepOn(agreement.id, 'FOLLOW_UP');
    for (const appId of ['sabilulungan', 'e-rk']) {
      await recordAndWake(h, agreement.id, (today) => ({
        type: 'FOLLOW_UP_REPORTED',
        occurredAt: today,
        appId,
        live: true,
      }));
    }
    // COMPLETED, the workflow keeps watching the PKS's term (five years from its signing: no
    // notice yet) until it ends; here the parties end the agreement early.
    await asleepOn(agreement.id, 'TERM');
    expect((await stored(h, agreement.id)).stage).toBe('COMPLETED');
    await recordAndWake(h, agreement.id, (today) => ({
      type: 'AGREEMENT_TERMINATED',
      occurredAt: today,
      reason: 'Para pihak mengakhiri kerja sama',
    }));
    await finished(executionArn);

    const final = await stored(h, agreement.id);
    expect(final.stage).toBe('COMPLETED');
    expect(final.apps.map((a) => a.status)).toEqual(['LIVE', 'LIVE']);
    const waits = (await historyOf(h, agreement.id))
      .filter((e) => e.type === 'WAITING')
      .map((e) => e.data.for);
    expect(waits).toEqual([
      'MOU',
      'PKS',
      'HANDOVER',
      'TRAINING_SCHEDULE',
      'TRAINING_UPCOMING',
      'TRAINING_COMPLETION',
      'FOLLOW_UP',
      'TERM',
    ]);
    const entered = await statesEntered(executionArn);
    expect(entered).toEqual(
      expect.arrayContaining([
        'Wait for MoU signature',
        'Wait for PKS signature',
        'Hand over each application',
        'Wait for application handover',
        'Wait for training to be scheduled',
        'Remind participants of the training',
        'Wait for training completion',
        'Wait for follow-up reports',
        'Wait until the next term notice',
      ]),
    );
    expect(entered.at(-1)).toBe('Lifecycle completed');
    expect(await h.table.repository.taskTokens(agreement.id)).toEqual([]);
  });
});

describe('nudges', () => {
  it('reminds the partner about a late PKS three times, then escalates', async () => {
    const agreement = await createStored(h, 'agr-late-pks', { milestones: pastMilestones('PKS') });
    const { executionArn } = await h.workflow.start(agreement, 'created');
    const escalation = await eventually('the escalation', async () =>
      (await emailsAbout(agreement.id, ESCALATION)).find((e) => e.subject.startsWith('Eskalasi')),
    );
    expect(escalation.destination.to).toEqual([ESCALATION]);
    // In the contact's language: the agreement, the partner, and what is pending.
    expect(escalation.body.text).toContain(agreement.title);
    expect(escalation.body.text).toContain('Kabupaten Kubu Raya');
    expect(escalation.body.text).toContain('penandatanganan Perjanjian Kerja Sama (PKS)');
    expect(escalation.body.html).toContain('<html');

    // The email goes out before the send is recorded on the agreement.
    const nudges = await eventually('four nudges recorded', async () => {
      const sent = (await historyOf(h, agreement.id)).filter((e) => e.type === 'NUDGE_SENT');
      return sent.length >= 5 && sent;
    });
    expect(nudges.slice(0, 5).map((e) => [e.data.kind, e.data.number])).toEqual([
      ['ACTION_NEEDED', 1],
      ['REMINDER', 2],
      ['REMINDER', 3],
      ['REMINDER', 4],
      ['ESCALATION', 5],
    ]);
    expect(nudges.every((e) => typeof e.data.messageId === 'string')).toBe(true);
    const reminders = (await emailsAbout(agreement.id, OFFICIAL)).filter((e) =>
      e.subject.startsWith('Pengingat: tanda tangan PKS dengan Kabupaten Kubu Raya'),
    );
    expect(reminders.length).toBeGreaterThanOrEqual(3);

    // Once signed, the lifecycle moves on.
    await recordAndWake(h, agreement.id, (today) => ({ type: 'PKS_SIGNED', occurredAt: today }));
    await waitingFor(h, agreement.id, 'HANDOVER');
    expect(await statusOf(executionArn)).toBe('RUNNING');
    await cancel(agreement.id);
    await finished(executionArn);
  });

  it('picks up a milestone whose wake-up call never came at the next timeout', async () => {
    const agreement = await createStored(h, 'agr-lost-wake');
    await h.workflow.start(agreement, 'created');
    await waitingFor(h, agreement.id, 'MOU');
    await eventually('the MoU wait asleep', async () =>
      (await h.table.repository.taskTokens(agreement.id)).some((t) => t.waitKey === 'MOU'),
    );
    // Commit the milestone as the API would (again from what is stored if the workflow wrote
    // meanwhile, e.g. its MoU nudge), but "lose" the call that wakes the workflow.
    const { recordMilestone } = await import('../../domain/lifecycle.ts');
    const today = h.clock.now().toISOString().slice(0, 10);
    const signedAt = await retryOnConflict(async () => {
      const outcome = recordMilestone(
        await stored(h, agreement.id),
        { type: 'MOU_SIGNED', occurredAt: today },
        {
          now: h.clock.now(),
          actor: 'koordinator@bandung.example.go.id',
        },
      );
      if (!outcome.ok) throw new Error(outcome.rejection.message);
      await h.table.repository.update(outcome.agreement, outcome.events);
      return outcome.agreement.updatedAt;
    });

    await waitingFor(h, agreement.id, 'PKS');
    // The MoU wait ended by its timeout (nothing woke it), re-planned and found the MoU signed:
    // no MoU nudge went out after the milestone.
    const executionArn = (await stored(h, agreement.id)).workflow?.executionArn ?? '';
    const ends = (await executionHistory(h, executionArn)).map((e) => e.type);
    expect(ends).toContain('TaskTimedOut');
    const history = await historyOf(h, agreement.id);
    expect(
      history.filter((e) => e.type === 'NUDGE_SENT' && e.data.waitKey === 'MOU' && e.at > signedAt),
    ).toEqual([]);
    await cancel(agreement.id);
  });
});

describe('cancellation', () => {
  it.each(WAIT_ROUTES)('ends the execution cleanly while waiting in %s', async (route) => {
    const agreement = await createStored(h, `agr-cancel-${route.toLowerCase()}`, {
      milestones: pastMilestones(route),
    });
    const { executionArn } = await h.workflow.start(agreement, 'created');
    await waitingFor(h, agreement.id, route);
    await eventually(
      'a stored token',
      async () => (await h.table.repository.taskTokens(agreement.id)).length > 0,
    );
    await cancel(agreement.id);
    await finished(executionArn);
    expect((await statesEntered(executionArn)).at(-1)).toBe('Agreement cancelled');
    expect((await stored(h, agreement.id)).stage).toBe('CANCELLED');
    expect(await h.table.repository.taskTokens(agreement.id)).toEqual([]);
  });
});

describe('resuming', () => {
  it.each(WAIT_ROUTES)('starts a new execution at %s from the agreement record', async (route) => {
    const agreement = await createStored(h, `agr-resume-${route.toLowerCase()}`, {
      milestones: pastMilestones(route),
    });
    const { executionArn } = await h.workflow.start(agreement, 'resumed');
    expect(executionArn).toContain(`agr-resume-${route.toLowerCase()}-61-12-resumed-`);
    await waitingFor(h, agreement.id, route);
    const waits = (await historyOf(h, agreement.id)).filter((e) => e.type === 'WAITING');
    expect(waits.map((e) => e.data.for)).toEqual([route]);
    await cancel(agreement.id);
    await finished(executionArn);
  });

  it('moves a running agreement to a new execution; the old one stands down', async () => {
    const agreement = await createStored(h, 'agr-takeover', { milestones: pastMilestones('PKS') });
    const first = await h.workflow.start(agreement, 'created');
    await waitingFor(h, agreement.id, 'PKS');
    const second = await h.workflow.start(await stored(h, agreement.id), 'resumed');
    await eventually(
      'the new execution took over',
      async () => (await stored(h, agreement.id)).workflow?.executionArn === second.executionArn,
    );
    // The old execution wakes up (here: a milestone), sees the newer owner and ends.
    await recordAndWake(h, agreement.id, (today) => ({ type: 'PKS_SIGNED', occurredAt: today }));
    await finished(first.executionArn);
    expect((await statesEntered(first.executionArn)).at(-1)).toBe(
      'Superseded by a newer execution',
    );
    await waitingFor(h, agreement.id, 'HANDOVER');
    expect(await statusOf(second.executionArn)).toBe('RUNNING');
    await cancel(agreement.id);
    await finished(second.executionArn);
  });

  it('continues in a new execution before the one-year limit', async () => {
    const agreement = await createStored(h, 'agr-renew', { milestones: pastMilestones('PKS') });
    const first = await h.workflow.start(agreement, 'created');
    await waitingFor(h, agreement.id, 'PKS');
    // Age the execution's takeover by 331 days (again if the workflow wrote meanwhile), then wake it.
    await changeAgreement(
      h.table.repository,
      () => stored(h, agreement.id),
      (current) => ({
        agreement: {
          ...current,
          version: current.version + 1,
          workflow: current.workflow && {
            ...current.workflow,
            startedAt: new Date(h.clock.now().getTime() - 331 * 86_400_000).toISOString(),
          },
        },
        events: [],
      }),
    );
    await h.workflow.wake(agreement.id);
    await finished(first.executionArn);
    expect((await statesEntered(first.executionArn)).at(-1)).toBe('Continued in a new execution');
    const successor = await eventually('the successor execution', async () => {
      const owner = (await stored(h, agreement.id)).workflow?.executionArn;
      return owner !== first.executionArn && owner;
    });
    expect(successor).toContain('agr-renew-61-12-renewed-');
    await cancel(agreement.id);
    await finished(successor);
  });
});
