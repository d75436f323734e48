import { API_ROUTES } from '../functions/api/routes.ts';
import { CfnOutput, Stack, Tags, type StackProps } from 'aws-cdk-lib';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { Construct } from 'constructs';
import { senderIdentity, type EnvironmentConfig } from './config.ts';
import { AgreementTable } from './constructs/agreement-table.ts';
import { CoordinatorApi } from './constructs/coordinator-api.ts';
import { CoordinatorIdentity } from './constructs/coordinator-identity.ts';
import { EmailDelivery, SES_FEEDBACK_FUNCTION } from './constructs/email-delivery.ts';
import { MONTHLY_DIGEST_FUNCTION, MonthlyDigest } from './constructs/monthly-digest.ts';
import { LifecycleWorkflow } from './constructs/lifecycle-workflow.ts';
import { LogQueries } from './constructs/log-queries.ts';
import { OperationsAlarms } from './constructs/operations-alarms.ts';
import { OperationsDashboard } from './constructs/operations-dashboard.ts';

export interface SepakatStackProps extends StackProps {
  readonly config: EnvironmentConfig;
}

export class SepakatStack extends Stack {
  readonly agreements: AgreementTable;
  readonly email: EmailDelivery;
  readonly workflow: LifecycleWorkflow;
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
      metricsNamespace,
      logRetention: config.logRetention,
      retainLogs: config.production,
    });
    new CfnOutput(this, 'LifecycleStateMachineArn', {
      value: this.workflow.stateMachine.stateMachineArn,
    });

    this.coordinators = new CoordinatorIdentity(this, 'Coordinators', {
      namePrefix,
      production: config.production,
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
      corsOrigins: config.corsOrigins,
      reminderPolicy: config.reminderPolicy,
      logRetention: config.logRetention,
      production: config.production,
    });
    new CfnOutput(this, 'CoordinatorApiUrl', { value: this.api.url });

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
      apiFunctions: [...this.api.functions].filter(([name]) => !isReport(name)).map(([, fn]) => fn),
      reportFunctions: [...this.api.functions]
        .filter(([name]) => isReport(name))
        .map(([, fn]) => fn),
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

/** The routes of the reports and the export: their errors have an alarm of their own. */
function isReport(routeName: string): boolean {
  const route = API_ROUTES.find((r) => r.name === routeName);
  return (
    route !== undefined &&
    (route.path.startsWith('/reports/') || route.path === '/agreements/export')
  );
}
