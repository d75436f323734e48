// `npm run digest -- --dry-run`: composes this month's digests from local mode's agreements
// and prints them (nothing is sent: in AWS the scheduled function sends them). Reads the
// DynamoDB Local of a running local mode, or starts one on its data folder for the time it
// takes; "today" is local mode's workflow clock, which the demo runs fast.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDigestLedger } from '../adapters/dynamodb/digest-ledger.ts';
import { createDocumentClient } from '../adapters/dynamodb/client.ts';
import { DynamoAgreementRepository } from '../adapters/dynamodb/agreement-repository.ts';
import { monthlyDigestUseCase } from '../application/monthly-digest.ts';
import { localClientConfig } from '../local/aws.ts';
import { startDynamoDbLocal } from '../local/dynamodb-local.ts';
import { DEFAULT_DATA_DIR, DEFAULT_PORTS, LOCAL_TABLE } from '../local/local-mode.ts';
import { EXIT, processIo, UsageError, usageErrorOf, type CliIo } from './shared.ts';

export const DIGEST_USAGE = `Usage: npm run digest -- --dry-run [--leader <email:name>]...

Composes this month's digests (one per host coordinator, configured leader and partner
coordinator) from local mode's agreements and prints them; nothing is sent. Reads the DynamoDB
Local of a running local mode (SEPAKAT_DDB_PORT, default ${String(DEFAULT_PORTS.ddb)}), or
starts one on the data folder (SEPAKAT_DATA_DIR, default .sepakat/) while it reads. The day is
local mode's workflow clock (clock.json), so after npm run demo it is the demo's "today".
`;

async function answers(endpoint: string): Promise<boolean> {
  try {
    await new DynamoDBClient(localClientConfig(endpoint)).send(new ListTablesCommand({}));
    return true;
  } catch {
    return false;
  }
}

async function workflowNow(dataDir: string): Promise<Date> {
  try {
    const saved = JSON.parse(await readFile(join(dataDir, 'clock.json'), 'utf8')) as {
      workflowTime?: string;
    };
    if (saved.workflowTime) return new Date(saved.workflowTime);
  } catch {
    // no saved clock: real time
  }
  return new Date();
}

function leaderOf(value: string): { email: string; name: string } {
  const [email = '', ...name] = value.split(':');
  if (!email.includes('@') || name.join(':').trim() === '') {
    throw new UsageError(`--leader must be email:name, not ${JSON.stringify(value)}.`);
  }
  return { email, name: name.join(':').trim() };
}

export async function runDigest(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        'dry-run': { type: 'boolean', default: false },
        leader: { type: 'string', multiple: true, default: [] },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
    if (values.help) {
      io.stdout.write(DIGEST_USAGE);
      return EXIT.OK;
    }
    if (!values['dry-run']) {
      throw new UsageError(
        'Only --dry-run: in AWS the scheduled function sends the digests (infra/constructs/monthly-digest.ts).',
      );
    }
  } catch (error) {
    io.stderr.write(`digest: ${usageErrorOf(error).message}\n${DIGEST_USAGE}`);
    return EXIT.USAGE;
  }
  const leaders = values.leader.map(leaderOf);
  const dataDir = io.env.SEPAKAT_DATA_DIR ?? DEFAULT_DATA_DIR;
  let endpoint = `http://127.0.0.1:${io.env.SEPAKAT_DDB_PORT ?? String(DEFAULT_PORTS.ddb)}`;
  const started = (await answers(endpoint))
    ? undefined
    : await startDynamoDbLocal({ dataDir: join(dataDir, 'dynamodb') });
  if (started) endpoint = started.endpoint;
  try {
    const client = createDocumentClient(new DynamoDBClient(localClientConfig(endpoint)));
    const now = await workflowNow(dataDir);
    const repository = new DynamoAgreementRepository({ client, tableName: LOCAL_TABLE });
    const outcome = await monthlyDigestUseCase({
      reports: repository,
      agreements: repository,
      digests: new DynamoDigestLedger({ client, tableName: LOCAL_TABLE }),
      mailer: { send: () => Promise.reject(new Error('a dry run sends nothing')) },
      now: () => now,
      leaders,
      office: 'Dinas Komunikasi dan Informatika Kota Bandung',
    })({ dryRun: true });
    io.stdout.write(
      `Digests of ${outcome.month} (workflow time ${now.toISOString()}): ${String(outcome.composed.length)}\n\n`,
    );
    for (const { recipient, email } of outcome.composed) {
      io.stdout.write(
        `To: ${email.to.join(', ')}${recipient.region ? ` (${recipient.region.name})` : ''}\n` +
          `Subject: ${email.subject}\n\n${email.text}\n${'='.repeat(72)}\n\n`,
      );
    }
    return EXIT.OK;
  } finally {
    await started?.stop();
  }
}
