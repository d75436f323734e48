// The lock on an attached file (S3DocumentFiles.retain): Object Lock in governance mode until
// the configured days from now, on the version that was checked. The S3 stand-in has no Object
// Lock (s3rver answers MethodNotAllowed), so the test reads the request as the unmodified SDK
// sends it over the wire to the stand-in; the stand-in's answer does not matter here.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { S3DocumentFiles } from '../../adapters/s3/document-files.ts';
import { localClientConfig } from '../../local/aws.ts';
import { startS3Local, type S3Local } from '../../local/s3-local.ts';

const NOW = new Date('2026-12-03T10:00:00Z');
let s3: S3Local;
let directory: string;
let client: S3Client;
const sent: { method: string; path: string; query: Record<string, unknown>; body: string }[] = [];

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'sepakat-lock-'));
  s3 = await startS3Local({ port: 0, directory });
  client = new S3Client({ ...localClientConfig(s3.endpoint), forcePathStyle: true });
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as {
        method: string;
        path: string;
        query: Record<string, unknown>;
        body: unknown;
      };
      sent.push({
        method: request.method,
        path: request.path,
        query: { ...request.query },
        body: typeof request.body === 'string' ? request.body : '',
      });
      return next(args);
    },
    { step: 'finalizeRequest', name: 'recordRequests' },
  );
});
afterAll(async () => {
  client.destroy();
  await s3.stop();
  await rm(directory, { recursive: true, force: true });
});

describe('the lock on an attached file', () => {
  it('is governance mode until the retention days from now, on the checked version', async () => {
    const key = 'agreements/A1/D1';
    await client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: key, Body: '%PDF-1.4\n' }));
    sent.length = 0;
    const files = new S3DocumentFiles({
      client,
      bucket: s3.bucket,
      retentionDays: 3650,
      now: () => NOW,
    });
    await files.retain(key, 'version-7').catch(() => undefined);

    expect(sent).toHaveLength(1);
    const [request] = sent;
    expect(request?.method).toBe('PUT');
    expect(request?.path).toBe(`/${s3.bucket}/${key}`);
    expect(request?.query).toMatchObject({ retention: '', versionId: 'version-7' });
    expect(request?.body).toContain('<Mode>GOVERNANCE</Mode>');
    // 3650 days from 3 December 2026.
    expect(request?.body).toContain('<RetainUntilDate>2036-11-30T10:00:00Z</RetainUntilDate>');
  });

  it('is not asked for where no retention is configured (development, local mode)', async () => {
    sent.length = 0;
    const files = new S3DocumentFiles({ client, bucket: s3.bucket, now: () => NOW });
    await files.retain('agreements/A1/D1', undefined);
    expect(sent).toEqual([]);
  });
});
