// The SES mailer against the SES stand-in: an email with text, html and a calendar invitation
// goes out through SES v2 SendEmail (simple content) and comes back as sent.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { nudgeTagValue } from '../../adapters/ses/message-tags.ts';
import { InvalidMessageError, simpleEmail } from '../../adapters/ses/simple-email.ts';
import { SesMailer } from '../../adapters/ses/ses-mailer.ts';
import type { OutgoingEmail } from '../../domain/ports.ts';
import { startSesLocal, type CapturedEmail, type SesLocal } from '../../local/ses-local.ts';

const SENDER = 'sepakat@bandung.example.go.id';
const ICS = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Sepakat//Kerja Sama Smart City//ID',
  'BEGIN:VEVENT',
  'UID:agr-ses.training@sepakat',
  'DTSTAMP:20190320T030000Z',
  'DTSTART;VALUE=DATE:20190408',
  'DTEND;VALUE=DATE:20190413',
  'SUMMARY:Bimtek aplikasi Kota Bandung untuk Kabupaten Kubu Raya',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

const email: OutgoingEmail = {
  to: ['kadis@kuburaya.example.go.id', 'bappeda@kuburaya.example.go.id'],
  cc: ['koordinator@bandung.example.go.id'],
  subject: 'Undangan bimtek 8–12 April 2019: kerja sama dengan Kabupaten Kubu Raya',
  text: 'Yth. Bapak/Ibu Kepala Diskominfo Kabupaten Kubu Raya\ndi tempat\n\nNomor referensi: agr-ses\n',
  html: '<!DOCTYPE html>\n<html lang="id"><body><p>Yth. Bapak/Ibu Kepala Diskominfo Kabupaten Kubu Raya</p><p>Nomor referensi: agr-ses</p></body></html>',
  attachments: [
    {
      filename: 'undangan-bimtek-agr-ses.ics',
      contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
      content: ICS,
    },
  ],
};

let ses: SesLocal;
let client: SESv2Client;
let mailer: SesMailer;

beforeAll(async () => {
  ses = await startSesLocal();
  client = new SESv2Client({
    endpoint: ses.endpoint,
    region: 'ap-southeast-3',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  mailer = new SesMailer({ client, sender: SENDER });
});

afterAll(async () => {
  client.destroy();
  await ses.stop();
});

async function sent(messageId: string): Promise<CapturedEmail> {
  const found = (await ses.emails()).find((e) => e.messageId === messageId);
  if (!found) throw new Error(`no email ${messageId} in the stand-in`);
  return found;
}

describe('the SES mailer', () => {
  it('sends text, html and a calendar invitation in one email', async () => {
    const { messageId } = await mailer.send(email);
    const captured = await sent(messageId);
    expect(captured.from).toBe(SENDER);
    expect(captured.destination).toEqual({
      to: ['kadis@kuburaya.example.go.id', 'bappeda@kuburaya.example.go.id'],
      cc: ['koordinator@bandung.example.go.id'],
      bcc: [],
    });
    expect(captured.subject).toBe(email.subject);
    expect(captured.body.text?.replaceAll('\r\n', '\n').trimEnd()).toBe(email.text.trimEnd());
    expect(captured.body.html?.replaceAll('\r\n', '\n').trimEnd()).toBe(email.html);
    expect(captured.attachments).toHaveLength(1);
    const [attachment] = captured.attachments;
    expect(attachment?.filename).toBe('undangan-bimtek-agr-ses.ics');
    expect(attachment?.contentType).toBe('text/calendar');
    expect(Buffer.from(attachment?.content ?? '', 'base64').toString('utf8')).toBe(ICS);
  });

  it('sends a text-only email as well', async () => {
    const { messageId } = await mailer.send({
      to: ['kadis@kuburaya.example.go.id'],
      cc: [],
      subject: 'Pengingat',
      text: 'Halo',
    });
    const captured = await sent(messageId);
    expect(captured.body.text?.trim()).toBe('Halo');
    expect(captured.body.html).toBeUndefined();
    expect(captured.attachments).toEqual([]);
  });

  it('tags an email with its agreement and nudge, which the stand-in answers as send events', async () => {
    const nudge = { key: 'TRAINING', number: 2 };
    const { messageId } = await mailer.send({ ...email, agreementId: 'agr-ses', nudge });
    expect((await sent(messageId)).tags).toEqual({
      agreement: 'agr-ses',
      nudge: nudgeTagValue(nudge),
    });
    await expect(ses.sentMessages.sentNudge('agr-ses', nudge)).resolves.toBe(messageId);
    await expect(ses.sentMessages.sentNudge('agr-ses', { ...nudge, number: 3 })).resolves.toBe(
      undefined,
    );
  });

  it('keeps a line break in the subject out of the headers', async () => {
    const { messageId } = await mailer.send({
      ...email,
      subject: 'Pengingat\r\nBcc: evil@example.com\nX-Injected: 1',
    });
    const captured = await sent(messageId);
    expect(captured.subject).toBe('Pengingat Bcc: evil@example.com X-Injected: 1');
    expect(captured.destination.bcc).toEqual([]);
  });
});

describe('the simple content', () => {
  it('has no header from the data: a one-line subject, a plain file name, no header of its own', () => {
    const { FromEmailAddress, Destination, Content } = simpleEmail(
      {
        ...email,
        subject: 'Judul\r\nBcc: evil@example.com\u2028X-Injected: 1',
        attachments: [
          {
            filename: 'a\r\nX-Injected: 1/b".ics',
            contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
            content: ICS,
          },
        ],
      },
      SENDER,
    );
    expect(FromEmailAddress).toBe(SENDER);
    expect(Destination).toEqual({ ToAddresses: email.to, CcAddresses: email.cc });
    expect(Object.keys(Content)).toEqual(['Simple']);
    const simple = Content.Simple;
    expect(simple.Headers).toBeUndefined();
    expect(simple.Subject).toEqual({
      Data: 'Judul Bcc: evil@example.com X-Injected: 1',
      Charset: 'UTF-8',
    });
    expect(simple.Attachments).toEqual([
      {
        FileName: 'a X-Injected: 1_b_.ics',
        ContentType: 'text/calendar',
        ContentDisposition: 'ATTACHMENT',
        ContentTransferEncoding: 'BASE64',
        RawContent: new TextEncoder().encode(ICS),
      },
    ]);
  });

  it('refuses an address that is not one valid address, and an unusable content type', () => {
    for (const address of [
      'evil@example.com\r\nBcc: other@example.com',
      'a@example.go.id, b@example.go.id',
      'Name <a@example.go.id>',
      'not-an-address',
    ]) {
      expect(() => simpleEmail({ ...email, to: [address] }, SENDER)).toThrow(InvalidMessageError);
      expect(() => simpleEmail({ ...email, cc: [address] }, SENDER)).toThrow(InvalidMessageError);
      expect(() => simpleEmail(email, address)).toThrow(InvalidMessageError);
    }
    expect(() => simpleEmail({ ...email, to: [] }, SENDER)).toThrow('at least one recipient');
    for (const contentType of ['text/calendar\r\nX-Injected: 1', 'not a type']) {
      expect(() =>
        simpleEmail(
          { ...email, attachments: [{ filename: 'x.ics', contentType, content: '' }] },
          SENDER,
        ),
      ).toThrow('Not a valid content type');
    }
  });
});
