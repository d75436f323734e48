import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ArnFormat, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  DefinitionBody,
  LogLevel,
  StateMachine,
  StateMachineType,
} from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { TASK_FUNCTIONS, type TaskFunction } from '../../functions/workflow-tasks.ts';
import { definedFunction } from './sepakat-function.ts';

/** The lifecycle definition, shared with local mode; `${...FunctionArn}` are substituted. */
export const LIFECYCLE_DEFINITION_FILE = fileURLToPath(
  new URL('../../statemachines/agreement-lifecycle.asl.json', import.meta.url),
);

export interface LifecycleWorkflowProps {
  /** The agreements table the task functions read and write. */
  readonly table: ITable;
  /**
   * Physical name of the state machine. Fixed so that the task functions' policies can name
   * its ARN without referring to the state machine, which itself refers to the functions.
   */
  readonly stateMachineName: string;
  /** The address nudges and notices are sent from. */
  readonly senderEmail: string;
  /** The ARN of the SES identity (domain or address) that verifies `senderEmail`. */
  readonly emailIdentityArn: string;
  /** The SES configuration set emails are sent with (its bounces and complaints are tracked). */
  readonly configurationSetName: string;
  readonly configurationSetArn: string;
  /** Where "needs attention" notices go. */
  readonly operationsEmail: string;
  /** The console's address the nudges' action links point at, and how long they live. */
  readonly actionLinks: { consoleUrl: string; ttlDays: number };
  /** CloudWatch namespace of the workflow's own metrics (functions/shared/metrics.ts). */
  readonly metricsNamespace: string;
  /** How long the functions' and the state machine's logs are kept. */
  readonly logRetention: RetentionDays;
  /**
   * Keep the log groups when the stack is deleted.
   * @default false
   */
  readonly retainLogs?: boolean;
}

/**
 * The agreement lifecycle: one Lambda function per task of functions/workflow-tasks.ts, each
 * allowed exactly the capabilities listed there, and the Standard state machine of
 * statemachines/agreement-lifecycle.asl.json that calls them.
 */
export class LifecycleWorkflow extends Construct {
  readonly stateMachine: StateMachine;
  /** The task functions by name (e.g. `enter-stage`). */
  readonly functions: ReadonlyMap<string, NodejsFunction>;
  /** The state machine's execution log. */
  readonly logGroup: LogGroup;

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
      SES_CONFIGURATION_SET: props.configurationSetName,
      POWERTOOLS_METRICS_NAMESPACE: props.metricsNamespace,
      CONSOLE_URL: props.actionLinks.consoleUrl,
      ACTION_LINK_TTL_DAYS: String(props.actionLinks.ttlDays),
    };
    const functions = new Map<string, NodejsFunction>();
    for (const task of TASK_FUNCTIONS) {
      const fn = definedFunction(this, task, {
        kind: 'task function',
        description: task.description,
        environmentValues,
        resources: {
          table: props.table,
          stateMachineArn,
          senderEmail: props.senderEmail,
          emailIdentityArn: props.emailIdentityArn,
          configurationSetArn: props.configurationSetArn,
        },
        logRetention: props.logRetention,
        logRemovalPolicy: removalPolicy,
      });
      functions.set(task.name, fn);
    }
    this.functions = functions;

    const logGroup = new LogGroup(this, 'StateMachineLogs', {
      retention: props.logRetention,
      removalPolicy,
    });
    this.logGroup = logGroup;
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

/** The ASL file, parsed (a broken file fails the synth) and written without whitespace. */
function readDefinition(): string {
  return JSON.stringify(JSON.parse(readFileSync(LIFECYCLE_DEFINITION_FILE, 'utf8')));
}

function functionOf(functions: Map<string, NodejsFunction>, task: TaskFunction): NodejsFunction {
  const fn = functions.get(task.name);
  if (!fn) throw new Error(`No function for task ${task.name}`);
  return fn;
}
