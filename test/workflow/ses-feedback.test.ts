// The SES feedback function on DynamoDB Local and the SES stand-in, fed SNS events as the
// configuration set's event destination delivers them.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import type { Context, SNSEvent } from 'aws-lambda';
import { attachWorkflow } from '../../domain/execution.ts';
import type { Nudge } from '../../domain/nudge-plan.ts';
import { createHandler as createSendNudge } from '../../functions/send-nudge.ts';
import { createHandler } from '../../functions/ses-feedback.ts';
import {
  createStored,
  historyOf,
  startHarness,
  stored,
  type Harness,
} from '../support/workflow.ts';

const OFFICIAL = 'kadis@kuburaya.example.go.id';
const ESCALATION = 'sekda@kuburaya.example.go.id';
const HOST_COORDINATOR = 'koordinator@bandung.example.go.id';
const SENDER = 'sepakat@bandung.example.go.id';
const TOPIC_ARN = 'arn:aws:sns:ap-southeast-3:000000000000:sepakat-dev-email-feedback';
const context = {} as Context;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const feedback = () =>
  createHandler({ TABLE_NAME: h.table.tableName, SENDER_EMAIL: SENDER }, { now: h.clock.now });

/** The `mail` part SES repeats in every event: the nudge as it was sent, with its tags. */
function mail(agreementId: string | undefined, destination: string[]) {
  const messageId = `0107019${randomUUID().replaceAll('-', '')}-000000`;
  return {
    timestamp: '2019-06-01T02:58:00.000Z',
    source: SENDER,
    sourceArn: `arn:aws:ses:ap-southeast-3:000000000000:identity/${SENDER}`,
    sendingAccountId: '000000000000',
    messageId,
    destination,
    headersTruncated: false,
    headers: [{ name: 'Subject', value: 'Pengingat: penandatanganan MoU - Kabupaten Kubu Raya' }],
    commonHeaders: { from: [SENDER], to: destination, messageId, subject: 'Pengingat' },
    tags: {
      'ses:configuration-set': ['sepakat-dev-email'],
      'ses:source-ip': ['192.0.2.10'],
      'ses:from-domain': ['bandung.example.go.id'],
      'ses:caller-identity': ['sepakat-dev-send-nudge'],
      ...(agreementId ? { agreement: [agreementId] } : {}),
    },
  };
}

function bounceOf(agreementId: string | undefined, email: string, bounceType = 'Permanent') {
  return {
    eventType: 'Bounce',
    bounce: {
      feedbackId: `0107019${randomUUID().replaceAll('-', '')}-000000`,
      bounceType,
      bounceSubType: bounceType === 'Permanent' ? 'General' : 'MailboxFull',
      bouncedRecipients: [
        {
          emailAddress: email,
          action: 'failed',
          status: bounceType === 'Permanent' ? '5.1.1' : '4.2.2',
          diagnosticCode:
            bounceType === 'Permanent'
              ? 'smtp; 550 5.1.1 <kadis@kuburaya.example.go.id>: Recipient address rejected: User unknown'
              : 'smtp; 452 4.2.2 Mailbox full',
        },
      ],
      timestamp: '2019-06-01T02:59:00.000Z',
      reportingMTA: 'dns; a8-30.smtp-out.amazonses.com',
    },
    mail: mail(agreementId, [email, HOST_COORDINATOR]),
  };
}

function complaintOf(agreementId: string, email: string) {
  return {
    eventType: 'Complaint',
    complaint: {
      feedbackId: `0107019${randomUUID().replaceAll('-', '')}-000000`,
      complaintSubType: null,
      complainedRecipients: [{ emailAddress: email }],
      timestamp: '2019-06-01T03:00:00.000Z',
      userAgent: 'Mozilla/5.0',
      complaintFeedbackType: 'abuse',
      arrivalDate: '2019-06-01T02:59:58.000Z',
    },
    mail: mail(agreementId, [email]),
  };
}

/** An SNS event as Lambda receives it from the topic; the same message keeps its SNS id. */
function snsEvent(message: unknown, snsMessageId: string = randomUUID()): SNSEvent {
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: `${TOPIC_ARN}:${randomUUID()}`,
        Sns: {
          Type: 'Notification',
          MessageId: snsMessageId,
          TopicArn: TOPIC_ARN,
          Message: typeof message === 'string' ? message : JSON.stringify(message),
          Timestamp: '2019-06-01T03:00:01.000Z',
          SignatureVersion: '1',
          Signature: 'EXAMPLE',
          SigningCertUrl: 'https://sns.ap-southeast-3.amazonaws.com/cert.pem',
          UnsubscribeUrl: 'https://sns.ap-southeast-3.amazonaws.com/?Action=Unsubscribe',
          MessageAttributes: {},
        },
      },
    ],
  };
}

/** The alerts about an agreement in the SES stand-in. */
async function alertsAbout(agreementId: string) {
  return (await h.ses.emails()).filter(
    (e) =>
      (e.body.text ?? '').includes(agreementId) &&
      /tidak dapat dikirimi|undeliverable/.test(e.subject),
  );
}

async function eventsOf(agreementId: string, type: string) {
  return (await historyOf(h, agreementId)).filter((e) => e.type === type);
}

describe('a permanent bounce', () => {
  it("marks the contact's address, records it and alerts the host coordinator", async () => {
    const agreement = await createStored(h, 'agr-bounce');
    const report = await feedback()(snsEvent(bounceOf(agreement.id, OFFICIAL)), context);
    expect(report).toEqual({
      marked: [`agr-bounce ${OFFICIAL}`],
      alerted: [`agr-bounce ${OFFICIAL}`],
      skipped: 0,
    });

    const marked = await stored(h, agreement.id);
    expect(marked.undeliverable?.[OFFICIAL]).toMatchObject({
      since: '2019-06-01T02:59:00.000Z',
      kind: 'BOUNCE',
      detail: expect.stringContaining('Permanent/General: smtp; 550 5.1.1') as unknown,
      alertedAt: expect.any(String) as unknown,
    });
    // Only the address that bounced: the coordinator copied on the same email is fine.
    expect(Object.keys(marked.undeliverable ?? {})).toEqual([OFFICIAL]);

    const [event, ...more] = await eventsOf(agreement.id, 'CONTACT_UNDELIVERABLE');
    expect(more).toEqual([]);
    expect(event).toMatchObject({
      actor: 'email-feedback',
      data: {
        email: OFFICIAL,
        kind: 'BOUNCE',
        contacts: [{ role: 'OFFICIAL', side: 'PARTNER' }],
      },
    });

    const alerts = await alertsAbout(agreement.id);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.destination.to).toEqual([HOST_COORDINATOR]);
    expect(alerts[0]?.from).toContain(SENDER);
    expect(alerts[0]?.subject).toBe(
      `Alamat email tidak dapat dikirimi: ${OFFICIAL} - ${agreement.partnerRegion.name}`,
    );
    expect(alerts[0]?.body.text).toContain('Kepala Diskominfo Kabupaten Kubu Raya');
    expect(alerts[0]?.body.text).toContain('User unknown');
  });

  it('redelivered by SNS changes nothing and sends no second alert', async () => {
    const agreement = await createStored(h, 'agr-bounce-twice');
    const event = snsEvent(bounceOf(agreement.id, OFFICIAL));
    await feedback()(event, context);
    const after = await stored(h, agreement.id);

    const again = await feedback()(event, context);
    expect(again).toEqual({ marked: [], alerted: [], skipped: 0 });
    // A second bounce of the same address (another nudge) is no news either.
    await feedback()(snsEvent(bounceOf(agreement.id, OFFICIAL.toUpperCase())), context);

    expect((await stored(h, agreement.id)).version).toBe(after.version);
    expect(await eventsOf(agreement.id, 'CONTACT_UNDELIVERABLE')).toHaveLength(1);
    expect(await alertsAbout(agreement.id)).toHaveLength(1);
  });

  it('redelivered after the alert failed to go out, alerts then', async () => {
    const agreement = await createStored(h, 'agr-bounce-alert-lost');
    const broken = createHandler(
      { TABLE_NAME: h.table.tableName, SENDER_EMAIL: SENDER },
      {
        now: h.clock.now,
        // A mail service that is down: the send fails after the mark was written.
        ses: new SESv2Client({ endpoint: 'http://127.0.0.1:9', maxAttempts: 1 }),
      },
    );
    const event = snsEvent(bounceOf(agreement.id, OFFICIAL));
    await expect(broken(event, context)).rejects.toThrow();
    expect((await stored(h, agreement.id)).undeliverable?.[OFFICIAL]?.alertedAt).toBeUndefined();
    expect(await alertsAbout(agreement.id)).toHaveLength(0);

    const report = await feedback()(event, context);
    expect(report).toEqual({ marked: [], alerted: [`${agreement.id} ${OFFICIAL}`], skipped: 0 });
    expect(await alertsAbout(agreement.id)).toHaveLength(1);
    expect(await eventsOf(agreement.id, 'CONTACT_UNDELIVERABLE')).toHaveLength(1);
  });
});

describe('a complaint', () => {
  it('marks the address, records it and alerts the host coordinator, once', async () => {
    const agreement = await createStored(h, 'agr-complaint');
    const event = snsEvent(complaintOf(agreement.id, ESCALATION));
    const report = await feedback()(event, context);
    expect(report.marked).toEqual([`agr-complaint ${ESCALATION}`]);
    await feedback()(event, context);

    expect((await stored(h, agreement.id)).undeliverable?.[ESCALATION]).toMatchObject({
      kind: 'COMPLAINT',
      detail: 'Complaint: abuse',
    });
    const events = await eventsOf(agreement.id, 'CONTACT_UNDELIVERABLE');
    expect(events.map((e) => e.data.email)).toEqual([ESCALATION]);
    const alerts = await alertsAbout(agreement.id);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.destination.to).toEqual([HOST_COORDINATOR]);
  });
});

describe('nothing is marked', () => {
  it('for a transient bounce', async () => {
    const agreement = await createStored(h, 'agr-transient');
    const report = await feedback()(
      snsEvent(bounceOf(agreement.id, OFFICIAL, 'Transient')),
      context,
    );
    expect(report).toEqual({ marked: [], alerted: [], skipped: 0 });
    expect((await stored(h, agreement.id)).version).toBe(agreement.version);
    expect(await alertsAbout(agreement.id)).toEqual([]);
  });

  it('for an address that is no contact of the agreement', async () => {
    const agreement = await createStored(h, 'agr-stranger');
    await feedback()(snsEvent(bounceOf(agreement.id, 'someone@elsewhere.example')), context);
    expect((await stored(h, agreement.id)).version).toBe(agreement.version);
    expect(await alertsAbout(agreement.id)).toEqual([]);
  });

  it('for a delivery, and for an email sent without the agreement tag', async () => {
    const agreement = await createStored(h, 'agr-delivered');
    const delivery = {
      eventType: 'Delivery',
      delivery: { timestamp: '2019-06-01T02:58:02.000Z', recipients: [OFFICIAL] },
      mail: mail(agreement.id, [OFFICIAL]),
    };
    const untagged = bounceOf(undefined, OFFICIAL);
    const report = await feedback()(snsEvent(delivery), context);
    const report2 = await feedback()(snsEvent(untagged), context);
    expect([report.skipped, report2.skipped]).toEqual([1, 1]);
    expect((await stored(h, agreement.id)).version).toBe(agreement.version);
  });

  it('for the send event of an email that is no nudge (e.g. an alert)', async () => {
    const agreement = await createStored(h, 'agr-sent-alert');
    const sent = { eventType: 'Send', send: {}, mail: mail(agreement.id, [OFFICIAL]) };
    const report = await feedback()(snsEvent(sent), context);
    expect(report).toEqual({ marked: [], alerted: [], skipped: 1 });
    expect((await stored(h, agreement.id)).version).toBe(agreement.version);
  });

  it('for an unknown agreement, without an error', async () => {
    const report = await feedback()(snsEvent(bounceOf('agr-no-such-thing', OFFICIAL)), context);
    expect(report).toEqual({ marked: [], alerted: [], skipped: 1 });
  });
});

describe('a malformed message', () => {
  it.each([
    ['not JSON', '{"eventType": "Bounce", '],
    ['no mail', { eventType: 'Bounce', bounce: { bounceType: 'Permanent' } }],
    ['a bad agreement tag', bounceOf('agr/../../x', OFFICIAL)],
    [
      'no recipients',
      { ...bounceOf('agr-malformed', OFFICIAL), bounce: { bounceType: 'Permanent' } },
    ],
    [
      'a recipient without an address',
      {
        ...bounceOf('agr-malformed', OFFICIAL),
        bounce: { ...bounceOf('x', OFFICIAL).bounce, bouncedRecipients: [{ status: '5.1.1' }] },
      },
    ],
    ['a JSON array', '[]'],
    [
      'a send event with a bad nudge tag',
      {
        eventType: 'Send',
        send: {},
        mail: {
          ...mail('agr-malformed', [OFFICIAL]),
          tags: { agreement: ['agr-malformed'], nudge: ['x'] },
        },
      },
    ],
  ])('(%s) is skipped without throwing', async (_what, message) => {
    const agreement = await stored(h, 'agr-malformed').catch(() =>
      createStored(h, 'agr-malformed'),
    );
    const report = await feedback()(snsEvent(message), context);
    expect(report).toEqual({ marked: [], alerted: [], skipped: 1 });
    expect((await stored(h, agreement.id)).version).toBe(agreement.version);
  });

  it('(an event without records) is skipped without throwing', async () => {
    const report = await feedback()({} as SNSEvent, context);
    expect(report).toEqual({ marked: [], alerted: [], skipped: 0 });
  });
});

describe('after a bounce', () => {
  it('sends the next nudge to the escalation contact instead of the bounced official', async () => {
    const agreement = await createStored(h, 'agr-bounce-then-nudge', {
      milestones: [{ type: 'MOU_SIGNED', occurredAt: '2018-12-14' }],
    });
    await feedback()(snsEvent(bounceOf(agreement.id, OFFICIAL)), context);

    // The workflow's next PKS reminder, sent by the real task function.
    const executionArn = 'arn:aws:states:ap-southeast-3:000000000000:execution:test:after-bounce';
    const current = await stored(h, agreement.id);
    const attached = attachWorkflow(
      current,
      { executionArn, executionStartTime: new Date().toISOString() },
      h.clock.now(),
    );
    if (!attached || attached === 'superseded') throw new Error('expected to take over');
    await h.table.repository.update(attached.agreement, attached.events);
    const nudge: Nudge = {
      waitKey: 'PKS',
      key: 'PKS',
      number: 2,
      kind: 'REMINDER',
      dueAt: '2019-01-14T01:00:00.000Z',
    };
    const send = createSendNudge(
      { TABLE_NAME: h.table.tableName, SENDER_EMAIL: SENDER },
      { now: h.clock.now },
    );
    expect(await send({ agreementId: agreement.id, executionArn, nudge }, context)).toMatchObject({
      sent: true,
    });

    const [reminder, ...more] = (await h.ses.emails()).filter(
      (e) => (e.body.text ?? '').includes(agreement.id) && e.subject.startsWith('Pengingat'),
    );
    expect(more).toEqual([]);
    expect(reminder?.destination.to).toEqual([ESCALATION]);
    expect([
      ...(reminder?.destination.to ?? []),
      ...(reminder?.destination.cc ?? []),
    ]).not.toContain(OFFICIAL);
  });
});
