// The SES-specific rules of sending: the message tag that names an email's agreement, and which
// refusals are final for the message (the mailer then throws PermanentSendFailureError).
import { describe, expect, it } from '@jest/globals';
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import { deliveryTags, nudgeTagValue, parseNudgeTag } from '../../adapters/ses/message-tags.ts';
import { isPermanentSendFailure, SesMailer } from '../../adapters/ses/ses-mailer.ts';
import { PermanentSendFailureError, type OutgoingEmail } from '../../domain/ports.ts';

describe('deliveryTags', () => {
  it('tags an email with its agreement id, when SES accepts the id as a tag value', () => {
    expect(deliveryTags('01J9ZK3Q4X5Y6Z7A8B9C0D1E2F')).toEqual([
      { Name: 'agreement', Value: '01J9ZK3Q4X5Y6Z7A8B9C0D1E2F' },
    ]);
    expect(deliveryTags('agr-kubu-raya')).toEqual([{ Name: 'agreement', Value: 'agr-kubu-raya' }]);
    expect(deliveryTags('not a tag/value')).toEqual([]);
    expect(deliveryTags('')).toEqual([]);
  });
});

describe('the nudge tag', () => {
  it('names the nudge in a value SES accepts, and reads back', () => {
    const nudge = { key: 'HANDOVER#hayu-bdg', number: 3 };
    const tags = deliveryTags('agr-kubu-raya', nudge);
    expect(tags).toEqual([
      { Name: 'agreement', Value: 'agr-kubu-raya' },
      { Name: 'nudge', Value: nudgeTagValue(nudge) },
    ]);
    expect(nudgeTagValue(nudge)).toMatch(/^3-[A-Za-z0-9_-]+$/);
    expect(parseNudgeTag(nudgeTagValue(nudge))).toEqual(nudge);
  });

  it('reads nothing from a value that is no nudge tag', () => {
    for (const value of ['x', '0-UEtT', '3-', '-UEtT', 3, undefined]) {
      expect(parseNudgeTag(value)).toBeUndefined();
    }
  });
});

describe('isPermanentSendFailure', () => {
  const sender = 'sepakat@bandung.example.go.id';

  it('is true for a message SES rejected, e.g. an unverified recipient in the sandbox', () => {
    expect(isPermanentSendFailure('MessageRejected')).toBe(true);
    expect(
      isPermanentSendFailure(
        'MessageRejected',
        'Email address is not verified. The following identities failed the check in region AP-SOUTHEAST-3: kadis@kuburaya.example.go.id',
        sender,
      ),
    ).toBe(true);
  });

  it('is false when the sender itself is not verified: that is the configuration', () => {
    expect(
      isPermanentSendFailure(
        'MessageRejected',
        `Email address is not verified. The following identities failed the check in region AP-SOUTHEAST-3: ${sender}, kadis@kuburaya.example.go.id`,
        sender,
      ),
    ).toBe(false);
  });

  it('is false for account- or configuration-wide refusals and other errors', () => {
    for (const name of [
      'AccountSendingPausedException',
      'ConfigurationSetSendingPausedException',
      'ConfigurationSetDoesNotExistException',
      'MailFromDomainNotVerifiedException',
      // SES v2's names (the mailer sends through v2).
      'SendingPausedException',
      'AccountSuspendedException',
      'NotFoundException',
      'TooManyRequestsException',
      'Throttling',
      'ValidationError',
    ]) {
      expect([name, isPermanentSendFailure(name)]).toEqual([name, false]);
    }
  });
});

describe('SesMailer', () => {
  const sender = 'sepakat@bandung.example.go.id';
  const email: OutgoingEmail = {
    to: ['kadis@kuburaya.example.go.id'],
    cc: [],
    subject: 'Pengingat',
    text: 'Nomor referensi: agr-ses\n',
  };
  /** A mailer whose SES client refuses every send with this error. */
  const refusing = (name: string, message: string) =>
    new SesMailer({
      client: {
        send: () => Promise.reject(Object.assign(new Error(message), { name })),
      } as unknown as SESv2Client,
      sender,
    });

  it('sends with the configuration set and the delivery tags', async () => {
    const inputs: unknown[] = [];
    const mailer = new SesMailer({
      client: {
        send: (command: { input: unknown }) => {
          inputs.push(command.input);
          return Promise.resolve({ MessageId: 'm-1' });
        },
      } as unknown as SESv2Client,
      sender,
      configurationSet: 'sepakat-dev',
    });
    const nudge = { key: 'PKS', number: 1 };
    await expect(mailer.send({ ...email, agreementId: 'agr-ses', nudge })).resolves.toEqual({
      messageId: 'm-1',
    });
    expect(inputs).toEqual([
      expect.objectContaining({
        FromEmailAddress: sender,
        ConfigurationSetName: 'sepakat-dev',
        EmailTags: deliveryTags('agr-ses', nudge),
      }),
    ]);
  });

  it('throws PermanentSendFailureError, with the SES name and message, for a final refusal', async () => {
    const sent = refusing('MessageRejected', 'Address blacklisted.').send(email);
    await expect(sent).rejects.toBeInstanceOf(PermanentSendFailureError);
    await expect(sent).rejects.toMatchObject({
      name: 'MessageRejected',
      message: 'Address blacklisted.',
    });
  });

  it('lets every other error through as it is', async () => {
    const sent = refusing(
      'MessageRejected',
      `Email address is not verified. The following identities failed the check in region AP-SOUTHEAST-3: ${sender}`,
    ).send(email);
    await expect(sent).rejects.not.toBeInstanceOf(PermanentSendFailureError);
    const paused = refusing('SendingPausedException', 'Sending paused').send(email);
    await expect(paused).rejects.toMatchObject({ name: 'SendingPausedException' });
    await expect(paused).rejects.not.toBeInstanceOf(PermanentSendFailureError);
  });
});
