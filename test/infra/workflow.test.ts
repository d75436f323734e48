// The lifecycle workflow as synthesized: the state machine from the ASL file, one function per
// entry in functions/workflow-tasks.ts, their logs, and IAM that grants each function its listed
// capabilities only.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import type { Template } from 'aws-cdk-lib/assertions';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { API_ROUTES } from '../../functions/api/routes.ts';
import {
  TASK_FUNCTIONS,
  type Capability,
  type TaskFunction,
} from '../../functions/workflow-tasks.ts';
import { environmentConfig } from '../../infra/config.ts';
import { SES_FEEDBACK_FUNCTION } from '../../infra/constructs/email-delivery.ts';
import { LIFECYCLE_DEFINITION_FILE } from '../../infra/constructs/lifecycle-workflow.ts';
import { createSepakatApp } from '../../infra/sepakat-app.ts';
import {
  acknowledgements,
  actionsOf,
  arnText,
  findingsOf,
  functionDescribed,
  list,
  ofService,
  READ_ACTIONS,
  referenced,
  resource,
  resources,
  roleOfFunction,
  statementsOf,
  synth,
  WRITE_ACTIONS,
  type Resource,
} from './template.ts';

// ---------------------------------------------------------------------------------------------

function stateMachine(template: Template): [string, Resource] {
  const machines = resources(template, 'AWS::StepFunctions::StateMachine');
  expect(machines).toHaveLength(1);
  return machines[0] as [string, Resource];
}

/** The function built for a workflow task entry, found by its description. */
function functionFor(template: Template, task: TaskFunction): [string, Resource] {
  return functionDescribed(template, task.description);
}

const definitionFile = JSON.parse(readFileSync(LIFECYCLE_DEFINITION_FILE, 'utf8')) as {
  StartAt: string;
  States: Record<string, unknown>;
};
const PLACEHOLDER = /\$\{(\w+)\}/g;
const RETENTION_DAYS: Record<string, number> = { dev: 30, prod: 365 };
/** Actions AWS documents without resource-level permissions: the only ones allowed on "*". */
const ONLY_ON_ANY_RESOURCE = new Set([
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
  'xray:GetSamplingRules',
  'xray:GetSamplingTargets',
  'logs:CreateLogDelivery',
  'logs:GetLogDelivery',
  'logs:UpdateLogDelivery',
  'logs:DeleteLogDelivery',
  'logs:ListLogDeliveries',
  'logs:PutResourcePolicy',
  'logs:DescribeResourcePolicies',
  'logs:DescribeLogGroups',
]);
const has = (task: TaskFunction, capability: Capability) => task.capabilities.includes(capability);

// ---------------------------------------------------------------------------------------------

describe.each(['dev', 'prod'])('the %s lifecycle workflow', (env) => {
  const config = environmentConfig(env);
  const stateMachineName = `sepakat-${env}-agreement-lifecycle`;

  describe('state machine', () => {
    it('is one Standard state machine with X-Ray tracing and every event logged', () => {
      const { template } = synth(env);
      const [, machine] = stateMachine(template);
      expect(machine.Properties).toMatchObject({
        StateMachineName: stateMachineName,
        StateMachineType: 'STANDARD',
        TracingConfiguration: { Enabled: true },
        LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: true },
      });
      const logging = machine.Properties.LoggingConfiguration as {
        Destinations: { CloudWatchLogsLogGroup: { LogGroupArn: unknown } }[];
      };
      expect(logging.Destinations).toHaveLength(1);
      const logGroup = resource(
        template,
        referenced(logging.Destinations[0]?.CloudWatchLogsLogGroup.LogGroupArn),
      );
      expect(logGroup.Type).toBe('AWS::Logs::LogGroup');
      expect(logGroup.Properties.RetentionInDays).toBe(RETENTION_DAYS[env]);
    });

    it('runs exactly the definition of the ASL file', () => {
      const [, machine] = stateMachine(synth(env).template);
      const definition = machine.Properties.DefinitionString;
      expect(typeof definition).toBe('string');
      const parsed = JSON.parse(definition as string) as typeof definitionFile;
      expect(Object.keys(parsed.States).sort()).toEqual(Object.keys(definitionFile.States).sort());
      expect(parsed).toEqual(definitionFile);
    });

    it("has every function ARN placeholder substituted by that task function's ARN", () => {
      const { template } = synth(env);
      const [, machine] = stateMachine(template);
      const definition = machine.Properties.DefinitionString as string;
      const placeholders = new Set([...definition.matchAll(PLACEHOLDER)].map((m) => m[1]));
      // The workflow calls every task function, and nothing else.
      expect([...placeholders].sort()).toEqual(TASK_FUNCTIONS.map((t) => t.substitution).sort());
      const substitutions = machine.Properties.DefinitionSubstitutions as Record<string, unknown>;
      expect(Object.keys(substitutions).sort()).toEqual([...placeholders].sort());
      for (const task of TASK_FUNCTIONS) {
        const [functionId] = functionFor(template, task);
        expect(substitutions[task.substitution]).toEqual({ 'Fn::GetAtt': [functionId, 'Arn'] });
      }
    });

    it('may invoke exactly the task functions, by their unqualified ARNs', () => {
      const { template } = synth(env);
      const [, machine] = stateMachine(template);
      const statements = statementsOf(template, referenced(machine.Properties.RoleArn));
      const invoke = statements.filter((s) => list(s.Action).includes('lambda:InvokeFunction'));
      expect(invoke).toHaveLength(1);
      expect(list(invoke[0]?.Action)).toEqual(['lambda:InvokeFunction']);
      const expected = TASK_FUNCTIONS.map((task) => ({
        'Fn::GetAtt': [functionFor(template, task)[0], 'Arn'],
      }));
      expect(list(invoke[0]?.Resource)).toEqual(expect.arrayContaining(expected));
      expect(list(invoke[0]?.Resource)).toHaveLength(expected.length);
    });

    it('has its ARN as a stack output', () => {
      const { template } = synth(env);
      const [machineId] = stateMachine(template);
      template.hasOutput('LifecycleStateMachineArn', { Value: { Ref: machineId } });
    });
  });

  describe('task functions', () => {
    it('are one function per task entry and no other (no CDK helper functions)', () => {
      const { template } = synth(env);
      // Besides the API's, one per route (test/infra/api.test.ts), the SES feedback
      // function (test/infra/email.test.ts), the monthly digest (infra/constructs/monthly-digest.ts)
      // and CDK's copier of the console's build (test/infra/console.test.ts), which runs at
      // deployment only.
      template.resourceCountIs(
        'AWS::Lambda::Function',
        TASK_FUNCTIONS.length + API_ROUTES.length + 3,
      );
      functionFor(template, { description: SES_FEEDBACK_FUNCTION.description } as TaskFunction);
      const ids = TASK_FUNCTIONS.map((task) => functionFor(template, task)[0]);
      expect(new Set(ids).size).toBe(TASK_FUNCTIONS.length);
    });

    it.each(TASK_FUNCTIONS.map((t) => [t.name, t] as const))(
      '%s runs on Node.js 22, arm64, traced, with the environment its task entry names',
      (_name, task) => {
        const { template } = synth(env);
        const [, fn] = functionFor(template, task);
        expect(fn.Properties).toMatchObject({
          Runtime: 'nodejs22.x',
          Architectures: ['arm64'],
          Handler: 'index.handler',
          MemorySize: 256,
          Timeout: 30,
          TracingConfig: { Mode: 'Active' },
        });
        const variables = (fn.Properties.Environment as { Variables: Record<string, unknown> })
          .Variables;
        expect(Object.keys(variables).sort()).toEqual(
          [...task.environment, 'POWERTOOLS_SERVICE_NAME', 'NODE_OPTIONS'].sort(),
        );
        const [tableId] = resources(template, 'AWS::DynamoDB::Table')[0] ?? [];
        const [setId] = resources(template, 'AWS::SES::ConfigurationSet')[0] ?? [];
        const expected: Record<string, unknown> = {
          TABLE_NAME: { Ref: tableId },
          SENDER_EMAIL: config.senderEmail,
          OPERATIONS_EMAIL: config.operationsEmail,
          SES_CONFIGURATION_SET: { Ref: setId },
          POWERTOOLS_SERVICE_NAME: `sepakat-${task.name}`,
          NODE_OPTIONS: '--enable-source-maps',
          POWERTOOLS_METRICS_NAMESPACE: `Sepakat/${env}`,
          CONSOLE_URL: config.actionLinks.consoleUrl,
          ACTION_LINK_TTL_DAYS: String(config.actionLinks.ttlDays),
        };
        for (const [name, value] of Object.entries(variables)) {
          expect([name, value]).toEqual([name, expected[name]]);
        }
      },
    );
  });

  describe('logs', () => {
    it('go to an own log group per function and one for the state machine, with retention', () => {
      const { template } = synth(env);
      const groups = TASK_FUNCTIONS.map((task) => {
        const [, fn] = functionFor(template, task);
        const config = fn.Properties.LoggingConfig as { LogGroup?: unknown } | undefined;
        return referenced(config?.LogGroup);
      });
      const [, machine] = stateMachine(template);
      const logging = machine.Properties.LoggingConfiguration as {
        Destinations: { CloudWatchLogsLogGroup: { LogGroupArn: unknown } }[];
      };
      groups.push(referenced(logging.Destinations[0]?.CloudWatchLogsLogGroup.LogGroupArn));

      expect(new Set(groups).size).toBe(TASK_FUNCTIONS.length + 1);
      // The API's log groups are checked in test/infra/api.test.ts.
      const lifecycleGroups = resources(template, 'AWS::Logs::LogGroup').filter(([id]) =>
        id.startsWith('Lifecycle'),
      );
      expect(lifecycleGroups).toHaveLength(TASK_FUNCTIONS.length + 1);
      for (const id of groups) {
        const group = resource(template, id);
        expect([id, group.Type, group.Properties.RetentionInDays]).toEqual([
          id,
          'AWS::Logs::LogGroup',
          RETENTION_DAYS[env],
        ]);
        const kept = env === 'prod' ? 'Retain' : 'Delete';
        expect([id, group.DeletionPolicy, group.UpdateReplacePolicy]).toEqual([id, kept, kept]);
      }
    });

    it('may be written by each function to its own log group only', () => {
      const { template } = synth(env);
      for (const task of TASK_FUNCTIONS) {
        const [, fn] = functionFor(template, task);
        const logGroup = (fn.Properties.LoggingConfig as { LogGroup: unknown }).LogGroup;
        const logs = statementsOf(template, roleOfFunction(fn)).filter((s) =>
          list(s.Action).some((a) => a.startsWith('logs:')),
        );
        expect(logs).toHaveLength(1);
        expect(list(logs[0]?.Action).sort()).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
        expect(logs[0]?.Resource).toEqual({ 'Fn::GetAtt': [referenced(logGroup), 'Arn'] });
      }
    });
  });

  describe('IAM', () => {
    it('grants no wildcard action, and "*" resources only for actions that allow nothing else', () => {
      const { template } = synth(env);
      const statements = resources(template, 'AWS::IAM::Role').flatMap(([id]) =>
        statementsOf(template, id),
      );
      expect(statements.length).toBeGreaterThan(0);
      for (const statement of statements) {
        expect(statement.Effect).toBe('Allow');
        for (const action of list(statement.Action)) expect(action).not.toMatch(/\*/);
        if (list(statement.Resource).some((r) => typeof r === 'string' && r.includes('*'))) {
          for (const action of list(statement.Action)) {
            expect([action, ONLY_ON_ANY_RESOURCE.has(action)]).toEqual([action, true]);
          }
        }
      }
    });

    it('attaches no AWS managed policy (AWSLambdaBasicExecutionRole covers every log group)', () => {
      for (const [, role] of resources(synth(env).template, 'AWS::IAM::Role')) {
        expect(role.Properties.ManagedPolicyArns).toBeUndefined();
      }
    });

    it.each(TASK_FUNCTIONS.map((t) => [t.name, t] as const))(
      '%s may do what its task entry lists, and nothing else',
      (_name, task) => {
        const { template } = synth(env);
        const [, fn] = functionFor(template, task);
        const statements = statementsOf(template, roleOfFunction(fn));
        const actions = actionsOf(statements);
        const services = new Set(actions.map((a) => a.split(':')[0] ?? a));
        const allowed = new Set(['logs', 'xray', 'dynamodb', 'ses', 'states']);
        for (const service of services)
          expect([service, allowed.has(service)]).toEqual([service, true]);

        const dynamodb = ofService(actions, 'dynamodb');
        expect(dynamodb.some((a) => READ_ACTIONS.has(a))).toBe(has(task, 'readTable'));
        expect(dynamodb.some((a) => WRITE_ACTIONS.has(a))).toBe(has(task, 'writeTable'));
        for (const action of dynamodb) {
          expect([action, READ_ACTIONS.has(action) || WRITE_ACTIONS.has(action)]).toEqual([
            action,
            true,
          ]);
        }

        expect(ofService(actions, 'ses')).toEqual(
          has(task, 'sendEmail') ? ['ses:SendEmail', 'ses:SendRawEmail'] : [],
        );
        expect(ofService(actions, 'states')).toEqual(
          [
            ...(has(task, 'completeTasks')
              ? ['states:SendTaskFailure', 'states:SendTaskHeartbeat', 'states:SendTaskSuccess']
              : []),
            ...(has(task, 'startExecutions') ? ['states:StartExecution'] : []),
          ].sort(),
        );
      },
    );

    it('limits table access to the agreements table and its indexes', () => {
      const { template } = synth(env);
      const [tableId] = resources(template, 'AWS::DynamoDB::Table')[0] ?? [];
      for (const task of TASK_FUNCTIONS) {
        const [, fn] = functionFor(template, task);
        for (const statement of statementsOf(template, roleOfFunction(fn))) {
          if (!list(statement.Action).some((a) => a.startsWith('dynamodb:'))) continue;
          for (const arn of list(statement.Resource).map(arnText)) {
            expect(arn).toMatch(new RegExp(`^<${String(tableId)}\\.Arn>(/index/\\w+)?$`));
          }
        }
      }
    });

    it('lets functions send email only from the configured sender, identity and configuration set', () => {
      const { template } = synth(env);
      const [identityId] = resources(template, 'AWS::SES::EmailIdentity')[0] ?? [];
      const [setId] = resources(template, 'AWS::SES::ConfigurationSet')[0] ?? [];
      const region = config.awsRegion;
      for (const task of TASK_FUNCTIONS.filter((t) => has(t, 'sendEmail'))) {
        const [, fn] = functionFor(template, task);
        const ses = statementsOf(template, roleOfFunction(fn)).filter((s) =>
          list(s.Action).some((a) => a.startsWith('ses:')),
        );
        expect(ses).toHaveLength(1);
        expect(list(ses[0]?.Resource).map(arnText).sort()).toEqual(
          [
            `arn:<AWS::Partition>:ses:${region}:<AWS::AccountId>:identity/<${String(identityId)}>`,
            `arn:<AWS::Partition>:ses:${region}:<AWS::AccountId>:configuration-set/<${String(setId)}>`,
          ].sort(),
        );
        expect(ses[0]?.Condition).toEqual({
          StringEquals: { 'ses:FromAddress': config.senderEmail },
        });
      }
    });

    it('scopes task callbacks and new executions to this state machine', () => {
      const { template } = synth(env);
      const [, machine] = stateMachine(template);
      const expectedArn =
        `arn:<AWS::Partition>:states:${config.awsRegion}:<AWS::AccountId>:stateMachine:` +
        String(machine.Properties.StateMachineName);
      let checked = 0;
      for (const task of TASK_FUNCTIONS) {
        const [, fn] = functionFor(template, task);
        for (const statement of statementsOf(template, roleOfFunction(fn))) {
          if (!list(statement.Action).some((a) => a.startsWith('states:'))) continue;
          expect(list(statement.Resource).map(arnText)).toEqual([expectedArn]);
          checked++;
        }
      }
      expect(checked).toBe(
        TASK_FUNCTIONS.filter((t) => has(t, 'completeTasks') || has(t, 'startExecutions')).length,
      );
    });
  });
});

describe('the table grants', () => {
  // Each DynamoDB command the repository sends, and the IAM actions it needs. A command missing
  // here fails the test: decide which capability it belongs to, then extend both.
  const NEEDS: Record<string, { read: boolean; actions: string[] }> = {
    Get: { read: true, actions: ['dynamodb:GetItem'] },
    BatchGet: { read: true, actions: ['dynamodb:BatchGetItem'] },
    Query: { read: true, actions: ['dynamodb:Query'] },
    Put: { read: false, actions: ['dynamodb:PutItem'] },
    Update: { read: false, actions: ['dynamodb:UpdateItem'] },
    Delete: { read: false, actions: ['dynamodb:DeleteItem'] },
    BatchWrite: { read: false, actions: ['dynamodb:BatchWriteItem'] },
    TransactWrite: {
      read: false,
      actions: [
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:DeleteItem',
        'dynamodb:ConditionCheckItem',
      ],
    },
  };
  const adapterDir = new URL('../../adapters/dynamodb/', import.meta.url);
  const commands = new Set(
    readdirSync(adapterDir)
      .filter((file) => file.endsWith('.ts'))
      .flatMap((file) => [
        ...readFileSync(new URL(file, adapterDir), 'utf8').matchAll(/new (\w+)Command\(/g),
      ])
      .map((m) => m[1] ?? ''),
  );

  it('found the commands the repository sends', () => {
    expect(commands.size).toBeGreaterThan(0);
    for (const command of commands) expect([command, command in NEEDS]).toEqual([command, true]);
  });

  it('cover every command the repository sends, reads for reading functions', () => {
    const { template } = synth('dev');
    for (const task of TASK_FUNCTIONS.filter((t) => has(t, 'readTable'))) {
      const [, fn] = functionFor(template, task);
      const granted = new Set(actionsOf(statementsOf(template, roleOfFunction(fn))));
      for (const command of commands) {
        const need = NEEDS[command];
        if (!need || (!need.read && !has(task, 'writeTable'))) continue;
        for (const action of need.actions) {
          expect([task.name, command, action, granted.has(action)]).toEqual([
            task.name,
            command,
            action,
            true,
          ]);
        }
      }
    }
  });
});

describe('the AWS Solutions acknowledgements', () => {
  it('sit on the roles and functions they are about, each with a reason', () => {
    const { stack } = synth('dev');
    const found: string[] = [];
    for (const { path, id, reason } of acknowledgements(stack.node.root)) {
      // The API's and the user pool's are checked in test/infra/api.test.ts, the email
      // delivery's in test/infra/email.test.ts, the documents bucket's here below.
      if (/^Sepakat-dev\/(Api|Coordinators|Email|Documents)\//.test(path)) continue;
      found.push(`${path.replace(/^Sepakat-dev\/Lifecycle\//, '')} ${id}`);
      expect(reason.length).toBeGreaterThan(60);
    }
    const expected = [
      ...TASK_FUNCTIONS.flatMap((task) => {
        const id = task.name
          .split('-')
          .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
          .join('');
        return [`${id}/Role AwsSolutions-IAM5[Resource::*]`, `${id}/Function AwsSolutions-L1`];
      }),
      'StateMachine/Role AwsSolutions-IAM5[Resource::*]',
      // The console's site (infra/constructs/console-site.ts) and CDK's function that copies
      // the build into its bucket at deployment.
      ...['CFR1', 'CFR2', 'CFR3', 'CFR4', 'S1'].map(
        (rule) => `Sepakat-dev/Console AwsSolutions-${rule}`,
      ),
      'Sepakat-dev/Console/DeploymentRole AwsSolutions-IAM5[Resource::<ConsoleBucket86B6957C.Arn>/*]',
      'Sepakat-dev/Console/DeploymentRole AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-ap-southeast-3/*]',
      'Sepakat-dev/Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C512MiB AwsSolutions-L1',
      // The monthly digest's function (infra/constructs/monthly-digest.ts), as the tasks'.
      'Sepakat-dev/MonthlyDigest/MonthlyDigest/Function AwsSolutions-L1',
      'Sepakat-dev/MonthlyDigest/MonthlyDigest/Role AwsSolutions-IAM5[Resource::*]',
    ];
    expect(found.sort()).toEqual(expected.sort());
  });

  it('do not cover a function added beside the workflow (the checks can fail)', () => {
    const { stack, checks } = createSepakatApp({ context: { env: 'dev' } });
    new LambdaFunction(stack, 'Careless', {
      runtime: Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: Code.fromInline('exports.handler = async () => {};'),
    });
    const report = checks.validateScope(stack);
    expect(report.success).toBe(false);
    expect(findingsOf(report)).toEqual([
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole] Sepakat-dev/Careless/ServiceRole/Resource',
      'AwsSolutions-L1 Sepakat-dev/Careless/Resource',
    ]);
  });
});
