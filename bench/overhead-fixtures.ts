// What the overhead section's routes read and write: a table of agreements that does not change
// while the reads are measured (one of them with history, documents and an action link), and
// agreements waiting for their MoU signature with a stored wait, for the milestone route and
// its replays (each takes one once). API Gateway events as the stack's Cognito-authorized REST
// API hands them to a function.
import { randomUUID } from 'node:crypto';
import { BatchWriteCommand, type BatchWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { ulid } from 'ulid';
import type { DynamoAgreementRepository } from '../adapters/dynamodb/agreement-repository.ts';
import { DynamoDocumentRepository } from '../adapters/dynamodb/document-repository.ts';
import { hashActionToken, newActionToken } from '../application/action-links.ts';
import { linkFor } from '../domain/action-links.ts';
import { addDays, latestIndonesianDate } from '../domain/dates.ts';
import { attachDocument, type AgreementDocument } from '../domain/documents.ts';
import { createAgreement } from '../domain/lifecycle.ts';
import { createAgreementSchema } from '../domain/schemas.ts';
import { GROUPS, GROUPS_CLAIM, REGION_CLAIM } from '../functions/api/principal.ts';
import type { ApiRoute } from '../functions/api/routes.ts';
import { HOST_COORDINATOR_EMAIL } from '../local/example-agreement.ts';
import { LOCAL_HOST_REGION_CODE } from '../local/local-mode.ts';
import { agreementBody, benchAgreement, capturedInputs, creationItems } from './api-agreements.ts';

const CONCURRENCY = 8;
/** BatchWriteItem's most. */
const BATCH_ITEMS = 25;
/** Documents attached to the agreement the read routes look at. */
export const DOCUMENTS = 3;

/** A request to a route: its path parameters, query and body. */
export interface RouteRequest {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
}

/** The read routes' agreement: MoU signed, documents attached, a live action link for its PKS. */
export interface ReadFixtures {
  focusId: string;
  actionToken: string;
}

export async function seedReadTable(
  repository: DynamoAgreementRepository,
  agreements: number,
): Promise<ReadFixtures> {
  await inParallel(agreements, async (n) => {
    const { agreement, events } = benchAgreement(n, new Date());
    await repository.create(agreement, events);
  });
  const now = new Date();
  const input = createAgreementSchema.parse({
    ...agreementBody(agreements),
    milestones: [{ type: 'MOU_SIGNED', occurredAt: addDays(latestIndonesianDate(now), -10) }],
  });
  const created = createAgreement(input, {
    now,
    actor: HOST_COORDINATOR_EMAIL,
    id: ulid(),
    defaultHostRegionCode: LOCAL_HOST_REGION_CODE,
  });
  if (!created.ok) throw new Error(`Focus agreement refused: ${created.rejection.message}`);
  let agreement = created.agreement;
  await repository.create(agreement, created.events);

  const documents = new DynamoDocumentRepository({ agreements: repository });
  for (let n = 0; n < DOCUMENTS; n++) {
    const documentId = ulid();
    const document: AgreementDocument = {
      documentId,
      agreementId: agreement.id,
      kind: 'MOU',
      fileName: `mou-${String(n)}.pdf`,
      contentType: 'application/pdf',
      sizeBytes: 120_000,
      sha256: 'a'.repeat(64),
      status: 'PENDING',
      side: 'HOST',
      requestedAt: now.toISOString(),
      attachedBy: randomUUID(),
      attachedByEmail: HOST_COORDINATOR_EMAIL,
      objectKey: `agreements/${agreement.id}/${documentId}`,
    };
    await documents.putPending(document, new Date(now.getTime() + 86_400_000));
    const change = attachDocument(agreement, document, undefined, new Date());
    await documents.updateWithDocuments(change.agreement, change.events, change.documents);
    agreement = change.agreement;
  }

  const actionToken = newActionToken();
  const official = agreement.contacts.find((c) => c.role === 'OFFICIAL');
  if (!official) throw new Error('The focus agreement has no official');
  const nudge = { waitKey: 'PKS', key: 'PKS', number: 1 } as const;
  await repository.putActionLinks([
    linkFor(agreement, nudge, official, hashActionToken(actionToken), now, 30),
  ]);
  return { focusId: agreement.id, actionToken };
}

/**
 * Agreements in stage MOU whose wait stored a task token (one the engine does not know): the
 * repository's own items (captured from its creation and its putTaskToken), by BatchWriteItem.
 */
export async function seedWaiting(
  repository: DynamoAgreementRepository,
  count: number,
): Promise<string[]> {
  const { tableName } = repository;
  const ids: string[] = [];
  const items: Record<string, unknown>[] = [];
  for (let n = 0; n < count; n++) {
    const created = benchAgreement(n, new Date());
    const { id } = created.agreement;
    const now = new Date().toISOString();
    const [tokenPut] = await capturedInputs(tableName, (r) =>
      r.putTaskToken({
        agreementId: id,
        waitKey: 'MOU',
        // Names its agreement, so that a replay's substitution gives each its own.
        token: `${id}-${'t'.repeat(600)}`,
        executionArn: `arn:aws:states:ap-southeast-3:000000000000:execution:bench:${id}`,
        executionStartedAt: now,
        storedAt: now,
      }),
    );
    items.push(
      ...(await creationItems(tableName, created)),
      tokenPut?.Item as Record<string, unknown>,
    );
    ids.push(id);
  }
  const batches = Math.ceil(items.length / BATCH_ITEMS);
  await inParallel(batches, async (b) => {
    let unprocessed: BatchWriteCommandInput['RequestItems'] = {
      [tableName]: items
        .slice(b * BATCH_ITEMS, (b + 1) * BATCH_ITEMS)
        .map((Item) => ({ PutRequest: { Item } })),
    };
    while (unprocessed && Object.keys(unprocessed).length > 0) {
      ({ UnprocessedItems: unprocessed } = await repository.client.send(
        new BatchWriteCommand({ RequestItems: unprocessed }),
      ));
    }
  });
  return ids;
}

async function inParallel(count: number, work: (n: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await work(next++);
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

/** The event API Gateway (REST, proxy, Cognito authorizer) hands the route's function. */
export function proxyEvent(route: ApiRoute, request: RouteRequest): APIGatewayProxyEvent {
  const params = request.params ?? {};
  const path = Object.entries(params).reduce(
    (built, [name, value]) => built.replace(`{${name}}`, value),
    route.path,
  );
  const body = request.body === undefined ? null : JSON.stringify(request.body);
  const claims = {
    sub: randomUUID(),
    email: HOST_COORDINATOR_EMAIL,
    token_use: 'id',
    [GROUPS_CLAIM]: GROUPS.HOST_COORDINATOR,
    [REGION_CLAIM]: LOCAL_HOST_REGION_CODE,
  };
  return {
    resource: route.path,
    path,
    httpMethod: route.method,
    headers: {
      host: 'api.sepakat.example.go.id',
      'user-agent': 'sepakat-bench',
      ...(body === null ? {} : { 'content-type': 'application/json' }),
    },
    multiValueHeaders: {},
    queryStringParameters: request.query ?? null,
    multiValueQueryStringParameters: null,
    pathParameters: Object.keys(params).length === 0 ? null : params,
    stageVariables: null,
    body,
    isBase64Encoded: false,
    requestContext: {
      requestId: randomUUID(),
      resourcePath: route.path,
      httpMethod: route.method,
      path,
      stage: 'bench',
      ...(route.auth ? { authorizer: { claims } } : {}),
    },
  } as unknown as APIGatewayProxyEvent;
}
