import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { DynamoAgreementRepository } from '../../adapters/dynamodb/agreement-repository.ts';
import { createDocumentClient } from '../../adapters/dynamodb/client.ts';
import { createTableInput } from '../../adapters/dynamodb/table-design.ts';

export interface TestTable {
  tableName: string;
  client: DynamoDBDocumentClient;
  repository: DynamoAgreementRepository;
  destroy(): void;
}

/** A fresh table on the DynamoDB Local of this run, so test files never see each other's data. */
export async function createTestTable(options: { now?: () => Date } = {}): Promise<TestTable> {
  if (!process.env.AWS_ENDPOINT_URL_DYNAMODB) {
    throw new Error(
      'AWS_ENDPOINT_URL_DYNAMODB is not set: run the data tests through jest (global setup)',
    );
  }
  const base = new DynamoDBClient({});
  const client = createDocumentClient(base);
  const tableName = `sepakat-test-${randomUUID()}`;
  await base.send(new CreateTableCommand(createTableInput(tableName)));
  return {
    tableName,
    client,
    repository: new DynamoAgreementRepository({ client, tableName, ...options }),
    destroy: () => {
      base.destroy();
    },
  };
}
