// The agreement list as a table for people: one row per agreement with Indonesian column
// headers, and a row per application of an agreement for the sheets per application. Dates stay
// dates (`{ date }`), so that a spreadsheet can sort and filter them. The file formats are the
// adapters' (CSV here, being plain text; XLSX in adapters/xlsx/).
import { isTerminal, latestMilestone, type Agreement, type AgreementApp } from '../agreement.ts';
import { PHRASES } from '../messages/language.ts';
import { findRegion } from '../regions/regions.ts';
import { provinceOf } from './cycle-times.ts';
import { daysUntil } from './stage-times.ts';

export type Cell = string | number | { date: string } | undefined;

export interface Column<T> {
  header: string;
  /** Characters, for a spreadsheet's column width. */
  width: number;
  value: (row: T) => Cell;
}

const PHRASES_ID = PHRASES.id;
const date = (iso: string | undefined): Cell => (iso ? { date: iso.slice(0, 10) } : undefined);

function nudgeTotals(agreement: Agreement): { sent: number; last?: string } {
  const entries = Object.values(agreement.nudges);
  const last = entries
    .map((n) => n.lastSentAt)
    .filter((at): at is string => at !== undefined)
    .sort()
    .at(-1);
  return { sent: entries.reduce((n, e) => n + e.sent, 0), ...(last ? { last } : {}) };
}

/** An agreement as the export sees it: with the instant that dates its stage's age. */
export interface ExportedAgreement {
  agreement: Agreement;
  asOf: string;
}

export const AGREEMENT_COLUMNS: Column<ExportedAgreement>[] = [
  { header: 'Nomor Referensi', width: 24, value: ({ agreement }) => agreement.id },
  { header: 'Judul', width: 48, value: ({ agreement }) => agreement.title },
  { header: 'Daerah Mitra', width: 30, value: ({ agreement }) => agreement.partnerRegion.name },
  { header: 'Kode Wilayah', width: 12, value: ({ agreement }) => agreement.partnerRegion.code },
  {
    header: 'Provinsi',
    width: 24,
    value: ({ agreement }) => findRegion(provinceOf(agreement.partnerRegion.code))?.name,
  },
  { header: 'Tahap', width: 30, value: ({ agreement }) => PHRASES_ID.stages[agreement.stage] },
  { header: 'Tahap Dimulai', width: 14, value: ({ agreement }) => date(agreement.stageEnteredOn) },
  {
    header: 'Hari di Tahap Ini',
    width: 10,
    value: ({ agreement, asOf }) =>
      isTerminal(agreement.stage)
        ? undefined
        : Math.max(0, daysUntil(agreement.stageEnteredOn, asOf)),
  },
  {
    header: 'Tanggal Kesepakatan Bersama',
    width: 14,
    value: ({ agreement }) => date(latestMilestone(agreement, 'MOU_SIGNED')?.occurredAt),
  },
  {
    header: 'Tanggal PKS',
    width: 14,
    value: ({ agreement }) => date(latestMilestone(agreement, 'PKS_SIGNED')?.occurredAt),
  },
  {
    header: 'PKS Berlaku Sampai',
    width: 14,
    value: ({ agreement }) => date(latestMilestone(agreement, 'PKS_SIGNED')?.validUntil),
  },
  {
    header: 'Aplikasi',
    width: 40,
    value: ({ agreement }) => agreement.apps.map((a) => a.name).join('; '),
  },
  {
    header: 'Aplikasi Live',
    width: 10,
    value: ({ agreement }) => agreement.apps.filter((a) => a.status === 'LIVE').length,
  },
  {
    header: 'Pengingat Terkirim',
    width: 10,
    value: ({ agreement }) => nudgeTotals(agreement).sent,
  },
  {
    header: 'Pengingat Terakhir',
    width: 14,
    value: ({ agreement }) => date(nudgeTotals(agreement).last),
  },
  {
    header: 'Perlu Penanganan Sejak',
    width: 14,
    value: ({ agreement }) => date(agreement.needsAttention?.since),
  },
  { header: 'Terdaftar', width: 14, value: ({ agreement }) => date(agreement.createdAt) },
  { header: 'Diperbarui', width: 14, value: ({ agreement }) => date(agreement.updatedAt) },
];

export interface ExportedApp {
  agreement: Agreement;
  app: AgreementApp;
}

/** The rows of a sheet per application: each agreement that includes it. */
export const APP_COLUMNS: Column<ExportedApp>[] = [
  { header: 'Nomor Referensi', width: 24, value: ({ agreement }) => agreement.id },
  { header: 'Daerah Mitra', width: 30, value: ({ agreement }) => agreement.partnerRegion.name },
  { header: 'Tahap', width: 30, value: ({ agreement }) => PHRASES_ID.stages[agreement.stage] },
  { header: 'Status Aplikasi', width: 36, value: ({ app }) => PHRASES_ID.appStatus[app.status] },
  { header: 'Tanggal Serah Terima', width: 14, value: ({ app }) => date(app.handedOverOn) },
  { header: 'Nomor BAST', width: 28, value: ({ app }) => app.bastNumber },
  { header: 'Laporan Terakhir', width: 14, value: ({ app }) => date(app.lastReportedOn) },
];

export const AGREEMENTS_SHEET = 'Kerja Sama';

export const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

export type ExportFormat = keyof typeof CONTENT_TYPES;

// ---------------------------------------------------------------------------------------------
// CSV (RFC 4180), for the agreements sheet.

/**
 * A cell as CSV: quoted when needed; text that a spreadsheet would take for a formula gets a
 * leading apostrophe (coordinators write the titles).
 */
function csvCell(cell: Cell): string {
  if (cell === undefined) return '';
  if (typeof cell === 'number') return String(cell);
  const text = typeof cell === 'string' ? cell : cell.date;
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvLine(cells: readonly Cell[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** The byte order mark, so that spreadsheet programs read the file as UTF-8. */
export const CSV_BOM = '\uFEFF';
