// The monthly digest's expiring terms, on DynamoDB Local: the terms in force that end within 90
// days, read through the list's term index, soonest first, each recipient's own only.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DynamoDigestLedger } from '../../adapters/dynamodb/digest-ledger.ts';
import { monthlyDigestUseCase } from '../../application/monthly-digest.ts';
import { createAgreement } from '../../domain/lifecycle.ts';
import { HOST_COORDINATOR_EMAIL } from '../../local/example-agreement.ts';
import { ctx, kubuRayaInput, mouSigned, pksSigned } from '../support/fixtures.ts';
import { startHarness, type Harness } from '../support/workflow.ts';

/** Monday 3 February 2025, the first working day of February. */
const SENT_AT = new Date('2025-02-03T01:00:00Z');

const PARTNERS = {
  kubuRaya: { code: '61.12', coordinator: 'koordinator@kuburaya.example.go.id' },
  tasikmalaya: { code: '32.06', coordinator: 'koordinator@tasikmalayakab.example.go.id' },
  samarinda: { code: '64.72', coordinator: 'koordinator@samarindakota.example.go.id' },
};

let h: Harness;

async function store(id: string, partner: keyof typeof PARTNERS, validUntil: string) {
  const base = kubuRayaInput();
  const { code, coordinator } = PARTNERS[partner];
  const input = {
    ...base,
    title: `Kerja sama smart city (${id})`,
    partnerRegion: { code },
    contacts: [
      ...base.contacts,
      {
        name: `Koordinator ${partner}`,
        email: coordinator,
        role: 'COORDINATOR' as const,
        side: 'PARTNER' as const,
        locale: 'id' as const,
      },
    ],
    milestones: [
      { ...mouSigned, occurredAt: '2022-01-10' },
      { ...pksSigned, occurredAt: '2022-03-01', validUntil },
    ],
  };
  const outcome = createAgreement(kubuRayaInput(input), {
    ...ctx,
    now: new Date('2024-12-02T03:00:00Z'),
    id,
    defaultHostRegionCode: '32.73',
  });
  if (!outcome.ok) throw new Error(outcome.rejection.message);
  await h.table.repository.create(outcome.agreement, outcome.events);
}

beforeAll(async () => {
  h = await startHarness();
  await store('agr-kubu-raya-april', 'kubuRaya', '2025-04-30');
  await store('agr-tasik-maret', 'tasikmalaya', '2025-03-15');
  await store('agr-kubu-raya-desember', 'kubuRaya', '2025-12-31');
  // Ended before the digest: expired, not expiring.
  await store('agr-samarinda-januari', 'samarinda', '2025-01-15');
});
afterAll(async () => {
  await h.close();
});

async function digestsByRecipient(): Promise<Map<string, string>> {
  const outcome = await monthlyDigestUseCase({
    reports: h.table.repository,
    agreements: h.table.repository,
    digests: new DynamoDigestLedger({ client: h.table.client, tableName: h.table.tableName }),
    mailer: { send: () => Promise.reject(new Error('a dry run sends nothing')) },
    now: () => SENT_AT,
    leaders: [],
    office: 'Dinas Komunikasi dan Informatika Kota Bandung',
  })({ dryRun: true });
  return new Map(outcome.composed.map((d) => [d.recipient.email, d.email.text]));
}

/** The digest's section 3, the expiring terms. */
const termsSection = (text: string | undefined) =>
  (text ?? '').slice((text ?? '').indexOf('3. Masa'), (text ?? '').indexOf('4. Kerja'));

describe("the monthly digest's expiring terms", () => {
  it('lists the terms in force ending within 90 days, soonest first, with the days left', async () => {
    const host = termsSection((await digestsByRecipient()).get(HOST_COORDINATOR_EMAIL));
    expect(host).toContain('3. Masa berlaku yang akan berakhir dalam 90 hari');
    const lines = host.split('\n').filter((line) => line.startsWith('   - '));
    expect(lines).toEqual([
      '   - Kabupaten Tasikmalaya (agr-tasik-maret): berakhir pada 15 Maret 2025 (40 hari lagi)',
      '   - Kabupaten Kubu Raya (agr-kubu-raya-april): berakhir pada 30 April 2025 (86 hari lagi)',
    ]);
    expect(host).not.toContain('agr-kubu-raya-desember');
    expect(host).not.toContain('agr-samarinda-januari');
  });

  it("gives each partner coordinator their own region's terms only", async () => {
    const digests = await digestsByRecipient();
    const kubuRaya = termsSection(digests.get(PARTNERS.kubuRaya.coordinator));
    expect(kubuRaya).toContain('agr-kubu-raya-april');
    expect(kubuRaya).not.toContain('agr-tasik-maret');
    const tasikmalaya = termsSection(digests.get(PARTNERS.tasikmalaya.coordinator));
    expect(tasikmalaya).toContain('agr-tasik-maret');
    expect(tasikmalaya).not.toContain('agr-kubu-raya-april');
    expect(termsSection(digests.get(PARTNERS.samarinda.coordinator))).toContain(
      'Tidak ada masa berlaku kerja sama yang berakhir dalam 90 hari ke depan.',
    );
  });
});
