import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoAgreementRepository } from '../../adapters/dynamodb/agreement-repository.ts';
import { createDocumentClient } from '../../adapters/dynamodb/client.ts';
import type { AgreementRepository } from '../../domain/ports.ts';
import { required, type FunctionEnvironment } from './environment.ts';

export function repositoryFrom(
  env: FunctionEnvironment,
  client: DynamoDBClient = new DynamoDBClient({}),
): AgreementRepository {
  return new DynamoAgreementRepository({
    client: createDocumentClient(client),
    tableName: required(env, 'TABLE_NAME'),
  });
}
