// DynamoDB through the document client, as the app's repository uses it.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactGetCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { agreementIdOf, floorKey, type FloorEvent, type FloorServiceFactory } from './handler.ts';

const dynamodb: FloorServiceFactory = (env) => {
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true },
  });
  const TableName = env.TABLE_NAME ?? '';
  /** The agreement's own item: what the functions read first. */
  const agreement = (event: FloorEvent) => ({
    PK: `AGREEMENT#${agreementIdOf(event)}`,
    SK: 'AGREEMENT',
  });
  const item = () => ({ PK: floorKey(), SK: 'FLOOR', at: new Date().toISOString() });
  const commands = {
    GetItem: (event: FloorEvent) => new GetCommand({ TableName, Key: agreement(event) }),
    BatchGetItem: (event: FloorEvent) =>
      new BatchGetCommand({ RequestItems: { [TableName]: { Keys: [agreement(event)] } } }),
    TransactGetItems: (event: FloorEvent) =>
      new TransactGetCommand({ TransactItems: [{ Get: { TableName, Key: agreement(event) } }] }),
    Query: (event: FloorEvent) =>
      new QueryCommand({
        TableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': agreement(event).PK },
        Limit: 50,
      }),
    PutItem: () => new PutCommand({ TableName, Item: item() }),
    UpdateItem: () =>
      new UpdateCommand({
        TableName,
        Key: { PK: floorKey(), SK: 'FLOOR' },
        UpdateExpression: 'SET #at = :at',
        ExpressionAttributeNames: { '#at': 'at' },
        ExpressionAttributeValues: { ':at': new Date().toISOString() },
      }),
    DeleteItem: () => new DeleteCommand({ TableName, Key: { PK: floorKey(), SK: 'FLOOR' } }),
    TransactWriteItems: () =>
      new TransactWriteCommand({
        TransactItems: [{ Put: { TableName, Item: item() } }, { Put: { TableName, Item: item() } }],
      }),
  };
  return {
    operations: Object.keys(commands),
    call: (operation, event) =>
      // The document client's send is typed per command; any of these is one of its commands.
      client.send(commands[operation as keyof typeof commands](event) as GetCommand),
  };
};
export default dynamodb;
