// Local mode's trigger of the monthly digest: the schedule of the CDK stack (08:00 WIB on days 1
// to 7) by the scaled workflow clock, invoking the real digest function on DynamoDB Local, whose
// emails land in the SES stand-in: once per recipient on the first working day, nothing on the
// other days of the schedule.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { setTimeout as delay } from 'node:timers/promises';
import { createAgreement } from '../../domain/lifecycle.ts';
import { DIGEST_SCHEDULE } from '../../infra/constructs/monthly-digest.ts';
import {
  LAST_RUN_DAY,
  nextDigestRun,
  RUN_HOUR_UTC,
  startLocalDigest,
  type LocalDigest,
} from '../../local/digest-schedule.ts';
import { HOST_COORDINATOR_EMAIL } from '../../local/example-agreement.ts';
import { ctx, kubuRayaInput, mouSigned } from '../support/fixtures.ts';
import { startHarness, type Harness } from '../support/workflow.ts';

describe('the local schedule of the digest', () => {
  it('is the stack’s schedule: 08:00 WIB on the first seven days of each month', () => {
    expect(DIGEST_SCHEDULE).toBe(
      `cron(0 ${String(RUN_HOUR_UTC + 7)} 1-${String(LAST_RUN_DAY)} * ? *)`,
    );
    const next = (iso: string) => nextDigestRun(new Date(iso)).toISOString();
    expect(next('2027-01-31T12:00:00Z')).toBe('2027-02-01T01:00:00.000Z');
    expect(next('2027-02-01T01:00:00Z')).toBe('2027-02-02T01:00:00.000Z');
    expect(next('2027-02-03T00:59:59Z')).toBe('2027-02-03T01:00:00.000Z');
    expect(next('2027-02-07T01:00:00Z')).toBe('2027-03-01T01:00:00.000Z');
    expect(next('2027-12-20T00:00:00Z')).toBe('2028-01-01T01:00:00.000Z');
  });
});

describe('the digest in local mode', () => {
  /** Real milliseconds per workflow day. */
  const DAY_MS = 500;
  let h: Harness;
  let digest: LocalDigest | undefined;

  beforeAll(async () => {
    // Ten workflow days (5 s) before Monday 1 February 2027, the month's first working day: a
    // margin for a slow start.
    h = await startHarness({ origin: new Date('2027-01-22T00:00:00Z'), dayMs: DAY_MS });
    const outcome = createAgreement(kubuRayaInput({ milestones: [mouSigned] }), {
      ...ctx,
      now: new Date('2027-01-04T03:00:00Z'),
      id: 'agr-kubu-raya',
      defaultHostRegionCode: '32.73',
    });
    if (!outcome.ok) throw new Error(outcome.rejection.message);
    await h.table.repository.create(outcome.agreement, outcome.events);
  });
  afterAll(async () => {
    await digest?.stop();
    await h.close();
  });

  it('sends each recipient one digest on the first working day, none on the following days', async () => {
    const failures: unknown[] = [];
    digest = startLocalDigest({
      clock: h.clock,
      environment: {
        TABLE_NAME: h.table.tableName,
        SENDER_EMAIL: 'sepakat@bandung.example.go.id',
        DIGEST_LEADERS: 'sekda@bandung.example.go.id:Sekretaris Daerah Kota Bandung',
      },
      options: {},
      onError: (error) => failures.push(error),
    });
    expect(digest.next().toISOString()).toBe('2027-02-01T01:00:00.000Z');
    // Past the seventh's run: every run of February's schedule has come.
    while (h.clock.now() < new Date('2027-02-07T12:00:00Z')) await delay(50);
    expect(digest.next().toISOString()).toBe('2027-03-01T01:00:00.000Z');
    await digest.stop();
    expect(failures).toEqual([]);
    const digests = (await h.ses.emails()).filter((e) =>
      e.subject.startsWith('Laporan bulanan kerja sama Januari 2027'),
    );
    expect(digests.map((e) => e.destination.to.join()).sort()).toEqual(
      [HOST_COORDINATOR_EMAIL, 'sekda@bandung.example.go.id'].sort(),
    );
  }, 30_000);
});
