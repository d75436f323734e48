// The S3 stand-in (s3rver), in-process on loopback: it speaks the S3 REST protocol to the
// unmodified @aws-sdk/client-s3 (path-style addressing) and accepts presigned URLs, refusing
// expired ones. It keeps the files under the data folder. It does not check SigV4 signatures
// nor checksums: the complete step's own check (size, SHA-256, first bytes) is what refuses a
// wrong file here, as it does in AWS after S3's.
import { mkdir } from 'node:fs/promises';
import { S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import AWSAccount from 's3rver/lib/models/account.js';
import { localClientConfig } from './aws.ts';

export const LOCAL_DOCUMENT_BUCKET = 'sepakat-documents';

export interface S3Local {
  endpoint: string;
  bucket: string;
  /** A client for the stand-in: path-style, loopback credentials. */
  client: S3Client;
  /** Throws unless the stand-in answers and has the bucket. */
  check(signal: AbortSignal): Promise<void>;
  stop(): Promise<void>;
}

export interface S3LocalProps {
  /** 0: any free port. */
  port: number;
  /** Where the buckets' files are kept. */
  directory: string;
  /** Browser origins that may upload and download (the console), or `*`. */
  corsOrigins?: string[];
}

const corsXml = (origins: string[]) =>
  `<CORSConfiguration>${origins
    .map(
      (origin) =>
        `<CORSRule><AllowedOrigin>${origin}</AllowedOrigin><AllowedMethod>PUT</AllowedMethod><AllowedMethod>GET</AllowedMethod><AllowedHeader>*</AllowedHeader><MaxAgeSeconds>3600</MaxAgeSeconds></CORSRule>`,
    )
    .join('')}</CORSConfiguration>`;

/** The credentials every local client signs with (local/aws.ts), known to the stand-in. */
const { accessKeyId, secretAccessKey } = localClientConfig('').credentials;
AWSAccount.DUMMY_ACCOUNT.createKeyPair(accessKeyId, secretAccessKey);

export async function startS3Local(props: S3LocalProps): Promise<S3Local> {
  await mkdir(props.directory, { recursive: true });
  const origins = props.corsOrigins?.length ? props.corsOrigins : ['*'];
  const server = new S3rver({
    address: '127.0.0.1',
    port: props.port,
    silent: true,
    directory: props.directory,
    // Path-style only: a bucket is never taken from the Host header.
    vhostBuckets: false,
    configureBuckets: [{ name: LOCAL_DOCUMENT_BUCKET, configs: [corsXml(origins)] }],
  });
  const address = await server.run();
  const endpoint = `http://127.0.0.1:${String(address.port)}`;
  const client = new S3Client({ ...localClientConfig(endpoint), forcePathStyle: true });
  return {
    endpoint,
    bucket: LOCAL_DOCUMENT_BUCKET,
    client,
    async check(signal) {
      const response = await fetch(`${endpoint}/${LOCAL_DOCUMENT_BUCKET}?max-keys=0`, { signal });
      if (!response.ok) throw new Error(`HTTP ${String(response.status)}`);
    },
    async stop() {
      client.destroy();
      await server.close();
    },
  };
}
