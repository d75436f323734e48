import { describe, expect, it } from '@jest/globals';
import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { createTableInput } from '../../adapters/dynamodb/table-design.ts';
import { createSepakatApp } from '../../infra/sepakat-app.ts';

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
    templateFor(env).hasResourceProperties('AWS::DynamoDB::Table', {
      Tags: Match.arrayWith([
        { Key: 'app', Value: 'sepakat' },
        { Key: 'env', Value: env },
      ]),
    });
  });

  it('passes the AWS Solutions checks with no finding left', () => {
    const { stack, checks } = createSepakatApp({ context: { env } });
    const report = checks.validateScope(stack);
    expect(report.violations).toEqual([]);
    expect(report.success).toBe(true);
  });
});

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
