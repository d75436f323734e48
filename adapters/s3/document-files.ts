// The documents' files in S3: uploaded and downloaded by presigned URLs, so that no file passes
// through a function; checked after upload by reading the object once. The bucket's settings
// (KMS, versioning, Object Lock, lifecycle) are infra/constructs/document-bucket.ts's.
import { createHash } from 'node:crypto';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  PutObjectRetentionCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import {
  contentDisposition,
  SIGNATURE_BYTES,
  type AgreementDocument,
  type StoredObject,
} from '../../domain/documents.ts';
import type { DocumentFiles } from '../../domain/ports.ts';
import { clientOf, type ClientSource } from '../client-source.ts';

export interface S3DocumentFilesOptions {
  client: ClientSource<S3Client>;
  bucket: string;
  /** Days an attached file is locked (Object Lock, governance mode); none: not locked. */
  retentionDays?: number;
  now?: () => Date;
}

export class S3DocumentFiles implements DocumentFiles {
  private readonly client: () => S3Client;
  private readonly bucket: string;
  private readonly retentionDays: number | undefined;
  private readonly now: () => Date;

  constructor(options: S3DocumentFilesOptions) {
    this.client = clientOf(options.client);
    this.bucket = options.bucket;
    this.retentionDays = options.retentionDays;
    this.now = options.now ?? (() => new Date());
  }

  async uploadUrl(document: AgreementDocument, expiresInSeconds: number) {
    const checksum = Buffer.from(document.sha256, 'hex').toString('base64');
    const command = new PutObjectCommand({
      Bucket: this.bucket,
      Key: document.objectKey,
      ContentType: document.contentType,
      ContentLength: document.sizeBytes,
      ChecksumSHA256: checksum,
    });
    // Signed as headers, so S3 refuses another size, type or content: the checksum is a header
    // the client sends (not a query parameter), which S3 verifies against the body.
    const url = await getSignedUrl(this.client(), command, {
      expiresIn: expiresInSeconds,
      signableHeaders: new Set(['content-type', 'content-length']),
      unhoistableHeaders: new Set(['x-amz-checksum-sha256']),
    });
    return {
      method: 'PUT' as const,
      url,
      headers: { 'content-type': document.contentType, 'x-amz-checksum-sha256': checksum },
      expiresAt: expiry(expiresInSeconds),
    };
  }

  async inspect(objectKey: string, expectedBytes: number): Promise<StoredObject | undefined> {
    let answer;
    try {
      answer = await this.client().send(
        new GetObjectCommand({ Bucket: this.bucket, Key: objectKey }),
      );
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') {
        return undefined;
      }
      throw error;
    }
    const sizeBytes = answer.ContentLength ?? 0;
    const versionId = answer.VersionId ? { versionId: answer.VersionId } : {};
    const body = answer.Body as (AsyncIterable<Uint8Array> & { destroy?: () => void }) | undefined;
    if (!body || sizeBytes !== expectedBytes) {
      // Another size: no need to read what will be refused anyway.
      body?.destroy?.();
      return { sizeBytes, sha256: '', firstBytes: new Uint8Array(), ...versionId };
    }
    const hash = createHash('sha256');
    const first: number[] = [];
    for await (const chunk of body) {
      hash.update(chunk);
      for (let i = 0; first.length < SIGNATURE_BYTES && i < chunk.length; i++) {
        first.push(chunk[i] ?? 0);
      }
    }
    return {
      sizeBytes,
      sha256: hash.digest('hex'),
      firstBytes: Uint8Array.from(first),
      ...versionId,
    };
  }

  async discard(objectKey: string, versionId: string | undefined): Promise<void> {
    // The version itself, not a delete marker over it: a refused file is gone (it was never
    // locked, only attached files are).
    await this.client().send(
      new DeleteObjectCommand({
        Bucket: this.bucket,
        Key: objectKey,
        ...(versionId ? { VersionId: versionId } : {}),
      }),
    );
  }

  async retain(objectKey: string, versionId: string | undefined): Promise<void> {
    if (!this.retentionDays) return;
    const until = new Date(this.now().getTime() + this.retentionDays * 86_400_000);
    await this.client().send(
      new PutObjectRetentionCommand({
        Bucket: this.bucket,
        Key: objectKey,
        ...(versionId ? { VersionId: versionId } : {}),
        Retention: { Mode: 'GOVERNANCE', RetainUntilDate: until },
      }),
    );
  }

  async downloadUrl(document: AgreementDocument, expiresInSeconds: number) {
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: document.objectKey,
      // The version that was checked, even if the key was written again later.
      ...(document.versionId ? { VersionId: document.versionId } : {}),
      ResponseContentType: document.contentType,
      ResponseContentDisposition: contentDisposition(document.fileName),
    });
    const url = await getSignedUrl(this.client(), command, { expiresIn: expiresInSeconds });
    return { url, expiresAt: expiry(expiresInSeconds) };
  }
}

/** When a URL signed now stops working: S3 checks it against real time, not a scaled clock. */
function expiry(seconds: number): string {
  return new Date(Date.now() + seconds * 1000).toISOString();
}
