// Bulk import without a network: CSV and JSON files to rows, rows to POST /agreements bodies,
// local validation that names the CSV column at fault, and stable idempotency keys.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import {
  canonicalJson,
  csvRecordToBody,
  idempotencyKeyOf,
  readCsv,
  readJson,
  SourceRow,
  validateRow,
  type FieldError,
} from '../../cli/import-rows.ts';
import { UsageError } from '../../cli/shared.ts';
import { createAgreementSchema, type CreateAgreementInput } from '../../domain/schemas.ts';

const HEADER =
  'title,partner_region,apps,official_name,official_email,escalation_name,escalation_email,locale,mou_signed_on,pks_signed_on,pks_valid_until,handed_over';

/** A CSV with the header above and one row built from the given cells. */
function csvRow(cells: Partial<Record<string, string>>): string {
  const defaults: Record<string, string> = {
    title: 'Kerja sama smart city Kabupaten Kubu Raya',
    partner_region: '61.12',
    apps: 'sabilulungan;e-rk',
    official_name: 'Kepala Diskominfo Kabupaten Kubu Raya',
    official_email: 'kadiskominfo@kuburaya.example.go.id',
    escalation_name: 'Sekretaris Daerah Kabupaten Kubu Raya',
    escalation_email: 'sekda@kuburaya.example.go.id',
    locale: '',
    mou_signed_on: '2018-12-14',
    pks_signed_on: '2019-02-22',
    pks_valid_until: '2024-02-21',
    handed_over: '',
  };
  const values = HEADER.split(',').map((column) => cells[column] ?? defaults[column] ?? '');
  return `${HEADER}\n${values.join(',')}\n`;
}

function only<T>(items: T[]): T {
  expect(items).toHaveLength(1);
  return items[0] as T;
}

const errorsOf = (row: SourceRow): FieldError[] => {
  const validation = validateRow(row);
  return validation.ok ? [] : validation.errors;
};

describe('the sample file', () => {
  const rows = readCsv(readFileSync('docs/import-sample.csv', 'utf8'));

  it('holds the seven regions of 30 October 2018 and Kubu Raya, all valid', () => {
    expect(
      rows.map((r) => (r.input as { partnerRegion: { code: string } }).partnerRegion.code),
    ).toEqual(['15.01', '12.18', '15.03', '61.02', '32.06', '21.72', '11.04', '61.12']);
    for (const row of rows) expect(errorsOf(row)).toEqual([]);
  });

  it('uses only example-domain addresses', () => {
    for (const row of rows) {
      const { contacts } = row.input as CreateAgreementInput;
      for (const contact of contacts) expect(contact.email).toMatch(/@[a-z]+\.example\.go\.id$/);
    }
  });

  it('gives Kubu Raya its KSB and PKS in order, with the PKS term', () => {
    const kubuRaya = rows[7] as SourceRow;
    expect(kubuRaya.row).toBe(8);
    expect(kubuRaya.line).toBe(9);
    expect((kubuRaya.input as CreateAgreementInput).milestones).toEqual([
      { type: 'MOU_SIGNED', occurredAt: '2018-12-14' },
      { type: 'PKS_SIGNED', occurredAt: '2019-02-22', validUntil: '2024-02-21' },
    ]);
  });
});

describe('csvRecordToBody', () => {
  it('maps the contact columns to roles and sides, the locale to the partner side only', () => {
    const { body, errors } = csvRecordToBody({
      title: ' Kerja sama ',
      partner_region: '61.12',
      apps: ' sabilulungan ; ;e-rk ',
      official_name: 'Kepala Diskominfo',
      official_email: 'kadis@kuburaya.example.go.id',
      coordinator_name: 'Kepala Bidang Aptika',
      coordinator_email: 'aptika@kuburaya.example.go.id',
      host_coordinator_name: 'Kepala Bagian Kerja Sama',
      host_coordinator_email: 'kerjasama@bandung.example.go.id',
      locale: 'en',
    });
    expect(errors).toEqual([]);
    expect(body).toEqual({
      title: 'Kerja sama',
      partnerRegion: { code: '61.12' },
      apps: [{ id: 'sabilulungan' }, { id: 'e-rk' }],
      contacts: [
        {
          name: 'Kepala Diskominfo',
          email: 'kadis@kuburaya.example.go.id',
          role: 'OFFICIAL',
          side: 'PARTNER',
          locale: 'en',
        },
        {
          name: 'Kepala Bidang Aptika',
          email: 'aptika@kuburaya.example.go.id',
          role: 'COORDINATOR',
          side: 'PARTNER',
          locale: 'en',
        },
        {
          name: 'Kepala Bagian Kerja Sama',
          email: 'kerjasama@bandung.example.go.id',
          role: 'COORDINATOR',
          side: 'HOST',
          locale: 'id',
        },
      ],
    });
  });

  it('orders the handovers by date after the MoU and PKS, with their BAST numbers', () => {
    const { body, errors } = csvRecordToBody({
      mou_signed_on: '2018-12-14',
      pks_signed_on: '2019-02-22',
      handed_over: 'e-rk@2019-04-01@BAST/027/Diskominfo/2019; sabilulungan@2019-03-15',
    });
    expect(errors).toEqual([]);
    expect(body.milestones).toEqual([
      { type: 'MOU_SIGNED', occurredAt: '2018-12-14' },
      { type: 'PKS_SIGNED', occurredAt: '2019-02-22' },
      { type: 'APP_HANDED_OVER', occurredAt: '2019-03-15', appId: 'sabilulungan' },
      {
        type: 'APP_HANDED_OVER',
        occurredAt: '2019-04-01',
        appId: 'e-rk',
        bastNumber: 'BAST/027/Diskominfo/2019',
      },
    ]);
  });

  it('refuses what the schema cannot see: a term without a PKS, a handover without a date', () => {
    const { body, errors } = csvRecordToBody({
      pks_valid_until: '2024-02-21',
      handed_over: 'sabilulungan',
    });
    expect(body.milestones).toBeUndefined();
    expect(errors).toEqual([
      { field: 'pks_valid_until', message: 'needs pks_signed_on' },
      {
        field: 'handed_over',
        message: '"sabilulungan" must be appId@YYYY-MM-DD or appId@YYYY-MM-DD@BAST number',
      },
    ]);
  });
});

describe('validateRow on CSV rows', () => {
  const errors = (cells: Partial<Record<string, string>>) => errorsOf(only(readCsv(csvRow(cells))));

  it('accepts a good row and sends the schema output', () => {
    const validation = validateRow(only(readCsv(csvRow({}))));
    expect(validation.ok).toBe(true);
    if (validation.ok) {
      expect(validation.body.contacts[0]?.locale).toBe('id');
      expect(createAgreementSchema.parse(validation.body)).toEqual(validation.body);
    }
  });

  it('names the CSV column at fault', () => {
    expect(errors({ official_email: 'kadis-at-kuburaya' })).toEqual([
      { field: 'official_email', message: 'must be a valid email address' },
    ]);
    expect(errors({ partner_region: '61.99' })).toEqual([
      { field: 'partner_region', message: 'is not a known Kemendagri region code' },
    ]);
    expect(errors({ apps: 'sabilulungan;sipp' })).toEqual([
      { field: 'apps', message: 'is not an application of the catalog (see GET /apps)' },
    ]);
    expect(errors({ apps: '' })).toEqual([
      { field: 'apps', message: 'must name at least one application' },
    ]);
    expect(errors({ pks_valid_until: '21-02-2024' })).toEqual([
      { field: 'pks_valid_until', message: 'must be a calendar date in the form YYYY-MM-DD' },
    ]);
    expect(errors({ escalation_name: '' })).toEqual([
      { field: 'escalation_name', message: 'must not be empty' },
    ]);
    expect(errors({ locale: 'su' }).map((e) => e.field)).toEqual(['locale', 'locale']);
    expect(errors({ handed_over: 'gampil@2019-03-32' })).toEqual([
      { field: 'handed_over', message: 'must be a calendar date in the form YYYY-MM-DD' },
    ]);
  });

  it('reports every problem of a row at once', () => {
    const fields = errors({
      title: '',
      official_name: '',
      official_email: '',
      escalation_name: '',
      escalation_email: '',
      mou_signed_on: 'yesterday',
    }).map((e) => e.field);
    expect(fields).toEqual(['title', 'contacts (the *_name and *_email columns)', 'mou_signed_on']);
  });

  it('flags a row with more or fewer fields than the header', () => {
    const [row] = readCsv(`${HEADER}\nKerja sama,61.12\n`);
    expect(errorsOf(row as SourceRow)[0]).toEqual({
      field: 'row',
      message: 'has 2 fields, the header 12',
    });
  });
});

describe('readCsv', () => {
  it('reads quoted fields, a byte-order mark, blank lines and counts lines', () => {
    const text = `\ufeff${HEADER}\n\n"Kerja sama ""smart city"",\nKubu Raya",61.12,sabilulungan,Kadis,kadis@kuburaya.example.go.id,,,,,,,\n`;
    const row = only(readCsv(text));
    expect(row.title).toBe('Kerja sama "smart city",\nKubu Raya');
    expect(row.line).toBe(4);
    expect(errorsOf(row)).toEqual([
      { field: 'title', message: 'must be a single line without control characters' },
    ]);
  });

  it('refuses unknown, repeated and missing columns, naming them', () => {
    expect(() => readCsv('title,partner_region,apps,offical_email\n')).toThrow(
      /Unknown CSV column "offical_email"; the columns are: title, partner_region/,
    );
    expect(() => readCsv('title,partner_region,apps,apps\n')).toThrow(
      'CSV column named twice: apps',
    );
    expect(() => readCsv('title,apps\n')).toThrow(
      'The CSV header lacks the required column(s) partner_region',
    );
    expect(() => readCsv('')).toThrow(UsageError);
  });

  it('refuses a file it cannot parse as a usage error', () => {
    expect(() => readCsv(`${HEADER}\n"unterminated,61.12\n`)).toThrow(UsageError);
  });

  it('accepts the header in any case and column order', () => {
    const row = only(
      readCsv(
        'APPS,Partner_Region,Title,official_name,official_email\nsabilulungan,61.12,Kerja sama,Kadis,kadis@kuburaya.example.go.id\n',
      ),
    );
    expect(errorsOf(row)).toEqual([]);
  });
});

describe('readJson', () => {
  it('reads an array of bodies, numbering them from 1, with errors at body paths', () => {
    const rows = readJson(
      JSON.stringify([
        { title: 'A', partnerRegion: { code: '61.12' }, apps: [{ id: 'e-rk' }], contacts: [] },
      ]),
    );
    const row = only(rows);
    expect(row.row).toBe(1);
    expect(row.line).toBeUndefined();
    expect(errorsOf(row)).toEqual([
      { field: 'contacts', message: 'must name at least one contact' },
    ]);
    expect(errorsOf(new SourceRow({ row: 1, input: { title: 'A' } }))).toContainEqual({
      field: 'partnerRegion',
      message: 'is required',
    });
  });

  it('refuses what is not an array of bodies', () => {
    expect(() => readJson('{"title":"A"}')).toThrow('must hold an array');
    expect(() => readJson('[{"title":')).toThrow(/The JSON file cannot be read/);
  });
});

describe('idempotency keys', () => {
  const body = (): CreateAgreementInput =>
    createAgreementSchema.parse({
      title: 'Kerja sama smart city Kabupaten Kubu Raya',
      partnerRegion: { code: '61.12' },
      apps: [{ id: 'sabilulungan' }, { id: 'e-rk' }],
      contacts: [
        {
          name: 'Kepala Diskominfo Kabupaten Kubu Raya',
          email: 'kadiskominfo@kuburaya.example.go.id',
          role: 'OFFICIAL',
          side: 'PARTNER',
        },
      ],
      milestones: [{ type: 'MOU_SIGNED', occurredAt: '2018-12-14' }],
    });

  // sha256 of the body as JSON with sorted keys (Python: json.dumps(b, sort_keys=True,
  // separators=(',', ':'))), first 40 hex digits.
  it('is pinned: changing the derivation would make re-runs of old imports duplicate', () => {
    expect(idempotencyKeyOf(body())).toBe('import-08ecdf4090434bdd6a946a86aa9fdad24d677b59');
  });

  it('depends on the content only: key order, padding and defaults do not matter', () => {
    const reordered = JSON.parse(
      '{"milestones":[{"occurredAt":"2018-12-14","type":"MOU_SIGNED"}],"contacts":[{"side":"PARTNER","role":"OFFICIAL","email":"kadiskominfo@kuburaya.example.go.id","name":"  Kepala Diskominfo Kabupaten Kubu Raya ","locale":"id"}],"apps":[{"id":"sabilulungan"},{"id":"e-rk"}],"partnerRegion":{"code":"61.12"},"title":"Kerja sama smart city Kabupaten Kubu Raya"}',
    ) as unknown;
    const validation = validateRow(new SourceRow({ row: 1, input: reordered }));
    expect(validation.ok && validation.idempotencyKey).toBe(idempotencyKeyOf(body()));
  });

  it('changes with any change of content, including the order of the applications', () => {
    const keys = new Set([
      idempotencyKeyOf(body()),
      idempotencyKeyOf({ ...body(), title: 'Kerja sama smart city Kubu Raya' }),
      idempotencyKeyOf({ ...body(), apps: [{ id: 'e-rk' }, { id: 'sabilulungan' }] }),
      idempotencyKeyOf({ ...body(), milestones: [] }),
    ]);
    expect(keys.size).toBe(4);
    for (const key of keys) expect(key).toMatch(/^import-[0-9a-f]{40}$/);
  });

  it('canonical JSON sorts keys at every level and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { f: 1, e: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[3,{"e":2,"f":1}]},"b":1}',
    );
  });
});
