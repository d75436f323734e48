// The documents bucket as synthesized, per environment: private and owner-enforced, KMS with
// a rotating key, versioned, TLS only, access logs, the move to a colder class; in production
// RETAIN and Object Lock; the document functions allowed only the documents' prefix.
import { describe, expect, it } from '@jest/globals';
import { Match } from 'aws-cdk-lib/assertions';
import { environmentConfig } from '../../infra/config.ts';
import { API_ROUTES } from '../../functions/api/routes.ts';
import {
  acknowledgements,
  actionsOf,
  arnText,
  functionDescribed,
  list,
  resource,
  resources,
  roleOfFunction,
  statementsOf,
  synth,
  type Resource,
} from './template.ts';

/** The documents bucket: its versioned one (the access log bucket is not; the console's is another). */
function documentsBucket(env: string): [string, Resource] {
  const { template } = synth(env);
  const found = resources(template, 'AWS::S3::Bucket').filter(
    ([id, b]) =>
      id.startsWith('Documents') &&
      (b.Properties.VersioningConfiguration as { Status?: string } | undefined)?.Status ===
        'Enabled',
  );
  expect(found.length).toBe(1);
  return found[0] as [string, Resource];
}

describe.each(['dev', 'prod'])('the %s documents bucket', (env) => {
  const config = environmentConfig(env);

  it('is private, owner-enforced, KMS-encrypted with a rotating key, versioned and logged', () => {
    const [, bucket] = documentsBucket(env);
    const p = bucket.Properties;
    expect(p.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(p.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    const [rule] = (p.BucketEncryption as { ServerSideEncryptionConfiguration: unknown[] })
      .ServerSideEncryptionConfiguration as {
      BucketKeyEnabled: boolean;
      ServerSideEncryptionByDefault: { SSEAlgorithm: string; KMSMasterKeyID: unknown };
    }[];
    expect(rule?.ServerSideEncryptionByDefault.SSEAlgorithm).toBe('aws:kms');
    expect(rule?.BucketKeyEnabled).toBe(true);
    const keyId = arnText(rule?.ServerSideEncryptionByDefault.KMSMasterKeyID).slice(1, -5);
    expect(resource(synth(env).template, keyId).Properties.EnableKeyRotation).toBe(true);
    const logging = p.LoggingConfiguration as { DestinationBucketName: unknown };
    const logBucket = resource(
      synth(env).template,
      arnText(logging.DestinationBucketName).slice(1, -1),
    );
    expect(logBucket.Properties.OwnershipControls).toEqual({
      Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }],
    });
  });

  it('refuses every request without TLS, in its bucket policy', () => {
    const [id] = documentsBucket(env);
    synth(env).template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: id },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 's3:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  it('moves files to a colder class after the configured days', () => {
    const [, bucket] = documentsBucket(env);
    const rules = (bucket.Properties.LifecycleConfiguration as { Rules: Record<string, unknown>[] })
      .Rules;
    expect(rules).toContainEqual(
      expect.objectContaining({
        Status: 'Enabled',
        Transitions: [
          {
            StorageClass: 'GLACIER_IR',
            TransitionInDays: config.documents.colderAfterDays,
          },
        ],
      }),
    );
  });

  it('lets the attaching function lock files for the configured retention', () => {
    const [, fn] = functionDescribed(
      synth(env).template,
      `POST /agreements/{id}/documents/{documentId}/complete: ${API_ROUTES.find((r) => r.name === 'complete-upload')?.summary ?? ''}`,
    );
    const variables = (fn.Properties.Environment as { Variables: Record<string, unknown> })
      .Variables;
    expect(variables.DOCUMENT_RETENTION_DAYS).toBe(String(config.documents.retentionDays ?? ''));
    expect(variables.DOCUMENT_MAX_BYTES).toBe(String(config.documents.maxBytes));
  });
});

describe('environments', () => {
  it('retain the production bucket with Object Lock, and let the dev one go without', () => {
    const [, prod] = documentsBucket('prod');
    expect([prod.DeletionPolicy, prod.UpdateReplacePolicy]).toEqual(['Retain', 'Retain']);
    expect(prod.Properties.ObjectLockEnabled).toBe(true);
    expect(environmentConfig('prod').documents.retentionDays).toBeGreaterThan(0);
    const [, dev] = documentsBucket('dev');
    expect(dev.DeletionPolicy).toBe('Delete');
    expect(dev.Properties.ObjectLockEnabled).not.toBe(true);
  });
});

describe('the production lock', () => {
  it('keeps the bucket, its key and its files: Object Lock, RETAIN, and nobody may bypass governance', () => {
    const { template } = synth('prod');
    const [, bucket] = documentsBucket('prod');
    expect(bucket.Properties.ObjectLockEnabled).toBe(true);
    // No default retention: a refused upload must stay deletable; an attached file gets its own
    // governance-mode lock (adapters/s3/document-files.ts, `retain`).
    expect(bucket.Properties.ObjectLockConfiguration).toBeUndefined();
    const [rule] = (
      bucket.Properties.BucketEncryption as {
        ServerSideEncryptionConfiguration: {
          ServerSideEncryptionByDefault: { KMSMasterKeyID: unknown };
        }[];
      }
    ).ServerSideEncryptionConfiguration;
    const key = resource(
      template,
      arnText(rule?.ServerSideEncryptionByDefault.KMSMasterKeyID).slice(1, -5),
    );
    expect([key.DeletionPolicy, key.UpdateReplacePolicy]).toEqual(['Retain', 'Retain']);

    const [, complete] = functionDescribed(
      template,
      `POST /agreements/{id}/documents/{documentId}/complete: ${API_ROUTES.find((r) => r.name === 'complete-upload')?.summary ?? ''}`,
    );
    expect(actionsOf(statementsOf(template, roleOfFunction(complete)))).toContain(
      's3:PutObjectRetention',
    );
    // Governance mode holds unless someone may bypass it: no role of the stack may.
    const everyAction = resources(template, 'AWS::IAM::Role').flatMap(([id]) =>
      actionsOf(statementsOf(template, id)),
    );
    expect(
      everyAction.filter((a) => /BypassGovernance|ObjectLockConfiguration|^s3:\*$/.test(a)),
    ).toEqual([]);
  });
});

describe('the console and the documents bucket', () => {
  it('let the console upload from its own domain: the bucket’s CORS and the CSP’s connect-src', () => {
    const { template } = synth('prod');
    const [id, bucket] = documentsBucket('prod');
    const rules = (bucket.Properties.CorsConfiguration as { CorsRules: Record<string, unknown>[] })
      .CorsRules;
    const origins = rules.flatMap((r) => r.AllowedOrigins as string[]);
    for (const url of environmentConfig('prod').console.additionalUrls) {
      expect(origins).toContain(url);
    }
    for (const rule of rules) {
      expect(rule.AllowedMethods).toEqual(['PUT', 'GET']);
      expect(rule.AllowedHeaders).toEqual(['content-type', 'x-amz-checksum-sha256']);
    }
    const [, policy] = resources(template, 'AWS::CloudFront::ResponseHeadersPolicy')[0] ?? [];
    const csp = arnText(
      (
        policy?.Properties.ResponseHeadersPolicyConfig as {
          SecurityHeadersConfig: { ContentSecurityPolicy: { ContentSecurityPolicy: unknown } };
        }
      ).SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy,
    );
    expect(csp).toMatch(new RegExp(`connect-src [^;]*https://<${id}\\.RegionalDomainName>`));
  });
});

describe('the AWS Solutions acknowledgements of the documents bucket', () => {
  it('are one: the access log bucket logs no access of its own', () => {
    const found = acknowledgements(synth('dev').stack).filter((a) =>
      a.path.startsWith('Sepakat-dev/Documents/'),
    );
    expect(found.map((a) => `${a.path} ${a.id}`)).toEqual([
      'Sepakat-dev/Documents/AccessLogs AwsSolutions-S1',
    ]);
  });
});

describe('the document functions', () => {
  it('may touch the documents’ prefix only, and no other function may touch the bucket', () => {
    const { template } = synth('dev');
    const [bucketId] = documentsBucket('dev');
    for (const route of API_ROUTES) {
      const [, fn] = functionDescribed(template, `${route.method} ${route.path}: ${route.summary}`);
      const statements = statementsOf(template, roleOfFunction(fn));
      const s3 = statements.filter((s) => list(s.Action).some((a) => a.startsWith('s3:')));
      const usesFiles = route.capabilities.some((c) => c.endsWith('Documents'));
      expect([route.name, s3.length > 0]).toEqual([route.name, usesFiles]);
      for (const statement of s3) {
        expect(list(statement.Resource).map(arnText)).toEqual([`<${bucketId}.Arn>/agreements/*`]);
      }
      expect(actionsOf(statements).filter((a) => a === 's3:*' || a === 'kms:*')).toEqual([]);
    }
  });
});
