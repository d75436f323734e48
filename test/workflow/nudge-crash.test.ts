// A crash of the send task between claiming a nudge, sending it and recording it neither loses
// nor duplicates the nudge: the crash is injected at each point into the task's own SES and
// DynamoDB clients, then the retry (and the planner's re-plan) runs on DynamoDB Local and the
// SES stand-in, which must hold exactly one email of the nudge.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import type { Context, SNSEvent } from 'aws-lambda';
import { nudgeTagValue } from '../../adapters/ses/message-tags.ts';
import { attachWorkflow } from '../../domain/execution.ts';
import { NUDGE_CONFIRMATION_TIMEOUT_MS } from '../../domain/nudge-ledger.ts';
import { planWait, type Nudge } from '../../domain/nudge-plan.ts';
import type { TaskOptions } from '../../functions/shared/environment.ts';
import { createHandler as createSendNudge } from '../../functions/send-nudge.ts';
import { createHandler as createFeedback } from '../../functions/ses-feedback.ts';
import { createStored, startHarness, stored, type Harness } from '../support/workflow.ts';

const SENDER = 'sepakat@bandung.example.go.id';
const executionArn = 'arn:aws:states:ap-southeast-3:000000000000:execution:test:crash';
const context = {} as Context;

/** A client whose first request (matching `when`) dies before or after reaching its service. */
function crashingOnce<C extends SESv2Client | DynamoDBClient>(
  client: C,
  point: 'before' | 'after',
  when: (input: string) => boolean = () => true,
): C {
  let crashed = false;
  client.middlewareStack.add(
    (next) => async (args) => {
      if (crashed || !when(JSON.stringify(args.input))) return next(args);
      crashed = true;
      if (point === 'before') throw new Error('The send task died before this request');
      await next(args);
      throw new Error('The send task died after this request');
    },
    // Before the SDK's own retries: the process is gone, nothing retries.
    { step: 'initialize', name: 'crash' },
  );
  return client;
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

/** An agreement in the PKS stage driven by this execution, and its opening nudge. */
async function inPks(id: string): Promise<{ nudge: Nudge; at: Date }> {
  const agreement = await createStored(h, id, {
    milestones: [{ type: 'MOU_SIGNED', occurredAt: '2018-12-14' }],
  });
  const at = h.clock.now();
  const change = attachWorkflow(
    agreement,
    { executionArn, executionStartTime: at.toISOString() },
    at,
  );
  if (!change || change === 'superseded') throw new Error('expected to take over');
  await h.table.repository.update(change.agreement, change.events);
  // The opening nudge, sent at a time whose claim's confirmation timeout also ends in office
  // hours: the tests re-plan at that timeout and must find the nudge due, not the office closed
  // (the scaled clock can put `at` in the last minutes of a working day).
  const planAt = (when: Date) => planWait(change.agreement, 'PKS', when);
  let sendAt = at;
  for (let step = 0; step < 3; step++) {
    const plan = planAt(sendAt);
    const atTimeout = planAt(later(sendAt, NUDGE_CONFIRMATION_TIMEOUT_MS));
    if (plan.action === 'NUDGE' && atTimeout.action === 'NUDGE') {
      return { nudge: plan.nudge, at: sendAt };
    }
    const wait = plan.action === 'WAIT' ? plan : atTimeout;
    if (wait.action !== 'WAIT') break;
    sendAt = new Date(wait.nextAt);
  }
  throw new Error(`expected the PKS opening nudge due in office hours after ${at.toISOString()}`);
}

/** The send task at `at`, with the given clients and where it learns what SES sent. */
function sendTask(at: Date, options: TaskOptions = {}) {
  const handler = createSendNudge(
    { TABLE_NAME: h.table.tableName, SENDER_EMAIL: SENDER },
    { now: () => at, sentMessages: h.ses.sentMessages, ...options },
  );
  return (agreementId: string, nudge: Nudge) =>
    handler({ agreementId, executionArn, nudge }, context);
}

const later = (at: Date, ms: number) => new Date(at.getTime() + ms);

async function emailsOf(agreementId: string, nudge: Nudge) {
  return (await h.ses.emails()).filter(
    (e) => e.tags.agreement === agreementId && e.tags.nudge === nudgeTagValue(nudge),
  );
}

/** Exactly one email of the nudge went out, and exactly one NUDGE_SENT names it. */
async function expectSentOnce(agreementId: string, nudge: Nudge) {
  const emails = await emailsOf(agreementId, nudge);
  expect(emails).toHaveLength(1);
  const recorded = (await h.table.repository.history(agreementId, { limit: 100 })).items.filter(
    (e) => e.type === 'NUDGE_SENT',
  );
  expect(recorded).toHaveLength(1);
  expect(recorded[0]?.data).toMatchObject({
    number: nudge.number,
    messageId: emails[0]?.messageId,
  });
  expect(recorded[0]?.data).not.toHaveProperty('unconfirmed');
  expect((await stored(h, agreementId)).nudges[nudge.key]).toEqual({
    sent: nudge.number,
    lastSentAt: expect.any(String),
  });
}

describe('a crash of the send task', () => {
  it('after the claim, before the send: the nudge goes out once its claim timed out', async () => {
    const id = 'agr-crash-claimed';
    const { nudge, at } = await inPks(id);
    const ses = crashingOnce(new SESv2Client({}), 'before');
    await expect(sendTask(at, { ses })(id, nudge)).rejects.toThrow('died before');
    expect(await emailsOf(id, nudge)).toEqual([]);

    // A retry while the first attempt may still be in flight sends nothing...
    const soon = later(at, 60_000);
    expect(await sendTask(soon)(id, nudge)).toEqual({ sent: false, inFlight: true });
    // ... and the re-plan sleeps until the claim's confirmation timeout.
    const expiry = later(at, NUDGE_CONFIRMATION_TIMEOUT_MS);
    expect(planWait(await stored(h, id), 'PKS', soon)).toMatchObject({
      action: 'WAIT',
      nextAt: expiry.toISOString(),
    });
    // Then the nudge is due again, and sent.
    expect(planWait(await stored(h, id), 'PKS', expiry)).toEqual({ action: 'NUDGE', nudge });
    expect(await sendTask(expiry)(id, nudge)).toMatchObject({ sent: true });
    await expectSentOnce(id, nudge);
  });

  it('after the send, before its answer: the retry records the email SES sent', async () => {
    const id = 'agr-crash-sent';
    const { nudge, at } = await inPks(id);
    const ses = crashingOnce(new SESv2Client({}), 'after');
    await expect(sendTask(at, { ses })(id, nudge)).rejects.toThrow('died after');
    expect(await emailsOf(id, nudge)).toHaveLength(1);

    const result = await sendTask(later(at, 1_000))(id, nudge);
    expect(result).toMatchObject({
      sent: true,
      messageId: (await emailsOf(id, nudge))[0]?.messageId,
    });
    await expectSentOnce(id, nudge);
    // Long after the timeout, a stray retry still sends nothing.
    expect(await sendTask(later(at, 2 * NUDGE_CONFIRMATION_TIMEOUT_MS))(id, nudge)).toEqual({
      sent: false,
    });
    await expectSentOnce(id, nudge);
  });

  it('after the send, before the record is written: the retry records it', async () => {
    const id = 'agr-crash-record';
    const { nudge, at } = await inPks(id);
    const dynamoDb = crashingOnce(new DynamoDBClient({}), 'before', (input) =>
      input.includes('NUDGE_SENT'),
    );
    await expect(sendTask(at, { dynamoDb })(id, nudge)).rejects.toThrow('died before');
    expect(await emailsOf(id, nudge)).toHaveLength(1);
    expect((await stored(h, id)).nudges[nudge.key]).toMatchObject({ pending: 1 });

    // Past the timeout too: the send event, not the clock, decides.
    expect(await sendTask(later(at, NUDGE_CONFIRMATION_TIMEOUT_MS))(id, nudge)).toMatchObject({
      sent: true,
    });
    await expectSentOnce(id, nudge);
  });
});

describe('in AWS, where SES send events confirm a claim', () => {
  const feedback = () =>
    createFeedback({ TABLE_NAME: h.table.tableName, SENDER_EMAIL: SENDER }, { now: h.clock.now });

  /** The SNS event the configuration set's destination delivers for a captured email. */
  function sendEventOf(email: { messageId: string; tags: Record<string, string> }): SNSEvent {
    const tags = Object.fromEntries(Object.entries(email.tags).map(([k, v]) => [k, [v]]));
    const message = {
      eventType: 'Send',
      mail: {
        timestamp: '2018-12-14T03:00:00.000Z',
        source: SENDER,
        messageId: email.messageId,
        tags,
      },
      send: {},
    };
    return {
      Records: [{ Sns: { MessageId: `sns-${email.messageId}`, Message: JSON.stringify(message) } }],
    } as SNSEvent;
  }

  it('records a nudge sent before the crash from its send event, without sending again', async () => {
    const id = 'agr-crash-send-event';
    const { nudge, at } = await inPks(id);
    // The default, SES events: what the feedback function kept on the claim.
    const aws: TaskOptions = { sentMessages: undefined };
    const ses = crashingOnce(new SESv2Client({}), 'after');
    await expect(sendTask(at, { ses, ...aws })(id, nudge)).rejects.toThrow('died after');
    const [email] = await emailsOf(id, nudge);
    if (!email) throw new Error('expected the email to have gone out');

    // Before its send event, a retry cannot know: it waits for the event or the timeout.
    expect(await sendTask(later(at, 1_000), aws)(id, nudge)).toEqual({
      sent: false,
      inFlight: true,
    });
    await feedback()(sendEventOf(email), context);
    // The re-plan does not wait for the timeout once the send event came.
    expect(planWait(await stored(h, id), 'PKS', later(at, 2_000))).toEqual({
      action: 'NUDGE',
      nudge,
    });
    expect(await sendTask(later(at, 2_000), aws)(id, nudge)).toMatchObject({
      sent: true,
      messageId: email.messageId,
    });
    await expectSentOnce(id, nudge);
    // A send event delivered again after the record writes nothing.
    const version = (await stored(h, id)).version;
    await feedback()(sendEventOf(email), context);
    expect((await stored(h, id)).version).toBe(version);
  });
});
