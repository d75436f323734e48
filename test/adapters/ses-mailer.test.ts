// The SES mailer against the SES stand-in: a multipart message (text, html, calendar
// invitation) goes out through SendRawEmail and comes back as sent.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SESClient } from '@aws-sdk/client-ses';
import { buildRawMessage, InvalidMessageError } from '../../adapters/ses/mime.ts';
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
let client: SESClient;
let mailer: SesMailer;

beforeAll(async () => {
  ses = await startSesLocal();
  client = new SESClient({
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
  it('sends text, html and a calendar invitation in one raw message', async () => {
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

describe('the raw message', () => {
  const headersOf = async (message: OutgoingEmail) => {
    const raw = Buffer.from(await buildRawMessage(message, { from: SENDER })).toString('utf8');
    return raw.slice(0, raw.indexOf('\r\n\r\n'));
  };

  it('has no header from the data but the subject', async () => {
    const headers = await headersOf({
      ...email,
      subject: 'Judul\r\nBcc: evil@example.com\u2028X-Injected: 1',
      attachments: [
        {
          filename: 'a\r\nX-Injected: 1.ics',
          contentType: 'text/calendar; charset=utf-8',
          content: ICS,
        },
      ],
    });
    expect(headers).not.toMatch(/^(Bcc|X-Injected):/im);
    expect(headers).toMatch(/^Subject: /m);
    expect(headers).toMatch(/^Content-Type: multipart\/mixed;/m);
  });

  it('refuses an address that is not one valid address', async () => {
    for (const address of [
      'evil@example.com\r\nBcc: other@example.com',
      'a@example.go.id, b@example.go.id',
      'Name <a@example.go.id>',
      'not-an-address',
    ]) {
      await expect(buildRawMessage({ ...email, to: [address] }, { from: SENDER })).rejects.toThrow(
        InvalidMessageError,
      );
    }
    await expect(buildRawMessage({ ...email, to: [] }, { from: SENDER })).rejects.toThrow(
      'at least one recipient',
    );
    for (const contentType of ['text/calendar\r\nX-Injected: 1', 'not a type']) {
      await expect(
        buildRawMessage(
          { ...email, attachments: [{ filename: 'x.ics', contentType, content: '' }] },
          { from: SENDER },
        ),
      ).rejects.toThrow('Not a valid content type');
    }
  });
});
