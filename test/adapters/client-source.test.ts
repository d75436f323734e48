// A client given as how to make it is made once, when first needed (adapters/client-source.ts):
// the mailer makes none for an email it refuses before sending.
import { describe, expect, it } from '@jest/globals';
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import { clientOf } from '../../adapters/client-source.ts';
import { InvalidMessageError } from '../../adapters/ses/simple-email.ts';
import { SesMailer } from '../../adapters/ses/ses-mailer.ts';

describe('clientOf', () => {
  it('makes the client on the first call only', () => {
    let made = 0;
    const client = clientOf(() => ({ id: ++made }));
    expect(made).toBe(0);
    expect(client()).toEqual({ id: 1 });
    expect(client()).toBe(client());
    expect(made).toBe(1);
  });

  it('hands a client given as it is back', () => {
    const given = { id: 'given' };
    expect(clientOf(given)()).toBe(given);
  });
});

describe('the mailer with a client to make', () => {
  it('makes it at the first send, and not for an email it refuses', async () => {
    let made = 0;
    const mailer = new SesMailer({
      client: () => {
        made++;
        return {
          send: () => Promise.resolve({ MessageId: `m-${String(made)}` }),
        } as unknown as SESv2Client;
      },
      sender: 'sepakat@bandung.example.go.id',
    });
    const email = {
      to: ['kadis@kuburaya.example.go.id'],
      cc: [],
      subject: 'Pengingat',
      text: 'Halo',
    };
    await expect(mailer.send({ ...email, to: ['not-an-address'] })).rejects.toThrow(
      InvalidMessageError,
    );
    expect(made).toBe(0);
    await expect(mailer.send(email)).resolves.toEqual({ messageId: 'm-1' });
    await expect(mailer.send(email)).resolves.toEqual({ messageId: 'm-1' });
    expect(made).toBe(1);
  });
});
