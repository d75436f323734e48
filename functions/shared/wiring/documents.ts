// What the document routes need: the documents' records on the table, and (document-files.ts,
// a module of its own so that only the bundles that use S3 hold its client) their files.
import { ulid } from 'ulid';
import { DynamoDocumentRepository } from '../../../adapters/dynamodb/document-repository.ts';
import type { DocumentRecordDeps } from '../../../application/documents.ts';
import { DEFAULT_MAX_DOCUMENT_BYTES, MAX_DOCUMENT_BYTES_LIMIT } from '../../../domain/documents.ts';
import type { FunctionEnvironment } from '../environment.ts';
import { repositoryOf, tableParts, type Wiring } from './parts.ts';

/** The documents' records, and the largest file allowed (DOCUMENT_MAX_BYTES, optional). */
export function documentRecords(w: Wiring): DocumentRecordDeps {
  return {
    ...tableParts(w),
    documents: new DynamoDocumentRepository({ agreements: repositoryOf(w), now: w.now }),
    newId: w.options.newId ?? (() => ulid()),
    maxBytes: positiveNumber(w.env, 'DOCUMENT_MAX_BYTES') ?? DEFAULT_MAX_DOCUMENT_BYTES,
  };
}

/** An optional positive setting; a wrong one stops the function at start. */
export function positiveNumber(env: FunctionEnvironment, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (
    !Number.isInteger(value) ||
    value < 1 ||
    (name === 'DOCUMENT_MAX_BYTES' && value > MAX_DOCUMENT_BYTES_LIMIT)
  ) {
    throw new Error(
      `${name} must be a positive whole number${name === 'DOCUMENT_MAX_BYTES' ? ` up to ${String(MAX_DOCUMENT_BYTES_LIMIT)}` : ''}, not ${raw}`,
    );
  }
  return value;
}
