// GET /reports/summary and the filters of GET /agreements over HTTP, on DynamoDB Local: what
// each role sees, and what a client may not send.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { STAGES } from '../../domain/schemas.ts';
import { agreementBody, KUBU_RAYA, startApiHarness, type ApiHarness } from '../support/api.ts';
import { latestIndonesianDate } from '../../domain/dates.ts';

const BANJARMASIN = '63.71';
let h: ApiHarness;
let host: string;
let partner: string;
const ids: Record<string, string> = {};

async function create(overrides: Record<string, unknown>): Promise<string> {
  const created = await h.call({
    method: 'POST',
    path: '/agreements',
    token: host,
    body: agreementBody(overrides),
  });
  expect(created.status).toBe(201);
  return created.body.id as string;
}

beforeAll(async () => {
  h = await startApiHarness();
  host = await h.token({ role: 'host' });
  partner = await h.token({ role: 'partner', region: KUBU_RAYA });
  ids.kubuRaya = await create({ title: 'Kerja Sama Sabilulungan Kubu Raya' });
  ids.banjarmasin = await create({
    title: 'Kerja Sama Aplikasi Kota Banjarmasin',
    partnerRegion: { code: BANJARMASIN },
  });
  ids.banjarmasinPks = await create({
    title: 'Kerja Sama e-RK Banjarmasin',
    partnerRegion: { code: BANJARMASIN },
    milestones: [{ type: 'MOU_SIGNED', occurredAt: latestIndonesianDate(h.clock.now()) }],
  });
});
afterAll(async () => {
  await h.close();
});

const fieldsOf = (body: { errors: { field: string }[] }) => body.errors.map((e) => e.field);

const countsOf = (body: { stageCounts: { stage: string; count: number }[] }) =>
  Object.fromEntries(body.stageCounts.map(({ stage, count }) => [stage, count]));

describe('GET /reports/summary', () => {
  it('gives the host every stage in order, with the counts of all agreements', async () => {
    const answer = await h.call({ path: '/reports/summary', token: host });
    expect(answer.status).toBe(200);
    expect((answer.body.stageCounts as { stage: string }[]).map((c) => c.stage)).toEqual([
      ...STAGES,
    ]);
    expect(countsOf(answer.body)).toEqual({
      MOU: 2,
      PKS: 1,
      HANDOVER: 0,
      TRAINING: 0,
      FOLLOW_UP: 0,
      COMPLETED: 0,
      CANCELLED: 0,
    });
    expect(answer.body.total).toBe(3);
    expect(answer.body.partnerRegion).toBeUndefined();
    expect(answer.body.stalled).toEqual([]);
    expect(answer.body.needsAttention).toEqual([]);
    expect(answer.body.upcomingTrainings).toEqual([]);
    const activity = answer.body.recentActivity as { agreementId: string; type: string }[];
    expect(activity.map((event) => event.type)).toContain('STAGE_CHANGED');
    expect(activity.find((event) => event.type === 'STAGE_CHANGED')).toMatchObject({
      agreementId: ids.banjarmasinPks,
      fromStage: 'MOU',
      toStage: 'PKS',
      title: 'Kerja Sama e-RK Banjarmasin',
      partnerRegion: { code: BANJARMASIN },
    });
  });

  it('gives a partner coordinator their own region only', async () => {
    const answer = await h.call({ path: '/reports/summary', token: partner });
    expect(answer.status).toBe(200);
    expect(answer.body.partnerRegion).toMatchObject({ code: KUBU_RAYA });
    expect(countsOf(answer.body)).toMatchObject({ MOU: 1, PKS: 0 });
    expect(answer.body.total).toBe(1);
    const agreements = new Set(
      (answer.body.recentActivity as { agreementId: string }[]).map((e) => e.agreementId),
    );
    expect([...agreements]).toEqual([ids.kubuRaya]);
  });

  it('lets the host look at one region, and no partner at another', async () => {
    const region = await h.call({
      path: `/reports/summary?partnerRegion=${BANJARMASIN}`,
      token: host,
    });
    expect(region.status).toBe(200);
    expect(region.body.total).toBe(2);
    const other = await h.call({
      path: `/reports/summary?partnerRegion=${BANJARMASIN}`,
      token: partner,
    });
    expect(other.status).toBe(403);
    const none = await h.call({ path: '/reports/summary', token: await h.token({ role: 'none' }) });
    expect(none.status).toBe(403);
    expect((await h.call({ path: '/reports/summary' })).status).toBe(401);
  });

  it('refuses a bad limit with the field it names', async () => {
    const answer = await h.call({ path: '/reports/summary?limit=500', token: host });
    expect(answer.status).toBe(400);
    expect(answer.contentType).toContain('application/problem+json');
    expect(fieldsOf(answer.body)).toEqual(['query.limit']);
  });

  it('keeps every list of the summary within the limit', async () => {
    const answer = await h.call({ path: '/reports/summary?limit=1', token: host });
    expect(answer.status).toBe(200);
    expect(answer.body.recentActivity).toHaveLength(1);
  });
});

describe('the filters of GET /agreements', () => {
  const list = async (query: string, token = host) => {
    const answer = await h.call({ path: `/agreements?${query}`, token });
    expect(answer.status).toBe(200);
    return (answer.body.items as { id: string }[]).map((item) => item.id);
  };

  it('searches title and region name, without regard to case', async () => {
    expect(await list('q=SABILULUNGAN')).toEqual([ids.kubuRaya]);
    expect((await list('q=banjarmasin')).sort()).toEqual(
      [ids.banjarmasin, ids.banjarmasinPks].sort(),
    );
    expect(await list('q=banjarmasin', partner)).toEqual([]);
  });

  it('filters by province and stage, and sorts longest waiting first', async () => {
    expect(await list('province=61')).toEqual([ids.kubuRaya]);
    expect(await list('province=63&stage=PKS')).toEqual([ids.banjarmasinPks]);
    expect(await list('stalled=false&needsAttention=false&sort=longest-waiting')).toHaveLength(3);
    expect(await list('stalled=true')).toEqual([]);
  });

  it('shows how long each agreement waits in its stage', async () => {
    const answer = await h.call({ path: `/agreements?partnerRegion=${KUBU_RAYA}`, token: host });
    expect(answer.body.items[0].waiting).toEqual({
      days: 0,
      remindersSent: 0,
      stalled: false,
      escalated: false,
    });
  });

  it('refuses what it does not know, naming the parameter', async () => {
    for (const [query, field] of [
      ['stalled=yes', 'query.stalled'],
      ['province=99', 'query.province'],
      ['province=61.12', 'query.province'],
      ['sort=oldest', 'query.sort'],
      ['q=a', 'query.q'],
      ['region=61.12', 'query'],
    ] as const) {
      const answer = await h.call({ path: `/agreements?${query}`, token: host });
      expect([query, answer.status]).toEqual([query, 400]);
      expect(fieldsOf(answer.body)).toContain(field);
    }
  });

  it('keeps a partner to their own region whatever they filter', async () => {
    expect(await list('province=63', partner)).toEqual([]);
    expect(await list('sort=longest-waiting', partner)).toEqual([ids.kubuRaya]);
    const other = await h.call({
      path: `/agreements?partnerRegion=${BANJARMASIN}`,
      token: partner,
    });
    expect(other.status).toBe(403);
  });
});
