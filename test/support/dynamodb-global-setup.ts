import { startDynamoDbLocal, type DynamoDbLocal } from '../../local/dynamodb-local.ts';

declare global {
  var dynamoDbLocal: DynamoDbLocal | undefined;
}

export default async function setup(): Promise<void> {
  const started = Date.now();
  const dynamo = await startDynamoDbLocal();
  globalThis.dynamoDbLocal = dynamo;
  // Workers inherit these: the unmodified SDK client finds DynamoDB Local through them.
  process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamo.endpoint;
  process.env.AWS_REGION = 'ap-southeast-3';
  process.env.AWS_ACCESS_KEY_ID = 'local';
  process.env.AWS_SECRET_ACCESS_KEY = 'local';
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  console.log(`\nDynamoDB Local ready on ${dynamo.endpoint} in ${String(Date.now() - started)} ms`);
}
