// The Powertools instances of the functions: a Logger per invocation (see inOwnLog) and one
// metrics instance for the workflow's business counts, under the service name the dashboard reads.
import { AsyncLocalStorage } from 'node:async_hooks';
import { Logger } from '@aws-lambda-powertools/logger';
import type {
  LogAttributes,
  LogItemExtraInput,
  LogItemMessage,
} from '@aws-lambda-powertools/logger/types';
import type { Context } from 'aws-lambda';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { NudgeKind } from '../../domain/nudge-plan.ts';
import type { Route } from '../../domain/routes.ts';
import { METRIC, METRICS_SERVICE } from './metrics.ts';

/** Lines written outside any invocation (at import), and the parent of every invocation's Logger. */
const rootLogger = new Logger({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? METRICS_SERVICE,
});
const invocations = new AsyncLocalStorage<Logger>();
/** Only the process's first invocation is a cold start. */
let firstInvocation = true;

function current(): Logger {
  return invocations.getStore() ?? rootLogger;
}

/**
 * Runs one invocation with a Logger of its own, so its keys (agreement, caller) never reach
 * another's lines: not the next warm invocation's, nor a concurrent one's in local mode, where
 * every function runs in one process. Its service is the function's: POWERTOOLS_SERVICE_NAME
 * (`sepakat-<name>`, set per function by infra/), or in local mode, where the process has one
 * environment, the context's function name, which local mode sets to the same.
 */
export function inOwnLog<E, R>(
  handler: (event: E, context: Context) => Promise<R>,
): (event: E, context: Context) => Promise<R> {
  return (event, context) => {
    const serviceName = process.env.POWERTOOLS_SERVICE_NAME ?? context.functionName;
    const logger = rootLogger.createChild({ serviceName });
    logger.addContext(context);
    // A new Logger takes its first context for a cold start; given again, it is a warm one.
    if (!firstInvocation) logger.addContext(context);
    firstInvocation = false;
    return invocations.run(logger, () => handler(event, context));
  };
}

/** The log of the invocation running now (outside one, the process's). */
export const logger = {
  debug: (message: LogItemMessage, ...extra: LogItemExtraInput) => {
    current().debug(message, ...extra);
  },
  info: (message: LogItemMessage, ...extra: LogItemExtraInput) => {
    current().info(message, ...extra);
  },
  warn: (message: LogItemMessage, ...extra: LogItemExtraInput) => {
    current().warn(message, ...extra);
  },
  error: (message: LogItemMessage, ...extra: LogItemExtraInput) => {
    current().error(message, ...extra);
  },
  /** Keys on every further line of this invocation only. */
  appendKeys: (keys: LogAttributes) => {
    current().appendKeys(keys);
  },
};

// Made at the first count, so that a function that counts nothing (every API route) neither
// bundles nor builds it.
let metrics: Metrics | undefined;

function count(name: string, dimensions: Record<string, string> = {}): void {
  // A single metric is printed at once, carrying only its own dimensions. It is a new instance
  // per count, so it reads POWERTOOLS_METRICS_DISABLED and the namespace as they are now: local
  // mode and the tests turn metrics off after the functions are loaded.
  metrics ??= new Metrics({ serviceName: METRICS_SERVICE });
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
