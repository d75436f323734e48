// The single-table design, shared by the CDK construct, the repository and the local
// stand-ins so that every copy of the table has the same keys and indexes.
// docs/data-model.md explains the access patterns behind it.
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

export const PARTITION_KEY = 'PK';
export const SORT_KEY = 'SK';
/** Epoch seconds after which DynamoDB's TTL deletes an item (idempotency records). */
export const TTL_ATTRIBUTE = 'expiresAt';

export interface IndexDesign {
  name: string;
  partitionKey: string;
  sortKey: string;
  /** The attributes it projects besides the keys; absent: all of them. */
  include?: readonly string[];
}

/** Agreements sort newest first on `createdSK` (createdAt#id) in every list index. */
export const INDEXES = {
  byStage: { name: 'ByStage', partitionKey: 'stagePK', sortKey: 'createdSK' },
  byPartnerRegion: {
    name: 'ByPartnerRegion',
    partitionKey: 'partnerRegionPK',
    sortKey: 'createdSK',
  },
  all: { name: 'All', partitionKey: 'allPK', sortKey: 'createdSK' },
  /**
   * The reports' rows (the `report` attribute, a few hundred bytes an agreement) ordered by
   * the MoU's date (`<date>#<id>`): ten thousand agreements read in a few pages.
   */
  reports: { name: 'Reports', partitionKey: 'reportPK', sortKey: 'reportSK', include: ['report'] },
} as const satisfies Record<string, IndexDesign>;

export type IndexKey = keyof typeof INDEXES;

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export const keys = {
  agreement: (id: string) => ({ [PARTITION_KEY]: `AGREEMENT#${id}`, [SORT_KEY]: 'AGREEMENT' }),
  /** The workflow's last failure on the agreement, kept apart from the agreement item. */
  attention: (id: string) => ({ [PARTITION_KEY]: `AGREEMENT#${id}`, [SORT_KEY]: 'ATTENTION' }),
  event: (agreementId: string, version: number, index: number) => ({
    [PARTITION_KEY]: `AGREEMENT#${agreementId}`,
    [SORT_KEY]: `EVENT#${pad(version, 10)}#${pad(index, 3)}`,
  }),
  taskToken: (agreementId: string, waitKey: string) => ({
    [PARTITION_KEY]: `AGREEMENT#${agreementId}`,
    [SORT_KEY]: `TOKEN#${waitKey}`,
  }),
  idempotency: (key: string) => ({
    [PARTITION_KEY]: `IDEMPOTENCY#${key}`,
    [SORT_KEY]: 'IDEMPOTENCY',
  }),
};

/**
 * What the generated key values look like, to check a start key a client sends back (a page
 * cursor). Ids are bounded so that no key passes DynamoDB's size limits (1 KB for a sort key).
 */
const ID = '[^#]{1,200}';
export const KEY_PATTERNS = {
  agreementPK: new RegExp(`^AGREEMENT#${ID}$`),
  createdSK: new RegExp(`^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z#${ID}$`),
  eventSK: /^EVENT#\d{10}#\d{3}$/,
  reportSK: new RegExp(`^\\d{4}-\\d{2}-\\d{2}#${ID}$`),
};

export const SORT_KEY_PREFIX = { event: 'EVENT#', taskToken: 'TOKEN#' } as const;

/** The table as a CreateTable request, for DynamoDB Local. */
export function createTableInput(tableName: string): CreateTableCommandInput {
  const indexes: IndexDesign[] = Object.values(INDEXES);
  const attributes = new Set([
    PARTITION_KEY,
    SORT_KEY,
    ...indexes.flatMap((i) => [i.partitionKey, i.sortKey]),
  ]);
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...attributes].map((name) => ({
      AttributeName: name,
      AttributeType: 'S',
    })),
    KeySchema: [
      { AttributeName: PARTITION_KEY, KeyType: 'HASH' },
      { AttributeName: SORT_KEY, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: indexes.map((index) => ({
      IndexName: index.name,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' },
        { AttributeName: index.sortKey, KeyType: 'RANGE' },
      ],
      Projection: index.include
        ? { ProjectionType: 'INCLUDE', NonKeyAttributes: [...index.include] }
        : { ProjectionType: 'ALL' },
    })),
  };
}
