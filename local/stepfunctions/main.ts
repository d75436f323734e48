// `npm run stepfunctions`: the lifecycle workflow alone on loopback (DynamoDB Local in memory,
// the SES stand-in, the local Step Functions engine with the real ASL), with one demo
// agreement running, so that the AWS CLI or the SDK can be pointed at it.
// The whole system (API included) comes with `npm start`.
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoAgreementRepository } from '../../adapters/dynamodb/agreement-repository.ts';
import { createDocumentClient } from '../../adapters/dynamodb/client.ts';
import { createTableInput } from '../../adapters/dynamodb/table-design.ts';
import { StepFunctionsWorkflow } from '../../adapters/stepfunctions/workflow-client.ts';
import { createAgreement } from '../../domain/lifecycle.ts';
import { createAgreementSchema } from '../../domain/schemas.ts';
import { startDynamoDbLocal } from '../dynamodb-local.ts';
import { startSesLocal } from '../ses-local.ts';
import { ScaledClock } from './clock.ts';
import { createLocalLifecycle } from './lifecycle.ts';
import { startStepFunctionsServer } from './server.ts';

const TABLE = 'sepakat-local';

function port(variable: string, fallback: number): number {
  const value = Number(process.env[variable] ?? fallback);
  if (!Number.isInteger(value) || value < 0 || value > 65_535) {
    throw new Error(`${variable} must be a port number, got "${process.env[variable] ?? ''}"`);
  }
  return value;
}

async function main(): Promise<void> {
  const sfnPort = port('SEPAKAT_SFN_PORT', 8083);
  const scale = Number(process.env.SEPAKAT_TIME_SCALE ?? 1);
  Object.assign(process.env, {
    AWS_REGION: 'ap-southeast-3',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_EC2_METADATA_DISABLED: 'true',
  });
  console.log('Starting DynamoDB Local, the SES stand-in and the Step Functions engine...');
  const dynamo = await startDynamoDbLocal(
    process.env.SEPAKAT_DDB_PORT ? { port: port('SEPAKAT_DDB_PORT', 0) } : {},
  );
  const ses = await startSesLocal({ port: port('SEPAKAT_SES_PORT', 0) });
  process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamo.endpoint;
  process.env.AWS_ENDPOINT_URL_SES = ses.endpoint;
  process.env.AWS_ENDPOINT_URL_SFN = `http://127.0.0.1:${sfnPort}`;

  const clock = new ScaledClock({ scale });
  const dynamoClient = new DynamoDBClient({});
  await dynamoClient.send(new CreateTableCommand(createTableInput(TABLE)));
  const { engine, stateMachineArn } = await createLocalLifecycle({
    clock,
    environment: {
      TABLE_NAME: TABLE,
      SENDER_EMAIL: 'sepakat@bandung.example.go.id',
      OPERATIONS_EMAIL: 'operasional@bandung.example.go.id',
    },
  });
  const server = await startStepFunctionsServer(engine, { port: sfnPort }).catch(
    (error: unknown) => {
      const inUse = (error as { code?: string }).code === 'EADDRINUSE';
      throw new Error(
        inUse ? `Port ${sfnPort} is taken: set SEPAKAT_SFN_PORT to a free port` : String(error),
      );
    },
  );

  const repository = new DynamoAgreementRepository({
    client: createDocumentClient(dynamoClient),
    tableName: TABLE,
    now: clock.now,
  });
  const demo = createAgreement(
    createAgreementSchema.parse({
      title: 'Demo: kerja sama smart city Kabupaten Kubu Raya',
      partnerRegion: { code: '61.12' },
      apps: [{ id: 'sabilulungan' }, { id: 'e-rk' }],
      contacts: [
        {
          name: 'Kepala Diskominfo Kabupaten Kubu Raya',
          email: 'kadis@kuburaya.example.go.id',
          role: 'OFFICIAL',
          side: 'PARTNER',
        },
      ],
    }),
    { now: clock.now(), actor: 'demo', id: 'demo-kubu-raya', defaultHostRegionCode: '32.73' },
  );
  if (!demo.ok) throw new Error(demo.rejection.message);
  await repository.create(demo.agreement, demo.events);
  const sfn = new SFNClient({ endpoint: server.endpoint });
  const workflow = new StepFunctionsWorkflow({ client: sfn, repository, stateMachineArn });
  const { executionArn } = await workflow.start(demo.agreement, 'created');

  const cli = `AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_DEFAULT_REGION=ap-southeast-3 aws stepfunctions`;
  console.log(`
Step Functions (local) ${server.endpoint}   time scale ${String(scale)}
  state machine  ${stateMachineArn}
  demo execution ${executionArn}
DynamoDB Local        ${dynamo.endpoint}   table ${TABLE}
SES stand-in          ${ses.endpoint}   (captured emails: ${ses.endpoint}/)

Try:
  ${cli} list-executions --endpoint-url ${server.endpoint} --state-machine-arn ${stateMachineArn}
  ${cli} get-execution-history --endpoint-url ${server.endpoint} --execution-arn ${executionArn}

Ctrl-C stops everything.`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping...`);
    await server.close();
    await ses.stop();
    await dynamo.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
