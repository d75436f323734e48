// The dashboard's reads and the list filters on DynamoDB Local: stage counts moved in the
// same transaction as every stage change, the sparse indexes of stalled, needs-attention and
// training agreements, the activity indexes, and what each read costs (it grows with what it
// returns, not with the table).
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { PutCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Agreement, AuditEventDraft } from '../../domain/agreement.ts';
import { markNeedsAttention } from '../../domain/execution.ts';
import { cancelAgreement, recordMilestone } from '../../domain/lifecycle.ts';
import { VersionConflictError, type ListQuery } from '../../domain/ports.ts';
import type { MilestoneInput } from '../../domain/schemas.ts';
import { createTestTable, type TestTable } from '../support/dynamodb.ts';
import { ctx, handedOver, mouSigned, newAgreement, pksSigned } from '../support/fixtures.ts';

let table: TestTable;
beforeAll(async () => {
  table = await createTestTable();
});
afterAll(() => {
  table.destroy();
});

const KUBU_RAYA = '61.12';
const BANJARMASIN = '63.71';
const created: AuditEventDraft[] = [
  { type: 'AGREEMENT_CREATED', at: ctx.now.toISOString(), actor: ctx.actor, data: {} },
];
let sequence = 0;

/** A stored agreement with a unique id, created a second after the previous one. */
async function stored(
  overrides: Parameters<typeof newAgreement>[0] = {},
  stageEnteredOn = '2019-01-01',
): Promise<Agreement> {
  sequence += 1;
  const base = newAgreement(overrides, `rep-${String(sequence).padStart(4, '0')}`);
  const agreement = {
    ...base,
    stageEnteredOn,
    createdAt: new Date(Date.UTC(2019, 0, 1, 0, 0, sequence)).toISOString(),
  };
  await table.repository.create(agreement, created);
  return agreement;
}

async function recorded(agreement: Agreement, ...milestones: MilestoneInput[]) {
  let current = agreement;
  for (const milestone of milestones) {
    const outcome = recordMilestone(current, milestone, ctx);
    if (!outcome.ok) throw new Error(outcome.rejection.message);
    await table.repository.update(outcome.agreement, outcome.events);
    current = outcome.agreement;
  }
  return current;
}

/** The agreement after `sent` nudges of its MoU wait (the first is the opening message). */
async function nudged(agreement: Agreement, sent: number): Promise<Agreement> {
  const changed = {
    ...agreement,
    nudges: { MOU: { sent, lastSentAt: ctx.now.toISOString() } },
    version: agreement.version + 1,
  };
  await table.repository.update(changed, [
    {
      type: 'NUDGE_SENT',
      at: ctx.now.toISOString(),
      actor: 'workflow',
      data: { kind: 'REMINDER' },
    },
  ]);
  return changed;
}

const ids = (agreements: { id: string }[]) => agreements.map((a) => a.id);

async function everyPage(query: Omit<ListQuery, 'cursor'>): Promise<string[]> {
  const found: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await table.repository.list({ ...query, ...(cursor ? { cursor } : {}) });
    found.push(...ids(page.items));
    cursor = page.nextCursor;
  } while (cursor);
  return found;
}

describe('a table of agreements in every situation', () => {
  const a: Record<string, Agreement> = {};
  beforeAll(async () => {
    a.kubuRayaPks = await recorded(await stored({}, '2018-11-01'), mouSigned);
    a.kubuRayaStalled = await nudged(await stored({}, '2018-10-01'), 3);
    a.kubuRayaEscalated = await nudged(
      await stored({ title: 'Kerja Sama Aplikasi Perizinan Terpadu' }, '2018-09-01'),
      5,
    );
    a.banjarmasinStalled = await nudged(
      await stored({ partnerRegion: { code: BANJARMASIN } }, '2018-08-01'),
      2,
    );
    a.banjarmasinQuiet = await stored({ partnerRegion: { code: BANJARMASIN } }, '2019-05-01');
    const failing = await stored({}, '2019-02-01');
    const marked = markNeedsAttention(
      failing,
      { error: 'States.TaskFailed', cause: 'SES refused' },
      ctx.now,
    );
    if (!marked) throw new Error('not marked');
    await table.repository.markNeedsAttention(marked.agreement, marked.events);
    a.kubuRayaAttention = marked.agreement;
    a.kubuRayaTraining = await recorded(
      await stored(),
      mouSigned,
      pksSigned,
      handedOver('sabilulungan'),
      handedOver('e-rk'),
      {
        type: 'TRAINING_SCHEDULED',
        occurredAt: '2019-05-20',
        startsOn: '2019-06-10',
        endsOn: '2019-06-12',
        location: 'Ruang Rapat Diskominfo',
      },
    );
    const cancelled = await stored({ partnerRegion: { code: BANJARMASIN } });
    const outcome = cancelAgreement(cancelled, { reason: 'Tidak dilanjutkan' }, ctx);
    if (!outcome.ok) throw new Error(outcome.rejection.message);
    await table.repository.update(outcome.agreement, outcome.events);
    a.banjarmasinCancelled = outcome.agreement;
  });

  it('counts every agreement in its stage, host-wide and per partner region', async () => {
    expect(await table.repository.stageCounts({})).toEqual({
      MOU: 5,
      PKS: 1,
      HANDOVER: 0,
      TRAINING: 1,
      FOLLOW_UP: 0,
      COMPLETED: 0,
      CANCELLED: 1,
    });
    expect(await table.repository.stageCounts({ partnerRegionCode: BANJARMASIN })).toEqual({
      MOU: 2,
      PKS: 0,
      HANDOVER: 0,
      TRAINING: 0,
      FOLLOW_UP: 0,
      COMPLETED: 0,
      CANCELLED: 1,
    });
  });

  it('leaves the counts alone when a change loses to a concurrent writer', async () => {
    const before = await table.repository.stageCounts({});
    const outcome = recordMilestone(a.banjarmasinQuiet as Agreement, mouSigned, ctx);
    if (!outcome.ok) throw new Error(outcome.rejection.message);
    const stale = { ...outcome.agreement, version: outcome.agreement.version + 5 };
    await expect(table.repository.update(stale, outcome.events)).rejects.toBeInstanceOf(
      VersionConflictError,
    );
    expect(await table.repository.stageCounts({})).toEqual(before);
  });

  it('refuses a change of stage that does not say where it came from', async () => {
    const agreement = a.banjarmasinQuiet as Agreement;
    const moved = { ...agreement, stage: 'PKS' as const, version: agreement.version + 1 };
    await expect(table.repository.update(moved, [])).rejects.toThrow(
      'not in the stage its change started from',
    );
    expect((await table.repository.get(agreement.id))?.stage).toBe('MOU');
  });

  it('lists the stalled agreements longest waiting first, per scope', async () => {
    const stalled = { sort: 'longest-waiting' as const, stalled: true, limit: 10 };
    expect(ids((await table.repository.list(stalled)).items)).toEqual(
      ids([a.banjarmasinStalled, a.kubuRayaEscalated, a.kubuRayaStalled] as Agreement[]),
    );
    const kubuRaya = await table.repository.list({ ...stalled, partnerRegionCode: KUBU_RAYA });
    expect(ids(kubuRaya.items)).toEqual(
      ids([a.kubuRayaEscalated, a.kubuRayaStalled] as Agreement[]),
    );
    // Newest first, through a filter instead of the sparse index.
    expect(await everyPage({ stalled: true, limit: 1 })).toEqual(
      ids([a.banjarmasinStalled, a.kubuRayaEscalated, a.kubuRayaStalled] as Agreement[]),
    );
  });

  it('lists the agreements that need attention, and the others', async () => {
    const attention = await table.repository.list({
      sort: 'longest-waiting',
      needsAttention: true,
      limit: 10,
    });
    expect(ids(attention.items)).toEqual([a.kubuRayaAttention?.id]);
    expect(attention.items[0]?.needsAttention?.error).toBe('States.TaskFailed');
    const others = await everyPage({ needsAttention: false, limit: 3 });
    expect(others).toHaveLength(7);
    expect(others).not.toContain(a.kubuRayaAttention?.id);
  });

  it('filters by stage, province, partner region and text, in any combination', async () => {
    expect(await everyPage({ stage: 'PKS', limit: 5 })).toEqual([a.kubuRayaPks?.id]);
    const kalimantanBarat = await everyPage({ provinceCode: '61', limit: 2 });
    expect(kalimantanBarat).toHaveLength(5);
    expect(await everyPage({ provinceCode: '63', stage: 'CANCELLED', limit: 2 })).toEqual([
      a.banjarmasinCancelled?.id,
    ]);
    expect(await everyPage({ provinceCode: '63', partnerRegionCode: KUBU_RAYA, limit: 5 })).toEqual(
      [],
    );
    // Case and accents do not matter; the region's name is searched as well as the title.
    expect(await everyPage({ text: 'PERIZÍNAN terpadu', limit: 5 })).toEqual([
      a.kubuRayaEscalated?.id,
    ]);
    expect(await everyPage({ text: 'banjarmasin', stalled: true, limit: 5 })).toEqual([
      a.banjarmasinStalled?.id,
    ]);
  });

  it('sorts longest waiting first across pages, in a stage and in a region', async () => {
    const mou = await everyPage({ stage: 'MOU', sort: 'longest-waiting', limit: 2 });
    expect(mou).toEqual(
      ids([
        a.banjarmasinStalled,
        a.kubuRayaEscalated,
        a.kubuRayaStalled,
        a.kubuRayaAttention,
        a.banjarmasinQuiet,
      ] as Agreement[]),
    );
    const banjarmasin = await everyPage({
      partnerRegionCode: BANJARMASIN,
      sort: 'longest-waiting',
      limit: 1,
    });
    expect(banjarmasin[0]).toBe(a.banjarmasinStalled?.id);
    expect(banjarmasin).toHaveLength(3);
  });

  it('finds the trainings ahead, soonest first, per scope', async () => {
    expect(ids(await table.repository.upcomingTrainings({}, '2019-06-01', 5))).toEqual([
      a.kubuRayaTraining?.id,
    ]);
    expect(ids(await table.repository.upcomingTrainings({}, '2019-06-11', 5))).toEqual([]);
    expect(
      ids(
        await table.repository.upcomingTrainings({ partnerRegionCode: KUBU_RAYA }, '2019-06-01', 5),
      ),
    ).toEqual([a.kubuRayaTraining?.id]);
    expect(
      await table.repository.upcomingTrainings({ partnerRegionCode: BANJARMASIN }, '2019-06-01', 5),
    ).toEqual([]);
  });

  it('shows the latest activity newest first, per scope, with its agreement', async () => {
    const activity = await table.repository.recentActivity({}, 4);
    expect(activity).toHaveLength(4);
    const order = activity.map((event) => `${event.at}#${event.agreementId}#${event.version}`);
    expect([...order].sort().reverse()).toEqual(order);
    expect(activity.map((event) => event.type)).toContain('AGREEMENT_CANCELLED');
    const banjarmasin = await table.repository.recentActivity(
      { partnerRegionCode: BANJARMASIN },
      50,
    );
    expect(new Set(banjarmasin.map((event) => event.partnerRegion.code))).toEqual(
      new Set([BANJARMASIN]),
    );
    expect(banjarmasin[0]?.partnerRegion.name).toMatch(/BANJARMASIN/i);
    expect(banjarmasin.map((event) => event.title)).toContain(a.banjarmasinQuiet?.title);
    // The history stays as it was: no report attributes leak into it.
    const history = await table.repository.history(a.banjarmasinQuiet?.id ?? '', { limit: 5 });
    expect(Object.keys(history.items[0] ?? {}).sort()).toEqual(
      ['actor', 'agreementId', 'at', 'data', 'index', 'type', 'version'].sort(),
    );
  });

  it('reads what the dashboard returns, not the table, and never scans', async () => {
    // Forty more quiet agreements: none of them is stalled, marked, in training or recent.
    for (let i = 0; i < 40; i++) await stored({}, '2019-05-02');
    let read = 0;
    const realSend = table.client.send.bind(table.client) as (command: unknown) => Promise<unknown>;
    const send = jest.spyOn(table.client, 'send').mockImplementation((async (command: unknown) => {
      const output = await realSend(command);
      if (command instanceof QueryCommand) {
        read += (output as { ScannedCount?: number }).ScannedCount ?? 0;
      }
      return output;
    }) as never);
    const limit = 2;
    await table.repository.stageCounts({});
    await table.repository.list({ sort: 'longest-waiting', stalled: true, limit });
    await table.repository.list({ sort: 'longest-waiting', needsAttention: true, limit });
    await table.repository.upcomingTrainings({}, '2019-06-01', limit);
    await table.repository.recentActivity({}, limit);
    const commands = send.mock.calls.map(([command]) => command);
    send.mockRestore();
    expect(commands.some((c) => c instanceof ScanCommand)).toBe(false);
    // At most `limit` (+1 to learn there is more) per list, whatever the table holds.
    expect(read).toBeLessThanOrEqual(4 * (limit + 1));
  });
});

it('fits the largest creation in one transaction with its report row and two stage counts', async () => {
  // The schema's largest creation: AGREEMENT_CREATED, 89 milestones and 5 stage changes, the
  // agreement, its report row, its idempotency record and the two count items: DynamoDB's 100.
  const events: AuditEventDraft[] = Array.from({ length: 95 }, (_, i) => ({
    type: 'MILESTONE_RECORDED',
    at: ctx.now.toISOString(),
    actor: ctx.actor,
    data: { i },
  }));
  const agreement = newAgreement({}, 'rep-largest');
  const claim = { key: 'create:largest', requestHash: 'h' };
  await expect(table.repository.create(agreement, events, claim)).resolves.toMatchObject({
    replayed: false,
  });
});

describe('the report rows', () => {
  let rows: TestTable;
  beforeAll(async () => {
    rows = await createTestTable();
  });
  afterAll(() => {
    rows.destroy();
  });

  it('keeps each agreement’s row on its own item, moved with every change, by cohort date', async () => {
    const registered = { ...newAgreement({}, 'row-registered'), createdAt: '2019-03-01T01:00:00Z' };
    await rows.repository.create(registered, created);
    const signed = { ...newAgreement({}, 'row-signed'), createdAt: '2019-03-02T01:00:00Z' };
    await rows.repository.create(signed, created);
    const outcome = recordMilestone(signed, mouSigned, ctx);
    if (!outcome.ok) throw new Error(outcome.rejection.message);
    await rows.repository.update(outcome.agreement, outcome.events);

    const all = await rows.repository.reportRows({});
    // Ordered by cohort date: the MoU of 2018-12-14 before the registration of 2019-03-01.
    expect(all.map((row) => [row.id, row.stage, row.mouSignedOn])).toEqual([
      ['row-signed', 'PKS', '2018-12-14'],
      ['row-registered', 'MOU', undefined],
    ]);
    expect(all[0]?.stageTimes.MOU).toMatchObject({ leftOn: '2018-12-14' });
    const range = await rows.repository.reportRows({ from: '2019-01-01', to: '2019-12-31' });
    expect(range.map((row) => row.id)).toEqual(['row-registered']);

    // The agreement item itself carries no row and no Reports keys.
    const { Items = [] } = await rows.client.send(
      new QueryCommand({
        TableName: rows.tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': 'AGREEMENT#row-signed' },
      }),
    );
    const bySortKey = new Map(Items.map((item) => [item.SK as string, item]));
    expect(bySortKey.get('AGREEMENT')).not.toHaveProperty('report');
    expect(bySortKey.get('AGREEMENT')).not.toHaveProperty('reportPK');
    expect(bySortKey.get('REPORT')).toMatchObject({ reportPK: 'REPORT', entity: 'ReportRow' });
  });

  it('reads the row an older agreement item carries until its report item exists', async () => {
    const old = (id: string, stage: string) => ({
      PK: `AGREEMENT#${id}`,
      SK: 'AGREEMENT',
      reportPK: 'REPORT',
      reportSK: `2017-01-01#${id}`,
      report: { id, stage, stageTimes: {} },
    });
    // One agreement never rewritten since, one whose report item came with its next write.
    await rows.client.send(
      new PutCommand({ TableName: rows.tableName, Item: old('row-old', 'MOU') }),
    );
    await rows.client.send(
      new PutCommand({ TableName: rows.tableName, Item: old('row-signed', 'MOU') }),
    );

    const all = await rows.repository.reportRows({});
    expect(all.filter((row) => row.id === 'row-old').map((row) => row.stage)).toEqual(['MOU']);
    expect(all.filter((row) => row.id === 'row-signed').map((row) => row.stage)).toEqual(['PKS']);
    expect(all).toHaveLength(3);
  });
});
