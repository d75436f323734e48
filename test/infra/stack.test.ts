import { describe, expect, it } from '@jest/globals';
import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { createTableInput } from '../../adapters/dynamodb/table-design.ts';
import { createSepakatApp } from '../../infra/sepakat-app.ts';
import { acknowledgements, list, type Resource, type Statement } from './template.ts';

const templates = new Map<string, Template>();
function templateFor(env: string): Template {
  let template = templates.get(env);
  if (!template) {
    template = Template.fromStack(createSepakatApp({ context: { env } }).stack);
    templates.set(env, template);
  }
  return template;
}

describe.each(['dev', 'prod'])('the %s stack', (env) => {
  it('has one encrypted on-demand table with point-in-time recovery and TTL', () => {
    const template = templateFor(env);
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });

  it('has the keys and indexes the repository and DynamoDB Local use', () => {
    const [table] = Object.values(templateFor(env).findResources('AWS::DynamoDB::Table'));
    const properties = (table as { Properties: Record<string, unknown> }).Properties;
    const design = createTableInput('any');
    expect(properties.KeySchema).toEqual(design.KeySchema);
    expect(properties.AttributeDefinitions).toEqual(
      expect.arrayContaining(design.AttributeDefinitions ?? []),
    );
    expect(properties.GlobalSecondaryIndexes).toEqual(design.GlobalSecondaryIndexes);
  });

  it('tags every taggable resource with the app and environment', () => {
    const all = templateFor(env).toJSON() as { Resources: Record<string, Resource> };
    const tagged = new Set<string>();
    for (const [id, r] of Object.entries(all.Resources)) {
      // Most types take a list of {Key, Value}; Cognito's user pool takes a map.
      const tags = r.Properties.Tags ?? r.Properties.UserPoolTags;
      if (tags === undefined) continue;
      const pairs = Array.isArray(tags)
        ? Object.fromEntries(
            (tags as { Key: string; Value: string }[]).map((t) => [t.Key, t.Value]),
          )
        : (tags as Record<string, string>);
      expect([id, pairs.app, pairs.env]).toEqual([id, 'sepakat', env]);
      tagged.add(r.Type);
    }
    // The types that carry tags in CloudFormation are tagged (dashboards, query definitions,
    // policies and API methods take none).
    expect([...tagged].sort()).toEqual(
      expect.arrayContaining([
        'AWS::ApiGateway::RestApi',
        'AWS::ApiGateway::Stage',
        'AWS::CloudWatch::Alarm',
        'AWS::Cognito::UserPool',
        'AWS::DynamoDB::Table',
        'AWS::IAM::Role',
        'AWS::KMS::Key',
        'AWS::Lambda::Function',
        'AWS::Logs::LogGroup',
        'AWS::SES::ConfigurationSet',
        'AWS::SNS::Topic',
        'AWS::StepFunctions::StateMachine',
      ]),
    );
  });

  it('grants no wildcard action, and a "*" resource only to actions that take no other', () => {
    const all = templateFor(env).toJSON() as { Resources: Record<string, Resource> };
    type Document = { Statement: Statement[] };
    const documents = Object.entries(all.Resources).flatMap(([id, r]) => {
      if (r.Type === 'AWS::IAM::Policy') return [[id, r.Properties.PolicyDocument as Document]];
      if (r.Type === 'AWS::IAM::Role') {
        return ((r.Properties.Policies ?? []) as { PolicyDocument: Document }[]).map(
          (p) => [id, p.PolicyDocument] as const,
        );
      }
      return [];
    }) as [string, Document][];
    // At least the policy of each of the 18 functions.
    expect(documents.length).toBeGreaterThanOrEqual(18);
    for (const [id, document] of documents) {
      for (const statement of document.Statement) {
        for (const action of list(statement.Action)) {
          expect([id, action]).not.toEqual([id, expect.stringMatching(/\*/)]);
          if (list(statement.Resource).includes('*')) {
            expect([id, action]).toEqual([id, expect.stringMatching(UNSCOPED_ACTIONS)]);
          }
        }
      }
    }
    // Nothing attaches an AWS managed policy (they grant across the account).
    for (const [id, r] of Object.entries(all.Resources)) {
      if (r.Type === 'AWS::IAM::Role')
        expect([id, r.Properties.ManagedPolicyArns]).toEqual([id, undefined]);
    }
  });

  it('acknowledges AWS Solutions findings only with a written reason', () => {
    const { stack } = createSepakatApp({ context: { env } });
    const found = acknowledgements(stack);
    expect(found.length).toBeGreaterThan(0);
    for (const { path, id, reason } of found) {
      expect([path, id, reason.length > 60]).toEqual([path, id, true]);
    }
    // The operations constructs need none.
    expect(found.filter((a) => /\/(Alarms|Dashboard|LogQueries)\//.test(a.path))).toEqual([]);
  });

  it('passes the AWS Solutions checks with no finding left', () => {
    const { stack, checks } = createSepakatApp({ context: { env } });
    const report = checks.validateScope(stack);
    expect(report.violations).toEqual([]);
    expect(report.success).toBe(true);
  });
});

/**
 * Actions that AWS authorizes on no resource narrower than "*": X-Ray trace writes, the
 * CloudWatch Logs vended delivery of the state machine, and API Gateway's log group listing.
 */
const UNSCOPED_ACTIONS =
  /^(xray:(PutTraceSegments|PutTelemetryRecords|GetSamplingRules|GetSamplingTargets)|logs:(CreateLogDelivery|GetLogDelivery|UpdateLogDelivery|DeleteLogDelivery|ListLogDeliveries|PutResourcePolicy|DescribeResourcePolicies|DescribeLogGroups))$/;

describe('environments', () => {
  it('retain and protect the production table', () => {
    templateFor('prod').hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({ DeletionProtectionEnabled: true }),
    });
  });

  it('let a development table go with its stack', () => {
    templateFor('dev').hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Delete',
      Properties: Match.objectLike({ DeletionProtectionEnabled: false }),
    });
  });

  it('refuse an unknown environment name, listing the known ones', () => {
    expect(() => createSepakatApp({ context: { env: 'staging' } })).toThrow(
      'Unknown environment "staging": use --context env=dev or env=prod',
    );
  });
});

describe('the AWS Solutions checks', () => {
  it('do report a table without point-in-time recovery (the check can fail)', () => {
    const { app, checks } = createSepakatApp({ context: { env: 'dev' } });
    const careless = new Stack(app, 'Careless');
    new Table(careless, 'Table', { partitionKey: { name: 'PK', type: AttributeType.STRING } });
    const report = checks.validateScope(careless);
    expect(report.violations.map((v) => v.ruleName)).toContain('AwsSolutions-DDB3');
  });
});
