// The one place that builds what the use cases (application/) depend on, from a function's
// environment and the replacements local mode and the tests inject. Each part is built on
// first use, so a function needs only the variables and clients of the parts it uses (and its
// bundle holds no other client).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESClient } from '@aws-sdk/client-ses';
import { SFNClient } from '@aws-sdk/client-sfn';
import { ulid } from 'ulid';
import { DynamoAgreementRepository } from '../../adapters/dynamodb/agreement-repository.ts';
import { createDocumentClient } from '../../adapters/dynamodb/client.ts';
import { SesMailer } from '../../adapters/ses/ses-mailer.ts';
import {
  StepFunctionsWaits,
  StepFunctionsWorkflow,
} from '../../adapters/stepfunctions/workflow-client.ts';
import type { AgreementRepository, Mailer, Workflow } from '../../domain/ports.ts';
import { reminderPolicySchema } from '../../domain/schemas.ts';
import { reminderPolicy, type ReminderPolicy } from '../../domain/workflow.ts';
import { required, type ApiOptions, type FunctionEnvironment } from './environment.ts';
import { workflowMetrics } from './metrics.ts';
import { logger } from './middleware.ts';

/** The table's stores (TABLE_NAME), through `client` or a default DynamoDB client. */
export function repositoryFrom(
  env: FunctionEnvironment,
  client: DynamoDBClient = new DynamoDBClient({}),
): AgreementRepository {
  return new DynamoAgreementRepository({
    client: createDocumentClient(client),
    tableName: required(env, 'TABLE_NAME'),
  });
}

/** The parts of one function: `createHandler(env, options)` asks for those it needs. */
export function wiring(env: FunctionEnvironment, options: ApiOptions = {}) {
  const now = options.now ?? (() => new Date());
  let repository: AgreementRepository | undefined;
  let sfn: SFNClient | undefined;
  const sfnClient = () => (sfn ??= options.sfn ?? new SFNClient({}));
  const parts = {
    now,
    newId: options.newId ?? (() => ulid()),
    log: logger,
    metrics: workflowMetrics,
    /** The agreements table: one repository serves as each of its narrow stores. */
    repository: () => (repository ??= repositoryFrom(env, options.dynamoDb)),
    /** SES, from SENDER_EMAIL with the configuration set SES_CONFIGURATION_SET, if any. */
    mailer: (): Mailer => {
      const configurationSet = env.SES_CONFIGURATION_SET;
      return new SesMailer({
        client: options.ses ?? new SESClient({}),
        sender: parts.sender(),
        ...(configurationSet ? { configurationSet } : {}),
      });
    },
    sender: () => required(env, 'SENDER_EMAIL'),
    /** The lifecycle state machine `stateMachineArn` (default STATE_MACHINE_ARN). */
    workflow: (stateMachineArn = required(env, 'STATE_MACHINE_ARN')): Workflow =>
      new StepFunctionsWorkflow({
        client: sfnClient(),
        taskTokens: parts.repository(),
        stateMachineArn,
        now,
      }),
    waits: () => new StepFunctionsWaits(sfnClient()),
    /** This deployment's region: the host of an agreement that names none. */
    hostRegionCode: () => required(env, 'HOST_REGION_CODE'),
    defaultReminderPolicy: () => reminderPolicyFrom(env),
  };
  return parts;
}

/**
 * The environment's reminder policy (REMINDER_POLICY, JSON, from infra/config.ts); unset or
 * `{}` is the domain's default. A policy that does not validate stops the function at start.
 */
function reminderPolicyFrom(env: FunctionEnvironment): ReminderPolicy {
  const parsed = reminderPolicySchema.safeParse(JSON.parse(env.REMINDER_POLICY || '{}'));
  if (!parsed.success) {
    throw new Error(`REMINDER_POLICY is not a valid reminder policy: ${parsed.error.message}`);
  }
  return reminderPolicy(parsed.data);
}
