// The metrics the alarms and the dashboard both read, built one way so that their namespaces
// and dimensions cannot drift apart.
import type { Duration } from 'aws-cdk-lib';
import { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { METRICS_SERVICE } from '../../functions/shared/metrics.ts';

export interface MetricOptions {
  statistic: string;
  period: Duration;
  label?: string;
}

/** One of the workflow's own metrics (functions/shared/metrics.ts), as the task functions emit it. */
export function workflowMetric(
  namespace: string,
  metricName: string,
  dimensions: Record<string, string>,
  options: MetricOptions,
): Metric {
  return new Metric({
    namespace,
    metricName,
    dimensionsMap: { service: METRICS_SERVICE, ...dimensions },
    ...options,
  });
}

/** An API Gateway metric of the whole REST API (API Gateway's `ApiName` dimension). */
export function apiMetric(apiName: string, metricName: string, options: MetricOptions): Metric {
  return new Metric({
    namespace: 'AWS/ApiGateway',
    metricName,
    dimensionsMap: { ApiName: apiName },
    ...options,
  });
}

/** An SES metric: SES publishes them for the account, with no dimension. */
export function sesMetric(metricName: string, options: MetricOptions): Metric {
  return new Metric({ namespace: 'AWS/SES', metricName, ...options });
}
