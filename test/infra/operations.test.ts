// What operations watch: the alarms and their topic, the dashboard, the saved Logs Insights
// queries, the logs' retention, and the runbook section of every alarm.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import type { Template } from 'aws-cdk-lib/assertions';
import { NUDGE_KINDS } from '../../domain/nudge-plan.ts';
import { ROUTES } from '../../domain/routes.ts';
import { TASK_FUNCTIONS } from '../../functions/workflow-tasks.ts';
import { METRIC, METRICS_SERVICE } from '../../functions/shared/metrics.ts';
import { environmentConfig } from '../../infra/config.ts';
import { AGREEMENT_PLACEHOLDER } from '../../infra/constructs/log-queries.ts';
import {
  arnText,
  functionDescribed,
  list,
  only,
  onTopic,
  referenced,
  resource,
  resources,
  synth,
  topicNamed,
  type Resource,
  type Statement,
} from './template.ts';

const RUNBOOK = readFileSync(new URL('../../docs/runbook.md', import.meta.url), 'utf8');
/** The alarms the issue asks for, by their name after `sepakat-<env>-`. */
const ALARMS = [
  'executions-failed',
  'executions-timed-out',
  'needs-attention',
  'task-function-errors',
  'api-function-errors',
  'report-function-errors',
  'api-5xx-rate',
  'ses-bounce-rate',
  'ses-complaint-rate',
  'dynamodb-throttling',
];

/** A metric as the alarm or dashboard names it: references become `<LogicalId>`. */
interface MetricRef {
  namespace: string;
  name: string;
  dimensions: Record<string, string>;
  stat?: string;
}

interface Widget {
  type: string;
  properties: { title?: string; metrics?: unknown[][]; alarms?: string[] };
}

function alarms(template: Template): Map<string, Resource> {
  return new Map(
    resources(template, 'AWS::CloudWatch::Alarm').map(([, alarm]) => [
      String(alarm.Properties.AlarmName),
      alarm,
    ]),
  );
}

function alarm(template: Template, env: string, name: string): Resource {
  const found = alarms(template).get(`sepakat-${env}-${name}`);
  if (!found) throw new Error(`No alarm sepakat-${env}-${name}`);
  return found;
}

/** The metrics an alarm reads: its single metric, or every metric of its math expression. */
function alarmMetrics(found: Resource): MetricRef[] {
  const p = found.Properties;
  const dimensionsOf = (dimensions: unknown) =>
    Object.fromEntries(
      ((dimensions ?? []) as { Name: string; Value: unknown }[]).map((d) => [
        d.Name,
        arnText(d.Value),
      ]),
    );
  if (typeof p.MetricName === 'string') {
    return [
      {
        namespace: p.Namespace as string,
        name: p.MetricName,
        dimensions: dimensionsOf(p.Dimensions),
        stat: (p.Statistic ?? p.ExtendedStatistic) as string,
      },
    ];
  }
  type Query = {
    MetricStat?: {
      Metric: { Namespace: string; MetricName: string; Dimensions?: unknown };
      Stat: string;
    };
  };
  return (p.Metrics as Query[]).flatMap((q) =>
    q.MetricStat
      ? [
          {
            namespace: q.MetricStat.Metric.Namespace,
            name: q.MetricStat.Metric.MetricName,
            dimensions: dimensionsOf(q.MetricStat.Metric.Dimensions),
            stat: q.MetricStat.Stat,
          },
        ]
      : [],
  );
}

function dashboardWidgets(template: Template): Widget[] {
  const [, dashboard] = only(template, 'AWS::CloudWatch::Dashboard');
  return (JSON.parse(arnText(dashboard.Properties.DashboardBody)) as { widgets: Widget[] }).widgets;
}

/** A dashboard graph's metrics: `[namespace, name, dim, value, ..., { stat, label }]`. */
function graphMetrics(widget: Widget): MetricRef[] {
  return (widget.properties.metrics ?? []).map((entry) => {
    const options = (typeof entry.at(-1) === 'object' ? entry.at(-1) : {}) as { stat?: string };
    const [namespace, name, ...rest] = entry.filter((e) => typeof e === 'string');
    const dimensions: Record<string, string> = {};
    for (let i = 0; i + 1 < rest.length; i += 2) dimensions[rest[i] ?? ''] = rest[i + 1] ?? '';
    return {
      namespace: namespace ?? '',
      name: name ?? '',
      dimensions,
      ...(options.stat ? { stat: options.stat } : {}),
    };
  });
}

function graph(template: Template, title: string): MetricRef[] {
  const widget = dashboardWidgets(template).find((w) => w.properties.title === title);
  if (!widget) throw new Error(`No dashboard widget "${title}"`);
  return graphMetrics(widget);
}

function logicalIds(template: Template, type: string): string[] {
  return resources(template, type)
    .map(([id]) => id)
    .sort();
}

const functionIdsOf = (metrics: MetricRef[]) =>
  metrics.map((m) => (m.dimensions.FunctionName ?? '').replace(/^<|>$/g, '')).sort();

describe.each(['dev', 'prod'])('operations in %s', (env) => {
  const config = environmentConfig(env);
  const { template } = synth(env);
  const namespace = `Sepakat/${env}`;

  describe('the alarm topic', () => {
    it('mails the configured alarm address', () => {
      const [topicId] = topicNamed(template, '-alarms');
      const [, subscription] = onTopic(template, 'AWS::SNS::Subscription', topicId, 'TopicArn');
      expect(subscription.Properties).toMatchObject({
        Protocol: 'email',
        Endpoint: config.alarmEmail,
      });
    });

    it('is encrypted with a rotated key CloudWatch may use, and refuses publishing without SSL', () => {
      const [topicId, topic] = topicNamed(template, '-alarms');
      const key = resource(template, referenced(topic.Properties.KmsMasterKeyId));
      expect(key.Properties.EnableKeyRotation).toBe(true);
      expect(key.DeletionPolicy).toBe(env === 'prod' ? 'Retain' : 'Delete');
      const statements = (key.Properties.KeyPolicy as { Statement: (Statement & object)[] })
        .Statement;
      const forCloudWatch = statements.filter(
        (s) =>
          JSON.stringify((s as { Principal?: unknown }).Principal) ===
          JSON.stringify({ Service: 'cloudwatch.amazonaws.com' }),
      );
      expect(forCloudWatch).toHaveLength(1);
      expect(list(forCloudWatch[0]?.Action).sort()).toEqual([
        'kms:Decrypt',
        'kms:GenerateDataKey*',
      ]);
      expect(
        arnText(
          forCloudWatch[0]?.Condition?.StringEquals?.['kms:EncryptionContext:aws:sns:topicArn'],
        ),
      ).toBe(
        `arn:<AWS::Partition>:sns:${config.awsRegion}:<AWS::AccountId>:${String(topic.Properties.TopicName)}`,
      );
      const [, policy] = onTopic(template, 'AWS::SNS::TopicPolicy', topicId, 'Topics');
      expect(JSON.stringify(policy.Properties.PolicyDocument)).toContain(
        '"aws:SecureTransport":"false"',
      );
    });
  });

  describe('the alarms', () => {
    it('are the ones the runbook explains, each mailed to the alarm topic when it fires and clears', () => {
      const [topicId] = topicNamed(template, '-alarms');
      const found = alarms(template);
      expect([...found.keys()].sort()).toEqual(ALARMS.map((a) => `sepakat-${env}-${a}`).sort());
      for (const [name, a] of found) {
        expect([name, list(a.Properties.AlarmActions).map(referenced)]).toEqual([name, [topicId]]);
        expect([name, list(a.Properties.OKActions).map(referenced)]).toEqual([name, [topicId]]);
        expect(a.Properties.TreatMissingData).toBe('notBreaching');
      }
    });

    it('fire on any failed or timed-out execution of the lifecycle state machine', () => {
      const [machineId] = logicalIds(template, 'AWS::StepFunctions::StateMachine');
      for (const [name, metric] of [
        ['executions-failed', 'ExecutionsFailed'],
        ['executions-timed-out', 'ExecutionsTimedOut'],
      ] as const) {
        const a = alarm(template, env, name);
        expect(alarmMetrics(a)).toEqual([
          {
            namespace: 'AWS/States',
            name: metric,
            dimensions: { StateMachineArn: `<${String(machineId)}>` },
            stat: 'Sum',
          },
        ]);
        expect(a.Properties).toMatchObject({
          Threshold: 1,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        });
      }
    });

    it('fire on any agreement marked needs-attention, in the namespace the task functions write to', () => {
      const a = alarm(template, env, 'needs-attention');
      expect(alarmMetrics(a)).toEqual([
        {
          namespace,
          name: METRIC.needsAttention,
          dimensions: { service: METRICS_SERVICE },
          stat: 'Sum',
        },
      ]);
      expect(a.Properties.Threshold).toBe(1);
      const emitters = TASK_FUNCTIONS.filter((t) =>
        t.environment.includes('POWERTOOLS_METRICS_NAMESPACE'),
      );
      expect(emitters.map((t) => t.name)).toContain('mark-needs-attention');
      for (const [, fn] of resources(template, 'AWS::Lambda::Function')) {
        const variables = (fn.Properties.Environment as { Variables: Record<string, unknown> })
          .Variables;
        if ('POWERTOOLS_METRICS_NAMESPACE' in variables) {
          expect(variables.POWERTOOLS_METRICS_NAMESPACE).toBe(namespace);
        }
      }
    });

    it('cover the errors of every function of the stack, each in exactly one alarm', () => {
      const watched = [
        'task-function-errors',
        'api-function-errors',
        'report-function-errors',
      ].flatMap((name) => {
        const metrics = alarmMetrics(alarm(template, env, name));
        expect(metrics.length).toBeLessThanOrEqual(10);
        for (const m of metrics)
          expect([m.namespace, m.name, m.stat]).toEqual(['AWS/Lambda', 'Errors', 'Sum']);
        return functionIdsOf(metrics);
      });
      expect(watched.sort()).toEqual(logicalIds(template, 'AWS::Lambda::Function'));
    });

    it('fire on a 5xx rate of the API, the SES bounce rate of the configuration, complaints and DynamoDB throttling', () => {
      const api = alarm(template, env, 'api-5xx-rate');
      expect(alarmMetrics(api)).toEqual([
        {
          namespace: 'AWS/ApiGateway',
          name: '5XXError',
          dimensions: { ApiName: `sepakat-${env}-coordinators` },
          stat: 'Average',
        },
      ]);
      const [, restApi] = only(template, 'AWS::ApiGateway::RestApi');
      expect(restApi.Properties.Name).toBe(`sepakat-${env}-coordinators`);

      const bounces = alarm(template, env, 'ses-bounce-rate');
      expect(alarmMetrics(bounces)).toEqual([
        { namespace: 'AWS/SES', name: 'Reputation.BounceRate', dimensions: {}, stat: 'Maximum' },
      ]);
      expect(bounces.Properties).toMatchObject({
        Threshold: config.bounceRateAlarmThreshold,
        ComparisonOperator: 'GreaterThanThreshold',
      });
      expect(alarmMetrics(alarm(template, env, 'ses-complaint-rate'))[0]?.name).toBe(
        'Reputation.ComplaintRate',
      );

      const [tableId] = logicalIds(template, 'AWS::DynamoDB::Table');
      const throttles = alarmMetrics(alarm(template, env, 'dynamodb-throttling'));
      expect(throttles.map((m) => m.dimensions.Operation).sort()).toEqual(
        ['DeleteItem', 'GetItem', 'PutItem', 'Query', 'TransactWriteItems', 'UpdateItem'].sort(),
      );
      for (const m of throttles) {
        expect([m.name, m.dimensions.TableName]).toEqual([
          'ThrottledRequests',
          `<${String(tableId)}>`,
        ]);
      }
    });

    it('each have a section in docs/runbook.md that their description points to', () => {
      const headings = [...RUNBOOK.matchAll(/^### (.+)$/gm)].map((m) => m[1]);
      for (const [name, a] of alarms(template)) {
        const section = name.replace(`sepakat-${env}-`, '');
        expect([name, headings]).toEqual([name, expect.arrayContaining([section])]);
        expect(a.Properties.AlarmDescription).toContain(`docs/runbook.md#${section}`);
      }
    });
  });

  describe('the dashboard', () => {
    it('shows the alarms', () => {
      const widget = dashboardWidgets(template).find((w) => w.type === 'alarm');
      expect(widget?.properties.alarms).toHaveLength(ALARMS.length);
    });

    it('shows executions started, succeeded, failed, timed out and aborted', () => {
      expect(graph(template, 'Executions').map((m) => [m.namespace, m.name])).toEqual(
        ['Started', 'Succeeded', 'Failed', 'TimedOut', 'Aborted'].map((s) => [
          'AWS/States',
          `Executions${s}`,
        ]),
      );
    });

    it('shows agreements entering each stage and nudges by kind, as the task functions emit them', () => {
      const stages = graph(template, 'Agreements entering each stage (COMPLETED: completions)');
      expect(stages).toEqual(
        ROUTES.filter((r) => r !== 'RENEW').map((stage) => ({
          namespace,
          name: METRIC.stageEntered,
          dimensions: { service: METRICS_SERVICE, stage },
          stat: 'Sum',
        })),
      );
      expect(graph(template, 'Nudges sent, by kind')).toEqual(
        NUDGE_KINDS.map((kind) => ({
          namespace,
          name: METRIC.nudgeSent,
          dimensions: { service: METRICS_SERVICE, kind },
          stat: 'Sum',
        })),
      );
      expect(
        graph(template, 'SES: sent, bounces, complaints (account)').map((m) => m.name),
      ).toEqual(expect.arrayContaining(['Send', 'Bounce', 'Complaint']));
    });

    it('shows API 4xx, 5xx and latency p50 and p99', () => {
      expect(graph(template, 'API requests and errors').map((m) => m.name)).toEqual(
        expect.arrayContaining(['4XXError', '5XXError']),
      );
      expect(
        graph(template, 'API latency')
          .filter((m) => m.name === 'Latency')
          .map((m) => m.stat),
      ).toEqual(['p50', 'p99']);
    });

    it('shows errors, throttles and duration of every function, and DynamoDB throttles', () => {
      for (const [metric, title] of [
        ['Errors', 'errors'],
        ['Throttles', 'throttles'],
        ['Duration', 'duration p99'],
      ] as const) {
        const shown = ['Task and SES feedback functions', 'API functions'].flatMap((group) =>
          graph(template, `${group}: ${title}`),
        );
        expect(new Set(shown.map((m) => m.name))).toEqual(new Set([metric]));
        expect(functionIdsOf(shown)).toEqual(logicalIds(template, 'AWS::Lambda::Function'));
      }
      expect(graph(template, 'DynamoDB throttled requests').length).toBeGreaterThan(0);
    });
  });

  describe('the saved Logs Insights queries', () => {
    const queries = new Map(
      resources(template, 'AWS::Logs::QueryDefinition').map(([, q]) => [
        String(q.Properties.Name),
        q.Properties,
      ]),
    );
    const groupsOf = (name: string) =>
      list(queries.get(name)?.LogGroupNames ?? [])
        .map(referenced)
        .sort();

    it('find everything about an agreement in every log group of the stack', () => {
      const name = `sepakat-${env}/everything-about-agreement`;
      expect(queries.get(name)?.QueryString).toContain(`@message like "${AGREEMENT_PLACEHOLDER}"`);
      expect(groupsOf(name)).toEqual(appLogGroups(template));
    });

    it('list failed tasks: errors logged by functions and the state machine failure events', () => {
      const name = `sepakat-${env}/failed-tasks (run over the last day)`;
      const query = String(queries.get(name)?.QueryString);
      expect(query).toContain('level = "ERROR"');
      expect(query).toContain('"TaskFailed"');
      expect(groupsOf(name)).toEqual(appLogGroups(template));
    });

    it('count reminders sent per partner from the send-nudge log', () => {
      const name = `sepakat-${env}/reminders-sent-per-partner`;
      expect(queries.get(name)?.QueryString).toContain('stats count(*) as sent by partnerRegion');
      const sendNudge = TASK_FUNCTIONS.find((t) => t.name === 'send-nudge');
      const [, fn] = functionDescribed(template, String(sendNudge?.description));
      const logGroup = (fn.Properties.LoggingConfig as { LogGroup: unknown }).LogGroup;
      expect(groupsOf(name)).toEqual([referenced(logGroup)]);
    });
  });

  it('keeps every log group for the configured retention; production keeps them on deletion', () => {
    const groups = resources(template, 'AWS::Logs::LogGroup');
    expect(groups.length).toBeGreaterThan(0);
    for (const [id, group] of groups) {
      expect([id, group.Properties.RetentionInDays]).toEqual([id, config.logRetention]);
      expect([id, group.DeletionPolicy]).toEqual([id, env === 'prod' ? 'Retain' : 'Delete']);
    }
    // Every function writes to one of them, none to an implicit /aws/lambda group.
    for (const [id, fn] of resources(template, 'AWS::Lambda::Function')) {
      const logGroup = (fn.Properties.LoggingConfig as { LogGroup?: unknown } | undefined)
        ?.LogGroup;
      expect([id, resource(template, referenced(logGroup)).Type]).toEqual([
        id,
        'AWS::Logs::LogGroup',
      ]);
    }
  });
});

/** The log groups the app writes: the functions', the state machine's and the API access log. */
function appLogGroups(template: Template): string[] {
  const ofFunctions = resources(template, 'AWS::Lambda::Function').map(([, fn]) =>
    referenced((fn.Properties.LoggingConfig as { LogGroup: unknown }).LogGroup),
  );
  const [, machine] = only(template, 'AWS::StepFunctions::StateMachine');
  const machineGroup = (
    machine.Properties.LoggingConfiguration as {
      Destinations: { CloudWatchLogsLogGroup: { LogGroupArn: unknown } }[];
    }
  ).Destinations[0]?.CloudWatchLogsLogGroup.LogGroupArn;
  const [, stage] = only(template, 'AWS::ApiGateway::Stage');
  const access = (stage.Properties.AccessLogSetting as { DestinationArn: unknown }).DestinationArn;
  return [...ofFunctions, referenced(machineGroup), referenced(access)].sort();
}
