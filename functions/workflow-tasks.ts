// The workflow's task functions, listed once: the CDK stack builds a Lambda function for each
// and local mode runs the same handlers in-process. `substitution` is the placeholder of the
// function's ARN in statemachines/agreement-lifecycle.asl.json.
import type { Context } from 'aws-lambda';
import type { FunctionEnvironment, TaskOptions } from './shared/environment.ts';

export type Capability =
  | 'readTable'
  | 'writeTable'
  | 'sendEmail'
  | 'completeTasks'
  | 'startExecutions'
  /** Presign uploads of documents' files (the URL carries the function's permission). */
  | 'uploadDocuments'
  /** Delete a refused file, lock an attached one (with readDocuments, to read it first). */
  | 'checkDocuments'
  /** Presign downloads of documents' files. */
  | 'readDocuments';

export interface TaskFunction {
  name: string;
  entry: string;
  description: string;
  substitution: string;
  /** What it may do; the stack grants exactly this, and nothing else. */
  capabilities: Capability[];
  /** The environment variables it reads. */
  environment: string[];
  load: () => Promise<{
    createHandler: (
      env: FunctionEnvironment,
      options?: TaskOptions,
    ) => (event: never, context: Context) => Promise<unknown>;
  }>;
}

/** Where Powertools Metrics writes the workflow's counts (functions/shared/metrics.ts). */
const METRICS = 'POWERTOOLS_METRICS_NAMESPACE';

export const TASK_FUNCTIONS: TaskFunction[] = [
  {
    name: 'enter-stage',
    entry: 'functions/enter-stage.ts',
    description: 'Takes an agreement over for an execution and says what it waits for',
    substitution: 'EnterStageFunctionArn',
    capabilities: ['readTable', 'writeTable'],
    environment: ['TABLE_NAME', METRICS],
    load: () => import('./enter-stage.ts'),
  },
  {
    name: 'plan-wait',
    entry: 'functions/plan-wait.ts',
    description: 'Decides whether a wait is over, a nudge is due, or how long to sleep',
    substitution: 'PlanWaitFunctionArn',
    capabilities: ['readTable'],
    environment: ['TABLE_NAME'],
    load: () => import('./plan-wait.ts'),
  },
  {
    name: 'await-milestone',
    entry: 'functions/await-milestone.ts',
    description: 'Stores the task token of a wait against the agreement',
    substitution: 'AwaitMilestoneFunctionArn',
    capabilities: ['readTable', 'writeTable', 'completeTasks'],
    environment: ['TABLE_NAME'],
    load: () => import('./await-milestone.ts'),
  },
  {
    name: 'send-nudge',
    entry: 'functions/send-nudge.ts',
    description: 'Sends one reminder, escalation, training reminder or follow-up check-in',
    substitution: 'SendNudgeFunctionArn',
    capabilities: ['readTable', 'writeTable', 'sendEmail'],
    environment: [
      'TABLE_NAME',
      'SENDER_EMAIL',
      'SES_CONFIGURATION_SET',
      METRICS,
      'CONSOLE_URL',
      'ACTION_LINK_TTL_DAYS',
    ],
    load: () => import('./send-nudge.ts'),
  },
  {
    name: 'close-follow-up',
    entry: 'functions/close-follow-up.ts',
    description: 'Completes an agreement whose follow-up window closed',
    substitution: 'CloseFollowUpFunctionArn',
    capabilities: ['readTable', 'writeTable'],
    environment: ['TABLE_NAME'],
    load: () => import('./close-follow-up.ts'),
  },
  {
    name: 'mark-needs-attention',
    entry: 'functions/mark-needs-attention.ts',
    description: 'Records a workflow failure on the agreement and tells operations',
    substitution: 'MarkNeedsAttentionFunctionArn',
    capabilities: ['readTable', 'writeTable', 'sendEmail'],
    environment: [
      'TABLE_NAME',
      'SENDER_EMAIL',
      'OPERATIONS_EMAIL',
      'SES_CONFIGURATION_SET',
      METRICS,
    ],
    load: () => import('./mark-needs-attention.ts'),
  },
  {
    name: 'renew-execution',
    entry: 'functions/renew-execution.ts',
    description: 'Continues an agreement in a new execution before the one-year limit',
    substitution: 'RenewExecutionFunctionArn',
    capabilities: ['readTable', 'startExecutions'],
    environment: ['TABLE_NAME'],
    load: () => import('./renew-execution.ts'),
  },
];
