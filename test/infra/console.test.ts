// The coordinators' console as deployed: a private bucket behind CloudFront (origin access
// control, HTTPS only, strict security headers), the build with its /config.json, and
// Cognito's managed login with the console's client.
import { describe, expect, it } from '@jest/globals';
import { App, Stack, Stage } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { environmentConfig } from '../../infra/config.ts';
import { ConsoleSite } from '../../infra/constructs/console-site.ts';
import { list, only, resources, synth, type Resource } from './template.ts';

const text = (value: unknown) => JSON.stringify(value);

describe.each(['dev', 'prod'])('the %s console', (env) => {
  const config = environmentConfig(env);

  it('keeps its files in a private, encrypted bucket that only CloudFront reads', () => {
    const { template } = synth(env);
    // The console's (the documents' buckets are test/infra/documents.test.ts's).
    const ofConsole = ([id]: [string, Resource]) => id.startsWith('Console');
    const buckets = resources(template, 'AWS::S3::Bucket').filter(ofConsole);
    expect(buckets).toHaveLength(1);
    const [bucketId, bucket] = buckets[0] as [string, Resource];
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(text(bucket.Properties.BucketEncryption)).toContain('AES256');
    const policies = resources(template, 'AWS::S3::BucketPolicy').filter(ofConsole);
    expect(policies).toHaveLength(1);
    const [, policy] = policies[0] as [string, Resource];
    const statements = (policy.Properties.PolicyDocument as { Statement: Resource['Properties'][] })
      .Statement;
    // TLS only, and reads by this distribution only (origin access control's source ARN).
    expect(text(statements)).toContain('"aws:SecureTransport":"false"');
    const read = statements.find((s) => text(s.Principal).includes('cloudfront.amazonaws.com'));
    expect(text(read?.Condition)).toContain('AWS:SourceArn');
    expect(text(read?.Resource)).toContain(bucketId);
  });

  it('is served by CloudFront over HTTPS only, through origin access control', () => {
    const { template } = synth(env);
    const [oacId, oac] = only(template, 'AWS::CloudFront::OriginAccessControl');
    expect(oac.Properties.OriginAccessControlConfig).toMatchObject({
      OriginAccessControlOriginType: 's3',
      SigningBehavior: 'always',
      SigningProtocol: 'sigv4',
    });
    const [, distribution] = only(template, 'AWS::CloudFront::Distribution');
    const dist = distribution.Properties.DistributionConfig as {
      Origins: { OriginAccessControlId: unknown; S3OriginConfig: unknown }[];
      DefaultCacheBehavior: { ViewerProtocolPolicy: string; ResponseHeadersPolicyId: unknown };
      CacheBehaviors: { PathPattern: string; ViewerProtocolPolicy: string }[];
      DefaultRootObject: string;
      CustomErrorResponses: Record<string, unknown>[];
    };
    expect(text(dist.Origins[0]?.OriginAccessControlId)).toContain(oacId);
    expect(dist.Origins[0]?.S3OriginConfig).toEqual({ OriginAccessIdentity: '' });
    expect(dist.DefaultRootObject).toBe('index.html');
    // Every page of the app, the public /tindak-lanjut/<token> of an action link included, is a
    // path S3 does not hold: CloudFront answers it with the app.
    expect(dist.CustomErrorResponses).toEqual(
      [403, 404].map((status) => ({
        ErrorCode: status,
        ResponseCode: 200,
        ResponsePagePath: '/index.html',
        ErrorCachingMinTTL: 0,
      })),
    );
    const behaviors = [dist.DefaultCacheBehavior, ...dist.CacheBehaviors];
    expect(new Set(behaviors.map((b) => b.ViewerProtocolPolicy))).toEqual(
      new Set(['redirect-to-https']),
    );
    expect(dist.CacheBehaviors.map((b) => b.PathPattern).sort()).toEqual([
      '/config.json',
      '/index.html',
    ]);
    const [policyId] = only(template, 'AWS::CloudFront::ResponseHeadersPolicy');
    expect(text(dist.DefaultCacheBehavior.ResponseHeadersPolicyId)).toContain(policyId);
  });

  it('sends strict security headers: the CSP allows only itself, the API and Cognito', () => {
    const { template } = synth(env);
    const [, policy] = only(template, 'AWS::CloudFront::ResponseHeadersPolicy');
    const security = (
      policy.Properties.ResponseHeadersPolicyConfig as {
        SecurityHeadersConfig: Record<string, Record<string, unknown>>;
      }
    ).SecurityHeadersConfig;
    expect(security.FrameOptions).toMatchObject({ FrameOption: 'DENY' });
    expect(security.ContentTypeOptions).toMatchObject({ Override: true });
    expect(security.StrictTransportSecurity).toMatchObject({ IncludeSubdomains: true });
    const csp = text(security.ContentSecurityPolicy?.ContentSecurityPolicy);
    for (const directive of [
      "default-src 'none'",
      "script-src 'self'",
      "frame-ancestors 'none'",
      "object-src 'none'",
      "base-uri 'none'",
    ]) {
      expect(csp).toContain(directive);
    }
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(csp).toMatch(/connect-src 'self' https:\/\/".*execute-api\./);
    expect(csp).toContain(`.auth.${config.awsRegion}.amazoncognito.com`);
    expect(csp).toContain('https://cognito-idp.');
  });

  it('deploys the build with a /config.json naming the API and the sign-in', () => {
    const { stack, template } = synth(env);
    const [, deployment] = only(template, 'Custom::CDKBucketDeployment');
    expect(list(deployment.Properties.SourceObjectKeys)).toHaveLength(2);
    // The file as staged: its shape, with markers where deployment fills in the stack's values.
    const outdir = Stage.of(stack)?.outdir ?? '';
    const staged = readdirSync(outdir)
      .map((entry) => join(outdir, entry, 'config.json'))
      .filter((file) => existsSync(file));
    expect(staged).toHaveLength(1);
    const file = JSON.parse(readFileSync(staged[0] ?? '', 'utf8')) as {
      apiUrl: string;
      auth: Record<string, string>;
    };
    expect(Object.keys(file)).toEqual(['apiUrl', 'auth']);
    expect(Object.keys(file.auth)).toEqual([
      'kind',
      'domain',
      'userPoolId',
      'clientId',
      'region',
      'redirectUri',
      'logoutUri',
    ]);
    expect(file.auth.kind).toBe('cognito');
    expect(file.auth.region).toBe(config.awsRegion);
    expect(file.auth.redirectUri).toMatch(/^https:\/\/<<marker:.*>>\/auth\/callback$/);
    // The markers stand for the API, the user pool, the console's client and the domain.
    const markers = text(deployment.Properties.SourceMarkers);
    for (const expected of [
      'ApiDeploymentStage',
      'CoordinatorsUserPool',
      'CoordinatorsUserPoolConsoleClient',
      'CoordinatorsUserPoolDomain',
      'ConsoleDistribution',
    ]) {
      expect([expected, markers.includes(expected)]).toEqual([expected, true]);
    }
    expect(text(deployment.Properties.DistributionPaths)).toBe('["/*"]');
  });

  it('signs in with Cognito’s managed login: a domain and a PKCE client back to the console', () => {
    const { template } = synth(env);
    const [, domain] = only(template, 'AWS::Cognito::UserPoolDomain');
    expect(domain.Properties.Domain).toBe(config.console.authDomainPrefix);
    expect(domain.Properties.ManagedLoginVersion).toBe(2);
    only(template, 'AWS::Cognito::ManagedLoginBranding');
    const consoleClients = resources(template, 'AWS::Cognito::UserPoolClient').filter(
      ([, c]) => c.Properties.ClientName === `sepakat-${env}-console`,
    );
    expect(consoleClients).toHaveLength(1);
    const [, client] = consoleClients[0] as [string, Resource];
    expect(client.Properties).toMatchObject({
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      GenerateSecret: false,
      SupportedIdentityProviders: ['COGNITO'],
    });
    const callbacks = text(client.Properties.CallbackURLs);
    expect(callbacks).toContain('ConsoleDistribution');
    expect(callbacks).toContain('/auth/callback');
    for (const url of config.console.additionalUrls) {
      expect(callbacks).toContain(`${url}/auth/callback`);
      expect(text(client.Properties.LogoutURLs)).toContain(`${url}/`);
    }
  });

  it('lets the console call the API: its origin is the API’s first CORS origin', () => {
    const { template } = synth(env);
    const functions = resources(template, 'AWS::Lambda::Function').filter(([, fn]) =>
      text(fn.Properties.Environment).includes('ALLOWED_ORIGINS'),
    );
    expect(functions.length).toBeGreaterThan(0);
    for (const [id, fn] of functions) {
      const origins = text(
        (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables
          .ALLOWED_ORIGINS,
      );
      expect([id, origins]).toEqual([id, expect.stringMatching(/https:\/\/.*ConsoleDistribution/)]);
    }
  });
});

it('says what to run when the console is not built', () => {
  const empty = mkdtempSync(join(tmpdir(), 'sepakat-no-console-'));
  expect(
    () =>
      new ConsoleSite(new Stack(new App()), 'Console', {
        assetDirectory: empty,
        production: false,
        logRetention: RetentionDays.ONE_MONTH,
      }),
  ).toThrow(/npm run build:web/);
});
