// Bulk import: what it reports per row, and how the CLI shows it (a progress line on stderr,
// a table on stdout). Pure functions of the results.
import type { FieldError } from './import-rows.ts';

/**
 * created: the API stored a new agreement. replayed: the API answered with the agreement an
 * earlier request with the same Idempotency-Key created, and said so (`Idempotent-Replayed:
 * true`); nothing new was stored.
 * rejected: invalid locally (not sent) or refused by the API. failed: no answer the import can
 * act on (network, server error after retries, or the token refused). valid: --dry-run only.
 */
export type RowStatus = 'created' | 'replayed' | 'rejected' | 'failed' | 'valid';

export const ROW_STATUSES: readonly RowStatus[] = [
  'created',
  'replayed',
  'rejected',
  'failed',
  'valid',
];

export interface RowResult {
  /** 1-based position among the data rows. */
  row: number;
  /** CSV only: the file line the record ends on. */
  line?: number;
  title?: string;
  status: RowStatus;
  /** The agreement's id (created, replayed). */
  id?: string;
  /** Sent as the Idempotency-Key header (every valid row, also in a dry run). */
  idempotencyKey?: string;
  /** The API's last answer, when it answered. */
  httpStatus?: number;
  /** Where a rejection was decided: here, before sending, or by the API. */
  rejectedBy?: 'local' | 'api';
  /** The problem type's last segment (`validation`, `stage-mismatch`, ...). */
  code?: string;
  /** Why the row was rejected or failed: the problem's `detail`, or what went wrong. */
  reason?: string;
  errors?: FieldError[];
  /** The scans the row named (mou_file, pks_file, bast_files), once its agreement existed. */
  documents?: ScanResult[];
}

/** A scan of the import: attached now, skipped (the agreement had it), or failed (reason). */
export interface ScanResult {
  column: string;
  file: string;
  kind: string;
  status: 'attached' | 'skipped' | 'failed';
  documentId?: string;
  reason?: string;
}

export type ScanCounts = Record<ScanResult['status'], number>;

export type ImportCounts = Record<RowStatus, number>;

export interface ImportReport {
  apiUrl: string;
  dryRun: boolean;
  startedAt: string;
  finishedAt: string;
  total: number;
  counts: ImportCounts;
  /** In row order. */
  rows: RowResult[];
  /** Set when the import stopped sending rows (the API refused the token). */
  aborted?: string;
  /** With --documents: what became of the scans the rows named. */
  scans?: ScanCounts;
}

export interface ImportProgress {
  dryRun: boolean;
  done: number;
  total: number;
  counts: ImportCounts;
  /** The row that just finished. */
  last: RowResult;
}

export const emptyCounts = (): ImportCounts => ({
  created: 0,
  replayed: 0,
  rejected: 0,
  failed: 0,
  valid: 0,
});

/** "created 10, rejected 2": always the main outcomes, the others once they happen. */
export function countsText(counts: ImportCounts, dryRun: boolean): string {
  const main: RowStatus[] = dryRun ? ['valid', 'rejected'] : ['created', 'rejected'];
  const others = ROW_STATUSES.filter((status) => !main.includes(status) && counts[status] > 0);
  return [...main, ...others].map((status) => `${status} ${counts[status]}`).join(', ');
}

/** The TTY progress line: `[#####.....] 12/40 created 10, rejected 2`. */
export function progressBar(progress: Omit<ImportProgress, 'last'>, width = 20): string {
  const filled =
    progress.total === 0 ? width : Math.round((progress.done / progress.total) * width);
  const bar = '#'.repeat(filled) + '.'.repeat(width - filled);
  return `[${bar}] ${progress.done}/${progress.total} ${countsText(progress.counts, progress.dryRun)}`;
}

/** One plain line per finished row, for a stderr that is not a terminal (CI logs, files). */
export function progressLine(progress: ImportProgress): string {
  return `${progress.done}/${progress.total} ${rowName(progress.last)}: ${resultText(progress.last)}`;
}

/** Where the row is in the file: its line (CSV), else its position (a JSON array's item). */
export function rowName(result: Pick<RowResult, 'row' | 'line'>): string {
  return result.line !== undefined ? `line ${String(result.line)}` : `row ${String(result.row)}`;
}

function errorsText(errors: readonly FieldError[] | undefined): string {
  return (errors ?? []).map((e) => `${e.field} ${e.message}`).join('; ');
}

/** The result column: `created <id>`, `replayed <id>`, `rejected: <why>`, `failed: <why>`. */
export function resultText(result: RowResult): string {
  switch (result.status) {
    case 'created':
    case 'replayed':
      return `${result.status} ${result.id ?? '?'}`;
    case 'valid':
      return 'valid (dry run: not sent)';
    case 'rejected':
    case 'failed': {
      const errors = errorsText(result.errors);
      // A validation problem's detail only says how many errors there are: the errors say it all.
      const reason =
        errors !== '' && (result.rejectedBy === 'local' || result.code === 'validation')
          ? errors
          : [result.reason, errors].filter((part) => part !== undefined && part !== '').join(': ');
      return `${result.status}: ${reason || 'no reason given'}`;
    }
  }
}

function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

/** The per-row table printed on stdout at the end, with a summary line. */
export function reportTable(report: ImportReport, titleWidth = 48): string {
  // A CSV file's rows by their line in the file, where an editor finds them.
  const byLine = report.rows.some((r) => r.line !== undefined);
  const rows = report.rows.map((r) => ({
    row: String(byLine ? (r.line ?? '') : r.row),
    title: truncate(r.title ?? '', titleWidth),
    result: resultText(r),
  }));
  const header = byLine ? 'line' : 'row';
  const rowWidth = Math.max(header.length, ...rows.map((r) => r.row.length));
  const width = Math.max(5, ...rows.map((r) => r.title.length));
  const line = (row: string, title: string, result: string) =>
    `${row.padStart(rowWidth)}  ${title.padEnd(width)}  ${result}`.trimEnd();
  const lines = [
    line(header, 'title', 'result'),
    ...rows.map((r) => line(r.row, r.title, r.result)),
    ...report.rows.flatMap((r) =>
      (r.documents ?? [])
        .filter((d) => d.status === 'failed')
        .map((d) => `${rowName(r)}: ${d.kind} ${d.file} failed: ${d.reason ?? ''}`),
    ),
  ];
  const scans = report.scans
    ? [
        `scans: attached ${String(report.scans.attached)}, skipped ${String(report.scans.skipped)} (already attached), failed ${String(report.scans.failed)}`,
      ]
    : [];
  const summary = `${report.total} row${report.total === 1 ? '' : 's'}${report.dryRun ? ' (dry run)' : ''}: ${countsText(report.counts, report.dryRun)}`;
  return [
    ...lines,
    '',
    summary,
    ...scans,
    ...(report.aborted ? [`Stopped: ${report.aborted}`] : []),
  ]
    .map((l) => `${l}\n`)
    .join('');
}

/**
 * 0: every row created, replayed (or valid, in a dry run) and every scan attached or already
 * there; 1: some row rejected or failed, or some scan failed.
 */
export function exitCodeOf(report: ImportReport): 0 | 1 {
  return report.counts.rejected + report.counts.failed + (report.scans?.failed ?? 0) === 0 ? 0 : 1;
}
