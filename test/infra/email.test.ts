// Sending identity and delivery tracking as synthesized: the SES identity from the configuration,
// the configuration set whose bounces and complaints reach an encrypted, SSL-only SNS topic, the
// feedback function subscribed to it, and senders limited to that identity and configuration set.
import { describe, expect, it } from '@jest/globals';
import { App } from 'aws-cdk-lib';
import { TASK_FUNCTIONS } from '../../functions/workflow-tasks.ts';
import { environmentConfig, senderIdentity } from '../../infra/config.ts';
import { SES_FEEDBACK_FUNCTION } from '../../infra/constructs/email-delivery.ts';
import { SepakatStack } from '../../infra/sepakat-stack.ts';
import {
  acknowledgements,
  actionsOf,
  arnText,
  functionDescribed,
  capabilitiesOf,
  list,
  only,
  onTopic,
  referenced,
  resource,
  resources,
  roleOfFunction,
  statementsOf,
  synth,
  topicNamed,
  type Statement,
} from './template.ts';

const senders = [
  ...TASK_FUNCTIONS.filter((t) => t.capabilities.includes('sendEmail')).map((t) => t.description),
  SES_FEEDBACK_FUNCTION.description,
];

describe.each(['dev', 'prod'])('email delivery in %s', (env) => {
  const config = environmentConfig(env);
  const region = config.awsRegion;

  describe('the sending identity', () => {
    it('is the configured one: the address in dev, the sender domain in prod', () => {
      const [, identity] = only(synth(env).template, 'AWS::SES::EmailIdentity');
      expect(identity.Properties.EmailIdentity).toBe(
        env === 'dev' ? config.senderEmail : config.senderEmail.split('@')[1],
      );
      expect(identity.Properties.EmailIdentity).toBe(senderIdentity(config).name);
    });

    it('sends with the configuration set by default', () => {
      const { template } = synth(env);
      const [setId] = only(template, 'AWS::SES::ConfigurationSet');
      const [, identity] = only(template, 'AWS::SES::EmailIdentity');
      expect(identity.Properties.ConfigurationSetAttributes).toEqual({
        ConfigurationSetName: { Ref: setId },
      });
    });
  });

  describe('the configuration set', () => {
    it('keeps the account-level suppression list and publishes reputation metrics', () => {
      const [, set] = only(synth(env).template, 'AWS::SES::ConfigurationSet');
      expect(set.Properties).toMatchObject({
        Name: `sepakat-${env}-email`,
        ReputationOptions: { ReputationMetricsEnabled: true },
        SendingOptions: { SendingEnabled: true },
      });
      // Own suppression options would override the account's.
      expect(set.Properties.SuppressionOptions).toBeUndefined();
    });

    it('sends send, bounce, complaint and reject events to the feedback topic', () => {
      const { template } = synth(env);
      const [setId] = only(template, 'AWS::SES::ConfigurationSet');
      const [topicId] = topicNamed(template, '-email-feedback');
      const [, destination] = only(template, 'AWS::SES::ConfigurationSetEventDestination');
      expect(destination.Properties.ConfigurationSetName).toEqual({ Ref: setId });
      const event = destination.Properties.EventDestination as {
        Enabled: boolean;
        MatchingEventTypes: string[];
        SnsDestination: { TopicARN: unknown };
      };
      expect(event.Enabled).toBe(true);
      expect([...event.MatchingEventTypes].sort()).toEqual([
        'bounce',
        'complaint',
        'reject',
        // A nudge's send event confirms its claim after a crash.
        'send',
      ]);
      expect(referenced(event.SnsDestination.TopicARN)).toBe(topicId);
    });
  });

  describe('the feedback topic', () => {
    it('is encrypted with a rotated customer managed key that SES may use for it only', () => {
      const { template } = synth(env);
      const [, topic] = topicNamed(template, '-email-feedback');
      const keyId = referenced(topic.Properties.KmsMasterKeyId);
      const key = resource(template, keyId);
      expect(key.Type).toBe('AWS::KMS::Key');
      expect(key.Properties.EnableKeyRotation).toBe(true);
      const kept = env === 'prod' ? 'Retain' : 'Delete';
      expect(key.DeletionPolicy).toBe(kept);

      const policy = key.Properties.KeyPolicy as {
        Statement: (Statement & { Principal: unknown })[];
      };
      const forSes = policy.Statement.filter(
        (s) => JSON.stringify(s.Principal) === JSON.stringify({ Service: 'ses.amazonaws.com' }),
      );
      expect(forSes).toHaveLength(1);
      expect(list(forSes[0]?.Action).sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey*']);
      expect(
        arnText(forSes[0]?.Condition?.StringEquals?.['kms:EncryptionContext:aws:sns:topicArn']),
      ).toBe(
        `arn:<AWS::Partition>:sns:${region}:<AWS::AccountId>:${String(topic.Properties.TopicName)}`,
      );
    });

    it('refuses publishing without SSL and lets SES publish for this configuration set only', () => {
      const { template } = synth(env);
      const [topicId] = topicNamed(template, '-email-feedback');
      const [setId] = only(template, 'AWS::SES::ConfigurationSet');
      const [, policy] = onTopic(template, 'AWS::SNS::TopicPolicy', topicId, 'Topics');
      expect((policy.Properties.Topics as unknown[]).map(referenced)).toEqual([topicId]);
      const statements = (
        policy.Properties.PolicyDocument as { Statement: (Statement & { Principal: unknown })[] }
      ).Statement;
      const deny = statements.filter(
        (s) => s.Effect === 'Deny' && s.Condition?.Bool?.['aws:SecureTransport'] !== undefined,
      );
      expect(deny).toHaveLength(1);
      expect(deny[0]).toMatchObject({
        Action: 'sns:Publish',
        Principal: '*',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      });
      const allow = statements.filter((s) => s.Effect === 'Allow');
      expect(allow).toHaveLength(1);
      expect(allow[0]).toMatchObject({
        Action: 'sns:Publish',
        Principal: { Service: 'ses.amazonaws.com' },
      });
      expect(arnText(allow[0]?.Condition?.StringEquals?.['AWS:SourceArn'])).toBe(
        `arn:<AWS::Partition>:ses:${region}:<AWS::AccountId>:configuration-set/<${setId}>`,
      );
      expect(allow[0]?.Condition?.StringEquals?.['AWS:SourceAccount']).toEqual({
        Ref: 'AWS::AccountId',
      });
    });

    it('refuses publishing to anyone but this configuration set of this account', () => {
      const { template } = synth(env);
      const [topicId] = topicNamed(template, '-email-feedback');
      const [setId] = only(template, 'AWS::SES::ConfigurationSet');
      const [, policy] = onTopic(template, 'AWS::SNS::TopicPolicy', topicId, 'Topics');
      const statements = (
        policy.Properties.PolicyDocument as { Statement: (Statement & { Principal: unknown })[] }
      ).Statement;
      // Denies for every caller (an IAM principal of the account included): each publish
      // must come with this configuration set as its source, from this account.
      // `*` and `{ AWS: '*' }` both mean every caller.
      const everyone = (p: unknown) => p === '*' || JSON.stringify(p) === '{"AWS":"*"}';
      const deny = statements.filter(
        (s) => s.Effect === 'Deny' && everyone(s.Principal) && s.Action === 'sns:Publish',
      );
      const byCondition = Object.fromEntries(
        deny.map((s) => [Object.keys(s.Condition ?? {}).join(), s.Condition]),
      );
      expect(Object.keys(byCondition).sort()).toEqual(['ArnNotEquals', 'Bool', 'StringNotEquals']);
      for (const s of deny) expect(referenced(s.Resource)).toBe(topicId);
      expect(arnText(byCondition.ArnNotEquals?.ArnNotEquals?.['aws:SourceArn'])).toBe(
        `arn:<AWS::Partition>:ses:${region}:<AWS::AccountId>:configuration-set/<${setId}>`,
      );
      expect(byCondition.StringNotEquals?.StringNotEquals?.['aws:SourceAccount']).toEqual({
        Ref: 'AWS::AccountId',
      });
    });

    it('has the feedback function subscribed, and only that', () => {
      const { template } = synth(env);
      const [topicId] = topicNamed(template, '-email-feedback');
      const [functionId] = functionDescribed(template, SES_FEEDBACK_FUNCTION.description);
      const [, subscription] = onTopic(template, 'AWS::SNS::Subscription', topicId, 'TopicArn');
      expect(subscription.Properties).toMatchObject({ Protocol: 'lambda' });
      expect(referenced(subscription.Properties.TopicArn)).toBe(topicId);
      expect(referenced(subscription.Properties.Endpoint)).toBe(functionId);
      const invokers = resources(template, 'AWS::Lambda::Permission').filter(
        ([, p]) => p.Properties.Principal === 'sns.amazonaws.com',
      );
      expect(invokers).toHaveLength(1);
      expect(referenced(invokers[0]?.[1].Properties.FunctionName)).toBe(functionId);
      expect(referenced(invokers[0]?.[1].Properties.SourceArn)).toBe(topicId);
    });
  });

  describe('the feedback function', () => {
    it('runs like the task functions, with its own environment', () => {
      const { template } = synth(env);
      const [tableId] = resources(template, 'AWS::DynamoDB::Table')[0] ?? [];
      const [setId] = only(template, 'AWS::SES::ConfigurationSet');
      const [, fn] = functionDescribed(template, SES_FEEDBACK_FUNCTION.description);
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
      });
      expect((fn.Properties.Environment as { Variables: unknown }).Variables).toEqual({
        TABLE_NAME: { Ref: tableId },
        SENDER_EMAIL: config.senderEmail,
        SES_CONFIGURATION_SET: { Ref: setId },
        POWERTOOLS_SERVICE_NAME: 'sepakat-ses-feedback',
        NODE_OPTIONS: '--enable-source-maps',
      });
    });

    it('may read and write the table and send email, nothing else', () => {
      const { template } = synth(env);
      const [, fn] = functionDescribed(template, SES_FEEDBACK_FUNCTION.description);
      const granted = capabilitiesOf(actionsOf(statementsOf(template, roleOfFunction(fn))));
      expect(granted).toEqual({
        capabilities: ['readTable', 'sendEmail', 'writeTable'],
        partial: [],
        unexpected: [],
      });
    });
  });

  describe('the senders', () => {
    it.each(['send-nudge', 'mark-needs-attention'])(
      '%s gets the configuration set in its environment',
      (name) => {
        const { template } = synth(env);
        const task = TASK_FUNCTIONS.find((t) => t.name === name);
        const [setId] = only(template, 'AWS::SES::ConfigurationSet');
        const [, fn] = functionDescribed(template, task?.description ?? '');
        const variables = (fn.Properties.Environment as { Variables: Record<string, unknown> })
          .Variables;
        expect(variables.SES_CONFIGURATION_SET).toEqual({ Ref: setId });
      },
    );

    it.each(senders)(
      '"%s" may send only from the identity, with the configuration set, as the sender',
      (description) => {
        const { template } = synth(env);
        const [identityId] = only(template, 'AWS::SES::EmailIdentity');
        const [setId] = only(template, 'AWS::SES::ConfigurationSet');
        const [, fn] = functionDescribed(template, description);
        const ses = statementsOf(template, roleOfFunction(fn)).filter((s) =>
          list(s.Action).some((a) => a.startsWith('ses:')),
        );
        expect(ses).toHaveLength(1);
        expect(list(ses[0]?.Action).sort()).toEqual(['ses:SendEmail', 'ses:SendRawEmail']);
        expect(list(ses[0]?.Resource).map(arnText).sort()).toEqual(
          [
            `arn:<AWS::Partition>:ses:${region}:<AWS::AccountId>:identity/<${identityId}>`,
            `arn:<AWS::Partition>:ses:${region}:<AWS::AccountId>:configuration-set/<${setId}>`,
          ].sort(),
        );
        expect(ses[0]?.Condition).toEqual({
          StringEquals: { 'ses:FromAddress': config.senderEmail },
        });
      },
    );
  });

  it('has the identity and the configuration set as stack outputs', () => {
    const { template } = synth(env);
    const [identityId] = only(template, 'AWS::SES::EmailIdentity');
    const [setId] = only(template, 'AWS::SES::ConfigurationSet');
    template.hasOutput('EmailIdentityName', { Value: { Ref: identityId } });
    template.hasOutput('EmailConfigurationSetName', { Value: { Ref: setId } });
  });
});

describe('the AWS Solutions acknowledgements of email delivery', () => {
  it("are only the feedback function's, like every function's", () => {
    const { stack } = synth('dev');
    const found = acknowledgements(stack)
      .filter(({ path }) => path.startsWith('Sepakat-dev/Email/'))
      .map(({ path, id, reason }) => {
        expect(reason.length).toBeGreaterThan(60);
        return `${path.replace('Sepakat-dev/Email/', '')} ${id}`;
      });
    expect(found.sort()).toEqual([
      'SesFeedback/Function AwsSolutions-L1',
      'SesFeedback/Role AwsSolutions-IAM5[Resource::*]',
    ]);
  });
});

describe('the sender identity configuration', () => {
  const sender = { senderEmail: 'sepakat@bandung.example.go.id' };

  it('defaults to the domain of the sender', () => {
    expect(senderIdentity(sender)).toEqual({ kind: 'domain', name: 'bandung.example.go.id' });
  });

  it('takes the sender address, the sender domain or a parent domain', () => {
    expect(senderIdentity({ ...sender, emailIdentity: 'Sepakat@Bandung.example.go.id' })).toEqual({
      kind: 'address',
      name: 'sepakat@bandung.example.go.id',
    });
    expect(senderIdentity({ ...sender, emailIdentity: 'example.go.id' })).toEqual({
      kind: 'domain',
      name: 'example.go.id',
    });
  });

  it('refuses an identity that does not verify the sender', () => {
    expect(() =>
      senderIdentity({ ...sender, emailIdentity: 'other@bandung.example.go.id' }),
    ).toThrow(/is an address other than senderEmail/);
    expect(() => senderIdentity({ ...sender, emailIdentity: 'jakarta.example.go.id' })).toThrow(
      /does not cover senderEmail/,
    );
    expect(() => senderIdentity({ ...sender, emailIdentity: 'not a domain' })).toThrow(
      /neither an email address nor a domain/,
    );
  });

  it('fails the synth when the configured identity does not cover the sender', () => {
    const config = { ...environmentConfig('dev'), emailIdentity: 'jakarta.example.go.id' };
    expect(
      () =>
        new SepakatStack(new App({ context: { 'aws:cdk:bundling-stacks': [] } }), 'Careless', {
          config,
          consoleAssets: 'web/dist',
        }),
    ).toThrow(/does not cover senderEmail/);
  });
});
