// Bulk import, the part without a network: files to rows, rows to POST /agreements bodies,
// local validation with the API's own schema, and the idempotency key of each row.
import { createHash } from 'node:crypto';
import { parse as parseCsv } from 'csv-parse/sync';
import type * as z from '../domain/zod.ts';
import { createAgreementSchema, type CreateAgreementInput } from '../domain/schemas.ts';
import { UsageError } from './shared.ts';

export interface FieldError {
  /** The CSV column (`official_email`) or, for JSON input, the body path (`contacts.0.email`). */
  field: string;
  message: string;
}

type Path = readonly PropertyKey[];

/** One agreement to import, with where it came from. */
export class SourceRow {
  /** 1-based position among the data rows (the CSV header is not counted). */
  readonly row: number;
  /** CSV only: the file line the record ends on. */
  readonly line: number | undefined;
  /** The POST /agreements body as read, before validation. */
  readonly input: unknown;
  /** Problems found while reading the row, before the schema is asked. */
  readonly readErrors: FieldError[];
  /** CSV only: the column a body path came from, so errors name what the user typed. */
  readonly columnOf: ((path: Path) => string | undefined) | undefined;
  /** CSV only: the scans to attach once the agreement exists (mou_file, pks_file, bast_files). */
  readonly scans: Scan[];

  constructor(props: {
    row: number;
    input: unknown;
    line?: number;
    readErrors?: FieldError[];
    columnOf?: (path: Path) => string | undefined;
    scans?: Scan[];
  }) {
    this.row = props.row;
    this.input = props.input;
    this.line = props.line;
    this.readErrors = props.readErrors ?? [];
    this.columnOf = props.columnOf;
    this.scans = props.scans ?? [];
  }

  /** How an error at `path` of the body is shown: the column for CSV, the path for JSON. */
  fieldOf(path: Path): string {
    return this.columnOf?.(path) ?? (path.length > 0 ? path.map(String).join('.') : 'body');
  }

  /** The title as read, for the report, even when the row is invalid. */
  get title(): string | undefined {
    const input = this.input as { title?: unknown } | null | undefined;
    return typeof input?.title === 'string' ? input.title.trim() : undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// CSV: one agreement per row.

/** The CSV columns, in the order of the sample file, with what each holds. */
export const CSV_COLUMNS = {
  title: 'agreement title (required)',
  partner_region: 'Kemendagri code of the partner region, e.g. 61.12 (required)',
  host_region: "Kemendagri code of the host region (optional; default: the API's host region)",
  apps: 'catalog application ids separated by ";", e.g. sabilulungan;e-rk (required)',
  official_name: 'partner official (OFFICIAL): receives the reminders',
  official_email: 'email of the partner official',
  escalation_name: 'one level up (ESCALATION, e.g. the Sekda): receives the escalations',
  escalation_email: 'email of the escalation contact',
  coordinator_name: 'partner coordinator (COORDINATOR): copied on every nudge',
  coordinator_email: 'email of the partner coordinator',
  host_coordinator_name: 'host-side coordinator (HOST COORDINATOR, emails in Indonesian)',
  host_coordinator_email: 'email of the host-side coordinator',
  locale: 'id or en: the language of the partner contacts’ emails (default id)',
  mou_signed_on: 'YYYY-MM-DD: the kesepakatan bersama (MoU) was signed',
  pks_signed_on: 'YYYY-MM-DD: the PKS was signed (needs mou_signed_on)',
  pks_valid_until: 'YYYY-MM-DD: end of the PKS term (at most 5 years; needs pks_signed_on)',
  handed_over:
    'handed-over applications separated by ";", each appId@YYYY-MM-DD or appId@YYYY-MM-DD@BAST number',
  mou_file: 'file name of the signed MoU’s scan in the --documents folder (PDF, PNG, JPEG, TIFF)',
  pks_file: 'file name of the signed PKS’s scan in the --documents folder',
  bast_files: 'scans of the BASTs in the --documents folder, each appId@file, separated by ";"',
} as const;

/**
 * A scan named by a row, attached once its agreement exists: its kind, the milestone it
 * documents when the row records that milestone, and the CSV column that named it.
 */
export interface Scan {
  column: 'mou_file' | 'pks_file' | 'bast_files';
  file: string;
  kind: 'MOU' | 'PKS' | 'BAST';
  milestone?: { type: 'MOU_SIGNED' | 'PKS_SIGNED' | 'APP_HANDED_OVER'; appId?: string };
}

/** A name in the folder of scans: no directory, so a row cannot reach outside the folder. */
const PLAIN_FILE_NAME = /^(?!\.\.?$)[^/\\]+$/;

export type CsvColumn = keyof typeof CSV_COLUMNS;
export const REQUIRED_CSV_COLUMNS: readonly CsvColumn[] = ['title', 'partner_region', 'apps'];

const CONTACT_COLUMNS = [
  { prefix: 'official', role: 'OFFICIAL', side: 'PARTNER' },
  { prefix: 'escalation', role: 'ESCALATION', side: 'PARTNER' },
  { prefix: 'coordinator', role: 'COORDINATOR', side: 'PARTNER' },
  { prefix: 'host_coordinator', role: 'COORDINATOR', side: 'HOST' },
] as const;

const isCsvColumn = (name: string): name is CsvColumn => Object.hasOwn(CSV_COLUMNS, name);

const list = (value: string) =>
  value
    .split(';')
    .map((item) => item.trim())
    .filter((item) => item !== '');

interface CsvMapping {
  body: Record<string, unknown>;
  errors: FieldError[];
  columnOf: (path: Path) => string | undefined;
  scans: Scan[];
}

/** The scans a row names, each tied to the milestone the row records, if it does. */
function scansOf(
  value: (column: CsvColumn) => string,
  handedOver: readonly string[],
  errors: FieldError[],
): Scan[] {
  const scans: Scan[] = [];
  const add = (scan: Scan) => {
    if (PLAIN_FILE_NAME.test(scan.file)) scans.push(scan);
    else
      errors.push({
        field: scan.column,
        message: `"${scan.file}" must be a file name without a folder`,
      });
  };
  // A signed paper's scan documents its milestone when the row records it.
  const papers = [
    { column: 'mou_file', kind: 'MOU', signedOn: 'mou_signed_on', type: 'MOU_SIGNED' },
    { column: 'pks_file', kind: 'PKS', signedOn: 'pks_signed_on', type: 'PKS_SIGNED' },
  ] as const;
  for (const { column, kind, signedOn, type } of papers) {
    if (value(column) === '') continue;
    add({
      column,
      file: value(column),
      kind,
      ...(value(signedOn) !== '' ? { milestone: { type } } : {}),
    });
  }
  for (const entry of list(value('bast_files'))) {
    const at = entry.indexOf('@');
    const appId = entry.slice(0, Math.max(at, 0)).trim();
    const file = entry.slice(at + 1).trim();
    if (at < 1 || file === '') {
      errors.push({ field: 'bast_files', message: `"${entry}" must be appId@file` });
    } else if (!handedOver.includes(appId)) {
      errors.push({ field: 'bast_files', message: `${appId} has no handover in handed_over` });
    } else {
      add({
        column: 'bast_files',
        file,
        kind: 'BAST',
        milestone: { type: 'APP_HANDED_OVER', appId },
      });
    }
  }
  return scans;
}

/**
 * One CSV record (column name to value, blanks for empty cells) as a POST /agreements body:
 * the partner contacts, the host coordinator, and the past milestones in order (MoU, PKS, then
 * the handovers by date). Only what the schema cannot say is checked here.
 */
export function csvRecordToBody(record: Partial<Record<CsvColumn, string>>): CsvMapping {
  const value = (column: CsvColumn) => (record[column] ?? '').trim();
  const errors: FieldError[] = [];
  const body: Record<string, unknown> = {
    title: value('title'),
    partnerRegion: { code: value('partner_region') },
  };
  if (value('host_region') !== '') body.hostRegion = { code: value('host_region') };
  body.apps = list(value('apps')).map((id) => ({ id }));

  const contactColumns: string[] = [];
  const contacts: Record<string, unknown>[] = [];
  const locale = value('locale') === '' ? 'id' : value('locale');
  for (const { prefix, role, side } of CONTACT_COLUMNS) {
    const name = value(`${prefix}_name`);
    const email = value(`${prefix}_email`);
    if (name === '' && email === '') continue;
    contactColumns.push(prefix);
    contacts.push({ name, email, role, side, locale: side === 'HOST' ? 'id' : locale });
  }
  body.contacts = contacts;

  const milestoneColumns: CsvColumn[] = [];
  const milestones: Record<string, unknown>[] = [];
  if (value('mou_signed_on') !== '') {
    milestoneColumns.push('mou_signed_on');
    milestones.push({ type: 'MOU_SIGNED', occurredAt: value('mou_signed_on') });
  }
  if (value('pks_signed_on') !== '') {
    milestoneColumns.push('pks_signed_on');
    milestones.push({
      type: 'PKS_SIGNED',
      occurredAt: value('pks_signed_on'),
      ...(value('pks_valid_until') !== '' ? { validUntil: value('pks_valid_until') } : {}),
    });
  } else if (value('pks_valid_until') !== '') {
    errors.push({ field: 'pks_valid_until', message: 'needs pks_signed_on' });
  }
  const handovers: Record<string, unknown>[] = [];
  for (const entry of list(value('handed_over'))) {
    const [appId = '', occurredAt = '', ...bast] = entry.split('@').map((part) => part.trim());
    if (appId === '' || occurredAt === '') {
      errors.push({
        field: 'handed_over',
        message: `"${entry}" must be appId@YYYY-MM-DD or appId@YYYY-MM-DD@BAST number`,
      });
      continue;
    }
    const bastNumber = bast.join('@').trim();
    handovers.push({
      type: 'APP_HANDED_OVER',
      occurredAt,
      appId,
      ...(bastNumber !== '' ? { bastNumber } : {}),
    });
  }
  // Stable: handovers on the same day keep the order of the cell.
  handovers.sort((a, b) => String(a.occurredAt).localeCompare(String(b.occurredAt)));
  for (const handover of handovers) {
    milestoneColumns.push('handed_over');
    milestones.push(handover);
  }
  if (milestones.length > 0) body.milestones = milestones;
  const scans = scansOf(
    value,
    handovers.map((h) => String(h.appId)),
    errors,
  );

  const columnOf = (path: Path): string | undefined => {
    const [head, index, field] = path;
    switch (head) {
      case 'title':
        return 'title';
      case 'partnerRegion':
        return 'partner_region';
      case 'hostRegion':
        return 'host_region';
      case 'apps':
        return 'apps';
      case 'contacts': {
        const prefix = typeof index === 'number' ? contactColumns[index] : undefined;
        if (prefix === undefined) return 'contacts (the *_name and *_email columns)';
        if (field === 'name' || field === 'email') return `${prefix}_${field}`;
        if (field === 'locale') return 'locale';
        return `${prefix}_name`;
      }
      case 'milestones': {
        const column = typeof index === 'number' ? milestoneColumns[index] : undefined;
        if (column === undefined) return 'mou_signed_on, pks_signed_on, handed_over';
        return column === 'pks_signed_on' && field === 'validUntil' ? 'pks_valid_until' : column;
      }
      default:
        return undefined;
    }
  };
  return { body, errors, columnOf, scans };
}

/** Reads a CSV file's text: a header row naming columns of CSV_COLUMNS, then one row each. */
export function readCsv(text: string): SourceRow[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parseCsv(text, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as unknown as typeof records;
  } catch (error) {
    throw new UsageError(`The CSV file cannot be read: ${(error as Error).message}`);
  }
  const [header, ...rows] = records;
  if (!header) throw new UsageError('The CSV file is empty: it needs a header row.');
  const columns = header.record.map((name) => name.trim().toLowerCase());
  const unknown = columns.filter((name) => !isCsvColumn(name));
  if (unknown.length > 0) {
    throw new UsageError(
      `Unknown CSV column${unknown.length > 1 ? 's' : ''} ${unknown.map((c) => JSON.stringify(c)).join(', ')}; ` +
        `the columns are: ${Object.keys(CSV_COLUMNS).join(', ')}`,
    );
  }
  const twice = columns.filter((name, i) => columns.indexOf(name) !== i);
  if (twice.length > 0) throw new UsageError(`CSV column named twice: ${twice.join(', ')}`);
  const missing = REQUIRED_CSV_COLUMNS.filter((name) => !columns.includes(name));
  if (missing.length > 0) {
    throw new UsageError(`The CSV header lacks the required column(s) ${missing.join(', ')}`);
  }
  return rows.map(({ record, info }, i) => {
    const values: Partial<Record<CsvColumn, string>> = {};
    columns.forEach((name, c) => {
      values[name as CsvColumn] = record[c] ?? '';
    });
    const { body, errors, columnOf, scans } = csvRecordToBody(values);
    if (record.length !== columns.length) {
      errors.unshift({
        field: 'row',
        message: `has ${record.length} fields, the header ${columns.length}`,
      });
    }
    return new SourceRow({
      row: i + 1,
      line: info.lines,
      input: body,
      readErrors: errors,
      columnOf,
      scans,
    });
  });
}

/** Reads a JSON file's text: an array of POST /agreements bodies. */
export function readJson(text: string): SourceRow[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`The JSON file cannot be read: ${(error as Error).message}`);
  }
  if (!Array.isArray(value)) {
    throw new UsageError('The JSON file must hold an array of POST /agreements bodies.');
  }
  return value.map((input: unknown, i) => new SourceRow({ row: i + 1, input }));
}

export type InputFormat = 'csv' | 'json';

export function formatOf(path: string): InputFormat | undefined {
  const extension = /\.([^./\\]+)$/.exec(path)?.[1]?.toLowerCase();
  return extension === 'csv' || extension === 'json' ? extension : undefined;
}

export function readRows(text: string, format: InputFormat): SourceRow[] {
  return format === 'csv' ? readCsv(text) : readJson(text);
}

// ---------------------------------------------------------------------------------------------
// Validation and idempotency.

export type Validation =
  | { ok: true; body: CreateAgreementInput; idempotencyKey: string }
  | { ok: false; errors: FieldError[] };

/** Messages as the API words them, so a local rejection reads like the API's own. */
function messageOf(issue: z.core.$ZodIssue): string {
  return issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message;
}

/**
 * The row checked with the API's own schema. A valid row's body is the schema's output (trimmed,
 * defaults filled in): what is sent, and what its idempotency key is computed from.
 */
export function validateRow(row: SourceRow): Validation {
  const result = createAgreementSchema.safeParse(row.input);
  const errors = [
    ...row.readErrors,
    ...(result.success
      ? []
      : result.error.issues.map((issue) => ({
          field: row.fieldOf(issue.path),
          message: messageOf(issue),
        }))),
  ];
  if (!result.success || errors.length > 0) return { ok: false, errors };
  return { ok: true, body: result.data, idempotencyKey: idempotencyKeyOf(result.data) };
}

/** JSON with object keys sorted at every level: equal content, equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) =>
            a < b ? -1 : a > b ? 1 : 0,
          ),
        )
      : v,
  );
}

/**
 * The Idempotency-Key of a row: derived from its content only, so importing the same file again
 * (or a file with the same row elsewhere) replays instead of creating a duplicate.
 */
export function idempotencyKeyOf(body: CreateAgreementInput): string {
  const digest = createHash('sha256').update(canonicalJson(body)).digest('hex');
  return `import-${digest.slice(0, 40)}`;
}
