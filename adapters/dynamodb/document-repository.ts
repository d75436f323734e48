// The records of an agreement's documents, in the agreement's partition of the table
// (SK DOCUMENT#<documentId>, ids sort by time); the files are in the documents bucket.
// Attaching or withdrawing one is a change of the agreement: its next version, the history
// event and the document item go in one transaction (DynamoAgreementRepository.updateWith).
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { Agreement, AuditEventDraft } from '../../domain/agreement.ts';
import type { AgreementDocument } from '../../domain/documents.ts';
import type { DocumentStore, DocumentWrite, Page } from '../../domain/ports.ts';
import type {
  CursorScope,
  DynamoAgreementRepository,
  TransactItem,
} from './agreement-repository.ts';
import {
  KEY_PATTERNS,
  PARTITION_KEY,
  SORT_KEY,
  SORT_KEY_PREFIX,
  TTL_ATTRIBUTE,
  keys,
} from './table-design.ts';

type Item = Record<string, unknown>;

export interface DynamoDocumentRepositoryOptions {
  /** Its table, client and transactions are this repository's. */
  agreements: DynamoAgreementRepository;
  now?: () => Date;
}

/** The stored attribute that is not the document's: when a pending upload is forgotten. */
const NOT_PENDING_OR_UNEXPIRED = '(attribute_not_exists(#expiresAt) OR #expiresAt > :now)';

export class DynamoDocumentRepository implements DocumentStore {
  private readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;
  private readonly agreements: DynamoAgreementRepository;
  private readonly now: () => Date;

  constructor(options: DynamoDocumentRepositoryOptions) {
    this.client = options.agreements.client;
    this.tableName = options.agreements.tableName;
    this.agreements = options.agreements;
    this.now = options.now ?? (() => new Date());
  }

  async putPending(document: AgreementDocument, expiresAt: Date): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...this.item(document),
          [TTL_ATTRIBUTE]: Math.floor(expiresAt.getTime() / 1000),
        },
        ConditionExpression: 'attribute_not_exists(#pk)',
        ExpressionAttributeNames: { '#pk': PARTITION_KEY },
      }),
    );
  }

  async getDocument(
    agreementId: string,
    documentId: string,
  ): Promise<AgreementDocument | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.document(agreementId, documentId),
        ConsistentRead: true,
      }),
    );
    if (!Item) return undefined;
    const expiresAt: unknown = Item[TTL_ATTRIBUTE];
    // TTL deletes lazily (and DynamoDB Local never): an expired upload is gone already.
    if (typeof expiresAt === 'number' && expiresAt <= this.nowSeconds()) return undefined;
    return documentOf(Item);
  }

  async documents(
    agreementId: string,
    page: { limit: number; cursor?: string },
  ): Promise<Page<AgreementDocument>> {
    const partition = this.agreements.agreementPartition(agreementId, SORT_KEY_PREFIX.document);
    const input = {
      ...partition,
      FilterExpression: '#status <> :pending',
      ExpressionAttributeNames: { ...partition.ExpressionAttributeNames, '#status': 'status' },
      ExpressionAttributeValues: { ...partition.ExpressionAttributeValues, ':pending': 'PENDING' },
      Limit: page.limit,
    };
    const scope: CursorScope = {
      query: 'documents',
      shape: {
        [PARTITION_KEY]: keys.agreement(agreementId)[PARTITION_KEY],
        [SORT_KEY]: KEY_PATTERNS.documentSK,
      },
    };
    const found = await this.agreements.queryPage(input, page.limit, scope, page.cursor);
    return { ...found, items: found.items.map((item) => documentOf(item as Item)) };
  }

  async countDocuments(agreementId: string): Promise<number> {
    const partition = this.agreements.agreementPartition(agreementId, SORT_KEY_PREFIX.document);
    let count = 0;
    let startKey: Item | undefined;
    do {
      const answer = await this.client.send(
        new QueryCommand({
          ...partition,
          Select: 'COUNT',
          FilterExpression: NOT_PENDING_OR_UNEXPIRED,
          ExpressionAttributeNames: {
            ...partition.ExpressionAttributeNames,
            '#expiresAt': TTL_ATTRIBUTE,
          },
          ExpressionAttributeValues: {
            ...partition.ExpressionAttributeValues,
            ':now': this.nowSeconds(),
          },
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      count += answer.Count ?? 0;
      startKey = answer.LastEvaluatedKey;
    } while (startKey);
    return count;
  }

  async updateWithDocuments(
    agreement: Agreement,
    events: AuditEventDraft[],
    documents: DocumentWrite[],
  ): Promise<void> {
    // Each document is written over the state it was read in: a concurrent attach or withdrawal
    // fails the transaction, and the use case decides again on what is stored now.
    const writes = documents.map(({ document, was }): TransactItem => ({
      Put: {
        TableName: this.tableName,
        Item: this.item(document),
        ConditionExpression: 'attribute_exists(#pk) AND #status = :status',
        ExpressionAttributeNames: { '#pk': PARTITION_KEY, '#status': 'status' },
        ExpressionAttributeValues: { ':status': was },
      },
    }));
    await this.agreements.updateWith(agreement, events, writes);
  }

  private item(document: AgreementDocument): Item {
    return {
      ...keys.document(document.agreementId, document.documentId),
      entity: 'Document',
      ...document,
    };
  }

  private nowSeconds(): number {
    return Math.floor(this.now().getTime() / 1000);
  }
}

/** Attributes that exist for storage, never for the domain. */
const STORAGE = new Set([PARTITION_KEY, SORT_KEY, 'entity', TTL_ATTRIBUTE]);

function documentOf(item: Item): AgreementDocument {
  const entries = Object.entries(item).filter(([name]) => !STORAGE.has(name));
  return Object.fromEntries(entries) as unknown as AgreementDocument;
}
