// S3: reading, writing and deleting the documents' files.
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  PutObjectRetentionCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { objectKey, type FloorEvent, type FloorServiceFactory } from './handler.ts';

const s3: FloorServiceFactory = (env) => {
  const client = new S3Client({});
  const Bucket = env.DOCUMENT_BUCKET ?? '';
  const calls = {
    GetObject: async (event: FloorEvent) => {
      const answer = await client.send(new GetObjectCommand({ Bucket, Key: objectKey(event) }));
      // Read to the end, as a check of the file does.
      return answer.Body?.transformToByteArray();
    },
    HeadObject: (event: FloorEvent) =>
      client.send(new HeadObjectCommand({ Bucket, Key: objectKey(event) })),
    PutObject: (event: FloorEvent) =>
      client.send(new PutObjectCommand({ Bucket, Key: objectKey(event), Body: 'floor' })),
    DeleteObject: (event: FloorEvent) =>
      client.send(new DeleteObjectCommand({ Bucket, Key: objectKey(event) })),
    PutObjectRetention: (event: FloorEvent) =>
      client.send(
        new PutObjectRetentionCommand({
          Bucket,
          Key: objectKey(event),
          Retention: { Mode: 'GOVERNANCE', RetainUntilDate: new Date(Date.now() + 86_400_000) },
        }),
      ),
  };
  return {
    operations: Object.keys(calls),
    call: (operation, event) => calls[operation as keyof typeof calls](event),
  };
};
export default s3;
