// Sending identity and delivery tracking: the SES identity that verifies the sender, a
// configuration set whose bounce, complaint and reject events go to an encrypted SNS topic, and
// the `ses-feedback` function subscribed to it, which marks contacts undeliverable
// (functions/ses-feedback.ts). The workflow's senders get the configuration set's name and
// may send only from this identity with this configuration set.
import { ArnFormat, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { AnyPrincipal, Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  ConfigurationSet,
  EmailIdentity,
  EmailSendingEvent,
  EventDestination,
  Identity,
} from 'aws-cdk-lib/aws-ses';
import type { Topic } from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import type { Capability } from '../../functions/workflow-tasks.ts';
import type { SenderIdentity } from '../config.ts';
import { encryptedTopic } from './encrypted-topic.ts';
import { definedFunction } from './sepakat-function.ts';

/** The feedback function, described like a workflow task entry (it is no task of the state machine). */
export const SES_FEEDBACK_FUNCTION = {
  name: 'ses-feedback',
  entry: 'functions/ses-feedback.ts',
  description:
    'Marks contacts undeliverable on SES bounces and complaints and alerts the host coordinators',
  capabilities: ['readTable', 'writeTable', 'sendEmail'] as Capability[],
  environment: ['TABLE_NAME', 'SENDER_EMAIL', 'SES_CONFIGURATION_SET'],
} as const;

/**
 * The SES events the feedback function hears about. SEND confirms a claimed nudge whose send
 * task stopped before recording it (application/record-send-event.ts).
 */
export const FEEDBACK_EVENTS = [
  EmailSendingEvent.SEND,
  EmailSendingEvent.BOUNCE,
  EmailSendingEvent.COMPLAINT,
  EmailSendingEvent.REJECT,
];

export interface EmailDeliveryProps {
  /** Prefix of the physical names, e.g. `sepakat-dev`. */
  readonly namePrefix: string;
  /** The agreements table the feedback function marks contacts on. */
  readonly table: ITable;
  /** The address every email is sent from. */
  readonly senderEmail: string;
  /** The identity that verifies it (infra/config.ts `senderIdentity`). */
  readonly identity: SenderIdentity;
  readonly logRetention: RetentionDays;
  /** Keep the log group and the topic's key when the stack is deleted. */
  readonly production: boolean;
}

export class EmailDelivery extends Construct {
  readonly identity: EmailIdentity;
  readonly identityArn: string;
  readonly configurationSet: ConfigurationSet;
  readonly configurationSetName: string;
  readonly configurationSetArn: string;
  readonly topic: Topic;
  readonly feedbackFunction: NodejsFunction;

  constructor(scope: Construct, id: string, props: EmailDeliveryProps) {
    super(scope, id);
    const stack = Stack.of(this);

    // No suppression options of its own: the account-level suppression list applies, and an
    // address on it comes back as a permanent bounce (OnAccountSuppressionList).
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      configurationSetName: `${props.namePrefix}-email`,
      reputationMetrics: true,
      sendingEnabled: true,
    });
    this.configurationSetName = this.configurationSet.configurationSetName;
    this.configurationSetArn = stack.formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: this.configurationSetName,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });

    this.topic = encryptedTopic(this, 'FeedbackTopic', {
      topicName: `${props.namePrefix}-email-feedback`,
      displayName: 'Sepakat SES bounces and complaints',
      publisher: 'ses.amazonaws.com',
      sid: 'AllowSesToPublishToTheFeedbackTopic',
      retainKey: props.production,
    });
    // Also adds the topic policy that lets SES publish for this configuration set only.
    this.configurationSet.addEventDestination('Feedback', {
      configurationSetEventDestinationName: 'feedback-topic',
      destination: EventDestination.snsTopic(this.topic),
      events: FEEDBACK_EVENTS,
    });
    // The feedback function marks contacts undeliverable on what it reads here, so nobody else
    // may publish: an identity policy of this account allowing sns:Publish would otherwise
    // suffice. Whatever does not come for this configuration set of this account is refused.
    const refuseUnless = (sid: string, conditions: Record<string, Record<string, string>>) =>
      this.topic.addToResourcePolicy(
        new PolicyStatement({
          sid,
          effect: Effect.DENY,
          principals: [new AnyPrincipal()],
          actions: ['sns:Publish'],
          resources: [this.topic.topicArn],
          conditions,
        }),
      );
    refuseUnless('OnlyThisConfigurationSetPublishes', {
      ArnNotEquals: { 'aws:SourceArn': this.configurationSetArn },
    });
    refuseUnless('OnlyThisAccountPublishes', {
      StringNotEquals: { 'aws:SourceAccount': stack.account },
    });

    this.identity = new EmailIdentity(this, 'Identity', {
      identity:
        props.identity.kind === 'domain'
          ? Identity.domain(props.identity.name)
          : Identity.email(props.identity.name),
      // Emails sent from the identity without a configuration set get this one.
      configurationSet: this.configurationSet,
    });
    this.identityArn = this.identity.emailIdentityArn;

    this.feedbackFunction = definedFunction(this, SES_FEEDBACK_FUNCTION, {
      kind: 'function',
      description: SES_FEEDBACK_FUNCTION.description,
      environmentValues: {
        TABLE_NAME: props.table.tableName,
        SENDER_EMAIL: props.senderEmail,
        SES_CONFIGURATION_SET: this.configurationSetName,
      },
      resources: {
        table: props.table,
        senderEmail: props.senderEmail,
        emailIdentityArn: this.identityArn,
        configurationSetArn: this.configurationSetArn,
      },
      logRetention: props.logRetention,
      logRemovalPolicy: props.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    this.topic.addSubscription(new LambdaSubscription(this.feedbackFunction));
  }
}
