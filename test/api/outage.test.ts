// A database outage is the service's state, not the client's fault: 503 with Retry-After and
// the service-unavailable problem, never a generic 500. DynamoDB Local, stopped, is the outage;
// throttling is injected through the client (a stand-in cannot throttle).
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { afterAll, afterEach, describe, expect, it } from '@jest/globals';
import { createTableInput } from '../../adapters/dynamodb/table-design.ts';
import { localClientConfig } from '../../local/aws.ts';
import { createDevKey, signDevToken } from '../../local/api/dev-tokens.ts';
import { startLocalApi } from '../../local/api/local-api.ts';
import type { RunningApi } from '../../local/api/server.ts';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../local/dynamodb-local.ts';
import { agreementBody } from '../support/api.ts';

const TABLE = 'sepakat-outage';
const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((o) => o.close()));
});
afterAll(async () => {
  await Promise.all(opened.splice(0).map((o) => o.close()));
});

/** The API on its own DynamoDB client, and a host's token for it. */
async function apiOn(dynamoDb: DynamoDBClient): Promise<{ api: RunningApi; call: typeof call }> {
  const key = await createDevKey();
  const api = await startLocalApi({
    key,
    environment: {
      TABLE_NAME: TABLE,
      // Never reached: every request here fails at the table first.
      STATE_MACHINE_ARN: 'arn:aws:states:ap-southeast-3:000000000000:stateMachine:none',
      HOST_REGION_CODE: '32.73',
      ALLOWED_ORIGINS: 'https://sepakat.bandung.example.go.id',
      // Never reached either: the document routes fail at the table first too.
      DOCUMENT_BUCKET: 'sepakat-outage-documents',
      // The action answer's notice to coordinators: never sent, the table fails first.
      SENDER_EMAIL: 'sepakat@bandung.example.go.id',
    },
    options: { dynamoDb },
  });
  opened.push({ close: () => api.close() });
  const token = await signDevToken(key, { role: 'host' });
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${api.endpoint}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return {
      status: response.status,
      contentType: response.headers.get('content-type'),
      retryAfter: response.headers.get('retry-after'),
      body: (await response.json()) as Record<string, unknown>,
    };
  };
  return { api, call };
}

const REQUESTS: [string, string, unknown?][] = [
  ['GET', '/agreements'],
  ['GET', '/agreements/01JXXXXXXXXXXXXXXXXXXXXXXX'],
  ['GET', '/agreements/01JXXXXXXXXXXXXXXXXXXXXXXX/history'],
  ['POST', '/agreements', agreementBody()],
  [
    'POST',
    '/agreements/01JXXXXXXXXXXXXXXXXXXXXXXX/milestones',
    { type: 'MOU_SIGNED', occurredAt: '2018-12-14' },
  ],
];

function expectUnavailable(answer: Awaited<ReturnType<Awaited<ReturnType<typeof apiOn>>['call']>>) {
  expect({
    status: answer.status,
    contentType: answer.contentType,
    type: answer.body.type,
  }).toEqual({
    status: 503,
    contentType: 'application/problem+json',
    type: 'urn:sepakat:problem:service-unavailable',
  });
  expect(Number(answer.retryAfter)).toBeGreaterThan(0);
}

describe('DynamoDB stopped', () => {
  let database: DynamoDbLocal | undefined;
  afterAll(async () => {
    await database?.stop();
  });

  it('answers 503 with Retry-After on every route that reads or writes the table', async () => {
    database = await startDynamoDbLocal();
    const client = new DynamoDBClient({ ...localClientConfig(database.endpoint), maxAttempts: 2 });
    opened.push({
      close: () => {
        client.destroy();
        return Promise.resolve();
      },
    });
    await client.send(new CreateTableCommand(createTableInput(TABLE)));
    const { call } = await apiOn(client);
    // Up, the API answers from the table...
    expect((await call('GET', '/agreements')).status).toBe(200);
    await database.stop();
    // ...down, it says so.
    for (const [method, path, body] of REQUESTS) {
      const answer = await call(method, path, body);
      expect({ method, path, status: answer.status }).toEqual({ method, path, status: 503 });
      expectUnavailable(answer);
    }
  }, 60_000);
});

describe('DynamoDB throttling', () => {
  it('answers 503 with Retry-After', async () => {
    const client = new DynamoDBClient(localClientConfig('http://127.0.0.1:9'));
    // Every request is refused as DynamoDB refuses a table over its throughput.
    client.middlewareStack.add(
      () => () =>
        Promise.reject(
          new ProvisionedThroughputExceededException({
            message: 'The level of configured provisioned throughput for the table was exceeded.',
            $metadata: { httpStatusCode: 400 },
          }),
        ),
      { step: 'initialize', name: 'throttle' },
    );
    opened.push({
      close: () => {
        client.destroy();
        return Promise.resolve();
      },
    });
    const { call } = await apiOn(client);
    for (const [method, path, body] of REQUESTS) {
      expectUnavailable(await call(method, path, body));
    }
  });
});
