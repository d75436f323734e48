// The one place (this folder) that builds what the use cases (application/) depend on, from a
// function's environment and the replacements local mode and the tests inject (clients, clock,
// ids). A handler asks for the parts its use case needs when it is created, so a missing
// variable stops it at start. The parts that pull in a heavy library live in their own module
// (mail.ts: the SES client; registration.ts: the zod schemas), so that a bundle holds them only
// when its handler asks for them.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoAgreementRepository } from '../../../adapters/dynamodb/agreement-repository.ts';
import { createDocumentClient } from '../../../adapters/dynamodb/client.ts';
import {
  StepFunctionsWaits,
  StepFunctionsWorkflow,
} from '../../../adapters/stepfunctions/workflow-client.ts';
import type {
  ActionLinkStore,
  AgreementStore,
  IdempotencyStore,
  Log,
  ReportStore,
  TaskTokenStore,
  WaitCompletion,
  Workflow,
} from '../../../domain/ports.ts';
import {
  DEFAULT_ACTION_LINK_TTL_DAYS,
  DEFAULT_MAX_PAUSE_DAYS,
  type ActionLinkSettings,
} from '../../../domain/action-links.ts';
import { required, type ApiOptions, type FunctionEnvironment } from '../environment.ts';
import { logger } from '../powertools.ts';

/** One function's environment and replacements, and the clients built for it so far. */
export interface Wiring {
  env: FunctionEnvironment;
  options: ApiOptions;
  now: () => Date;
  built: { repository?: DynamoAgreementRepository; sfn?: SFNClient };
}

export function wiring(env: FunctionEnvironment, options: ApiOptions = {}): Wiring {
  return { env, options, now: options.now ?? (() => new Date()), built: {} };
}

/**
 * What every use case on the table gets: the agreements table (one repository serves as each
 * of its narrow stores), the log and the clock.
 */
export function tableParts(w: Wiring): {
  agreements: AgreementStore;
  idempotency: IdempotencyStore;
  taskTokens: TaskTokenStore;
  reports: ReportStore;
  log: Log;
  now: () => Date;
} {
  const repository = repositoryOf(w);
  return {
    agreements: repository,
    idempotency: repository,
    taskTokens: repository,
    reports: repository,
    log: logger,
    now: w.now,
  };
}

/** The function's one repository on the table. */
export function repositoryOf(w: Wiring): DynamoAgreementRepository {
  return (w.built.repository ??= repositoryFrom(w.env, w.options.dynamoDb));
}

/** The action links' store and settings: CONSOLE_URL, ACTION_LINK_TTL_DAYS, MAX_PAUSE_DAYS. */
export function actionLinkParts(w: Wiring): {
  links: ActionLinkStore;
  settings: ActionLinkSettings;
} {
  return { links: repositoryOf(w), settings: actionLinkSettings(w.env) };
}

/** The links' store alone, and the longest pause (MAX_PAUSE_DAYS): what the API's routes need. */
export function actionLinkStore(w: Wiring): {
  links: ActionLinkStore;
  settings: Pick<ActionLinkSettings, 'maxPauseDays'>;
} {
  return {
    links: repositoryOf(w),
    settings: { maxPauseDays: daysOf(w.env, 'MAX_PAUSE_DAYS', DEFAULT_MAX_PAUSE_DAYS) },
  };
}

/** Days from the environment, or the default when the variable is not set. */
function daysOf(env: FunctionEnvironment, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const days = Number(value);
  if (!Number.isInteger(days) || days < 1 || days > 365) {
    throw new Error(`Environment variable ${name} must be a whole number of days from 1 to 365`);
  }
  return days;
}

export function actionLinkSettings(env: FunctionEnvironment): ActionLinkSettings {
  return {
    consoleUrl: required(env, 'CONSOLE_URL'),
    ttlDays: daysOf(env, 'ACTION_LINK_TTL_DAYS', DEFAULT_ACTION_LINK_TTL_DAYS),
    maxPauseDays: daysOf(env, 'MAX_PAUSE_DAYS', DEFAULT_MAX_PAUSE_DAYS),
  };
}

/** The table's stores (TABLE_NAME), through `client` or a default DynamoDB client. */
export function repositoryFrom(
  env: FunctionEnvironment,
  client: DynamoDBClient = new DynamoDBClient({}),
): DynamoAgreementRepository {
  return new DynamoAgreementRepository({
    client: createDocumentClient(client),
    tableName: required(env, 'TABLE_NAME'),
  });
}

/** The function's one Step Functions client, made when a request first needs it. */
const sfnOf = (w: Wiring) => () => (w.built.sfn ??= w.options.sfn ?? new SFNClient({}));

/** The lifecycle state machine `stateMachineArn`, by default STATE_MACHINE_ARN. */
export function workflowOf(
  w: Wiring,
  stateMachineArn = required(w.env, 'STATE_MACHINE_ARN'),
): Workflow {
  return new StepFunctionsWorkflow({
    client: sfnOf(w),
    taskTokens: tableParts(w).taskTokens,
    stateMachineArn,
    now: w.now,
  });
}

/** tableParts, and the workflow: what a use case that wakes the workflow gets. */
export function workflowParts(w: Wiring): ReturnType<typeof tableParts> & { workflow: Workflow } {
  return { ...tableParts(w), workflow: workflowOf(w) };
}

export function waitsOf(w: Wiring): WaitCompletion {
  return new StepFunctionsWaits(sfnOf(w));
}
