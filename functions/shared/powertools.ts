// The Powertools instances every function shares, as in the Powertools example app: one logger
// (middy's injectLambdaContext adds the Lambda context to its lines) and one metrics instance
// for the workflow's business counts, both under the service name the dashboard reads.
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { NudgeKind } from '../../domain/nudge-plan.ts';
import type { Route } from '../../domain/routes.ts';
import { METRIC, METRICS_SERVICE } from './metrics.ts';

export const logger = new Logger({ serviceName: METRICS_SERVICE });

export const metrics = new Metrics({ serviceName: METRICS_SERVICE });

function count(name: string, dimensions: Record<string, string> = {}): void {
  // A single metric is printed at once, carrying only its own dimensions. It is a new instance
  // per count, so it reads POWERTOOLS_METRICS_DISABLED and the namespace as they are now: local
  // mode and the tests turn metrics off after the functions are loaded.
  const metric = metrics.singleMetric();
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
