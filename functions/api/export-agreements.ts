// GET /agreements/export?format=csv|xlsx&<the list's filters>: the agreement list as a file,
// built page by page (application/export-agreements.ts).
import { tableFileWriter } from '../../adapters/files/table-files.ts';
import {
  ExportTooLargeError,
  exportAgreementsUseCase,
} from '../../application/export-agreements.ts';
import { listAgreementsUseCase } from '../../application/list-agreements.ts';
import { listFiltersOf } from './list-agreements.ts';
import { CONTENT_TYPES } from '../../domain/reports/export-table.ts';
import { exportQuerySchema } from '../../domain/reports/schemas.ts';
import type { ApiOptions, FunctionEnvironment } from '../shared/environment.ts';
import { onFirstCall } from '../shared/middleware.ts';
import { tableParts, wiring } from '../shared/wiring/parts.ts';
import { apiHandler, parse, Problem } from './http.ts';

export function createHandler(env: FunctionEnvironment, options: ApiOptions = {}) {
  const w = wiring(env, options);
  const listAgreements = listAgreementsUseCase(tableParts(w));
  return apiHandler({ auth: true, env }, async ({ principal, query }) => {
    const { format, sheets, ...filters } = parse(exportQuerySchema, query, 'query');
    const exportAgreements = exportAgreementsUseCase({
      list: (page) => listAgreements({ ...listFiltersOf(filters), ...page }),
      now: w.now,
    });
    let file: Buffer;
    try {
      file = await exportAgreements(principal, await tableFileWriter(format), {
        appSheets: sheets === 'apps',
      });
    } catch (error) {
      if (!(error instanceof ExportTooLargeError)) throw error;
      throw new Problem(413, 'export-too-large', 'Export too large', error.message);
    }
    const day = w.now().toISOString().slice(0, 10);
    return {
      status: 200,
      file: format === 'csv' ? 'text' : 'base64',
      body: format === 'csv' ? file.toString('utf8') : file.toString('base64'),
      headers: {
        'content-type': CONTENT_TYPES[format],
        'content-disposition': `attachment; filename="sepakat-kerja-sama-${day}.${format}"`,
      },
    };
  });
}

export const handler = onFirstCall(() => createHandler(process.env));
