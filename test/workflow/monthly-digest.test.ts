// The monthly digest on DynamoDB Local, sent through the SES stand-in: its content, once per
// month per recipient, and each partner coordinator's region only.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDigestLedger } from '../../adapters/dynamodb/digest-ledger.ts';
import { SesMailer } from '../../adapters/ses/ses-mailer.ts';
import { monthlyDigestUseCase } from '../../application/monthly-digest.ts';
import { createAgreement } from '../../domain/lifecycle.ts';
import { isFirstWorkingDayOfMonth, digestPeriod } from '../../domain/reports/digest.ts';
import type { CreateAgreementInput } from '../../domain/schemas.ts';
import { HOST_COORDINATOR_EMAIL } from '../../local/example-agreement.ts';
import { ctx, kubuRayaInput, mouSigned, pksSigned } from '../support/fixtures.ts';
import { startHarness, type Harness } from '../support/workflow.ts';

const PARTNER_COORDINATOR = 'koordinator@kuburaya.example.go.id';
const TASIK_COORDINATOR = 'koordinator@tasikmalayakab.example.go.id';
const LEADER = { email: 'sekda@bandung.example.go.id', name: 'Sekretaris Daerah Kota Bandung' };
/** Monday 3 February 2025: the first working day of February (the 1st and 2nd are a weekend). */
const SENT_AT = new Date('2025-02-03T01:00:00Z');

let h: Harness;

async function store(id: string, input: CreateAgreementInput, at: Date): Promise<void> {
  const outcome = createAgreement(input, { ...ctx, now: at, id, defaultHostRegionCode: '32.73' });
  if (!outcome.ok) throw new Error(outcome.rejection.message);
  await h.table.repository.create(outcome.agreement, outcome.events);
}

beforeAll(async () => {
  h = await startHarness();
  const base = kubuRayaInput();
  const coordinator = (email: string, name: string) => ({
    name,
    email,
    role: 'COORDINATOR' as const,
    side: 'PARTNER' as const,
    locale: 'id' as const,
  });
  // Kubu Raya: in HANDOVER since its PKS of 20 January 2025 (it moved last month).
  await store(
    'agr-kubu-raya',
    {
      ...base,
      contacts: [...base.contacts, coordinator(PARTNER_COORDINATOR, 'Koordinator Kubu Raya')],
      milestones: [
        { ...mouSigned, occurredAt: '2024-11-04' },
        { ...pksSigned, occurredAt: '2025-01-20', validUntil: '2030-01-20' },
      ],
    },
    new Date('2025-01-25T03:00:00Z'),
  );
  // Tasikmalaya: in PKS since its MoU of 20 September 2017: the longest stalled.
  await store(
    'agr-tasikmalaya',
    {
      ...base,
      title: 'Kerja sama aplikasi Hibah dan Bansos Kabupaten Tasikmalaya',
      partnerRegion: { code: '32.06' },
      contacts: [...base.contacts, coordinator(TASIK_COORDINATOR, 'Koordinator Tasikmalaya')],
      milestones: [{ type: 'MOU_SIGNED', occurredAt: '2017-09-20' }],
    },
    new Date('2024-06-01T03:00:00Z'),
  );
});
afterAll(async () => {
  await h.close();
});

function digests() {
  return monthlyDigestUseCase({
    reports: h.table.repository,
    agreements: h.table.repository,
    digests: new DynamoDigestLedger({ client: h.table.client, tableName: h.table.tableName }),
    mailer: new SesMailer({ client: new SESv2Client({}), sender: 'sepakat@bandung.example.go.id' }),
    now: () => SENT_AT,
    leaders: [LEADER],
    office: 'Dinas Komunikasi dan Informatika Kota Bandung',
  });
}

describe('the first working day of the month', () => {
  it('skips weekends and national holidays', () => {
    expect(isFirstWorkingDayOfMonth('2025-02-03')).toBe(true);
    expect(isFirstWorkingDayOfMonth('2025-02-04')).toBe(false);
    // 1 January is New Year's Day; the 2nd is the first working day of 2025.
    expect(isFirstWorkingDayOfMonth('2025-01-01')).toBe(false);
    expect(isFirstWorkingDayOfMonth('2025-01-02')).toBe(true);
    expect(digestPeriod('2025-02-03')).toEqual({
      key: '2025-02',
      from: '2025-01-01',
      to: '2025-01-31',
    });
  });
});

describe('the monthly digest', () => {
  it('names what moved, the longest stalled with days and last nudge, attention and cycle times', async () => {
    const outcome = await digests()({ dryRun: true });
    const host = outcome.composed.find((d) => d.recipient.email === HOST_COORDINATOR_EMAIL);
    expect(host).toBeDefined();
    const text = host?.email.text ?? '';
    expect(host?.email.subject).toBe('Laporan bulanan kerja sama Januari 2025: seluruh kerja sama');
    expect(text).toContain('Yth. Bapak/Ibu');
    expect(text).toMatch(
      /Kabupaten Kubu Raya \(agr-kubu-raya\): memasuki tahap Serah terima aplikasi pada 20 Januari 2025/,
    );
    // Stalled longest first: Tasikmalaya, in PKS since 20 September 2017.
    const stalled = text.slice(text.indexOf('2. Kerja sama'), text.indexOf('3. Masa'));
    expect(stalled.indexOf('agr-tasikmalaya')).toBeLessThan(stalled.indexOf('agr-kubu-raya'));
    expect(stalled).toContain(
      'tahap Perjanjian Kerja Sama (PKS) selama 2693 hari; pengingat terakhir: belum ada',
    );
    expect(text).toContain(
      'Tidak ada masa berlaku kerja sama yang berakhir dalam 90 hari ke depan.',
    );
    expect(text).toContain('Tidak ada kerja sama yang perlu penanganan.');
    expect(text).toMatch(/Perjanjian Kerja Sama \(PKS\) \| 1 \| 77 \| 77 \| 1 \| 2693/);
    expect(text).toContain('Hormat kami,\nDinas Komunikasi dan Informatika Kota Bandung');
    expect(host?.email.html).toContain('<table');
  });

  it('gives partner coordinators their own region and the host side and leaders everything', async () => {
    const outcome = await digests()({ dryRun: true });
    const of = (email: string) => outcome.composed.find((d) => d.recipient.email === email);
    const kubuRaya = of(PARTNER_COORDINATOR)?.email.text ?? '';
    expect(kubuRaya).toContain('agr-kubu-raya');
    expect(kubuRaya).not.toContain('agr-tasikmalaya');
    expect(of(TASIK_COORDINATOR)?.email.text).not.toContain('agr-kubu-raya');
    expect(of(LEADER.email)?.email.text).toContain('agr-tasikmalaya');
    expect(outcome.composed.map((d) => d.recipient.email).sort()).toEqual(
      [HOST_COORDINATOR_EMAIL, LEADER.email, PARTNER_COORDINATOR, TASIK_COORDINATOR].sort(),
    );
  });

  it('sends each recipient one digest a month, however often it runs', async () => {
    const before = (await h.ses.emails()).length;
    const first = await digests()({ dryRun: false });
    expect(first.sent).toHaveLength(4);
    const again = await Promise.all([digests()({ dryRun: false }), digests()({ dryRun: false })]);
    expect(again.flatMap((o) => o.sent)).toEqual([]);
    expect(again[0].alreadySent).toHaveLength(4);
    const emails = (await h.ses.emails()).slice(before);
    expect(emails).toHaveLength(4);
    expect(emails.map((e) => e.destination.to.join()).sort()).toEqual(
      [HOST_COORDINATOR_EMAIL, LEADER.email, PARTNER_COORDINATOR, TASIK_COORDINATOR].sort(),
    );
    expect(
      emails.every((e) => e.subject.startsWith('Laporan bulanan kerja sama Januari 2025')),
    ).toBe(true);
  });

  it('sends nothing on another day than the first working day', async () => {
    const later = monthlyDigestUseCase({
      reports: h.table.repository,
      agreements: h.table.repository,
      digests: new DynamoDigestLedger({ client: h.table.client, tableName: h.table.tableName }),
      mailer: { send: () => Promise.reject(new Error('must not send')) },
      now: () => new Date('2025-02-04T01:00:00Z'),
      leaders: [],
      office: 'x',
    });
    expect(await later({ dryRun: false })).toMatchObject({ sent: [], notDue: expect.any(String) });
  });
});
