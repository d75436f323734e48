// One CloudWatch dashboard for operations: what is running, what is stuck and what failed, from
// the executions down to the functions and the table, without reading code.
import { Duration } from 'aws-cdk-lib';
import {
  AlarmStatusWidget,
  Dashboard,
  GraphWidget,
  TextWidget,
  type IAlarm,
  type IMetric,
  type IWidget,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { NUDGE_KINDS } from '../../domain/nudge-plan.ts';
import { ROUTES } from '../../domain/routes.ts';
import { METRIC } from '../../functions/shared/metrics.ts';
import { RUNBOOK, TABLE_OPERATIONS } from './operations-alarms.ts';
import { apiMetric, sesMetric, workflowMetric } from './operations-metrics.ts';

/** The routes an agreement's workflow waits in; RENEW only hands over to a new execution. */
const STAGES = ROUTES.filter((route) => route !== 'RENEW');
const FIVE_MINUTES = Duration.minutes(5);
/** Agreements move over days: their counts read best per hour. */
const HOURLY = Duration.hours(1);
const WIDTH = 24;

export interface OperationsDashboardProps {
  readonly dashboardName: string;
  /** CloudWatch namespace of the workflow's own metrics (functions/shared/metrics.ts). */
  readonly metricsNamespace: string;
  readonly stateMachine: IStateMachine;
  /** Task and SES feedback functions, by name. */
  readonly taskFunctions: ReadonlyMap<string, IFunction>;
  /** API functions, by route name. */
  readonly apiFunctions: ReadonlyMap<string, IFunction>;
  /** API Gateway's name of the REST API (its metrics' `ApiName` dimension). */
  readonly apiName: string;
  readonly table: ITable;
  readonly alarms: readonly IAlarm[];
}

export class OperationsDashboard extends Construct {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: OperationsDashboardProps) {
    super(scope, id);
    const sm = props.stateMachine;
    const workflow = (metricName: string, dimensions: Record<string, string>, label: string) =>
      workflowMetric(props.metricsNamespace, metricName, dimensions, {
        statistic: 'Sum',
        period: HOURLY,
        label,
      });
    const ses = (metricName: string) => sesMetric(metricName, { statistic: 'Sum', period: HOURLY });
    const api = (metricName: string, statistic: string, label: string) =>
      apiMetric(props.apiName, metricName, { statistic, period: FIVE_MINUTES, label });
    const graph = (title: string, left: IMetric[], width = WIDTH / 2, stacked = false) =>
      new GraphWidget({ title, left, width, height: 6, stacked });
    const perFunction = (
      functions: ReadonlyMap<string, IFunction>,
      metric: (fn: IFunction) => IMetric,
    ) => [...functions.values()].map(metric);

    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: props.dashboardName,
      defaultInterval: Duration.days(7),
    });
    const rows: IWidget[][] = [
      [
        new TextWidget({
          markdown: [
            '# Sepakat operations',
            `Each alarm's section in \`${RUNBOOK}\` says what it means and what to do.`,
            'Find an agreement: Step Functions console, this state machine, filter executions',
            'by name with the agreement id; or the Logs Insights query "everything about',
            'agreement X".',
          ].join('\n'),
          width: WIDTH,
          height: 3,
        }),
      ],
      [new AlarmStatusWidget({ title: 'Alarms', alarms: [...props.alarms], width: WIDTH })],
      [
        graph(
          'Executions',
          [
            sm.metricStarted({ statistic: 'Sum', period: HOURLY, label: 'started' }),
            sm.metricSucceeded({ statistic: 'Sum', period: HOURLY, label: 'succeeded' }),
            sm.metricFailed({ statistic: 'Sum', period: HOURLY, label: 'failed' }),
            sm.metricTimedOut({ statistic: 'Sum', period: HOURLY, label: 'timed out' }),
            sm.metricAborted({ statistic: 'Sum', period: HOURLY, label: 'aborted' }),
          ],
          WIDTH / 2,
        ),
        graph(
          'Agreements entering each stage (COMPLETED: completions)',
          STAGES.map((stage) => workflow(METRIC.stageEntered, { stage }, stage)),
          WIDTH / 2,
          true,
        ),
      ],
      [
        graph(
          'Nudges sent, by kind',
          NUDGE_KINDS.map((kind) => workflow(METRIC.nudgeSent, { kind }, kind)),
          WIDTH / 3,
          true,
        ),
        graph(
          'Nudges refused and agreements needing attention',
          [
            ...NUDGE_KINDS.map((kind) =>
              workflow(METRIC.nudgeRejected, { kind }, `refused ${kind}`),
            ),
            workflow(METRIC.needsAttention, {}, 'needs attention'),
          ],
          WIDTH / 3,
        ),
        graph(
          'SES: sent, bounces, complaints (account)',
          [ses('Send'), ses('Delivery'), ses('Bounce'), ses('Complaint'), ses('Reject')],
          WIDTH / 3,
        ),
      ],
      [
        graph('API requests and errors', [
          api('Count', 'Sum', 'requests'),
          api('4XXError', 'Sum', '4xx'),
          api('5XXError', 'Sum', '5xx'),
        ]),
        graph('API latency', [
          api('Latency', 'p50', 'p50'),
          api('Latency', 'p99', 'p99'),
          api('IntegrationLatency', 'p99', 'integration p99'),
        ]),
      ],
      ...[
        ['Task and SES feedback functions', props.taskFunctions] as const,
        ['API functions', props.apiFunctions] as const,
      ].map(([group, functions]) => [
        graph(
          `${group}: errors`,
          perFunction(functions, (fn) => fn.metricErrors({ statistic: 'Sum' })),
          WIDTH / 3,
        ),
        graph(
          `${group}: throttles`,
          perFunction(functions, (fn) => fn.metricThrottles({ statistic: 'Sum' })),
          WIDTH / 3,
        ),
        graph(
          `${group}: duration p99`,
          perFunction(functions, (fn) => fn.metricDuration({ statistic: 'p99' })),
          WIDTH / 3,
        ),
      ]),
      [
        graph('DynamoDB throttled requests', [
          props.table.metricThrottledRequestsForOperations({
            operations: TABLE_OPERATIONS,
            label: 'throttled',
          }),
        ]),
        graph('DynamoDB consumed capacity', [
          props.table.metricConsumedReadCapacityUnits({ label: 'read units' }),
          props.table.metricConsumedWriteCapacityUnits({ label: 'write units' }),
        ]),
      ],
    ];
    for (const row of rows) this.dashboard.addWidgets(...row);
  }
}
