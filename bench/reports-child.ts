// A child process of the reports section: one fresh Node process per task, so that its peak
// resident memory (what Lambda reports as "Max Memory Used") belongs to that task alone. Every
// task loads the same modules (the export handler and the list use case) and then runs one of:
// nothing (`idle`), the list's pages alone (`pages`, what the export reads), or the export
// handler itself (`export-csv`, `export-xlsx`), as API Gateway would invoke it.
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Context } from 'aws-lambda';
import { listAgreementsUseCase } from '../application/list-agreements.ts';
import { createHandler } from '../functions/api/export-agreements.ts';
import type { HttpEvent } from '../functions/api/http/event.ts';
import { GROUPS, GROUPS_CLAIM } from '../functions/api/principal.ts';
import { tableParts, wiring } from '../functions/shared/wiring/parts.ts';
import { localClientConfig } from '../local/aws.ts';
import { LOCAL_HOST_REGION_CODE } from '../local/local-mode.ts';

export type ChildTask = 'idle' | 'pages' | 'export-csv' | 'export-xlsx';

export interface ChildSettings {
  dynamoDbEndpoint: string;
  tableName: string;
  task: ChildTask;
}

export interface ChildResult {
  task: ChildTask;
  /** Wall time of the task itself (modules loaded), ms. */
  ms: number;
  /** Peak resident set size of the whole process, bytes. */
  maxRss: number;
  /** Agreements read (pages) or bytes of the file (exports). */
  agreements?: number;
  bytes?: number;
}

const settings = JSON.parse(process.argv[2] ?? '{}') as ChildSettings;
const dynamoDb = new DynamoDBClient(localClientConfig(settings.dynamoDbEndpoint));
const env = {
  TABLE_NAME: settings.tableName,
  HOST_REGION_CODE: LOCAL_HOST_REGION_CODE,
  ALLOWED_ORIGINS: '',
};
const exportHandler = createHandler(env, { dynamoDb });
const list = listAgreementsUseCase(tableParts(wiring(env, { dynamoDb })));
const principal = { subject: 'bench', role: 'HOST_COORDINATOR' as const };

async function run(task: ChildTask): Promise<Omit<ChildResult, 'task' | 'ms' | 'maxRss'>> {
  if (task === 'idle') return {};
  if (task === 'pages') {
    let agreements = 0;
    let cursor: string | undefined;
    do {
      const page = await list({ principal, limit: 100, ...(cursor ? { cursor } : {}) });
      agreements += page.items.length;
      cursor = page.nextCursor;
    } while (cursor);
    return { agreements };
  }
  const format = task === 'export-csv' ? 'csv' : 'xlsx';
  const event = {
    resource: '/agreements/export',
    path: '/agreements/export',
    httpMethod: 'GET',
    headers: {},
    multiValueHeaders: {},
    queryStringParameters: { format },
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    body: null,
    isBase64Encoded: false,
    requestContext: {
      authorizer: {
        claims: { sub: 'bench', token_use: 'id', [GROUPS_CLAIM]: GROUPS.HOST_COORDINATOR },
      },
    },
  } as unknown as HttpEvent;
  const context = {
    functionName: 'sepakat-export-agreements',
    awsRequestId: randomUUID(),
    // Lambda's longest timeout: the memory is measured whatever the time (the section shows
    // the time against the function's own timeout).
    getRemainingTimeInMillis: () => 900_000,
  } as Context;
  const response = await exportHandler(event, context);
  if (response.statusCode !== 200) {
    throw new Error(`Export answered ${String(response.statusCode)}: ${response.body}`);
  }
  return { bytes: Buffer.byteLength(response.body, response.isBase64Encoded ? 'base64' : 'utf8') };
}

const started = performance.now();
const outcome = await run(settings.task);
const result: ChildResult = {
  task: settings.task,
  ms: performance.now() - started,
  // resourceUsage reports kilobytes.
  maxRss: process.resourceUsage().maxRSS * 1024,
  ...outcome,
};
dynamoDb.destroy();
process.send?.(result);
