// The synthesized stack as the infra tests read it, once per environment and test file, and
// helpers over the CloudFormation template.
import { Validations, type PolicyValidationPluginReport, type Stack } from 'aws-cdk-lib';
import { expect } from '@jest/globals';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import type { Capability } from '../../functions/workflow-tasks.ts';
import { createSepakatApp } from '../../infra/sepakat-app.ts';

export interface Synthesized {
  stack: Stack;
  template: Template;
}

const synthesized = new Map<string, Synthesized>();
export function synth(env: string): Synthesized {
  let result = synthesized.get(env);
  if (!result) {
    // Without bundling the functions (a placeholder asset each): seconds less per synth. The
    // templates are the same but for the asset hashes; stack.test.ts and `npm run synth` bundle.
    const { stack } = createSepakatApp({ context: { env, 'aws:cdk:bundling-stacks': [] } });
    result = { stack, template: Template.fromStack(stack) };
    synthesized.set(env, result);
  }
  return result;
}

export interface Resource {
  Type: string;
  Properties: Record<string, unknown>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
  DependsOn?: string[];
}

export interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

export function resources(template: Template, type: string): [string, Resource][] {
  return Object.entries(template.findResources(type)) as [string, Resource][];
}

/** The one resource of a type; fails the test if there are none or several. */
export function only(template: Template, type: string): [string, Resource] {
  const found = resources(template, type);
  expect([type, found.length]).toEqual([type, 1]);
  return found[0] as [string, Resource];
}

/** The one Lambda function with this description (as its task or route entry describes it). */
export function functionDescribed(template: Template, description: string): [string, Resource] {
  const found = resources(template, 'AWS::Lambda::Function').filter(
    ([, fn]) => fn.Properties.Description === description,
  );
  expect([description, found.length]).toEqual([description, 1]);
  return found[0] as [string, Resource];
}

/** The SNS topic whose name ends with `suffix` (the stack has one for SES feedback, one for alarms). */
export function topicNamed(template: Template, suffix: string): [string, Resource] {
  const found = resources(template, 'AWS::SNS::Topic').filter(([, topic]) =>
    String(topic.Properties.TopicName).endsWith(suffix),
  );
  expect([suffix, found.length]).toEqual([suffix, 1]);
  return found[0] as [string, Resource];
}

/** The one resource of a type that names the topic in `property` (a reference or a list of them). */
export function onTopic(
  template: Template,
  type: string,
  topicId: string,
  property: string,
): [string, Resource] {
  const found = resources(template, type).filter(([, r]) =>
    list(r.Properties[property]).some((ref) => referenced(ref) === topicId),
  );
  expect([type, found.length]).toEqual([type, 1]);
  return found[0] as [string, Resource];
}

export function resource(template: Template, logicalId: string): Resource {
  const found = (template.toJSON() as { Resources: Record<string, Resource> }).Resources[logicalId];
  if (!found) throw new Error(`No resource ${logicalId}`);
  return found;
}

/** `{ Ref: id }` or `{ 'Fn::GetAtt': [id, 'Arn'] }` → id. */
export function referenced(value: unknown): string {
  const v = value as { Ref?: string; 'Fn::GetAtt'?: [string, string] };
  const id = v.Ref ?? v['Fn::GetAtt']?.[0];
  if (!id) throw new Error(`Not a reference: ${JSON.stringify(value)}`);
  return id;
}

/** Every statement attached to a role: its inline policies and the policies naming it. */
export function statementsOf(template: Template, roleId: string): Statement[] {
  const role = resource(template, roleId);
  type Document = { Statement: Statement[] };
  const inline = (role.Properties.Policies ?? []) as { PolicyDocument: Document }[];
  const attached = resources(template, 'AWS::IAM::Policy')
    .filter(([, policy]) =>
      (policy.Properties.Roles as unknown[]).some((r) => referenced(r) === roleId),
    )
    .map(([, policy]) => policy.Properties.PolicyDocument as Document);
  const documents: Document[] = [...inline.map((p) => p.PolicyDocument), ...attached];
  return documents.flatMap((document) => document.Statement);
}

export function roleOfFunction(fn: Resource): string {
  return referenced(fn.Properties.Role);
}

export const list = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);
export const actionsOf = (statements: Statement[]) => statements.flatMap((s) => list(s.Action));
export const ofService = (actions: string[], service: string) =>
  actions.filter((a) => a.startsWith(`${service}:`)).sort();

/** A resource as the text CloudFormation would make of it, with references as `<id>`. */
export function arnText(value: unknown): string {
  if (typeof value === 'string') return value;
  const v = value as Record<string, unknown>;
  if (typeof v.Ref === 'string') return `<${v.Ref}>`;
  if (v['Fn::GetAtt'] !== undefined) return `<${(v['Fn::GetAtt'] as string[]).join('.')}>`;
  if (v['Fn::Join'] !== undefined) {
    const [separator, parts] = v['Fn::Join'] as [string, unknown[]];
    return parts.map(arnText).join(separator);
  }
  throw new Error(`Unexpected resource ${JSON.stringify(value)}`);
}

/** DynamoDB actions that read, and that write: a capability grants some of one kind only. */
export const READ_ACTIONS = new Set([
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
]);
export const WRITE_ACTIONS = new Set([
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
]);

/** What every function may do besides its capabilities: write its logs and its traces. */
const BASELINE = new Set([
  'logs:CreateLogStream',
  'logs:PutLogEvents',
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
]);
const CAPABILITY_ACTIONS: Record<Exclude<Capability, 'readTable' | 'writeTable'>, string[]> = {
  sendEmail: ['ses:SendEmail', 'ses:SendRawEmail'],
  completeTasks: ['states:SendTaskFailure', 'states:SendTaskHeartbeat', 'states:SendTaskSuccess'],
  startExecutions: ['states:StartExecution'],
  uploadDocuments: ['s3:PutObject', 'kms:GenerateDataKey'],
  checkDocuments: ['s3:DeleteObject', 's3:DeleteObjectVersion', 's3:PutObjectRetention'],
  readDocuments: ['s3:GetObject', 's3:GetObjectVersion', 'kms:Decrypt'],
};

/**
 * The capabilities (functions/workflow-tasks.ts) a set of actions amounts to, and the actions that are
 * none of a capability's nor of the baseline. A capability counts when any of its actions is
 * granted; `partial` lists those granted without all of their actions.
 */
export function capabilitiesOf(actions: string[]): {
  capabilities: Capability[];
  partial: Capability[];
  unexpected: string[];
} {
  const granted = new Set(actions);
  const capabilities = new Set<Capability>();
  const partial: Capability[] = [];
  const known = new Set(BASELINE);
  for (const action of granted) {
    if (READ_ACTIONS.has(action)) capabilities.add('readTable');
    if (WRITE_ACTIONS.has(action)) capabilities.add('writeTable');
    if (READ_ACTIONS.has(action) || WRITE_ACTIONS.has(action)) known.add(action);
  }
  for (const [capability, needed] of Object.entries(CAPABILITY_ACTIONS) as [
    Capability,
    string[],
  ][]) {
    const present = needed.filter((action) => granted.has(action));
    for (const action of needed) known.add(action);
    if (present.length > 0) capabilities.add(capability);
    if (present.length > 0 && present.length < needed.length) partial.push(capability);
  }
  return {
    capabilities: [...capabilities].sort(),
    partial,
    unexpected: [...granted].filter((action) => !known.has(action)).sort(),
  };
}

export interface Acknowledgement {
  /** The construct's path, e.g. `Sepakat-dev/Lifecycle/EnterStage/Role`. */
  path: string;
  /** The finding, e.g. `AwsSolutions-IAM5[Resource::*]`. */
  id: string;
  reason: string;
}

/** The findings acknowledged with Validations.of(construct).acknowledge() in a scope. */
export function acknowledgements(scope: IConstruct): Acknowledgement[] {
  return scope.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          path: construct.node.path,
          id: id.replace(/^Annotation::/, ''),
          reason,
        })),
      ),
  );
}

/** A report's findings as `rule constructPath` (cdk-nag names the construct, not the logical id). */
export function findingsOf(report: PolicyValidationPluginReport): string[] {
  return report.violations
    .flatMap((v) =>
      v.violatingResources.map(
        (r) => `${v.ruleName} ${(r as { constructPath?: string }).constructPath ?? '?'}`,
      ),
    )
    .sort();
}
