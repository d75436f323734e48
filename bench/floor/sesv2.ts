// SES v2: one email with simple content (subject, text and HTML).
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { FLOOR_EMAIL, type FloorServiceFactory } from './handler.ts';

const sesv2: FloorServiceFactory = (env) => {
  const client = new SESv2Client({});
  return {
    operations: ['SendEmail'],
    call: () =>
      client.send(
        new SendEmailCommand({
          FromEmailAddress: env.SENDER_EMAIL,
          Destination: { ToAddresses: [FLOOR_EMAIL.to] },
          Content: {
            Simple: {
              Subject: { Data: FLOOR_EMAIL.subject },
              Body: {
                Text: { Data: FLOOR_EMAIL.text },
                Html: { Data: `<p>${FLOOR_EMAIL.text}</p>` },
              },
            },
          },
          ...(env.SES_CONFIGURATION_SET ? { ConfigurationSetName: env.SES_CONFIGURATION_SET } : {}),
        }),
      ),
  };
};
export default sesv2;
