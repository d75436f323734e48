import { describe, expect, it } from '@jest/globals';
import {
  cycleTimes,
  matchesFilter,
  median,
  percentile,
  wentLive,
} from '../../domain/reports/cycle-times.ts';
import {
  foldStageTimes,
  reportRowOf,
  stageDays,
  trackStages,
  type ReportRow,
  type StageTimes,
} from '../../domain/reports/stage-times.ts';
import { newAgreement } from '../support/fixtures.ts';

const event = (type: string, data: Record<string, unknown>, at = '2026-01-05T02:30:00.000Z') => ({
  type,
  at,
  data,
});

describe('days in each stage', () => {
  it('counts them from the stage changes, the first from registration (moved from the demo)', () => {
    const history = [
      event('AGREEMENT_CREATED', {}, '2026-01-05T02:00:00.000Z'),
      event('STAGE_CHANGED', { from: 'MOU', to: 'PKS', on: '2018-12-14' }),
      event('STAGE_CHANGED', { from: 'PKS', to: 'HANDOVER', on: '2019-02-22' }),
      event('NUDGE_SENT', { kind: 'ACTION_NEEDED' }),
    ];
    // Registered after the fact: how long it waited for its MoU is unknown.
    expect(stageDays(history, '2026-01-10T00:00:00.000Z')).toEqual({
      days: { PKS: 70, HANDOVER: 2514 },
      ongoing: 'HANDOVER',
    });
    const cancelled = [
      event('AGREEMENT_CREATED', {}, '2026-01-05T02:00:00.000Z'),
      event('STAGE_CHANGED', { from: 'MOU', to: 'CANCELLED' }, '2026-01-08T02:00:00.000Z'),
    ];
    expect(stageDays(cancelled, '2026-01-10T00:00:00.000Z')).toEqual({ days: { MOU: 3 } });
  });

  it('counts the nudges and escalations of the stage they were sent in', () => {
    const times = foldStageTimes({}, [
      event('AGREEMENT_CREATED', {}, '2026-01-01T00:00:00.000Z'),
      event('NUDGE_SENT', { kind: 'ACTION_NEEDED' }),
      event('NUDGE_SENT', { kind: 'REMINDER' }),
      event('NUDGE_SENT', { kind: 'ESCALATION' }),
      event('STAGE_CHANGED', { from: 'MOU', to: 'PKS', on: '2026-02-01' }),
      event('NUDGE_SENT', { kind: 'ACTION_NEEDED' }),
    ]);
    expect(times).toEqual({
      MOU: { enteredOn: '2026-01-01', leftOn: '2026-02-01', nudges: 3, escalations: 1 },
      PKS: { enteredOn: '2026-02-01', nudges: 1, escalations: 0 },
    });
  });

  it('folds a change into the times kept on the agreement, the same as over the whole history', () => {
    const created = [event('AGREEMENT_CREATED', {}, '2026-01-01T00:00:00.000Z')];
    const later = [event('STAGE_CHANGED', { from: 'MOU', to: 'PKS', on: '2026-01-20' })];
    const agreement = trackStages(trackStages(newAgreement(), created), later);
    expect(agreement.stageTimes).toEqual(foldStageTimes({}, [...created, ...later]));
  });

  it('starts an agreement stored before the times were kept from its current stage', () => {
    const stored = { ...newAgreement(), stage: 'PKS' as const, stageEnteredOn: '2019-01-02' };
    delete stored.stageTimes;
    expect(trackStages(stored, []).stageTimes).toEqual({
      PKS: { enteredOn: '2019-01-02', nudges: 0, escalations: 0 },
    });
  });
});

describe('median and 90th percentile', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([])).toBeNull();
    expect(median([7])).toBe(7);
    expect(median([1, 3, 10])).toBe(3);
    expect(median([1, 3, 10, 20])).toBe(7); // (3 + 10) / 2 = 6.5, rounded
  });

  it('takes the nearest rank for the 90th percentile', () => {
    const tens = Array.from({ length: 10 }, (_, i) => (i + 1) * 10);
    expect(percentile(tens, 90)).toBe(90);
    expect(percentile([...tens, 110], 90)).toBe(100); // rank ceil(9.9) = 10
    expect(percentile([5], 90)).toBe(5);
    expect(percentile([], 90)).toBeNull();
  });
});

function row(id: string, times: StageTimes, overrides: Partial<ReportRow> = {}): ReportRow {
  const open = (Object.keys(times) as (keyof StageTimes)[]).find((s) => !times[s]?.leftOn);
  return {
    id,
    title: id,
    partner: { code: '61.12', name: 'KABUPATEN KUBU RAYA' },
    stage: open ?? 'COMPLETED',
    registeredOn: '2018-01-01',
    mouSignedOn: '2018-12-14',
    apps: [{ id: 'e-rk', name: 'e-RK', status: 'PENDING' }],
    stageTimes: times,
    coordinators: [],
    ...overrides,
  };
}

const span = (enteredOn: string | undefined, leftOn?: string, nudges = 0, escalations = 0) => ({
  ...(enteredOn ? { enteredOn } : {}),
  ...(leftOn ? { leftOn } : {}),
  nudges,
  escalations,
});

describe('the cycle-time report', () => {
  const asOf = '2019-03-01T05:00:00.000Z';
  const rows = [
    // PKS took 10, 20, 30 and 100 days; the last one is still in HANDOVER.
    row('a', {
      PKS: span('2019-01-01', '2019-01-11', 2),
      HANDOVER: span('2019-01-11', '2019-01-21'),
    }),
    row('b', { PKS: span('2019-01-01', '2019-01-21', 4, 1), HANDOVER: span('2019-01-21') }),
    row(
      'c',
      { PKS: span('2019-01-01', '2019-01-31', 0), HANDOVER: span('2019-01-31') },
      {
        partner: { code: '32.06', name: 'KABUPATEN TASIKMALAYA' },
        mouSignedOn: '2017-09-20',
        apps: [{ id: 'sabilulungan', name: 'Sabilulungan', status: 'LIVE' }],
      },
    ),
    row('d', { PKS: span('2018-10-01', '2019-01-09', 6, 2), HANDOVER: span('2019-01-09') }),
    // Still in PKS: 59 and 28 days old on 1 March.
    row('e', { PKS: span('2019-01-01') }),
    row('f', { PKS: span('2019-02-01') }),
    // Registered after it left the MoU: counted nowhere for MOU.
    row(
      'g',
      { MOU: span(undefined, '2018-12-14'), PKS: span('2019-02-20') },
      {
        mouSignedOn: undefined,
        registeredOn: '2019-02-25',
      },
    ),
  ];
  const report = cycleTimes(rows, asOf);
  const stage = (name: string) => report.overall.stages.find((s) => s.stage === name);

  it('gives median and p90 over those that left the stage, with their nudges', () => {
    expect(stage('PKS')?.completed).toEqual({
      count: 4,
      medianDays: 25, // (20 + 30) / 2
      p90Days: 100,
      averageNudges: 3,
      averageEscalations: 0.75,
    });
  });

  it('gives the ages of those still in the stage apart', () => {
    expect(stage('PKS')?.ongoing).toEqual({
      count: 3,
      medianDays: 28,
      p90Days: 59,
      oldestDays: 59,
    });
    expect(stage('HANDOVER')?.ongoing).toMatchObject({ count: 3, oldestDays: 51 });
    expect(stage('HANDOVER')?.completed).toMatchObject({ count: 1, medianDays: 10 });
    expect(stage('MOU')?.completed.count).toBe(0);
    expect(stage('MOU')?.completed.medianDays).toBeNull();
  });

  it('groups by year of MoU, province and application', () => {
    expect(report.byMouYear.map((g) => [g.key, g.agreements])).toEqual([
      ['2017', 1],
      ['2018', 5],
      ['NO_MOU', 1],
    ]);
    expect(report.byProvince.map((g) => [g.key, g.label, g.agreements])).toEqual([
      ['32', 'Jawa Barat', 1],
      ['61', 'Kalimantan Barat', 6],
    ]);
    const sabilulungan = report.byApp.find((g) => g.key === 'sabilulungan');
    expect(sabilulungan?.stages.find((s) => s.stage === 'PKS')?.completed.medianDays).toBe(30);
  });

  it('gives the share of agreements whose kept applications all went live', () => {
    expect(report.overall.live).toEqual({ agreements: 1, share: 0.143 });
    const dropped = row(
      'h',
      {},
      {
        apps: [
          { id: 'e-rk', name: 'e-RK', status: 'DROPPED' },
          { id: 'sabilulungan', name: 'Sabilulungan', status: 'LIVE' },
        ],
      },
    );
    expect(wentLive(dropped)).toBe(true);
    expect(wentLive({ ...dropped, apps: [{ id: 'x', name: 'x', status: 'NOT_LIVE' }] })).toBe(
      false,
    );
  });

  it('filters on the MoU (else registration) date, the province and the application', () => {
    const g = rows[6];
    const c = rows[2];
    if (!g || !c) throw new Error('fixture');
    expect(matchesFilter(g, { from: '2019-02-25', to: '2019-02-25' })).toBe(true);
    expect(matchesFilter(c, { to: '2017-12-31' })).toBe(true);
    expect(matchesFilter(c, { from: '2018-01-01' })).toBe(false);
    expect(matchesFilter(c, { province: '32' })).toBe(true);
    expect(matchesFilter(c, { province: '61' })).toBe(false);
    expect(matchesFilter(c, { app: 'sabilulungan' })).toBe(true);
    expect(matchesFilter(c, { app: 'e-rk' })).toBe(false);
  });

  it('keeps a small row per agreement, without free text or milestones', () => {
    const agreement = newAgreement();
    const reportRow = reportRowOf(agreement);
    expect(reportRow).toMatchObject({
      id: agreement.id,
      stage: 'MOU',
      partner: { code: agreement.partnerRegion.code },
    });
    expect(JSON.stringify(reportRow).length).toBeLessThan(2000);
  });
});
