// GET /reports/cycle-times on DynamoDB Local: the stage times kept on each agreement agree with
// its history, the report reads them, a partner coordinator sees their region only.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CycleTimeReport } from '../../domain/reports/cycle-times.ts';
import { daysInStages, stageDays } from '../../domain/reports/stage-times.ts';
import { mouSigned, pksSigned } from '../support/fixtures.ts';
import { agreementBody, KUBU_RAYA, startApiHarness, type ApiHarness } from '../support/api.ts';

let h: ApiHarness;
let host: string;
const ids: Record<string, string> = {};

async function register(name: string, body: Record<string, unknown>): Promise<void> {
  const created = await h.call({ method: 'POST', path: '/agreements', token: host, body });
  expect(created.status).toBe(201);
  ids[name] = created.body.id as string;
}

beforeAll(async () => {
  h = await startApiHarness();
  host = await h.token({ role: 'host' });
  // In HANDOVER since 2019-02-22: its PKS took 70 days; its MoU stage began before registration.
  await register('kubuRaya', agreementBody({ milestones: [mouSigned, pksSigned] }));
  // In PKS since 2017-09-20.
  await register(
    'tasikmalaya',
    agreementBody({
      partnerRegion: { code: '32.06' },
      apps: [{ id: 'gampil' }],
      milestones: [{ type: 'MOU_SIGNED', occurredAt: '2017-09-20' }],
    }),
  );
  // Registered today, in MOU.
  await register('fresh', agreementBody());
});
afterAll(async () => {
  await h.close();
});

const stageOf = (group: CycleTimeReport['overall'], stage: string) =>
  group.stages.find((s) => s.stage === stage);

describe('GET /reports/cycle-times', () => {
  it('keeps on each agreement the stage times its history gives', async () => {
    for (const id of Object.values(ids)) {
      const agreement = await h.table.repository.get(id);
      const history = await h.call({ path: `/agreements/${id}/history`, token: host });
      const asOf = h.clock.now().toISOString();
      expect(history.status).toBe(200);
      const fromHistory = stageDays(history.body.items, asOf);
      expect(daysInStages(agreement?.stageTimes ?? {}, asOf)).toEqual(fromHistory);
    }
  });

  it('answers the host with every agreement, by stage, year of MoU, province and application', async () => {
    const answer = await h.call({ path: '/reports/cycle-times', token: host });
    expect(answer.status).toBe(200);
    const { overall, byMouYear, byProvince, byApp } = answer.body as CycleTimeReport;
    expect(overall.agreements).toBe(3);
    expect(stageOf(overall, 'PKS')?.completed).toMatchObject({
      count: 1,
      medianDays: 70,
      p90Days: 70,
    });
    expect(stageOf(overall, 'PKS')?.ongoing).toMatchObject({ count: 1 });
    expect(stageOf(overall, 'MOU')?.ongoing).toMatchObject({ count: 1, medianDays: 0 });
    expect(byMouYear.map((g) => g.key)).toEqual(['2017', '2018', 'NO_MOU']);
    expect(byProvince.map((g) => g.key)).toEqual(['32', '61']);
    expect(byApp.map((g) => g.key)).toContain('gampil');
  });

  it('filters by MoU date, province and application', async () => {
    const only = async (query: string) => {
      const answer = await h.call({ path: `/reports/cycle-times?${query}`, token: host });
      expect(answer.status).toBe(200);
      return answer.body.overall.agreements as number;
    };
    expect(await only('from=2018-01-01&to=2018-12-31')).toBe(1);
    expect(await only('to=2017-12-31')).toBe(1);
    expect(await only('province=32')).toBe(1);
    expect(await only('province=61')).toBe(2);
    expect(await only('app=gampil')).toBe(1);
  });

  it('shows a partner coordinator their region only, and nobody else anything', async () => {
    const partner = await h.token({ role: 'partner', region: KUBU_RAYA });
    const answer = await h.call({ path: '/reports/cycle-times', token: partner });
    expect(answer.status).toBe(200);
    expect(answer.body.overall.agreements).toBe(2);
    expect((answer.body as CycleTimeReport).byProvince.map((g) => g.key)).toEqual(['61']);
    const none = await h.token({ role: 'none' });
    expect((await h.call({ path: '/reports/cycle-times', token: none })).status).toBe(403);
    expect((await h.call({ path: '/reports/cycle-times' })).status).toBe(401);
  });

  it('refuses bad filters with a problem naming them', async () => {
    for (const [query, field] of [
      ['from=2019-13-01', 'from'],
      ['from=2019-02-01&to=2019-01-01', 'to'],
      ['province=61.12', 'province'],
      ['province=99', 'province'],
      ['app=nope', 'app'],
      ['limit=3', ''],
    ] as const) {
      const answer = await h.call({ path: `/reports/cycle-times?${query}`, token: host });
      expect(answer.status).toBe(400);
      expect(answer.contentType).toContain('application/problem+json');
      if (field) expect(JSON.stringify(answer.body.errors)).toContain(field);
    }
  });
});
