import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * The document client every Sepakat component uses. Create it once per container (module
 * scope in a handler); the endpoint comes from AWS_ENDPOINT_URL_DYNAMODB when set.
 */
export function createDocumentClient(
  client: DynamoDBClient = new DynamoDBClient({}),
): DynamoDBDocumentClient {
  // Optional fields of the domain are undefined rather than absent; DynamoDB refuses undefined.
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}
