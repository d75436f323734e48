// SES (v1): one raw email, as a MIME composer would hand it over.
import { SendRawEmailCommand, SESClient } from '@aws-sdk/client-ses';
import { FLOOR_EMAIL, type FloorServiceFactory } from './handler.ts';

const ses: FloorServiceFactory = (env) => {
  const client = new SESClient({});
  const from = env.SENDER_EMAIL ?? '';
  const raw = [
    `From: ${from}`,
    `To: ${FLOOR_EMAIL.to}`,
    `Subject: ${FLOOR_EMAIL.subject}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    FLOOR_EMAIL.text,
  ].join('\r\n');
  return {
    operations: ['SendRawEmail'],
    call: () =>
      client.send(
        new SendRawEmailCommand({
          RawMessage: { Data: Buffer.from(raw) },
          ...(env.SES_CONFIGURATION_SET ? { ConfigurationSetName: env.SES_CONFIGURATION_SET } : {}),
        }),
      ),
  };
};
export default ses;
