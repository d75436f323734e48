// What every Lambda function of the app shares, whether the workflow or the API calls it: the
// bundling, an own role and log group, and IAM granted from the capabilities its task entry
// (functions/workflow-tasks.ts) or route (functions/api/routes.ts) lists.
import { fileURLToPath } from 'node:url';
import { Duration, Stack, Validations, type RemovalPolicy } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { CfnBucket, IBucket } from 'aws-cdk-lib/aws-s3';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import {
  LogLevel as BundlingLogLevel,
  NodejsFunction,
  OutputFormat,
  type BundlingOptions,
} from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { INDEXES } from '../../adapters/dynamodb/table-design.ts';
import type { Capability } from '../../functions/workflow-tasks.ts';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The DynamoDB actions behind each table capability: what the repository's commands need (a
 * TransactWrite needs the actions of its items; test/infra/workflow.test.ts checks the list
 * against adapters/dynamodb). No Scan and no batch writes: the repository uses neither; a list
 * reads its agreements' needs-attention items with one BatchGetItem.
 */
const TABLE_ACTIONS = {
  readTable: [
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    'dynamodb:ConditionCheckItem',
  ],
  writeTable: [
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
    'dynamodb:ConditionCheckItem',
  ],
} as const satisfies Partial<Record<Capability, readonly string[]>>;

/**
 * The S3 and KMS actions behind each document capability, on the documents' files only
 * (`agreements/*`): a presigned URL carries the permissions of the function that signed it.
 */
const DOCUMENT_ACTIONS = {
  uploadDocuments: { s3: ['s3:PutObject'], kms: ['kms:GenerateDataKey'] },
  readDocuments: { s3: ['s3:GetObject', 's3:GetObjectVersion'], kms: ['kms:Decrypt'] },
  // With readDocuments: the check reads the file first.
  checkDocuments: {
    s3: ['s3:DeleteObject', 's3:DeleteObjectVersion', 's3:PutObjectRetention'],
    kms: [],
  },
} as const satisfies Partial<Record<Capability, { s3: readonly string[]; kms: readonly string[] }>>;

/** Callback tokens of Lambda tasks are authorized against the state machine's ARN. */
const TASK_RESPONSE_ACTIONS = [
  'states:SendTaskSuccess',
  'states:SendTaskFailure',
  'states:SendTaskHeartbeat',
];

/** Bundled AWS SDK in an ES module needs `require` for its CommonJS dependencies. */
const ESM_REQUIRE_BANNER =
  "import { createRequire } from 'module';const require = createRequire(import.meta.url);";

/** How every function is bundled; the bench (bench/bundles.ts) builds with the same options. */
export const FUNCTION_BUNDLING = {
  format: OutputFormat.ESM,
  target: 'node22',
  mainFields: ['module', 'main'],
  banner: ESM_REQUIRE_BANNER,
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  bundleAwsSDK: true,
  logLevel: BundlingLogLevel.WARNING,
  // Credentials from the environment only: functions/shared/lambda-credentials.ts says why.
  esbuildArgs: {
    '--alias': '@aws-sdk/credential-provider-node=./functions/shared/lambda-credentials.ts',
  },
} as const satisfies BundlingOptions;

/** What the capabilities refer to; a capability whose resource is missing fails the synth. */
export interface CapabilityResources {
  /** The agreements table (readTable, writeTable). */
  readonly table?: ITable;
  /** The lifecycle state machine (completeTasks, startExecutions). */
  readonly stateMachineArn?: string;
  /** The address email is sent from (sendEmail): the only `ses:FromAddress` allowed. */
  readonly senderEmail?: string;
  /** The ARN of the SES identity (domain or address) that verifies the sender (sendEmail). */
  readonly emailIdentityArn?: string;
  /** The ARN of the configuration set every email is sent with (sendEmail). */
  readonly configurationSetArn?: string;
  /** The documents' bucket and its key (uploadDocuments, checkDocuments, readDocuments). */
  readonly documentBucket?: IBucket;
}

export interface SepakatFunctionProps {
  /** Task or route name, e.g. `enter-stage`. */
  readonly name: string;
  /** Handler module, relative to the repository root. */
  readonly entry: string;
  readonly description: string;
  /** Says what the role is for, e.g. `Sepakat task function enter-stage`. */
  readonly roleDescription: string;
  /** The variables the function reads, with their values. */
  readonly environment: Record<string, string>;
  /** What the function may do; it is granted exactly this. */
  readonly capabilities: readonly Capability[];
  readonly resources: CapabilityResources;
  readonly logRetention: RetentionDays;
  readonly logRemovalPolicy: RemovalPolicy;
  /** @default 256 */
  readonly memorySize?: number;
  /** @default 30 seconds */
  readonly timeout?: Duration;
}

/** One function with its own role and log group, allowed its capabilities and nothing more. */
export class SepakatFunction extends Construct {
  readonly function: NodejsFunction;

  constructor(scope: Construct, id: string, props: SepakatFunctionProps) {
    super(scope, id);
    const logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: props.logRemovalPolicy,
    });
    // An own role rather than the managed AWSLambdaBasicExecutionRole, whose log permissions
    // cover every log group of the account.
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: props.roleDescription,
    });
    logGroup.grantWrite(role);

    this.function = new NodejsFunction(this, 'Function', {
      entry: `${REPO_ROOT}${props.entry}`,
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: `${REPO_ROOT}package-lock.json`,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 256,
      timeout: props.timeout ?? Duration.seconds(30),
      description: props.description,
      tracing: Tracing.ACTIVE,
      role,
      logGroup,
      environment: {
        ...props.environment,
        POWERTOOLS_SERVICE_NAME: `sepakat-${props.name}`,
        NODE_OPTIONS: '--enable-source-maps',
      },
      bundling: FUNCTION_BUNDLING,
    });
    for (const capability of new Set(props.capabilities)) {
      for (const statement of capabilityStatements(props.name, capability, props.resources)) {
        this.function.addToRolePolicy(statement);
      }
    }
    const bucket = props.resources.documentBucket;
    if (bucket && props.capabilities.some((c) => c in DOCUMENT_ACTIONS)) {
      const bucketId = Stack.of(bucket).getLogicalId(bucket.node.defaultChild as CfnBucket);
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${DOCUMENT_OBJECTS}]`,
        reason:
          'The documents’ files, each under its own key (agreements/<id>/<documentId>): the ' +
          'function presigns or checks any of them, so it may touch the prefix, and only it.',
      });
    }
    // The X-Ray statement CDK adds for active tracing.
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Added by the CDK for active tracing: xray:PutTraceSegments and ' +
        'xray:PutTelemetryRecords do not support resource-level permissions.',
    });
    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Node.js 22 (maintenance LTS) is the runtime the project pins: package.json engines, ' +
        'the esbuild target and local mode all run it. Node.js 24 is a separate upgrade.',
    });
  }
}

/** The policy statements that grant one capability, and nothing more. */
function capabilityStatements(
  name: string,
  capability: Capability,
  resources: CapabilityResources,
): PolicyStatement[] {
  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) {
      throw new Error(`Function ${name} has capability ${capability} but no ${what} was given`);
    }
    return value;
  };
  const allow = (actions: readonly string[], arns: string[]) =>
    new PolicyStatement({ effect: Effect.ALLOW, actions: [...actions], resources: arns });
  switch (capability) {
    case 'readTable': {
      const table = need(resources.table, 'table');
      const indexArns = Object.values(INDEXES).map((i) => `${table.tableArn}/index/${i.name}`);
      return [allow(TABLE_ACTIONS.readTable, [table.tableArn, ...indexArns])];
    }
    case 'writeTable':
      return [allow(TABLE_ACTIONS.writeTable, [need(resources.table, 'table').tableArn])];
    case 'sendEmail':
      return [
        new PolicyStatement({
          actions: ['ses:SendEmail', 'ses:SendRawEmail'],
          // SES authorizes a send against the identity that verifies the sender and, when the
          // email names a configuration set, against that configuration set too.
          resources: [
            need(resources.emailIdentityArn, 'SES identity ARN'),
            need(resources.configurationSetArn, 'SES configuration set ARN'),
          ],
          conditions: {
            StringEquals: { 'ses:FromAddress': need(resources.senderEmail, 'sender address') },
          },
        }),
      ];
    case 'completeTasks':
      return [allow(TASK_RESPONSE_ACTIONS, [need(resources.stateMachineArn, 'state machine ARN')])];
    case 'startExecutions':
      return [
        allow(['states:StartExecution'], [need(resources.stateMachineArn, 'state machine ARN')]),
      ];
    case 'uploadDocuments':
    case 'checkDocuments':
    case 'readDocuments': {
      const bucket = need(resources.documentBucket, 'documents bucket');
      const key = need(bucket.encryptionKey, 'documents bucket key');
      const actions = DOCUMENT_ACTIONS[capability];
      return [
        allow(actions.s3, [bucket.arnForObjects(DOCUMENT_OBJECTS)]),
        ...(actions.kms.length > 0 ? [allow(actions.kms, [key.keyArn])] : []),
      ];
    }
  }
}

/** Every document's file is under this prefix (objectKeyOf, domain/documents.ts). */
export const DOCUMENT_OBJECTS = 'agreements/*';

/** The named variables with their values; a name without a value fails the synth. */
export function environmentFor(
  owner: string,
  names: readonly string[],
  values: Record<string, string>,
): Record<string, string> {
  return Object.fromEntries(
    names.map((name) => {
      const value = values[name];
      if (value === undefined) {
        throw new Error(`${owner} reads ${name}, which the stack does not set`);
      }
      return [name, value];
    }),
  );
}

/** What the application says of one of its functions: a route, a task, or one of the others. */
export interface FunctionDefinition {
  readonly name: string;
  /** Handler module, relative to the repository root. */
  readonly entry: string;
  /** The variables it reads. */
  readonly environment: readonly string[];
  readonly capabilities: readonly Capability[];
}

export interface DefinedFunctionProps extends Omit<
  SepakatFunctionProps,
  'name' | 'entry' | 'roleDescription' | 'environment' | 'capabilities'
> {
  /** What it is, as its role's description says: `API function`, `task function`. */
  readonly kind: string;
  /** The stack's variables: the function gets those its definition names. */
  readonly environmentValues: Record<string, string>;
}

/** The function of a definition, in `scope` under its name (`enter-stage`: `EnterStage`). */
export function definedFunction(
  scope: Construct,
  definition: FunctionDefinition,
  { kind, environmentValues, ...props }: DefinedFunctionProps,
): NodejsFunction {
  const owner = `${kind.charAt(0).toUpperCase()}${kind.slice(1)} ${definition.name}`;
  return new SepakatFunction(scope, constructId(definition.name), {
    ...props,
    name: definition.name,
    entry: definition.entry,
    roleDescription: `Sepakat ${kind} ${definition.name}`,
    environment: environmentFor(owner, definition.environment, environmentValues),
    capabilities: definition.capabilities,
  }).function;
}

/** `enter-stage` → `EnterStage`. */
export function constructId(name: string): string {
  return name
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}
