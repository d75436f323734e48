// The names of the workflow's business metrics (counted by workflowMetrics in powertools.ts),
// printed in CloudWatch's embedded metric format: CloudWatch turns the log lines into metrics,
// so emitting costs no API call. The dashboard and the needs-attention alarm
// (infra/constructs/operations-*.ts) read them by these names, in the namespace the stack gives
// each environment (POWERTOOLS_METRICS_NAMESPACE, `Sepakat/<env>`). No runtime import here:
// the stack reads these names without loading Powertools.

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
