import { describe, expect, it } from '@jest/globals';
import type * as z from '../../domain/zod.ts';
import { cancelAgreementSchema } from '../../domain/command-schemas.ts';
import { milestoneSchema } from '../../domain/milestone-schemas.ts';
import { createAgreementSchema, type CreateAgreementInput } from '../../domain/schemas.ts';
import { listAgreementsQuerySchema } from '../../domain/query-schemas.ts';
import { kubuRayaInput, mouSigned, pksSigned } from '../support/fixtures.ts';

/** The problems a schema finds, as "path: message" lines, the way the API will report them. */
function problems(schema: z.ZodMiniType, input: unknown): string[] {
  const result = schema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

const valid = (): Record<string, unknown> => structuredClone(kubuRayaInput());
const contact = {
  name: 'Kepala Dinas',
  email: 'kadis@kuburaya.example.go.id',
  role: 'OFFICIAL',
  side: 'PARTNER',
};

describe('createAgreementSchema', () => {
  it('accepts a complete request and fills the defaults', () => {
    const parsed: CreateAgreementInput = createAgreementSchema.parse({
      ...valid(),
      contacts: [contact],
    });
    expect(parsed.contacts[0]?.locale).toBe('id');
    expect(parsed.hostRegion).toBeUndefined();
  });

  it('names an unknown region code at its path', () => {
    expect(
      problems(createAgreementSchema, { ...valid(), partnerRegion: { code: '61.99' } }),
    ).toEqual(['partnerRegion.code: is not a known Kemendagri region code']);
  });

  it('explains the form of a region code', () => {
    expect(
      problems(createAgreementSchema, { ...valid(), hostRegion: { code: 'Bandung' } }),
    ).toEqual([
      'hostRegion.code: must be a Kemendagri code such as "32.73" (regency/city) or "32" (province)',
    ]);
  });

  it('refuses an application outside the catalog, and the same application twice', () => {
    expect(
      problems(createAgreementSchema, {
        ...valid(),
        apps: [{ id: 'sabilulungan' }, { id: 'simral' }],
      }),
    ).toEqual(['apps.1.id: is not an application of the catalog (see GET /apps)']);
    expect(
      problems(createAgreementSchema, { ...valid(), apps: [{ id: 'gampil' }, { id: 'gampil' }] }),
    ).toEqual(['apps: must not name an application twice']);
  });

  it('refuses an agreement without applications or contacts', () => {
    expect(problems(createAgreementSchema, { ...valid(), apps: [], contacts: [] })).toEqual([
      'apps: must name at least one application',
      'contacts: must name at least one contact',
    ]);
  });

  it('refuses a partner equal to the host', () => {
    expect(problems(createAgreementSchema, { ...valid(), hostRegion: { code: '61.12' } })).toEqual([
      'partnerRegion.code: must differ from the host region',
    ]);
  });

  it('refuses a line break in a name, which would be a header injection in an email', () => {
    const injected = { ...contact, name: 'Kepala Dinas\r\nBcc: someone@example.com' };
    expect(problems(createAgreementSchema, { ...valid(), contacts: [injected] })).toEqual([
      'contacts.0.name: must be a single line without control characters',
    ]);
  });

  it('refuses an invalid email, an unknown role and an unknown locale', () => {
    const bad = { ...contact, email: 'kadis-at-kuburaya', role: 'BUPATI', locale: 'su' };
    expect(problems(createAgreementSchema, { ...valid(), contacts: [bad] })).toEqual([
      'contacts.0.email: must be a valid email address',
      'contacts.0.role: Invalid option: expected one of "COORDINATOR"|"OFFICIAL"|"ESCALATION"',
      'contacts.0.locale: Invalid option: expected one of "id"|"en"',
    ]);
  });

  it('refuses unknown fields, so a misspelt field is not silently dropped', () => {
    expect(problems(createAgreementSchema, { ...valid(), partner: { code: '61.12' } })).toEqual([
      ': Unrecognized key: "partner"',
    ]);
  });

  it('caps past milestones at what one transaction can hold', () => {
    const milestones = Array.from({ length: 90 }, () => mouSigned);
    expect(problems(createAgreementSchema, { ...valid(), milestones })).toEqual([
      'milestones: must hold at most 89 milestones',
    ]);
  });
});

describe('milestoneSchema', () => {
  it('accepts the Kubu Raya PKS signed on behalf of the head of office', () => {
    expect(problems(milestoneSchema, pksSigned)).toEqual([]);
  });

  it('lists the milestone types when the type is unknown', () => {
    expect(problems(milestoneSchema, { type: 'SIGNED', occurredAt: '2019-02-22' })).toEqual([
      "type: Invalid discriminator value. Expected 'MOU_SIGNED' | 'PKS_SIGNED' | 'APP_HANDED_OVER' | 'APP_DROPPED' | 'TRAINING_SCHEDULED' | 'TRAINING_COMPLETED' | 'FOLLOW_UP_REPORTED' | 'TERM_AMENDED' | 'TERM_RENEWED' | 'AGREEMENT_TERMINATED'",
    ]);
  });

  it('refuses an impossible calendar date', () => {
    expect(problems(milestoneSchema, { ...mouSigned, occurredAt: '2019-02-30' })).toEqual([
      'occurredAt: must be a calendar date in the form YYYY-MM-DD',
    ]);
  });

  it.each([
    [
      { type: 'APP_HANDED_OVER', occurredAt: '2019-03-11' },
      ['appId: Invalid input: expected string, received undefined'],
    ],
    [
      { type: 'FOLLOW_UP_REPORTED', occurredAt: '2019-05-20', appId: 'e-rk' },
      ['live: Invalid input: expected boolean, received undefined'],
    ],
    [
      { type: 'TRAINING_SCHEDULED', occurredAt: '2019-03-20', startsOn: '2019-04-08' },
      ['endsOn: must be a calendar date in the form YYYY-MM-DD'],
    ],
    [
      { type: 'APP_DROPPED', occurredAt: '2019-03-20', appId: 'e-rk' },
      ['reason: Invalid input: expected string, received undefined'],
    ],
  ])('requires the fields of its type: %j', (input, expected) => {
    expect(problems(milestoneSchema, input)).toEqual(expected);
  });

  it('refuses a training that ends before it starts', () => {
    const training = {
      type: 'TRAINING_SCHEDULED',
      occurredAt: '2019-03-20',
      startsOn: '2019-04-08',
      endsOn: '2019-04-01',
    };
    expect(problems(milestoneSchema, training)).toEqual(['endsOn: must not be before startsOn']);
  });

  it('requires whom a signatory represents when signing on behalf or under power of attorney', () => {
    const signatory = { name: 'Sekretaris Dinas', position: 'Sekretaris', side: 'PARTNER' };
    expect(
      problems(milestoneSchema, {
        ...mouSigned,
        signatories: [{ ...signatory, capacity: 'ON_BEHALF' }],
      }),
    ).toEqual([
      'signatories.0.onBehalfOf: is required when capacity is ON_BEHALF: the position of the official represented',
    ]);
    expect(
      problems(milestoneSchema, {
        ...mouSigned,
        signatories: [{ ...signatory, capacity: 'POWER_OF_ATTORNEY', onBehalfOf: 'Kepala Dinas' }],
      }),
    ).toEqual([
      'signatories.0.powerOfAttorneyNumber: is required when capacity is POWER_OF_ATTORNEY: the number of the surat kuasa',
    ]);
  });

  it('keeps line breaks in notes but not other control characters', () => {
    expect(problems(milestoneSchema, { ...mouSigned, notes: 'Baris satu\nBaris dua' })).toEqual([]);
    expect(problems(milestoneSchema, { ...mouSigned, notes: 'bell\u0007' })).toEqual([
      'notes: must not contain control characters',
    ]);
  });
});

describe('cancelAgreementSchema', () => {
  it('requires a reason', () => {
    expect(problems(cancelAgreementSchema, { reason: '   ' })).toEqual([
      'reason: must not be empty',
    ]);
    expect(problems(cancelAgreementSchema, { reason: 'Pergantian kepala daerah' })).toEqual([]);
  });
});

describe('listAgreementsQuerySchema', () => {
  it('reads the limit from a query string and defaults it to 20', () => {
    expect(listAgreementsQuerySchema.parse({ limit: '5', stage: 'PKS' })).toEqual({
      limit: 5,
      stage: 'PKS',
      sort: 'newest',
    });
    expect(listAgreementsQuerySchema.parse({})).toEqual({ limit: 20, sort: 'newest' });
  });

  it('refuses a limit outside 1 to 100 and an unknown stage', () => {
    expect(problems(listAgreementsQuerySchema, { limit: '0', stage: 'DONE' })).toEqual([
      'stage: Invalid option: expected one of "MOU"|"PKS"|"HANDOVER"|"TRAINING"|"FOLLOW_UP"|"COMPLETED"|"CANCELLED"',
      'limit: Too small: expected number to be >=1',
    ]);
  });
});
