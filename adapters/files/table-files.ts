// The export's two file formats: CSV (RFC 4180, UTF-8 with a byte order mark) and XLSX through
// exceljs's streaming writer, which writes each row into the zipped sheet as it comes instead
// of holding a workbook model of every row. exceljs is imported when an XLSX file is asked for:
// loading it costs a cold start about 170 ms that a CSV export need not pay.
import { PassThrough } from 'node:stream';
import type ExcelJS from 'exceljs';
import type { TableFileWriter } from '../../application/export-agreements.ts';
import {
  AGREEMENT_COLUMNS,
  AGREEMENTS_SHEET,
  APP_COLUMNS,
  CSV_BOM,
  csvLine,
  type ExportFormat,
  type Cell,
  type Column,
  type ExportedApp,
} from '../../domain/reports/export-table.ts';

export function csvWriter(): TableFileWriter {
  const parts: string[] = [CSV_BOM, csvLine(AGREEMENT_COLUMNS.map((c) => c.header))];
  return {
    agreements(rows) {
      for (const row of rows) parts.push(csvLine(AGREEMENT_COLUMNS.map((c) => c.value(row))));
      return Promise.resolve();
    },
    finish: () => Promise.resolve(Buffer.from(parts.join(''), 'utf8')),
  };
}

const DATE_FORMAT = 'yyyy-mm-dd';

function addRow<T>(sheet: ExcelJS.Worksheet, columns: readonly Column<T>[], row: T): void {
  const cells: Cell[] = columns.map((c) => c.value(row));
  const added = sheet.addRow(
    cells.map((cell) =>
      cell !== undefined && typeof cell === 'object' ? new Date(`${cell.date}T00:00:00Z`) : cell,
    ),
  );
  cells.forEach((cell, i) => {
    if (cell !== undefined && typeof cell === 'object') added.getCell(i + 1).numFmt = DATE_FORMAT;
  });
  added.commit();
}

function addSheet<T>(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  columns: readonly Column<T>[],
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  return sheet;
}

/** A sheet's name: at most 31 characters, none of those Excel refuses. */
export function sheetName(name: string, taken: ReadonlySet<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 28) || 'Aplikasi';
  let candidate = base;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${base} ${String(n)}`;
  return candidate;
}

async function xlsxWriter(): Promise<TableFileWriter> {
  const { default: excel } = await import('exceljs');
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new excel.stream.xlsx.WorkbookWriter({
    stream,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = 'Sepakat';
  const agreements = addSheet(workbook, AGREEMENTS_SHEET, AGREEMENT_COLUMNS);
  return {
    agreements(rows) {
      for (const row of rows) addRow(agreements, AGREEMENT_COLUMNS, row);
      return Promise.resolve();
    },
    async apps(rows) {
      agreements.commit();
      const byApp = new Map<string, ExportedApp[]>();
      for (const row of rows) {
        const list = byApp.get(row.app.id) ?? [];
        list.push(row);
        byApp.set(row.app.id, list);
      }
      const taken = new Set([AGREEMENTS_SHEET.toLowerCase()]);
      for (const [, appRows] of [...byApp].sort(([a], [b]) => a.localeCompare(b))) {
        const name = sheetName(appRows[0]?.app.name ?? 'Aplikasi', taken);
        taken.add(name.toLowerCase());
        const sheet = addSheet(workbook, name, APP_COLUMNS);
        for (const row of appRows) addRow(sheet, APP_COLUMNS, row);
        sheet.commit();
      }
      await Promise.resolve();
    },
    async finish() {
      await workbook.commit();
      return Buffer.concat(chunks);
    },
  };
}

export async function tableFileWriter(format: ExportFormat): Promise<TableFileWriter> {
  return format === 'csv' ? csvWriter() : xlsxWriter();
}
