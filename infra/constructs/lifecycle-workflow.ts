import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ArnFormat, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import {
  LogLevel as BundlingLogLevel,
  NodejsFunction,
  OutputFormat,
} from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  DefinitionBody,
  LogLevel,
  StateMachine,
  StateMachineType,
} from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { INDEXES } from '../../adapters/dynamodb/table-design.ts';
import { TASK_FUNCTIONS, type Capability, type TaskFunction } from '../../functions/catalog.ts';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The lifecycle definition, shared with local mode; `${...FunctionArn}` are substituted. */
export const LIFECYCLE_DEFINITION_FILE = fileURLToPath(
  new URL('../../statemachines/agreement-lifecycle.asl.json', import.meta.url),
);

/**
 * The DynamoDB actions behind each table capability: what the repository's commands need (a
 * TransactWrite needs the actions of its items; test/infra/workflow.test.ts checks the list
 * against adapters/dynamodb). No Scan and no batches: the repository uses neither.
 */
const TABLE_ACTIONS = {
  readTable: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'],
  writeTable: [
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
    'dynamodb:ConditionCheckItem',
  ],
} as const satisfies Partial<Record<Capability, readonly string[]>>;

/** Bundled AWS SDK in an ES module needs `require` for its CommonJS dependencies. */
const ESM_REQUIRE_BANNER =
  "import { createRequire } from 'module';const require = createRequire(import.meta.url);";

export interface LifecycleWorkflowProps {
  /** The agreements table the task functions read and write. */
  readonly table: ITable;
  /**
   * Physical name of the state machine. Fixed so that the task functions' policies can name
   * its ARN without referring to the state machine, which itself refers to the functions.
   */
  readonly stateMachineName: string;
  /** The verified SES identity (an address) nudges and notices are sent from. */
  readonly senderEmail: string;
  /** Where "needs attention" notices go. */
  readonly operationsEmail: string;
  /** How long the functions' and the state machine's logs are kept. */
  readonly logRetention: RetentionDays;
  /**
   * Keep the log groups when the stack is deleted.
   * @default false
   */
  readonly retainLogs?: boolean;
}

/**
 * The agreement lifecycle: one Lambda function per task of functions/catalog.ts, each allowed
 * exactly its catalog capabilities, and the Standard state machine of
 * statemachines/agreement-lifecycle.asl.json that calls them.
 */
export class LifecycleWorkflow extends Construct {
  readonly stateMachine: StateMachine;
  /** The task functions by catalog name (e.g. `enter-stage`). */
  readonly functions: ReadonlyMap<string, NodejsFunction>;

  constructor(scope: Construct, id: string, props: LifecycleWorkflowProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const removalPolicy = props.retainLogs ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const stateMachineArn = stack.formatArn({
      service: 'states',
      resource: 'stateMachine',
      resourceName: props.stateMachineName,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    const environmentValues: Record<string, string> = {
      TABLE_NAME: props.table.tableName,
      SENDER_EMAIL: props.senderEmail,
      OPERATIONS_EMAIL: props.operationsEmail,
    };
    const statementsFor = capabilityStatements({
      stack,
      table: props.table,
      stateMachineArn,
      senderEmail: props.senderEmail,
    });

    const functions = new Map<string, NodejsFunction>();
    for (const task of TASK_FUNCTIONS) {
      const fn = new TaskLambda(this, constructId(task.name), {
        task,
        environment: environmentFor(task, environmentValues),
        logRetention: props.logRetention,
        logRemovalPolicy: removalPolicy,
      }).function;
      for (const capability of new Set(task.capabilities)) {
        for (const statement of statementsFor[capability]) fn.addToRolePolicy(statement);
      }
      functions.set(task.name, fn);
    }
    this.functions = functions;

    const logGroup = new LogGroup(this, 'StateMachineLogs', {
      retention: props.logRetention,
      removalPolicy,
    });
    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineName: props.stateMachineName,
      stateMachineType: StateMachineType.STANDARD,
      // Inline rather than fromFile (an S3 asset): `cdk diff` then shows workflow changes.
      definitionBody: DefinitionBody.fromString(readDefinition()),
      definitionSubstitutions: Object.fromEntries(
        TASK_FUNCTIONS.map((task) => [task.substitution, functionOf(functions, task).functionArn]),
      ),
      tracingEnabled: true,
      logs: { destination: logGroup, level: LogLevel.ALL, includeExecutionData: true },
    });
    // A definition given as ASL text gives the CDK no tasks to infer grants from. The ASL calls
    // every function by its unqualified ARN, so no version or alias wildcard is needed.
    this.stateMachine.addToRolePolicy(
      new PolicyStatement({
        actions: ['lambda:InvokeFunction'],
        resources: TASK_FUNCTIONS.map((task) => functionOf(functions, task).functionArn),
      }),
    );
    Validations.of(this.stateMachine.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Added by the CDK for logging and tracing: the CloudWatch Logs vended-log delivery ' +
        'actions (logs:CreateLogDelivery, logs:PutResourcePolicy, ...) and the X-Ray actions ' +
        '(xray:PutTraceSegments, xray:GetSamplingRules, ...) do not support resource-level ' +
        'permissions, so their resource must be "*".',
    });
  }
}

interface TaskLambdaProps {
  readonly task: TaskFunction;
  readonly environment: Record<string, string>;
  readonly logRetention: RetentionDays;
  readonly logRemovalPolicy: RemovalPolicy;
}

/** One task function with its own role and log group. */
class TaskLambda extends Construct {
  readonly function: NodejsFunction;

  constructor(scope: Construct, id: string, props: TaskLambdaProps) {
    super(scope, id);
    const { task } = props;
    const logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: props.logRemovalPolicy,
    });
    // An own role rather than the managed AWSLambdaBasicExecutionRole, whose log permissions
    // cover every log group of the account.
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Sepakat task function ${task.name}`,
    });
    logGroup.grantWrite(role);

    this.function = new NodejsFunction(this, 'Function', {
      entry: `${REPO_ROOT}${task.entry}`,
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: `${REPO_ROOT}package-lock.json`,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: 256,
      timeout: Duration.seconds(30),
      description: task.description,
      tracing: Tracing.ACTIVE,
      role,
      logGroup,
      environment: {
        ...props.environment,
        POWERTOOLS_SERVICE_NAME: 'sepakat',
        NODE_OPTIONS: '--enable-source-maps',
      },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node22',
        mainFields: ['module', 'main'],
        banner: ESM_REQUIRE_BANNER,
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        bundleAwsSDK: true,
        logLevel: BundlingLogLevel.WARNING,
      },
    });
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

interface CapabilityContext {
  stack: Stack;
  table: ITable;
  stateMachineArn: string;
  senderEmail: string;
}

/** The policy statements that grant each catalog capability, and nothing more. */
function capabilityStatements(context: CapabilityContext): Record<Capability, PolicyStatement[]> {
  const { stack, table, stateMachineArn, senderEmail } = context;
  const indexArns = Object.values(INDEXES).map((index) => `${table.tableArn}/index/${index.name}`);
  const senderDomain = senderEmail.slice(senderEmail.lastIndexOf('@') + 1);
  const sesIdentity = (identity: string) =>
    stack.formatArn({
      service: 'ses',
      resource: 'identity',
      resourceName: identity,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
  const allow = (actions: readonly string[], resources: string[]) =>
    new PolicyStatement({ effect: Effect.ALLOW, actions: [...actions], resources });
  return {
    readTable: [allow(TABLE_ACTIONS.readTable, [table.tableArn, ...indexArns])],
    writeTable: [allow(TABLE_ACTIONS.writeTable, [table.tableArn])],
    sendEmail: [
      new PolicyStatement({
        actions: ['ses:SendEmail', 'ses:SendRawEmail'],
        // SES authorizes a send against the identity that verifies the sender: the address
        // or its domain, whichever was verified.
        resources: [sesIdentity(senderDomain), sesIdentity(senderEmail)],
        conditions: { StringEquals: { 'ses:FromAddress': senderEmail } },
      }),
    ],
    // Callback tokens of Lambda tasks are authorized against the state machine's ARN.
    completeTasks: [
      allow(
        ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'],
        [stateMachineArn],
      ),
    ],
    startExecutions: [allow(['states:StartExecution'], [stateMachineArn])],
  };
}

/** The ASL file, parsed (a broken file fails the synth) and written without whitespace. */
function readDefinition(): string {
  return JSON.stringify(JSON.parse(readFileSync(LIFECYCLE_DEFINITION_FILE, 'utf8')));
}

function environmentFor(task: TaskFunction, values: Record<string, string>) {
  return Object.fromEntries(
    task.environment.map((name) => {
      const value = values[name];
      if (value === undefined) {
        throw new Error(`Task function ${task.name} reads ${name}, which the stack does not set`);
      }
      return [name, value];
    }),
  );
}

function functionOf(functions: Map<string, NodejsFunction>, task: TaskFunction): NodejsFunction {
  const fn = functions.get(task.name);
  if (!fn) throw new Error(`No function for task ${task.name}`);
  return fn;
}

/** `enter-stage` → `EnterStage`. */
function constructId(name: string): string {
  return name
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}
