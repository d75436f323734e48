// The AWS services the cold starts talk to, on loopback: DynamoDB Local with the app's table,
// the SES stand-in (v1 and v2), the S3 stand-in with the documents' bucket, and the local Step
// Functions engine behind its API with a state machine whose executions end at once (the bench
// measures the functions, not the workflow).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoAgreementRepository } from '../adapters/dynamodb/agreement-repository.ts';
import { createDocumentClient } from '../adapters/dynamodb/client.ts';
import { createTableInput } from '../adapters/dynamodb/table-design.ts';
import type { ActionLinkStore, AgreementRepository } from '../domain/ports.ts';
import { localClientConfig } from '../local/aws.ts';
import { startDynamoDbLocal } from '../local/dynamodb-local.ts';
import { startS3Local } from '../local/s3-local.ts';
import { startSesLocal } from '../local/ses-local.ts';
import { LocalStepFunctions } from '../local/stepfunctions/engine.ts';
import { startStepFunctionsServer } from '../local/stepfunctions/server.ts';

const TABLE_NAME = 'sepakat-bench';
const STATE_MACHINE_NAME = 'sepakat-lifecycle';

export interface StandIns {
  /** `AWS_ENDPOINT_URL_<SERVICE>` for the functions. */
  endpoints: Record<string, string>;
  tableName: string;
  repository: AgreementRepository & ActionLinkStore;
  stateMachineArn: string;
  /** The documents' bucket on the S3 stand-in. */
  documentBucket: string;
  stop(): Promise<void>;
}

export async function startStandIns(
  progress: (message: string) => void,
  /** Where the S3 stand-in keeps its files; by default a folder of its own, removed at stop. */
  directory?: string,
): Promise<StandIns> {
  const stops: (() => Promise<void> | void)[] = [];
  const stop = async () => {
    for (const stopOne of stops.reverse()) await stopOne();
  };
  try {
    progress('starting DynamoDB Local');
    const dynamoDb = await startDynamoDbLocal();
    stops.push(() => dynamoDb.stop());
    const client = new DynamoDBClient(localClientConfig(dynamoDb.endpoint));
    stops.push(() => {
      client.destroy();
    });
    await client.send(new CreateTableCommand(createTableInput(TABLE_NAME)));

    const ses = await startSesLocal();
    stops.push(() => ses.stop());

    const s3Directory = directory ?? mkdtempSync(path.join(os.tmpdir(), 'sepakat-s3-'));
    if (!directory) {
      stops.push(() => {
        rmSync(s3Directory, { recursive: true, force: true });
      });
    }
    const s3 = await startS3Local({ port: 0, directory: s3Directory });
    stops.push(() => s3.stop());

    const engine = new LocalStepFunctions({ functions: {} });
    stops.push(() => {
      engine.close();
    });
    const { stateMachineArn } = engine.createStateMachine({
      name: STATE_MACHINE_NAME,
      definition: JSON.stringify({
        StartAt: 'Started',
        States: { Started: { Type: 'Pass', End: true } },
      }),
    });
    const sfn = await startStepFunctionsServer(engine);
    stops.push(() => sfn.close());

    return {
      endpoints: {
        AWS_ENDPOINT_URL_DYNAMODB: dynamoDb.endpoint,
        AWS_ENDPOINT_URL_SESV2: ses.endpoint,
        AWS_ENDPOINT_URL_SFN: sfn.endpoint,
        AWS_ENDPOINT_URL_S3: s3.endpoint,
      },
      tableName: TABLE_NAME,
      repository: new DynamoAgreementRepository({
        client: createDocumentClient(client),
        tableName: TABLE_NAME,
      }),
      stateMachineArn,
      documentBucket: s3.bucket,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
