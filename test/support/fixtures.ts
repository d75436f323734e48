// Demo data from the domain brief (Kubu Raya, 2018-2019): local/example-agreement.ts.
import type { Agreement } from '../../domain/agreement.ts';
import type { Nudge, WaitPlan } from '../../domain/nudge-plan.ts';
import { createAgreement, recordMilestone, type ChangeContext } from '../../domain/lifecycle.ts';
import {
  createAgreementSchema,
  type CreateAgreementInput,
  type MilestoneInput,
} from '../../domain/schemas.ts';
import { KUBU_RAYA_AGREEMENT } from '../../local/example-agreement.ts';

export const NOW = new Date('2019-06-01T03:00:00Z');
/** A coordinator's change: their Cognito subject, their address beside it. */
export const ctx: ChangeContext = {
  now: NOW,
  actor: 'coordinator-sub-1',
  actorEmail: 'coordinator@bandung.example.go.id',
};

export function kubuRayaInput(overrides: Partial<CreateAgreementInput> = {}): CreateAgreementInput {
  return createAgreementSchema.parse({
    ...KUBU_RAYA_AGREEMENT,
    ...overrides,
  });
}

export function newAgreement(
  overrides: Partial<CreateAgreementInput> = {},
  id = 'agr-kubu-raya',
): Agreement {
  const outcome = createAgreement(kubuRayaInput(overrides), {
    ...ctx,
    id,
    defaultHostRegionCode: '32.73',
  });
  if (!outcome.ok) throw new Error(`fixture rejected: ${outcome.rejection.message}`);
  return outcome.agreement;
}

export const mouSigned = {
  type: 'MOU_SIGNED',
  occurredAt: '2018-12-14',
  signatories: [
    { name: 'Wali Kota Bandung', position: 'Wali Kota', side: 'HOST', capacity: 'DEFINITIVE' },
    { name: 'Bupati Kubu Raya', position: 'Bupati', side: 'PARTNER', capacity: 'DEFINITIVE' },
  ],
} satisfies MilestoneInput;

export const pksSigned = {
  type: 'PKS_SIGNED',
  occurredAt: '2019-02-22',
  validUntil: '2024-02-22',
  documentNumbers: { host: '119/PKS.01-Diskominfo/2019', partner: '555/07/DKI-KR/2019' },
  signatories: [
    {
      name: 'Kepala Diskominfo Kota Bandung',
      position: 'Kepala Dinas',
      side: 'HOST',
      capacity: 'DEFINITIVE',
    },
    {
      name: 'Sekretaris Diskominfo Kubu Raya',
      position: 'Sekretaris Dinas',
      side: 'PARTNER',
      capacity: 'ON_BEHALF',
      onBehalfOf: 'Kepala Dinas Komunikasi dan Informatika Kabupaten Kubu Raya',
    },
  ],
} satisfies MilestoneInput;

export const handedOver = (appId: string, occurredAt = '2019-03-11'): MilestoneInput => ({
  type: 'APP_HANDED_OVER',
  occurredAt,
  appId,
  bastNumber: `BAST/${appId}/2019`,
  deliverables: ['SOURCE_CODE', 'DOCUMENTATION'],
});

/** The agreement after these milestones, each recorded at `ctx`; a refusal fails the test. */
export function through(agreement: Agreement, ...milestones: MilestoneInput[]): Agreement {
  return milestones.reduce((current, milestone) => {
    const outcome = recordMilestone(current, milestone, ctx);
    if (!outcome.ok) {
      throw new Error(
        `unexpected rejection ${outcome.rejection.code}: ${outcome.rejection.message}`,
      );
    }
    return outcome.agreement;
  }, agreement);
}

/** Kubu Raya in the PKS stage, entered on Friday 14 December 2018 (WIB: nudges at 01:00 UTC on). */
export const inPks = through(newAgreement(), mouSigned);

/** The execution that drives the agreements of the workflow's domain tests. */
export const execution = {
  executionArn: 'arn:aws:states:ap-southeast-3:000000000000:execution:lifecycle:one',
  executionStartTime: '2019-06-01T03:00:00.000Z',
};

export function nudgeOf(plan: WaitPlan): Nudge {
  if (plan.action !== 'NUDGE') throw new Error(`expected a nudge, got ${plan.action}`);
  return plan.nudge;
}

/** A small but real PDF: a header, one empty page, a trailer (the documents' tests). */
export const SMALL_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n' +
    '2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n' +
    '3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]>> endobj\n' +
    'trailer <</Root 1 0 R>>\n%%EOF\n',
);

/** The past milestones of an agreement registered in its handover (the PKS signed). */
export const THROUGH_PKS = [
  { type: 'MOU_SIGNED', occurredAt: '2018-12-14' },
  { type: 'PKS_SIGNED', occurredAt: '2018-12-20', validUntil: '2023-12-20' },
];
