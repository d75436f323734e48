// An SNS topic that an AWS service publishes to, encrypted with a key only that service may use
// for it. The service publishes under its own principal, so the topic's key must let it: a
// customer managed key (the AWS managed alias/aws/sns cannot be granted). The topic's name is
// fixed so that the key policy can name its ARN without a cycle.
import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';

export interface EncryptedTopicProps {
  readonly topicName: string;
  readonly displayName: string;
  /** The service that publishes, e.g. `ses.amazonaws.com`. */
  readonly publisher: string;
  /** The key policy statement's id, saying who publishes what. */
  readonly sid: string;
  /** Keep the key when the stack is deleted. */
  readonly retainKey: boolean;
}

/** The key (`TopicKey`) and the topic (`topicId`), created in `scope`. */
export function encryptedTopic(
  scope: Construct,
  topicId: string,
  props: EncryptedTopicProps,
): Topic {
  const topicArn = Stack.of(scope).formatArn({ service: 'sns', resource: props.topicName });
  const key = new Key(scope, 'TopicKey', {
    description: `Encrypts the topic ${props.topicName}`,
    enableKeyRotation: true,
    removalPolicy: props.retainKey ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
  });
  key.addToResourcePolicy(
    new PolicyStatement({
      sid: props.sid,
      principals: [new ServicePrincipal(props.publisher)],
      actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
      resources: ['*'],
      conditions: { StringEquals: { 'kms:EncryptionContext:aws:sns:topicArn': topicArn } },
    }),
  );
  return new Topic(scope, topicId, {
    topicName: props.topicName,
    displayName: props.displayName,
    masterKey: key,
    enforceSSL: true,
  });
}
