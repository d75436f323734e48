// Business metrics of the workflow, printed in CloudWatch's embedded metric format: CloudWatch
// turns the log lines into metrics, so emitting costs no API call. The dashboard and the
// needs-attention alarm (infra/constructs/operations-*.ts) read them by these names, in the
// namespace the stack gives each environment (POWERTOOLS_METRICS_NAMESPACE, `Sepakat/<env>`).
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { NudgeKind } from '../../domain/nudge-plan.ts';
import type { Route } from '../../domain/routes.ts';

/** The `service` dimension Powertools puts on every metric. */
export const METRICS_SERVICE = 'sepakat';

export const METRIC = {
  /** An agreement's workflow began waiting in a route (`stage` dimension); COMPLETED counts completions. */
  stageEntered: 'StageEntered',
  /** A nudge went out (`kind` dimension). */
  nudgeSent: 'NudgeSent',
  /** A nudge SES refused for good, or nobody reachable was left. */
  nudgeRejected: 'NudgeRejected',
  /** An execution failed and its agreement was marked as needing attention. */
  needsAttention: 'NeedsAttention',
} as const;

function count(name: string, dimensions: Record<string, string> = {}): void {
  // A single metric is printed at once: each count carries only its own dimensions.
  const metric = new Metrics({ serviceName: METRICS_SERVICE, singleMetric: true });
  for (const [key, value] of Object.entries(dimensions)) metric.addDimension(key, value);
  metric.addMetric(name, MetricUnit.Count, 1);
}

export const workflowMetrics = {
  stageEntered: (stage: Exclude<Route, 'RENEW'>) => {
    count(METRIC.stageEntered, { stage });
  },
  nudgeSent: (kind: NudgeKind) => {
    count(METRIC.nudgeSent, { kind });
  },
  nudgeRejected: (kind: NudgeKind) => {
    count(METRIC.nudgeRejected, { kind });
  },
  needsAttention: () => {
    count(METRIC.needsAttention);
  },
};
