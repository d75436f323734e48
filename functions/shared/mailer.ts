import { SESClient } from '@aws-sdk/client-ses';
import { SesMailer } from '../../adapters/ses/ses-mailer.ts';
import type { Mailer } from '../../domain/ports.ts';
import { required, type FunctionEnvironment } from './environment.ts';

export function mailerFrom(
  env: FunctionEnvironment,
  client: SESClient = new SESClient({}),
): Mailer {
  const configurationSet = env.SES_CONFIGURATION_SET;
  return new SesMailer({
    client,
    sender: required(env, 'SENDER_EMAIL'),
    ...(configurationSet ? { configurationSet } : {}),
  });
}
