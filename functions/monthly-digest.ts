// The monthly digest, run by EventBridge Scheduler at 08:00 WIB on the first days of each month
// (infra/constructs/monthly-digest.ts): on the first working day it sends, on the others it
// finds nothing due; a second run the same month sends nothing twice (application/monthly-digest.ts).
import { DynamoDigestLedger } from '../adapters/dynamodb/digest-ledger.ts';
import { createDocumentClient } from '../adapters/dynamodb/client.ts';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { monthlyDigestUseCase, type DigestOutcome } from '../application/monthly-digest.ts';
import { required, type FunctionEnvironment, type TaskOptions } from './shared/environment.ts';
import { lambdaHandler, onFirstCall } from './shared/middleware.ts';
import { logger } from './shared/powertools.ts';
import { mailerOf } from './shared/wiring/mail.ts';
import { tableParts, wiring } from './shared/wiring/parts.ts';

/** DIGEST_LEADERS: `email:name` entries, separated by `;`. */
export function leadersOf(value: string | undefined): { email: string; name: string }[] {
  return (value ?? '')
    .split(';')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const [email = '', ...name] = entry.split(':');
      return { email, name: name.join(':').trim() || email };
    });
}

export function createHandler(env: FunctionEnvironment, options: TaskOptions = {}) {
  const w = wiring(env, options);
  const digests = monthlyDigestUseCase({
    ...tableParts(w),
    ...mailerOf(w),
    digests: new DynamoDigestLedger({
      client: createDocumentClient(options.dynamoDb ?? new DynamoDBClient({})),
      tableName: required(env, 'TABLE_NAME'),
    }),
    leaders: leadersOf(env.DIGEST_LEADERS),
    office: env.DIGEST_OFFICE ?? 'Dinas Komunikasi dan Informatika Kota Bandung',
  });
  return lambdaHandler<unknown, DigestOutcome>((handler) =>
    handler.handler(async () => {
      const outcome = await digests({ dryRun: false });
      logger.info('Monthly digest', {
        month: outcome.month,
        sent: outcome.sent.length,
        alreadySent: outcome.alreadySent.length,
        ...(outcome.notDue ? { notDue: outcome.notDue } : {}),
      });
      return { ...outcome, composed: [] };
    }),
  );
}

export const handler = onFirstCall(() => createHandler(process.env));
