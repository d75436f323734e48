// The documents' files in S3 (DOCUMENT_BUCKET; DOCUMENT_RETENTION_DAYS for the function that
// attaches): only the routes that presign or read files import this module, and the S3 client.
import { S3Client } from '@aws-sdk/client-s3';
import { S3DocumentFiles } from '../../../adapters/s3/document-files.ts';
import type { DocumentDeps } from '../../../application/documents.ts';
import { required } from '../environment.ts';
import { documentRecords, positiveNumber } from './documents.ts';
import type { Wiring } from './parts.ts';

export function documentParts(w: Wiring): DocumentDeps {
  const retentionDays = positiveNumber(w.env, 'DOCUMENT_RETENTION_DAYS');
  const files = new S3DocumentFiles({
    // Made when a file is first presigned or read: a refused request needs none.
    client: w.options.s3 ?? (() => new S3Client({})),
    bucket: required(w.env, 'DOCUMENT_BUCKET'),
    ...(retentionDays ? { retentionDays } : {}),
    now: w.now,
  });
  return { ...documentRecords(w), files };
}
