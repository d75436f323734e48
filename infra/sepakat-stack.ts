import { CfnOutput, Stack, Tags, type StackProps } from 'aws-cdk-lib';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { Construct } from 'constructs';
import { senderIdentity, type EnvironmentConfig } from './config.ts';
import { AgreementTable } from './constructs/agreement-table.ts';
import { ConsoleSite, CONSOLE_PATHS } from './constructs/console-site.ts';
import { CoordinatorApi } from './constructs/coordinator-api.ts';
import { CoordinatorIdentity } from './constructs/coordinator-identity.ts';
import { DocumentBucket } from './constructs/document-bucket.ts';
import { EmailDelivery, SES_FEEDBACK_FUNCTION } from './constructs/email-delivery.ts';
import { MONTHLY_DIGEST_FUNCTION, MonthlyDigest } from './constructs/monthly-digest.ts';
import { LifecycleWorkflow } from './constructs/lifecycle-workflow.ts';
import { LogQueries } from './constructs/log-queries.ts';
import { OperationsAlarms } from './constructs/operations-alarms.ts';
import { OperationsDashboard } from './constructs/operations-dashboard.ts';

export interface SepakatStackProps extends StackProps {
  readonly config: EnvironmentConfig;
  /** The console's build (web/dist): its index.html and assets. */
  readonly consoleAssets: string;
}

export class SepakatStack extends Stack {
  readonly agreements: AgreementTable;
  readonly documents: DocumentBucket;
  readonly email: EmailDelivery;
  readonly workflow: LifecycleWorkflow;
  readonly console: ConsoleSite;
  readonly coordinators: CoordinatorIdentity;
  readonly api: CoordinatorApi;
  readonly alarms: OperationsAlarms;
  readonly dashboard: OperationsDashboard;
  readonly logQueries: LogQueries;

  constructor(scope: Construct, id: string, props: SepakatStackProps) {
    super(scope, id, props);
    const { config } = props;
    const namePrefix = `sepakat-${config.envName}`;
    const metricsNamespace = `Sepakat/${config.envName}`;
    Tags.of(this).add('app', 'sepakat');
    Tags.of(this).add('env', config.envName);

    this.agreements = new AgreementTable(this, 'Agreements', { production: config.production });
    new CfnOutput(this, 'AgreementTableName', { value: this.agreements.table.tableName });

    this.documents = new DocumentBucket(this, 'Documents', {
      production: config.production,
      colderAfterDays: config.documents.colderAfterDays,
      ...(config.documents.retentionDays ? { retentionDays: config.documents.retentionDays } : {}),
      accessLogDays: config.production ? 365 : 30,
      // The console uploads from its own domain. Not from the bare CloudFront domain: its CSP
      // names this bucket, so the bucket cannot name the distribution back (a cycle).
      corsOrigins: [...new Set([...config.corsOrigins, ...config.console.additionalUrls])],
    });
    new CfnOutput(this, 'DocumentBucketName', { value: this.documents.bucket.bucketName });

    this.email = new EmailDelivery(this, 'Email', {
      namePrefix,
      table: this.agreements.table,
      senderEmail: config.senderEmail,
      identity: senderIdentity(config),
      logRetention: config.logRetention,
      production: config.production,
    });
    new CfnOutput(this, 'EmailIdentityName', { value: this.email.identity.emailIdentityName });
    new CfnOutput(this, 'EmailConfigurationSetName', { value: this.email.configurationSetName });

    this.workflow = new LifecycleWorkflow(this, 'Lifecycle', {
      table: this.agreements.table,
      stateMachineName: `sepakat-${config.envName}-agreement-lifecycle`,
      senderEmail: config.senderEmail,
      emailIdentityArn: this.email.identityArn,
      configurationSetName: this.email.configurationSetName,
      configurationSetArn: this.email.configurationSetArn,
      operationsEmail: config.operationsEmail,
      actionLinks: config.actionLinks,
      metricsNamespace,
      logRetention: config.logRetention,
      retainLogs: config.production,
    });
    new CfnOutput(this, 'LifecycleStateMachineArn', {
      value: this.workflow.stateMachine.stateMachineArn,
    });

    this.console = new ConsoleSite(this, 'Console', {
      assetDirectory: props.consoleAssets,
      production: config.production,
      logRetention: config.logRetention,
    });
    const consoleUrls = [this.console.url, ...config.console.additionalUrls];
    this.coordinators = new CoordinatorIdentity(this, 'Coordinators', {
      namePrefix,
      production: config.production,
      console: {
        domainPrefix: config.console.authDomainPrefix,
        callbackUrls: consoleUrls.map((url) => `${url}${CONSOLE_PATHS.callback}`),
        logoutUrls: consoleUrls.map((url) => `${url}${CONSOLE_PATHS.logout}`),
      },
    });
    new CfnOutput(this, 'CoordinatorUserPoolId', {
      value: this.coordinators.userPool.userPoolId,
    });
    new CfnOutput(this, 'CoordinatorUserPoolClientId', {
      value: this.coordinators.userPoolClient.userPoolClientId,
    });

    this.api = new CoordinatorApi(this, 'Api', {
      stageName: config.envName,
      namePrefix,
      userPool: this.coordinators.userPool,
      table: this.agreements.table,
      stateMachineArn: this.workflow.stateMachine.stateMachineArn,
      hostRegionCode: config.hostRegionCode,
      // The console first: API Gateway's own answers (gateway responses) name the first.
      corsOrigins: [this.console.url, ...config.corsOrigins],
      reminderPolicy: config.reminderPolicy,
      documentBucket: this.documents.bucket,
      documentMaxBytes: config.documents.maxBytes,
      documentRetentionDays: config.documents.retentionDays,
      logRetention: config.logRetention,
      production: config.production,
      actionLinks: config.actionLinks,
      email: {
        senderEmail: config.senderEmail,
        emailIdentityArn: this.email.identityArn,
        configurationSetName: this.email.configurationSetName,
        configurationSetArn: this.email.configurationSetArn,
      },
    });
    new CfnOutput(this, 'CoordinatorApiUrl', { value: this.api.url });

    const domain = this.coordinators.domainUrl;
    this.console.publish({
      config: {
        apiUrl: this.api.url,
        auth: {
          kind: 'cognito',
          domain,
          userPoolId: this.coordinators.userPool.userPoolId,
          clientId: this.coordinators.consoleClient.userPoolClientId,
          region: this.region,
          redirectUri: `${this.console.url}${CONSOLE_PATHS.callback}`,
          logoutUri: `${this.console.url}${CONSOLE_PATHS.logout}`,
        },
      },
      // The API; the managed login's token endpoint; the user pool's OIDC discovery and keys.
      connectSources: [
        `https://${this.api.api.restApiId}.execute-api.${this.region}.${this.urlSuffix}`,
        domain,
        `https://cognito-idp.${this.region}.${this.urlSuffix}`,
        // Where the documents' presigned URLs upload to and download from.
        `https://${this.documents.bucket.bucketRegionalDomainName}`,
      ],
      formActions: [domain],
    });
    new CfnOutput(this, 'ConsoleUrl', { value: this.console.url });
    new CfnOutput(this, 'ConsoleSignInDomain', { value: domain });

    const digest = new MonthlyDigest(this, 'MonthlyDigest', {
      namePrefix,
      table: this.agreements.table,
      senderEmail: config.senderEmail,
      emailIdentityArn: this.email.identityArn,
      configurationSetName: this.email.configurationSetName,
      configurationSetArn: this.email.configurationSetArn,
      leaders: config.digestLeaders ?? [],
      logRetention: config.logRetention,
      production: config.production,
    });
    const taskFunctions = new Map<string, NodejsFunction>([
      ...this.workflow.functions,
      [SES_FEEDBACK_FUNCTION.name, this.email.feedbackFunction],
      [MONTHLY_DIGEST_FUNCTION.name, digest.function],
    ]);
    const apiName = this.api.api.restApiName;
    this.alarms = new OperationsAlarms(this, 'Alarms', {
      namePrefix,
      alarmEmail: config.alarmEmail,
      metricsNamespace,
      stateMachine: this.workflow.stateMachine,
      taskFunctions: [...taskFunctions.values()],
      apiFunctions: [...this.api.functions.values()],
      apiName,
      table: this.agreements.table,
      bounceRateThreshold: config.bounceRateAlarmThreshold,
      production: config.production,
    });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarms.topic.topicArn });
    this.dashboard = new OperationsDashboard(this, 'Dashboard', {
      dashboardName: namePrefix,
      metricsNamespace,
      stateMachine: this.workflow.stateMachine,
      taskFunctions,
      apiFunctions: this.api.functions,
      apiName,
      table: this.agreements.table,
      alarms: this.alarms.alarms,
    });
    const functions = [...taskFunctions.values(), ...this.api.functions.values()];
    this.logQueries = new LogQueries(this, 'LogQueries', {
      namePrefix,
      logGroups: [
        ...functions.map((fn) => fn.logGroup),
        this.workflow.logGroup,
        this.api.accessLogs,
      ],
      nudgeLogGroup: this.workflow.functions.get('send-nudge')?.logGroup ?? missing('send-nudge'),
    });
  }
}

function missing(name: string): never {
  throw new Error(`No function ${name}`);
}
