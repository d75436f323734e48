// The SES stand-in in local mode (issue 21): its slips cannot take the process down (the API
// and the engine run in it too), the captured emails are written as they arrive, and kept
// within a cap.
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { localClientConfig } from '../../local/aws.ts';
import { startSesLocal, type SesLocal } from '../../local/ses-local.ts';

let dir: string;
let ses: SesLocal;
let client: SESv2Client;
const storeFile = () => join(dir, 'emails.json');

async function send(subject: string): Promise<string> {
  const { MessageId } = await client.send(
    new SendEmailCommand({
      FromEmailAddress: 'sepakat@bandung.example.go.id',
      Destination: { ToAddresses: ['kadis@kuburaya.example.go.id'] },
      Content: {
        Simple: { Subject: { Data: subject }, Body: { Text: { Data: 'Dengan hormat.' } } },
      },
    }),
  );
  return MessageId ?? '';
}

function saved(): { messageId: string; subject: string }[] {
  try {
    return JSON.parse(readFileSync(storeFile(), 'utf8')) as {
      messageId: string;
      subject: string;
    }[];
  } catch {
    return [];
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ses-stand-in-'));
  ses = await startSesLocal({ storeFile: storeFile(), maxEmails: 2 });
  client = new SESv2Client(localClientConfig(ses.endpoint));
});

afterAll(async () => {
  client.destroy();
  await ses.stop();
});

describe('the SES stand-in', () => {
  it('answers an email it does not have with 404, and keeps answering', async () => {
    for (const query of ['?messageId=x', '', '?messageId=']) {
      const response = await fetch(`${ses.endpoint}/get-emlContent${query}`);
      expect(response.status).toBe(404);
    }
    await sleep(50); // where the stand-in's own handler would have thrown
    expect((await fetch(`${ses.endpoint}/health-check`)).status).toBe(200);
  });

  it('writes each captured email to the data folder as it arrives, user-only', async () => {
    const first = await send('Pemberitahuan pertama');
    for (let i = 0; i < 100 && !saved().some((e) => e.messageId === first); i++) await sleep(20);
    expect(saved().map((e) => e.messageId)).toContain(first);
    expect(statSync(storeFile()).mode & 0o777).toBe(0o600);
    const eml = await fetch(`${ses.endpoint}/get-emlContent?messageId=${first}`);
    expect(eml.status).toBe(200);
  });

  it('keeps at most maxEmails, the newest', async () => {
    await send('Pemberitahuan kedua');
    const third = await send('Pemberitahuan ketiga');
    for (let i = 0; i < 100 && !saved().some((e) => e.messageId === third); i++) await sleep(20);
    expect(saved().map((e) => e.subject)).toEqual(['Pemberitahuan kedua', 'Pemberitahuan ketiga']);
    expect((await ses.emails()).map((e) => e.subject)).toEqual([
      'Pemberitahuan kedua',
      'Pemberitahuan ketiga',
    ]);
  });
});
