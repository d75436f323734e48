// What the table keeps for the dashboard besides the agreements themselves, so that every
// report reads what it returns and nothing more (docs/data-model.md, "Reports"): the sparse
// index keys of an agreement item, the activity keys of its events, and the stage counts,
// moved in the same transaction as every stage change.
import {
  BatchGetCommand,
  QueryCommand,
  type BatchGetCommandOutput,
  type DynamoDBDocumentClient,
  type TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Agreement, AuditEvent, AuditEventDraft } from '../../domain/agreement.ts';
import type { Activity, ReportScope } from '../../domain/ports.ts';
import {
  isActivity,
  oldestPendingReport,
  remindersOf,
  scheduledTraining,
  searchable,
} from '../../domain/reports.ts';
import { STAGES } from '../../domain/enums.ts';
import type { Stage } from '../../domain/schemas.ts';
import { SEARCH_TEXT } from './list-query.ts';
import { INDEXES, INDEX_PARTITIONS, STAGE_COUNT_SHARDS, keys } from './table-design.ts';

type Item = Record<string, unknown>;
type TransactItem = NonNullable<
  ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']
>[number];

/** A partner region's agreements, read whole where a report needs them in another order. */
export const REGION_READ_LIMIT = 1000;

const EVENT_TITLE = 'agreementTitle';
const EVENT_REGION_NAME = 'partnerRegionName';

/** Storage attributes written here that are no index key (those are storage attributes anyway). */
export const REPORT_ATTRIBUTES = [SEARCH_TEXT, EVENT_TITLE, EVENT_REGION_NAME];

/** The report keys of an agreement item: present only while they hold (sparse indexes). */
export function reportAttributes(agreement: Agreement): Item {
  const waitingSK = `${agreement.stageEnteredOn}#${agreement.id}`;
  const training = scheduledTraining(agreement);
  return {
    [INDEXES.allWaiting.sortKey]: waitingSK,
    ...(remindersOf(agreement).stalled
      ? { [INDEXES.stalled.partitionKey]: INDEX_PARTITIONS.stalled }
      : {}),
    ...(agreement.needsAttention
      ? { [INDEXES.needsAttention.partitionKey]: INDEX_PARTITIONS.needsAttention }
      : {}),
    ...(training
      ? {
          [INDEXES.upcomingTrainings.partitionKey]: INDEX_PARTITIONS.upcomingTrainings,
          [INDEXES.upcomingTrainings.sortKey]: `${training.startsOn}#${agreement.id}`,
        }
      : {}),
    ...pendingReportAttributes(agreement),
    [SEARCH_TEXT]: searchable(`${agreement.title} ${agreement.partnerRegion.name}`),
  };
}

/** A partition of the activity indexes that holds agreements with reports waiting. */
export function pendingReportsPartition(scope: ReportScope): string {
  const all = INDEX_PARTITIONS.pendingReports;
  return scope.partnerRegionCode ? `${all}#${scope.partnerRegionCode}` : all;
}

/**
 * While officials' reports wait for a coordinator, the agreement sits in the activity indexes'
 * pending-reports partitions (host-wide, and its region's), oldest report first. Region
 * partitions of activity are bare codes, so the two kinds never meet in one partition.
 */
function pendingReportAttributes(agreement: Agreement): Item {
  const oldest = oldestPendingReport(agreement);
  if (!oldest) return {};
  return {
    [INDEXES.activity.partitionKey]: pendingReportsPartition({}),
    [INDEXES.activityByRegion.partitionKey]: pendingReportsPartition({
      partnerRegionCode: agreement.partnerRegion.code,
    }),
    [INDEXES.activity.sortKey]: `${oldest}#${agreement.id}`,
  };
}

/** The activity keys of an event, with what the dashboard shows of its agreement. */
export function activityAttributes(
  agreement: Agreement,
  event: AuditEventDraft,
  index: number,
): Item {
  if (!isActivity(event.type)) return {};
  const order = `${String(agreement.version).padStart(10, '0')}#${String(index).padStart(3, '0')}`;
  return {
    [INDEXES.activity.partitionKey]: INDEX_PARTITIONS.activity,
    [INDEXES.activityByRegion.partitionKey]: agreement.partnerRegion.code,
    [INDEXES.activity.sortKey]: `${event.at}#${agreement.id}#${order}`,
    [EVENT_TITLE]: agreement.title,
    [EVENT_REGION_NAME]: agreement.partnerRegion.name,
  };
}

/** The host-wide count item an agreement is counted in: always the same one. */
function shardOf(agreementId: string): number {
  let hash = 0;
  for (const char of agreementId) hash = (hash * 31 + char.charCodeAt(0)) % 1_000_003;
  return hash % STAGE_COUNT_SHARDS;
}

/**
 * The count updates of a write: a new agreement (`from` undefined) counts in its stage; a
 * change of stage moves it from one count to the other, host-wide and in its partner region.
 */
export function stageCountWrites(
  tableName: string,
  agreement: Agreement,
  from: Stage | undefined,
): TransactItem[] {
  const to = agreement.stage;
  if (from === to) return [];
  const names: Record<string, string> = { '#to': to };
  const values: Record<string, number> = { ':to': 1 };
  if (from) {
    names['#from'] = from;
    values[':from'] = -1;
  }
  const expression = from ? 'ADD #from :from, #to :to' : 'ADD #to :to';
  return [
    keys.stageCounts({ shard: shardOf(agreement.id) }),
    keys.stageCounts({ partnerRegionCode: agreement.partnerRegion.code }),
  ].map((key) => ({
    Update: {
      TableName: tableName,
      Key: key,
      UpdateExpression: expression,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  }));
}

/** Agreements per stage in a scope: one count item, or the host-wide shards. */
export async function stageCounts(
  client: DynamoDBDocumentClient,
  tableName: string,
  scope: ReportScope,
): Promise<Record<Stage, number>> {
  const counts = Object.fromEntries(STAGES.map((stage) => [stage, 0])) as Record<Stage, number>;
  let requested: Item[] | undefined = scope.partnerRegionCode
    ? [keys.stageCounts({ partnerRegionCode: scope.partnerRegionCode })]
    : Array.from({ length: STAGE_COUNT_SHARDS }, (_, shard) => keys.stageCounts({ shard }));
  while (requested && requested.length > 0) {
    const answer: BatchGetCommandOutput = await client.send(
      new BatchGetCommand({
        RequestItems: { [tableName]: { Keys: requested, ConsistentRead: true } },
      }),
    );
    for (const item of answer.Responses?.[tableName] ?? []) {
      for (const stage of STAGES) counts[stage] += Number(item[stage] ?? 0);
    }
    requested = answer.UnprocessedKeys?.[tableName]?.Keys;
  }
  return counts;
}

/** The latest activity of a scope, newest first. */
export async function recentActivity(
  client: DynamoDBDocumentClient,
  tableName: string,
  scope: ReportScope,
  limit: number,
  eventOf: (item: Item) => unknown,
): Promise<Activity[]> {
  const index = scope.partnerRegionCode ? INDEXES.activityByRegion : INDEXES.activity;
  const { Items = [] } = await client.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: index.name,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': index.partitionKey },
      ExpressionAttributeValues: {
        ':pk': scope.partnerRegionCode ?? INDEX_PARTITIONS.activity,
      },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return Items.map((item) => ({
    ...(eventOf(item) as AuditEvent),
    title: String(item[EVENT_TITLE]),
    partnerRegion: {
      code: String(item[INDEXES.activityByRegion.partitionKey]),
      name: String(item[EVENT_REGION_NAME]),
    },
  }));
}
