// Where the agreements' signed documents are kept: a private, KMS-encrypted, versioned bucket
// reachable over TLS only, with server access logs, a move to a colder storage class after a
// while, and in production RETAIN and Object Lock (governance mode). The lock is applied to
// each file when it is attached (adapters/s3/document-files.ts, retain), for the configured
// retention, not as a bucket default: a refused upload must stay deletable.
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Key } from 'aws-cdk-lib/aws-kms';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  HttpMethods,
  ObjectOwnership,
  StorageClass,
} from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export interface DocumentBucketProps {
  /** Production keeps the bucket, its logs and key when the stack goes, and locks files. */
  readonly production: boolean;
  /** Days after which a file moves to S3 Glacier Instant Retrieval (still downloadable at once). */
  readonly colderAfterDays: number;
  /** Object Lock retention of an attached file, in days; unset: no Object Lock. */
  readonly retentionDays?: number;
  /** Days the server access logs are kept. */
  readonly accessLogDays: number;
  /** Browser origins that may upload and download with the presigned URLs. */
  readonly corsOrigins: string[];
}

export class DocumentBucket extends Construct {
  readonly bucket: Bucket;
  readonly key: Key;
  readonly accessLogs: Bucket;

  constructor(scope: Construct, id: string, props: DocumentBucketProps) {
    super(scope, id);
    // Log delivery allowed by a bucket policy, not an ACL: the log bucket is owner-enforced too.
    this.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);
    const removalPolicy = props.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    this.key = new Key(this, 'Key', {
      description: 'Sepakat: encrypts the agreements’ documents',
      enableKeyRotation: true,
      removalPolicy,
    });
    // Server access logs cannot be delivered to a KMS-encrypted bucket: S3-managed keys here.
    this.accessLogs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      lifecycleRules: [{ id: 'expire-logs', expiration: Duration.days(props.accessLogDays) }],
      removalPolicy,
    });
    Validations.of(this.accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'This bucket receives the documents bucket’s server access logs; logging its own ' +
        'access would log the log deliveries. CloudTrail records its management events.',
    });
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      enforceSSL: true,
      versioned: true,
      objectLockEnabled: props.retentionDays !== undefined,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'documents/',
      lifecycleRules: [
        {
          id: 'colder-after-a-while',
          transitions: [
            {
              storageClass: StorageClass.GLACIER_INSTANT_RETRIEVAL,
              transitionAfter: Duration.days(props.colderAfterDays),
            },
          ],
        },
        {
          // Versions replaced by a second upload to a still valid URL, and delete markers.
          id: 'tidy-versions',
          noncurrentVersionExpiration: Duration.days(30),
          expiredObjectDeleteMarker: true,
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
      cors: [
        {
          allowedOrigins: props.corsOrigins,
          allowedMethods: [HttpMethods.PUT, HttpMethods.GET],
          allowedHeaders: ['content-type', 'x-amz-checksum-sha256'],
          maxAge: 3600,
        },
      ],
      removalPolicy,
    });
  }
}
