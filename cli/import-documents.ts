// Bulk import, the scans: once a row's agreement exists (created or replayed), the files its
// mou_file, pks_file and bast_files columns name are attached from the folder given with
// --documents, as `npx sepakat attach` attaches one (announce, upload, complete). A file whose
// SHA-256 the agreement already holds is skipped, so running the import again attaches only
// what is new.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ApiProblem, type ApiClient } from './api-client.ts';
import { attachFile, sha256Of, type DocumentJson } from './documents.ts';
import type { RowResult, ScanCounts, ScanResult } from './import-report.ts';
import type { SourceRow } from './import-rows.ts';
import type { CliIo } from './shared.ts';

function failure(error: unknown): string {
  if (error instanceof ApiProblem) {
    const fields = error.errors.map((e) => `${e.field} ${e.message}`).join('; ');
    return [error.message, fields].filter(Boolean).join(': ');
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * Attaches the scans of every row whose agreement exists, one file at a time; each outcome goes
 * into the row's result (`documents`) and to `onFile`. Never throws for a file.
 */
export async function attachScans(options: {
  rows: readonly SourceRow[];
  results: RowResult[];
  folder: string;
  client: ApiClient;
  io: CliIo;
  onFile?: (result: RowResult, scan: ScanResult) => void;
}): Promise<ScanCounts> {
  const counts: ScanCounts = { attached: 0, skipped: 0, failed: 0 };
  for (const [index, result] of options.results.entries()) {
    const row = options.rows[index];
    if (!row || row.scans.length === 0 || !result.id) continue;
    if (result.status !== 'created' && result.status !== 'replayed') continue;
    const path = `/agreements/${encodeURIComponent(result.id)}`;
    let held: Map<string, string> | undefined;
    const documents: ScanResult[] = [];
    for (const scan of row.scans) {
      const base = { column: scan.column, file: scan.file, kind: scan.kind };
      let outcome: ScanResult;
      try {
        const file = join(options.folder, scan.file);
        await stat(file).catch(() => {
          throw new Error(`no file ${scan.file} in ${options.folder}`);
        });
        // What the agreement holds already, by SHA-256: read once per row.
        held ??= new Map(
          (await options.client.collect<DocumentJson>(`${path}/documents`)).items
            .filter((d) => d.status === 'ATTACHED')
            .map((d) => [d.sha256, d.documentId]),
        );
        const existing = held.get(await sha256Of(file));
        if (existing) {
          outcome = {
            ...base,
            status: 'skipped',
            documentId: existing,
            reason: 'already attached',
          };
        } else {
          const attached = await attachFile(
            options.client,
            path,
            file,
            { kind: scan.kind, ...(scan.milestone ? { milestone: scan.milestone } : {}) },
            options.io,
          );
          const documentId = String(attached.documentId);
          held.set(String(attached.sha256), documentId);
          outcome = { ...base, status: 'attached', documentId };
        }
      } catch (error) {
        outcome = { ...base, status: 'failed', reason: failure(error) };
      }
      counts[outcome.status] += 1;
      documents.push(outcome);
      options.onFile?.(result, outcome);
    }
    result.documents = documents;
  }
  return counts;
}

/** `line 3: PKS pks-kuburaya.pdf attached <id>`, one per file on stderr. */
export function scanLine(name: string, scan: ScanResult): string {
  const what = `${scan.kind} ${scan.file}`;
  switch (scan.status) {
    case 'attached':
      return `${name}: ${what} attached ${scan.documentId ?? ''}`.trimEnd();
    case 'skipped':
      return `${name}: ${what} skipped, already attached as ${scan.documentId ?? '?'}`;
    case 'failed':
      return `${name}: ${what} failed: ${scan.reason ?? 'no reason given'}`;
  }
}
