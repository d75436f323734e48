// The alarms operations act on, each mailed through one encrypted SNS topic. Every alarm is
// `<prefix>-<name>`, and `<name>` is a heading of docs/runbook.md, which says what it means and
// what to do; the alarm's description links there.
import { Duration } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  MathExpression,
  TreatMissingData,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Operation, type ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { METRIC } from '../../functions/shared/metrics.ts';
import { encryptedTopic } from './encrypted-topic.ts';
import { apiMetric, sesMetric, workflowMetric } from './operations-metrics.ts';
import { constructId } from './sepakat-function.ts';

/** Where the runbook lives; each alarm's description points at its section. */
export const RUNBOOK = 'docs/runbook.md';
const PERIOD = Duration.minutes(5);
const SUM = { statistic: 'Sum', period: PERIOD };
const MAXIMUM = { statistic: 'Maximum', period: PERIOD };
/** CloudWatch takes at most 10 metrics in the math expression of an alarm. */
const MAX_METRICS_PER_ALARM = 10;
/** SES puts an account under review at a complaint rate of 0.1%: act before that. */
const COMPLAINT_RATE_THRESHOLD = 0.0005;
/** A 5xx answer is a fault of ours; a few percent of requests is worth a look. */
const API_SERVER_ERROR_RATE = 0.05;
/** Tasks retry transient failures: a few errors in five minutes are retries, not an incident. */
const TASK_ERRORS_THRESHOLD = 3;
/** The DynamoDB operations the repository sends (adapters/dynamodb). */
export const TABLE_OPERATIONS = [
  Operation.GET_ITEM,
  Operation.QUERY,
  Operation.PUT_ITEM,
  Operation.UPDATE_ITEM,
  Operation.DELETE_ITEM,
  Operation.TRANSACT_WRITE_ITEMS,
];

export interface OperationsAlarmsProps {
  /** Prefix of the alarms' and the topic's names, e.g. `sepakat-prod`. */
  readonly namePrefix: string;
  /** Subscribed to the topic by email (SNS asks the address to confirm first). */
  readonly alarmEmail: string;
  /** CloudWatch namespace of the workflow's own metrics (functions/shared/metrics.ts). */
  readonly metricsNamespace: string;
  readonly stateMachine: IStateMachine;
  /** The functions the workflow and SES call: the task functions and the feedback function. */
  readonly taskFunctions: readonly IFunction[];
  /** The functions behind the coordinators' API, but the reports'. */
  readonly apiFunctions: readonly IFunction[];
  /** The functions of the reports and the export (an alarm sums at most ten functions). */
  readonly reportFunctions: readonly IFunction[];
  /** API Gateway's name of the REST API (its metrics' `ApiName` dimension). */
  readonly apiName: string;
  readonly table: ITable;
  /** SES bounce rate (0..1) above which the bounce alarm fires. */
  readonly bounceRateThreshold: number;
  /** Keep the topic's key when the stack is deleted. */
  readonly production: boolean;
}

export class OperationsAlarms extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];
  private readonly namePrefix: string;

  constructor(scope: Construct, id: string, props: OperationsAlarmsProps) {
    super(scope, id);
    this.namePrefix = props.namePrefix;
    this.topic = encryptedTopic(this, 'Topic', {
      topicName: `${props.namePrefix}-alarms`,
      displayName: 'Sepakat alarms',
      publisher: 'cloudwatch.amazonaws.com',
      sid: 'AllowCloudWatchAlarmsToPublish',
      retainKey: props.production,
    });
    this.topic.addSubscription(new EmailSubscription(props.alarmEmail));

    const atLeast = (threshold: number) => ({
      threshold,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    });
    const above = (threshold: number) => ({
      threshold,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
    });

    this.add('executions-failed', 'A lifecycle execution failed', {
      metric: props.stateMachine.metricFailed({ period: PERIOD, statistic: 'Sum' }),
      ...atLeast(1),
    });
    this.add('executions-timed-out', 'A lifecycle execution timed out', {
      metric: props.stateMachine.metricTimedOut({ period: PERIOD, statistic: 'Sum' }),
      ...atLeast(1),
    });
    this.add('needs-attention', 'An agreement was marked as needing attention', {
      metric: workflowMetric(props.metricsNamespace, METRIC.needsAttention, {}, SUM),
      ...atLeast(1),
    });
    this.add('task-function-errors', 'Workflow or SES feedback functions keep failing', {
      metric: errorsOf(props.taskFunctions, 'task'),
      ...atLeast(TASK_ERRORS_THRESHOLD),
    });
    this.add('api-function-errors', 'An API function crashed or timed out', {
      metric: errorsOf(props.apiFunctions, 'api'),
      ...atLeast(1),
    });
    this.add('report-function-errors', 'A report or export function crashed or timed out', {
      metric: errorsOf(props.reportFunctions, 'report'),
      ...atLeast(1),
    });
    this.add('api-5xx-rate', 'The API answers with server errors', {
      metric: apiMetric(props.apiName, '5XXError', { statistic: 'Average', period: PERIOD }),
      ...above(API_SERVER_ERROR_RATE),
    });
    this.add('ses-bounce-rate', 'SES bounce rate is high', {
      metric: sesMetric('Reputation.BounceRate', MAXIMUM),
      ...above(props.bounceRateThreshold),
    });
    this.add('ses-complaint-rate', 'SES complaint rate is high', {
      metric: sesMetric('Reputation.ComplaintRate', MAXIMUM),
      ...above(COMPLAINT_RATE_THRESHOLD),
    });
    this.add('dynamodb-throttling', 'DynamoDB throttled requests to the agreements table', {
      metric: props.table.metricThrottledRequestsForOperations({
        operations: TABLE_OPERATIONS,
        period: PERIOD,
      }),
      ...atLeast(1),
    });

    function errorsOf(functions: readonly IFunction[], group: string): IMetric {
      if (functions.length > MAX_METRICS_PER_ALARM) {
        throw new Error(
          `${String(functions.length)} ${group} functions: an alarm sums at most ` +
            `${String(MAX_METRICS_PER_ALARM)}; split the group`,
        );
      }
      const usingMetrics = Object.fromEntries(
        functions.map((fn, i) => [
          `${group}${String(i)}`,
          fn.metricErrors({ period: PERIOD, statistic: 'Sum' }),
        ]),
      );
      return new MathExpression({
        expression: Object.keys(usingMetrics).join(' + '),
        usingMetrics,
        label: `Errors of the ${group} functions`,
        period: PERIOD,
      });
    }
  }

  /** An alarm named `<prefix>-<name>`, mailed to the topic when it fires and when it clears. */
  private add(
    name: string,
    summary: string,
    props: { metric: IMetric; threshold: number; comparisonOperator: ComparisonOperator },
  ): void {
    const alarmName = `${this.namePrefix}-${name}`;
    const alarm = new Alarm(this, constructId(name), {
      alarmName,
      alarmDescription: `${summary}. What to do: ${RUNBOOK}#${name}`,
      metric: props.metric,
      threshold: props.threshold,
      comparisonOperator: props.comparisonOperator,
      evaluationPeriods: 1,
      // No data means nothing happened: no executions, no requests, no sends.
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    const action = new SnsAction(this.topic);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
    this.alarms.push(alarm);
  }
}
