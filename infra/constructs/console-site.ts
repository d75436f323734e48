import {
  DefaultStackSynthesizer,
  Duration,
  Lazy,
  RemovalPolicy,
  Stack,
  Validations,
} from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
  type BehaviorOptions,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  CfnBucket,
  ObjectOwnership,
  type IBucket,
} from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { CfnPolicy, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What the console reads at start from `/config.json`, so that one build serves every
 * environment: the API and how to sign in (Cognito's managed login here, the development
 * sign-in in local mode).
 */
export interface ConsoleConfig {
  apiUrl: string;
  auth:
    | {
        kind: 'cognito';
        /** https://<prefix>.auth.<region>.amazoncognito.com */
        domain: string;
        userPoolId: string;
        clientId: string;
        region: string;
        redirectUri: string;
        logoutUri: string;
      }
    | { kind: 'local' };
}

export interface ConsoleSiteProps {
  /** The built app (`npm run build:web` writes web/dist): must hold index.html. */
  readonly assetDirectory: string;
  /** Retain the bucket (and what it holds, and the copying function's logs) when the stack goes. */
  readonly production: boolean;
  /** How long the copying function's logs are kept, as every log group of the stack. */
  readonly logRetention: RetentionDays;
}

/** Where the console sends people back after Cognito's managed login, and after signing out. */
export const CONSOLE_PATHS = { callback: '/auth/callback', logout: '/' } as const;

/**
 * The coordinators' console: the built single-page app in a private S3 bucket, served only by
 * CloudFront (origin access control, HTTPS only) with strict security headers, and its
 * `/config.json` written at deployment from the stack's own values (`publish`).
 */
export class ConsoleSite extends Construct {
  readonly bucket: IBucket;
  readonly distribution: Distribution;
  /** https://<distribution domain>, without a trailing slash: the console's origin. */
  readonly url: string;
  private readonly assetDirectory: string;
  private readonly props: ConsoleSiteProps;
  private connectSources: string[] = [];
  private formActions: string[] = [];

  constructor(scope: Construct, id: string, props: ConsoleSiteProps) {
    super(scope, id);
    if (!existsSync(join(props.assetDirectory, 'index.html'))) {
      throw new Error(
        `The console is not built: ${props.assetDirectory} holds no index.html. ` +
          'Run `npm run build:web` first (`npm run synth` and `npm run deploy` do).',
      );
    }
    this.assetDirectory = props.assetDirectory;
    this.props = props;

    const bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: props.production,
      // Kept when the stack goes, in dev too: emptying it would take another custom resource
      // (with an AWS managed policy). It holds only the public build.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Sepakat console: strict security headers',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          // The API and Cognito are known only once the stack is assembled (publish()).
          contentSecurityPolicy: Lazy.string({ produce: () => this.contentSecurityPolicy() }),
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          override: true,
        },
      },
    });

    const origin = S3BucketOrigin.withOriginAccessControl(bucket);
    // The shell and the configuration change with every deployment: never cached. The
    // hashed assets Vite writes may be cached for good.
    const uncached: BehaviorOptions = {
      origin,
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
      cachePolicy: CachePolicy.CACHING_DISABLED,
      responseHeadersPolicy: headers,
    };
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Sepakat coordinators’ console',
      defaultRootObject: 'index.html',
      defaultBehavior: { ...uncached, cachePolicy: CachePolicy.CACHING_OPTIMIZED },
      additionalBehaviors: { '/config.json': uncached, '/index.html': uncached },
      // The app routes in the browser: a path S3 does not hold (403 without ListBucket)
      // opens the app, which shows the page or its own "not found".
      errorResponses: [403, 404].map((httpStatus) => ({
        httpStatus,
        responseHttpStatus: 200,
        responsePagePath: '/index.html',
        ttl: Duration.seconds(0),
      })),
      httpVersion: HttpVersion.HTTP2_AND_3,
      // Indonesia is served from the Asia edges of this class.
      priceClass: PriceClass.PRICE_CLASS_200,
    });
    this.bucket = bucket;
    this.url = `https://${this.distribution.distributionDomainName}`;
    this.acknowledgeFindings();
  }

  /**
   * Deploys the app with its `/config.json`, and lets the pages connect to `connectSources`
   * (origins: the API, Cognito) and send forms (sign-out) to `formActions`.
   */
  publish(props: {
    config: ConsoleConfig;
    connectSources: string[];
    formActions?: string[];
  }): BucketDeployment {
    this.connectSources = props.connectSources;
    this.formActions = props.formActions ?? [];
    // The copying function's own role: inline policies only (no AWS managed policy), its
    // logs in its own log group.
    const logGroup = new LogGroup(this, 'DeploymentLogs', {
      retention: this.props.logRetention,
      removalPolicy: this.props.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    const role = new Role(this, 'DeploymentRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'Copies the console build and its config.json into the console bucket',
    });
    logGroup.grantWrite(role);
    const deployment = new BucketDeployment(this, 'Deployment', {
      role,
      logGroup,
      sources: [Source.asset(this.assetDirectory), Source.jsonData('config.json', props.config)],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      memoryLimit: 512,
    });
    // CDK's grants to the copier use wildcard actions; this app grants named actions only
    // (test/infra/workflow.test.ts): the same access, spelled out, the distribution by ARN.
    const stack = Stack.of(this);
    const policy = role.node.findChild('DefaultPolicy').node.defaultChild as CfnPolicy;
    // CDK's staging bucket of file assets, where the build and config.json wait, by name.
    const assetsBucket = DefaultStackSynthesizer.DEFAULT_FILE_ASSETS_BUCKET_NAME.replace(
      '${Qualifier}',
      stack.synthesizer.bootstrapQualifier ?? DefaultStackSynthesizer.DEFAULT_QUALIFIER,
    )
      .replace('${AWS::AccountId}', stack.account)
      .replace('${AWS::Region}', stack.region);
    policy.policyDocument = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['s3:GetObject'],
          Resource: `arn:${stack.partition}:s3:::${assetsBucket}/*`,
        },
        {
          Effect: 'Allow',
          Action: ['s3:ListBucket', 's3:GetBucketLocation'],
          Resource: this.bucket.bucketArn,
        },
        {
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'],
          Resource: this.bucket.arnForObjects('*'),
        },
        {
          Effect: 'Allow',
          Action: ['cloudfront:CreateInvalidation', 'cloudfront:GetInvalidation'],
          Resource: `arn:${stack.partition}:cloudfront::${stack.account}:distribution/${this.distribution.distributionId}`,
        },
        {
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: logGroup.logGroupArn,
        },
      ],
    };
    const bucketId = String(
      stack.resolve(stack.getLogicalId(this.bucket.node.defaultChild as CfnBucket)),
    );
    const objects: Record<string, string> = {
      [`<${bucketId}.Arn>/*`]: 'every file of the console bucket is part of the build it replaces',
      [`arn:<AWS::Partition>:s3:::${assetsBucket.replace(stack.account, '<AWS::AccountId>')}/*`]:
        'the build and config.json are staged under hashed keys in CDK’s asset bucket',
    };
    for (const [resource, why] of Object.entries(objects)) {
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${resource}]`,
        reason: `CDK’s BucketDeployment, which only runs at deployment: ${why}`,
      });
    }
    // CDK's copying function, one per stack and role: CDK chooses its (Python) runtime.
    for (const child of Stack.of(this).node.children) {
      if (!child.node.id.startsWith('Custom::CDKBucketDeployment')) continue;
      Validations.of(child).acknowledge({
        id: 'AwsSolutions-L1',
        reason:
          'CDK’s BucketDeployment function: CDK sets its runtime with the AWS CLI layer it bundles; it runs only at deployment',
      });
    }
    return deployment;
  }

  /** Only this site's own files run; it talks to the API and Cognito, and to nothing else. */
  private contentSecurityPolicy(): string {
    const self = "'self'";
    return [
      `default-src 'none'`,
      `script-src ${self}`,
      `style-src ${self}`,
      `img-src ${self} data:`,
      `font-src ${self}`,
      `manifest-src ${self}`,
      `connect-src ${[self, ...this.connectSources].join(' ')}`,
      `form-action ${[self, ...this.formActions].join(' ')}`,
      `base-uri 'none'`,
      `object-src 'none'`,
      `frame-ancestors 'none'`,
      'upgrade-insecure-requests',
    ].join('; ');
  }

  private acknowledgeFindings() {
    const acknowledge = (id: string, reason: string) => {
      Validations.of(this).acknowledge({ id, reason });
    };
    acknowledge(
      'AwsSolutions-S1',
      'The bucket holds the public build of the app, read only through CloudFront; CloudFront is where requests are seen',
    );
    acknowledge(
      'AwsSolutions-CFR1',
      'Coordinators of Indonesian regions travel and use mobile networks: no country is refused',
    );
    acknowledge(
      'AwsSolutions-CFR2',
      'Static files only; the API behind it has its own throttling, and sign-in is Cognito’s (threat protection on)',
    );
    acknowledge(
      'AwsSolutions-CFR3',
      'Static files of a public build, no data: access logs would record nothing worth keeping',
    );
    acknowledge(
      'AwsSolutions-CFR4',
      'The default cloudfront.net certificate (no custom domain yet) cannot pin TLS 1.2; a custom domain will set TLSv1.2_2021',
    );
  }
}
