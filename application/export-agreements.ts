// Exporting the agreement list, with any filter of the list, as a file: page by page through
// the list use case (so only one page of agreements is in memory at a time) into a writer of the
// chosen format. The file itself must fit a Lambda response (docs/architecture.md, "Exports").
import type { Principal } from '../domain/access.ts';
import type { Agreement } from '../domain/agreement.ts';
import type { Page } from '../domain/ports.ts';
import type { ExportedAgreement, ExportedApp } from '../domain/reports/export-table.ts';

/** Builds one file from rows given a page at a time (adapters/xlsx, domain CSV). */
export interface TableFileWriter {
  agreements(rows: readonly ExportedAgreement[]): Promise<void>;
  /** Called once at the end, with every application row, when sheets per application are asked. */
  apps?(rows: readonly ExportedApp[]): Promise<void>;
  /** The whole file. */
  finish(): Promise<Buffer>;
}

export interface ExportDeps {
  list: (query: {
    principal: Principal;
    limit: number;
    cursor?: string | undefined;
  }) => Promise<Page<Agreement>>;
  now: () => Date;
}

/** Most files a Lambda response carries (6 MB, less the envelope and base64's third). */
export const MAX_EXPORT_BYTES = 4 * 1024 * 1024;

export class ExportTooLargeError extends Error {
  readonly bytes: number;
  constructor(bytes: number) {
    super(
      `The export holds ${String(bytes)} bytes, more than the ${String(MAX_EXPORT_BYTES)} a response may carry: narrow it with the list's filters.`,
    );
    this.name = 'ExportTooLargeError';
    this.bytes = bytes;
  }
}

export function exportAgreementsUseCase(deps: ExportDeps) {
  return async (
    principal: Principal,
    writer: TableFileWriter,
    options: { appSheets: boolean },
  ): Promise<Buffer> => {
    const asOf = deps.now().toISOString();
    const apps: ExportedApp[] = [];
    let cursor: string | undefined;
    do {
      const page = await deps.list({ principal, limit: 100, cursor });
      await writer.agreements(page.items.map((agreement) => ({ agreement, asOf })));
      // An application row is small (two references): kept for the sheets written at the end.
      if (options.appSheets) {
        for (const agreement of page.items) {
          for (const app of agreement.apps) apps.push({ agreement: slim(agreement), app });
        }
      }
      cursor = page.nextCursor;
    } while (cursor);
    if (options.appSheets && writer.apps) await writer.apps(apps);
    const file = await writer.finish();
    if (file.length > MAX_EXPORT_BYTES) throw new ExportTooLargeError(file.length);
    return file;
  };
}

/** What an application row reads of its agreement, so the rest of the page can go. */
function slim(agreement: Agreement): Agreement {
  return { ...agreement, contacts: [], milestones: [], nudges: {}, stageTimes: {} };
}
