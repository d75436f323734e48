import { CfnOutput, Stack, Tags, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { senderIdentity, type EnvironmentConfig } from './config.ts';
import { AgreementTable } from './constructs/agreement-table.ts';
import { CoordinatorApi } from './constructs/coordinator-api.ts';
import { CoordinatorIdentity } from './constructs/coordinator-identity.ts';
import { EmailDelivery } from './constructs/email-delivery.ts';
import { LifecycleWorkflow } from './constructs/lifecycle-workflow.ts';

export interface SepakatStackProps extends StackProps {
  readonly config: EnvironmentConfig;
}

export class SepakatStack extends Stack {
  readonly agreements: AgreementTable;
  readonly email: EmailDelivery;
  readonly workflow: LifecycleWorkflow;
  readonly coordinators: CoordinatorIdentity;
  readonly api: CoordinatorApi;

  constructor(scope: Construct, id: string, props: SepakatStackProps) {
    super(scope, id, props);
    const { config } = props;
    Tags.of(this).add('app', 'sepakat');
    Tags.of(this).add('env', config.envName);

    this.agreements = new AgreementTable(this, 'Agreements', { production: config.production });
    new CfnOutput(this, 'AgreementTableName', { value: this.agreements.table.tableName });

    this.email = new EmailDelivery(this, 'Email', {
      namePrefix: `sepakat-${config.envName}`,
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
      logRetention: config.logRetention,
      retainLogs: config.production,
    });
    new CfnOutput(this, 'LifecycleStateMachineArn', {
      value: this.workflow.stateMachine.stateMachineArn,
    });

    this.coordinators = new CoordinatorIdentity(this, 'Coordinators', {
      namePrefix: `sepakat-${config.envName}`,
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
      namePrefix: `sepakat-${config.envName}`,
      userPool: this.coordinators.userPool,
      table: this.agreements.table,
      stateMachineArn: this.workflow.stateMachine.stateMachineArn,
      hostRegionCode: config.hostRegionCode,
      corsOrigins: config.corsOrigins,
      logRetention: config.logRetention,
      production: config.production,
    });
    new CfnOutput(this, 'CoordinatorApiUrl', { value: this.api.url });
  }
}
