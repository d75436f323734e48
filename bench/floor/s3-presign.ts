// S3 presigned URLs (no request: the signature is computed in the function).
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { objectKey, type FloorEvent, type FloorServiceFactory } from './handler.ts';

const s3Presign: FloorServiceFactory = (env) => {
  const client = new S3Client({});
  const Bucket = env.DOCUMENT_BUCKET ?? '';
  const commands = {
    PutObject: (event: FloorEvent) =>
      new PutObjectCommand({ Bucket, Key: objectKey(event), ContentType: 'application/pdf' }),
    GetObject: (event: FloorEvent) => new GetObjectCommand({ Bucket, Key: objectKey(event) }),
  };
  return {
    operations: Object.keys(commands),
    call: (operation, event) =>
      getSignedUrl(client, commands[operation as keyof typeof commands](event), {
        expiresIn: 300,
      }),
  };
};
export default s3Presign;
