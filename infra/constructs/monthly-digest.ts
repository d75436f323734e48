// The monthly digest's function and its EventBridge Scheduler schedule: 08:00 WIB on each of
// the first seven days of a month (the first working day is among them; the function sends on
// that day only, and once per recipient and month whatever runs again).
import { RemovalPolicy } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CfnSchedule } from 'aws-cdk-lib/aws-scheduler';
import { Construct } from 'constructs';
import type { Capability } from '../../functions/workflow-tasks.ts';
import { definedFunction } from './sepakat-function.ts';

export const MONTHLY_DIGEST_FUNCTION = {
  name: 'monthly-digest',
  entry: 'functions/monthly-digest.ts',
  description: 'Sends the monthly digest on the first working day of the month',
  capabilities: ['readTable', 'writeTable', 'sendEmail'] as Capability[],
  environment: ['TABLE_NAME', 'SENDER_EMAIL', 'SES_CONFIGURATION_SET', 'DIGEST_LEADERS'],
} as const;

/** 08:00 in Asia/Jakarta (WIB) on days 1 to 7 of every month. */
export const DIGEST_SCHEDULE = 'cron(0 8 1-7 * ? *)';

export interface MonthlyDigestProps {
  readonly namePrefix: string;
  readonly table: ITable;
  readonly senderEmail: string;
  readonly emailIdentityArn: string;
  readonly configurationSetName: string;
  readonly configurationSetArn: string;
  /** `email:name` of the leaders who get the whole programme's digest. */
  readonly leaders: readonly string[];
  readonly logRetention: RetentionDays;
  readonly production: boolean;
}

export class MonthlyDigest extends Construct {
  readonly function: NodejsFunction;

  constructor(scope: Construct, id: string, props: MonthlyDigestProps) {
    super(scope, id);
    this.function = definedFunction(this, MONTHLY_DIGEST_FUNCTION, {
      kind: 'function',
      description: MONTHLY_DIGEST_FUNCTION.description,
      environmentValues: {
        TABLE_NAME: props.table.tableName,
        SENDER_EMAIL: props.senderEmail,
        SES_CONFIGURATION_SET: props.configurationSetName,
        DIGEST_LEADERS: props.leaders.join(';'),
      },
      resources: {
        table: props.table,
        senderEmail: props.senderEmail,
        emailIdentityArn: props.emailIdentityArn,
        configurationSetArn: props.configurationSetArn,
      },
      logRetention: props.logRetention,
      logRemovalPolicy: props.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    const role = new Role(this, 'SchedulerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com'),
      description: 'EventBridge Scheduler: runs the monthly digest function',
    });
    role.addToPolicy(
      new PolicyStatement({
        actions: ['lambda:InvokeFunction'],
        resources: [this.function.functionArn],
      }),
    );
    new CfnSchedule(this, 'Schedule', {
      name: `${props.namePrefix}-monthly-digest`,
      description: 'The monthly digest, 08:00 WIB on the first days of each month',
      scheduleExpression: DIGEST_SCHEDULE,
      scheduleExpressionTimezone: 'Asia/Jakarta',
      flexibleTimeWindow: { mode: 'OFF' },
      target: {
        arn: this.function.functionArn,
        roleArn: role.roleArn,
        retryPolicy: { maximumRetryAttempts: 3 },
      },
    });
  }
}
