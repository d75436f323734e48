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

/** Agreements sort newest first on `createdSK` (createdAt#id) in the stage, region and all indexes. */
export const INDEXES = {
  byStage: { name: 'ByStage', partitionKey: 'stagePK', sortKey: 'createdSK' },
  byPartnerRegion: {
    name: 'ByPartnerRegion',
    partitionKey: 'partnerRegionPK',
    sortKey: 'createdSK',
  },
  all: { name: 'All', partitionKey: 'allPK', sortKey: 'createdSK' },
  // Longest waiting first: `waitingSK` is stageEnteredOn#id, read ascending.
  allWaiting: { name: 'AllWaiting', partitionKey: 'allPK', sortKey: 'waitingSK' },
  byStageWaiting: { name: 'ByStageWaiting', partitionKey: 'stagePK', sortKey: 'waitingSK' },
  byPartnerRegionWaiting: {
    name: 'ByPartnerRegionWaiting',
    partitionKey: 'partnerRegionPK',
    sortKey: 'waitingSK',
  },
  // Sparse: only the agreements that are stalled, that need attention, that have a training
  // ahead, so the dashboard reads what it shows and nothing else.
  stalled: { name: 'Stalled', partitionKey: 'stalledPK', sortKey: 'waitingSK' },
  needsAttention: { name: 'NeedsAttention', partitionKey: 'attentionPK', sortKey: 'waitingSK' },
  upcomingTrainings: {
    name: 'UpcomingTrainings',
    partitionKey: 'trainingPK',
    sortKey: 'trainingSK',
  },
  // Sparse, on audit events: the activity of all agreements, and of each partner region.
  // Overloaded: agreements with officials' reports waiting for a coordinator sit in partitions
  // of their own (INDEX_PARTITIONS.pendingReports, and that prefix before a region's code).
  activity: { name: 'Activity', partitionKey: 'activityPK', sortKey: 'activitySK' },
  activityByRegion: {
    name: 'ActivityByRegion',
    partitionKey: 'activityRegionPK',
    sortKey: 'activitySK',
  },
  /**
   * Sparse: only agreements with a term (domain/term.ts), under TERM or TERMINATED, sorted by
   * the instant the term ends (termEndsAt#id), soonest first. The term lists query a range of it.
   */
  byTermEnd: { name: 'ByTermEnd', partitionKey: 'termPK', sortKey: 'termSK' },
  /**
   * The reports' rows, on each agreement's small report item (keys.report: the `report`
   * attribute, a few hundred bytes), ordered by the MoU's date (`<date>#<id>`). An index reads
   * what its items weigh, so the rows are not kept on the agreement item, which is far larger.
   */
  reports: { name: 'Reports', partitionKey: 'reportPK', sortKey: 'reportSK', include: ['report'] },
} as const satisfies Record<string, IndexDesign>;

/** On the term index's items: when the term's first notice window opens (a filter, not a key). */
export const TERM_NOTICE_FROM_ATTRIBUTE = 'termNoticeFrom';

/** The single value of each sparse index's partition key, and of the list indexes' `allPK`. */
export const INDEX_PARTITIONS = {
  all: 'AGREEMENT',
  stalled: 'STALLED',
  needsAttention: 'ATTENTION',
  upcomingTrainings: 'TRAINING',
  activity: 'ACTIVITY',
  pendingReports: 'PENDING_REPORTS',
} as const;

/**
 * The host-wide stage counts are spread over this many items, so that agreements created or
 * moved at the same time (an import) rarely meet on one item in their transactions.
 */
export const STAGE_COUNT_SHARDS = 8;

export type IndexKey = keyof typeof INDEXES;

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export const keys = {
  agreement: (id: string) => ({ [PARTITION_KEY]: `AGREEMENT#${id}`, [SORT_KEY]: 'AGREEMENT' }),
  /** The workflow's last failure on the agreement, kept apart from the agreement item. */
  attention: (id: string) => ({ [PARTITION_KEY]: `AGREEMENT#${id}`, [SORT_KEY]: 'ATTENTION' }),
  /** The agreement's report row, rewritten with every change of the agreement (Reports index). */
  report: (id: string) => ({ [PARTITION_KEY]: `AGREEMENT#${id}`, [SORT_KEY]: 'REPORT' }),
  event: (agreementId: string, version: number, index: number) => ({
    [PARTITION_KEY]: `AGREEMENT#${agreementId}`,
    [SORT_KEY]: `EVENT#${pad(version, 10)}#${pad(index, 3)}`,
  }),
  taskToken: (agreementId: string, waitKey: string) => ({
    [PARTITION_KEY]: `AGREEMENT#${agreementId}`,
    [SORT_KEY]: `TOKEN#${waitKey}`,
  }),
  /** Agreements per stage: `shard` of the host-wide count, or one partner region's. */
  stageCounts: (scope: { shard: number } | { partnerRegionCode: string }) => ({
    [PARTITION_KEY]:
      'shard' in scope
        ? `STAGE_COUNTS#ALL#${String(scope.shard)}`
        : `STAGE_COUNTS#REGION#${scope.partnerRegionCode}`,
    [SORT_KEY]: 'STAGE_COUNTS',
  }),
  /** A document of the agreement (a signed scan), its file in the documents bucket. */
  document: (agreementId: string, documentId: string) => ({
    [PARTITION_KEY]: `AGREEMENT#${agreementId}`,
    [SORT_KEY]: `DOCUMENT#${documentId}`,
  }),
  /** An action link, by the SHA-256 of its token: the token itself is never stored. */
  actionLink: (hash: string) => ({ [PARTITION_KEY]: `ACTION#${hash}`, [SORT_KEY]: 'ACTION' }),
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
  waitingSK: new RegExp(`^\\d{4}-\\d{2}-\\d{2}#${ID}$`),
  trainingSK: new RegExp(`^\\d{4}-\\d{2}-\\d{2}#${ID}$`),
  // `<term end instant ISO>#<id>`, the shape of createdSK.
  termSK: new RegExp(`^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z#${ID}$`),
  documentSK: new RegExp(`^DOCUMENT#${ID}$`),
  reportSK: new RegExp(`^\\d{4}-\\d{2}-\\d{2}#${ID}$`),
};

export const SORT_KEY_PREFIX = {
  event: 'EVENT#',
  taskToken: 'TOKEN#',
  document: 'DOCUMENT#',
} as const;

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
