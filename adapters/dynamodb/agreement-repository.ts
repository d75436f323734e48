import {
  ConditionalCheckFailedException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  type BatchGetCommandOutput,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { termIndexOf } from '../../domain/term.ts';
import type { ActionLink } from '../../domain/action-links.ts';
import {
  summarized,
  type Agreement,
  type AuditEvent,
  type AuditEventDraft,
  type Stage,
} from '../../domain/agreement.ts';
import { scheduledTraining, stageBefore } from '../../domain/reports.ts';
import {
  AgreementAlreadyExistsError,
  AgreementNotFoundError,
  IdempotencyKeyReusedError,
  VersionConflictError,
  type Activity,
  type ActionLinkStore,
  type AgreementRepository,
  type IdempotencyClaim,
  type ListQuery,
  type Page,
  type ReportScope,
  type TaskToken,
  type WriteResult,
} from '../../domain/ports.ts';
import { decodeCursor, encodeCursor, type KeyShape } from './cursor.ts';
import { listPlan } from './list-query.ts';
import {
  REGION_READ_LIMIT,
  REPORT_ATTRIBUTES,
  activityAttributes,
  pendingReportsPartition,
  recentActivity,
  reportAttributes,
  stageCountWrites,
  stageCounts,
} from './report-items.ts';
import {
  cohortDate,
  reportRowOf,
  trackStages,
  type ReportRow,
} from '../../domain/reports/stage-times.ts';
import {
  INDEXES,
  INDEX_PARTITIONS,
  KEY_PATTERNS,
  PARTITION_KEY,
  SORT_KEY,
  SORT_KEY_PREFIX,
  TERM_NOTICE_FROM_ATTRIBUTE,
  TTL_ATTRIBUTE,
  keys,
  type IndexDesign,
} from './table-design.ts';

const DEFAULT_IDEMPOTENCY_TTL_SECONDS = 24 * 3600;
const TRANSACTION_CONFLICT_ATTEMPTS = 5;
/** Attributes that exist for storage (keys, index keys, item kind), never for the domain. */
const STORAGE_ATTRIBUTES = new Set([
  PARTITION_KEY,
  SORT_KEY,
  'entity',
  ...REPORT_ATTRIBUTES,
  'report',
  ...Object.values(INDEXES).flatMap((i) => [i.partitionKey, i.sortKey]),
  TERM_NOTICE_FROM_ATTRIBUTE,
]);

type Item = Record<string, unknown>;
export type TransactItem = NonNullable<
  ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']
>[number];

interface IdempotencyRecord {
  requestHash: string;
  response: Agreement;
  [TTL_ATTRIBUTE]: number;
}

export interface DynamoAgreementRepositoryOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  /** For tests that pin the clock (idempotency expiry). */
  now?: () => Date;
}

/** AgreementRepository on one DynamoDB table; see docs/data-model.md. */
export class DynamoAgreementRepository implements AgreementRepository, ActionLinkStore {
  /** Shared with the documents' repository, which writes in this one's transactions. */
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  private readonly now: () => Date;

  constructor(options: DynamoAgreementRepositoryOptions) {
    this.client = options.client;
    this.tableName = options.tableName;
    this.now = options.now ?? (() => new Date());
  }

  async create(
    created: Agreement,
    events: AuditEventDraft[],
    idempotency?: IdempotencyClaim,
  ): Promise<WriteResult> {
    // The stage times follow every change's events here, so that no writer can forget them.
    const agreement = trackStages(created, events);
    const put: TransactItem = {
      Put: {
        TableName: this.tableName,
        Item: this.agreementItem(agreement),
        ConditionExpression: 'attribute_not_exists(#pk)',
        ExpressionAttributeNames: { '#pk': PARTITION_KEY },
      },
    };
    return this.write(
      agreement,
      [put, this.reportWrite(agreement), ...stageCountWrites(this.tableName, agreement, undefined)],
      events,
      idempotency,
      () => new AgreementAlreadyExistsError(agreement.id),
    );
  }

  async update(
    agreement: Agreement,
    events: AuditEventDraft[],
    idempotency?: IdempotencyClaim,
  ): Promise<WriteResult> {
    return this.updateWith(agreement, events, [], idempotency);
  }

  /**
   * update(), with more items of the agreement in the same transaction (its documents:
   * document-repository.ts). A failed condition of one of them is a conflict too: the change
   * is made again from what is stored now.
   */
  async updateWith(
    changed: Agreement,
    events: AuditEventDraft[],
    items: TransactItem[],
    idempotency?: IdempotencyClaim,
  ): Promise<WriteResult> {
    // The stage counts move with the stage: the stored stage must be the one the change
    // started from, or the counts would drift (a change of stage without its event fails).
    // The stage times follow every change's events here, so that no writer can forget them.
    const agreement = trackStages(changed, events);
    const from = stageBefore(agreement, events);
    const put: TransactItem = {
      Put: {
        TableName: this.tableName,
        Item: this.agreementItem(agreement),
        ...this.versionCondition(agreement, {
          names: { '#stage': 'stage' },
          values: { ':from': from },
          condition: '#stage = :from',
        }),
      },
    };
    const counts = stageCountWrites(this.tableName, agreement, from);
    return this.writeChange(
      agreement,
      [put, this.reportWrite(agreement), ...counts, ...items],
      events,
      idempotency,
    );
  }

  async updateSpendingLink(
    agreement: Agreement,
    events: AuditEventDraft[],
    link: { hash: string; usedAt: string },
  ): Promise<WriteResult> {
    // A failed condition here reads as a version conflict: the retry finds the link used.
    const spend: TransactItem = {
      Update: {
        TableName: this.tableName,
        Key: keys.actionLink(link.hash),
        UpdateExpression: 'SET #usedAt = :usedAt',
        ConditionExpression: 'attribute_exists(#pk) AND attribute_not_exists(#usedAt)',
        ExpressionAttributeNames: { '#pk': PARTITION_KEY, '#usedAt': 'usedAt' },
        ExpressionAttributeValues: { ':usedAt': link.usedAt },
      },
    };
    return this.updateWith(agreement, events, [spend]);
  }

  async putActionLinks(links: ActionLink[]): Promise<void> {
    // A nudge has a handful of recipients: one transaction, far below its 100 items.
    if (links.length === 0) return;
    await this.sendTransaction(
      links.map((link) => ({
        Put: {
          TableName: this.tableName,
          Item: {
            ...keys.actionLink(link.hash),
            entity: 'ActionLink',
            ...link,
            // The TTL attribute holds epoch seconds; the link keeps its ISO expiry as `expires`.
            [TTL_ATTRIBUTE]: Math.ceil(Date.parse(link.expiresAt) / 1000),
            expiresAtIso: link.expiresAt,
          },
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': PARTITION_KEY },
        },
      })),
    );
  }

  async actionLink(hash: string): Promise<ActionLink | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.actionLink(hash),
        ConsistentRead: true,
      }),
    );
    if (!Item) return undefined;
    const { expiresAtIso, ...rest } = fromItem(Item) as Item;
    return { ...rest, expiresAt: expiresAtIso } as ActionLink;
  }

  async markNeedsAttention(agreement: Agreement, events: AuditEventDraft[]): Promise<WriteResult> {
    // An update of two small attributes: it succeeds whatever the agreement item holds.
    const touch: TransactItem = {
      Update: {
        TableName: this.tableName,
        Key: keys.agreement(agreement.id),
        UpdateExpression:
          'SET #version = :version, #updatedAt = :updatedAt, #attentionPK = :attention',
        ...this.versionCondition(agreement, {
          names: { '#updatedAt': 'updatedAt', '#attentionPK': INDEXES.needsAttention.partitionKey },
          values: {
            ':version': agreement.version,
            ':updatedAt': agreement.updatedAt,
            ':attention': INDEX_PARTITIONS.needsAttention,
          },
        }),
      },
    };
    return this.writeChange(agreement, [touch], events);
  }

  /**
   * A change of a stored agreement: its item's write, its mark's, its events, and what else
   * must be written with it (stage counts, documents, an action link spent).
   */
  private writeChange(
    agreement: Agreement,
    [agreementWrite, ...others]: [TransactItem, ...TransactItem[]],
    events: AuditEventDraft[],
    idempotency?: IdempotencyClaim,
  ): Promise<WriteResult> {
    return this.write(
      agreement,
      [agreementWrite, this.attentionWrite(agreement), ...others],
      events,
      idempotency,
      (current) => {
        if (!current) return new AgreementNotFoundError(agreement.id);
        if (current.version === agreement.version - 1) {
          // The version held, so the stage condition failed: a bug, not a race to retry.
          return new Error(
            `Agreement ${agreement.id} is stored in stage ${String(current.stage)}, not in the stage its change started from`,
          );
        }
        return new VersionConflictError(
          agreement.id,
          agreement.version - 1,
          current.version as number,
        );
      },
    );
  }

  async get(id: string): Promise<Agreement | undefined> {
    // The agreement item and its needs-attention item sort next to each other: one read.
    const { Items = [] } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :agreement AND :attention',
        ExpressionAttributeNames: { '#pk': PARTITION_KEY, '#sk': SORT_KEY },
        ExpressionAttributeValues: {
          ':pk': keys.agreement(id)[PARTITION_KEY],
          ':agreement': keys.agreement(id)[SORT_KEY],
          ':attention': keys.attention(id)[SORT_KEY],
        },
        ConsistentRead: true,
      }),
    );
    const bySortKey = new Map(Items.map((item) => [item[SORT_KEY] as string, item]));
    const item = bySortKey.get(keys.agreement(id)[SORT_KEY]);
    return item ? agreementOf(item, bySortKey.get(keys.attention(id)[SORT_KEY])) : undefined;
  }

  async replay(claim: IdempotencyClaim): Promise<Agreement | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.idempotency(claim.key),
        ConsistentRead: true,
      }),
    );
    const record = Item as IdempotencyRecord | undefined;
    if (!record || record[TTL_ATTRIBUTE] < Math.floor(this.now().getTime() / 1000))
      return undefined;
    if (record.requestHash !== claim.requestHash) throw new IdempotencyKeyReusedError(claim.key);
    return summarized(record.response);
  }

  async list(query: ListQuery): Promise<Page<Agreement>> {
    const { index, partition, ascending, range, filter, empty } = listPlan(query);
    if (empty) return { items: [] };
    const input: QueryCommandInput = {
      TableName: this.tableName,
      IndexName: index.name,
      KeyConditionExpression: range ? `#pk = :pk AND ${range.expression}` : '#pk = :pk',
      ExpressionAttributeNames: { '#pk': index.partitionKey, ...range?.names, ...filter?.names },
      ExpressionAttributeValues: { ':pk': partition, ...range?.values, ...filter?.values },
      ...(filter ? { FilterExpression: filter.expression } : {}),
      ScanIndexForward: ascending,
      Limit: query.limit,
    };
    return this.agreementPage(input, query.limit, index, partition, query.cursor);
  }

  /** A page of agreements from a list index, with their needs-attention items. */
  private async agreementPage(
    input: QueryCommandInput,
    limit: number,
    index: IndexDesign,
    partition: string,
    cursor?: string,
  ): Promise<Page<Agreement>> {
    const scope: CursorScope = {
      query: index.name,
      shape: {
        [PARTITION_KEY]: KEY_PATTERNS.agreementPK,
        [SORT_KEY]: keys.agreement('')[SORT_KEY],
        [index.partitionKey]: partition,
        [index.sortKey]:
          KEY_PATTERNS[index.sortKey as 'createdSK' | 'waitingSK' | 'trainingSK' | 'termSK'],
      },
    };
    const page = (await this.queryPage(input, limit, scope, cursor)) as Page<Item>;
    const attention = await this.attentionItems(page.items.map((item) => item.id as string));
    return {
      ...page,
      items: page.items.map((item) => agreementOf(item, attention.get(item.id as string))),
    };
  }

  async stageCounts(scope: ReportScope): Promise<Record<Stage, number>> {
    return stageCounts(this.client, this.tableName, scope);
  }

  async upcomingTrainings(scope: ReportScope, from: string, limit: number): Promise<Agreement[]> {
    const { partitionKey, sortKey } = INDEXES.upcomingTrainings;
    const names = { '#pk': partitionKey, '#training': sortKey };
    if (!scope.partnerRegionCode) {
      const input: QueryCommandInput = {
        TableName: this.tableName,
        IndexName: INDEXES.upcomingTrainings.name,
        KeyConditionExpression: '#pk = :pk AND #training >= :from',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: { ':pk': INDEX_PARTITIONS.upcomingTrainings, ':from': from },
        Limit: limit,
      };
      const partition = INDEX_PARTITIONS.upcomingTrainings;
      return (await this.agreementPage(input, limit, INDEXES.upcomingTrainings, partition)).items;
    }
    // A partner region's few agreements, filtered, in the order of their trainings.
    const { byPartnerRegion: index } = INDEXES;
    const input: QueryCommandInput = {
      TableName: this.tableName,
      IndexName: index.name,
      KeyConditionExpression: '#pk = :pk',
      FilterExpression: '#training >= :from',
      ExpressionAttributeNames: { ...names, '#pk': index.partitionKey },
      ExpressionAttributeValues: { ':pk': scope.partnerRegionCode, ':from': from },
    };
    const { items } = await this.agreementPage(
      input,
      REGION_READ_LIMIT,
      index,
      scope.partnerRegionCode,
    );
    return items
      .map((agreement) => ({ agreement, on: scheduledTraining(agreement)?.startsOn ?? '' }))
      .sort((a, b) => a.on.localeCompare(b.on) || a.agreement.id.localeCompare(b.agreement.id))
      .slice(0, limit)
      .map(({ agreement }) => agreement);
  }

  async recentActivity(scope: ReportScope, limit: number): Promise<Activity[]> {
    return recentActivity(this.client, this.tableName, scope, limit, fromItem);
  }

  async pendingReports(scope: ReportScope, limit: number): Promise<Agreement[]> {
    const index = scope.partnerRegionCode ? INDEXES.activityByRegion : INDEXES.activity;
    const partition = pendingReportsPartition(scope);
    const input: QueryCommandInput = {
      TableName: this.tableName,
      IndexName: index.name,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': index.partitionKey },
      ExpressionAttributeValues: { ':pk': partition },
      Limit: limit,
    };
    return (await this.agreementPage(input, limit, index, partition)).items;
  }

  async reportRows(range: { from?: string; to?: string }): Promise<ReportRow[]> {
    const index = INDEXES.reports;
    // Sort keys are `<date>#<id>`: '#' sorts before every id character, '~' after them.
    const input: QueryCommandInput = {
      TableName: this.tableName,
      IndexName: index.name,
      KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
      ExpressionAttributeNames: { '#pk': index.partitionKey, '#sk': index.sortKey },
      ExpressionAttributeValues: {
        ':pk': 'REPORT',
        ':from': `${range.from ?? '0000-00-00'}#`,
        ':to': `${range.to ?? '9999-99-99'}#~`,
      },
    };
    const rows = new Map<string, ReportRow>();
    let startKey: Item | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({ ...input, ...(startKey ? { ExclusiveStartKey: startKey } : {}) }),
      );
      for (const item of page.Items ?? []) {
        // An agreement item written before report items carries its row itself, as a map,
        // until its next write: its report item, once there, is the one that counts.
        const fromReportItem = typeof item.report === 'string';
        const row = (fromReportItem ? JSON.parse(item.report as string) : item.report) as ReportRow;
        if (fromReportItem || !rows.has(row.id)) rows.set(row.id, row);
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return [...rows.values()];
  }

  async needsAttentionOf(ids: readonly string[]): Promise<Map<string, string>> {
    const marks = new Map<string, string>();
    for (let i = 0; i < ids.length; i += 100) {
      for (const [id, item] of await this.attentionItems(ids.slice(i, i + 100)))
        marks.set(id, item.since as string);
    }
    return marks;
  }

  /** The needs-attention items of the agreements named (at most 100), by agreement id. */
  private async attentionItems(ids: string[]): Promise<Map<string, Item>> {
    const found = new Map<string, Item>();
    // A page holds at most 100 agreements: one BatchGet, repeated for what it left unread.
    let requested: Item[] | undefined = ids.map((id) => keys.attention(id));
    while (requested && requested.length > 0) {
      const answer: BatchGetCommandOutput = await this.client.send(
        new BatchGetCommand({
          RequestItems: { [this.tableName]: { Keys: requested, ConsistentRead: true } },
        }),
      );
      const { Responses, UnprocessedKeys } = answer;
      for (const item of Responses?.[this.tableName] ?? [])
        found.set((item[PARTITION_KEY] as string).slice('AGREEMENT#'.length), item);
      requested = UnprocessedKeys?.[this.tableName]?.Keys;
    }
    return found;
  }

  async history(
    agreementId: string,
    page: { limit: number; cursor?: string },
  ): Promise<Page<AuditEvent>> {
    const input = {
      ...this.agreementPartition(agreementId, SORT_KEY_PREFIX.event),
      Limit: page.limit,
    };
    const scope: CursorScope = {
      query: 'history',
      shape: {
        [PARTITION_KEY]: keys.agreement(agreementId)[PARTITION_KEY],
        [SORT_KEY]: KEY_PATTERNS.eventSK,
      },
    };
    return (await this.queryPage(input, page.limit, scope, page.cursor)) as Page<AuditEvent>;
  }

  async putTaskToken(token: TaskToken): Promise<boolean> {
    return conditionHeld(
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.taskToken(token.agreementId, token.waitKey),
            entity: 'TaskToken',
            ...token,
          },
          ConditionExpression: 'attribute_not_exists(#pk) OR #startedAt <= :startedAt',
          ExpressionAttributeNames: { '#pk': PARTITION_KEY, '#startedAt': 'executionStartedAt' },
          ExpressionAttributeValues: { ':startedAt': token.executionStartedAt },
        }),
      ),
    );
  }

  async clearTaskToken(agreementId: string, waitKey: string, token: string): Promise<boolean> {
    return conditionHeld(
      this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: keys.taskToken(agreementId, waitKey),
          ConditionExpression: '#token = :token',
          ExpressionAttributeNames: { '#token': 'token' },
          ExpressionAttributeValues: { ':token': token },
        }),
      ),
    );
  }

  async taskTokens(agreementId: string): Promise<TaskToken[]> {
    // A handful of tokens at most (one per wait), far below a query page.
    const { Items = [] } = await this.client.send(
      new QueryCommand(this.agreementPartition(agreementId, SORT_KEY_PREFIX.taskToken)),
    );
    return Items.map((item) => fromItem(item) as TaskToken);
  }

  /**
   * Writes the agreement, its events and the idempotency record in one transaction.
   * On a failed condition: a known idempotency key replays the first result (or refuses a
   * different request under the same key); otherwise `conflict` names what went wrong.
   */
  private async write(
    agreement: Agreement,
    writes: TransactItem[],
    events: AuditEventDraft[],
    idempotency: IdempotencyClaim | undefined,
    conflict: (current: Item | undefined) => Error,
  ): Promise<WriteResult> {
    const nowSeconds = Math.floor(this.now().getTime() / 1000);
    const items: TransactItem[] = [
      ...writes,
      ...events.map((event, index): TransactItem => ({
        Put: {
          TableName: this.tableName,
          Item: {
            ...keys.event(agreement.id, agreement.version, index),
            entity: 'AuditEvent',
            agreementId: agreement.id,
            version: agreement.version,
            index,
            ...event,
            ...activityAttributes(agreement, event, index),
          },
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': PARTITION_KEY },
        },
      })),
    ];
    if (idempotency) {
      items.push({
        Put: {
          TableName: this.tableName,
          Item: {
            ...keys.idempotency(idempotency.key),
            entity: 'IdempotencyRecord',
            requestHash: idempotency.requestHash,
            response: agreement,
            [TTL_ATTRIBUTE]:
              nowSeconds + (idempotency.ttlSeconds ?? DEFAULT_IDEMPOTENCY_TTL_SECONDS),
          },
          // TTL deletes lazily, so an expired record may still be there: it no longer counts.
          ConditionExpression: 'attribute_not_exists(#pk) OR #expiresAt < :now',
          ExpressionAttributeNames: { '#pk': PARTITION_KEY, '#expiresAt': TTL_ATTRIBUTE },
          ExpressionAttributeValues: { ':now': nowSeconds },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      });
    }
    try {
      await this.sendTransaction(items);
      return { agreement, replayed: false };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      const failed = (i: number) => reasons[i]?.Code === 'ConditionalCheckFailed';
      const oldItem = (i: number) => {
        const item = reasons[i]?.Item;
        return item ? unmarshall(item) : undefined;
      };
      const idempotencyIndex = items.length - 1;
      if (idempotency && failed(idempotencyIndex)) {
        const record = oldItem(idempotencyIndex) as IdempotencyRecord | undefined;
        if (record?.requestHash !== idempotency.requestHash)
          throw new IdempotencyKeyReusedError(idempotency.key);
        return { agreement: record.response, replayed: true };
      }
      if (failed(0)) throw conflict(oldItem(0));
      // An event key already taken means another writer stored this version first.
      if (reasons.some((r) => r.Code === 'ConditionalCheckFailed'))
        throw conflict({ version: agreement.version });
      throw error;
    }
  }

  /**
   * DynamoDB cancels a transaction that meets another one in flight on the same item
   * (reason TransactionConflict), and the SDK does not retry that. Retrying shortly lets the
   * other transaction finish; the conditions then tell who won, or replay an idempotent retry.
   */
  private async sendTransaction(items: TransactItem[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.client.send(new TransactWriteCommand({ TransactItems: items }));
        return;
      } catch (error) {
        const inFlight =
          error instanceof TransactionCanceledException &&
          (error.CancellationReasons ?? []).some((r) => r.Code === 'TransactionConflict');
        if (!inFlight || attempt === TRANSACTION_CONFLICT_ATTEMPTS) throw error;
        // Full jitter, growing: 0-25 ms, 0-50 ms, ...
        await new Promise((resolve) =>
          setTimeout(resolve, Math.random() * 25 * 2 ** (attempt - 1)),
        );
      }
    }
  }

  /** The items of one agreement whose sort key starts with `prefix`, in key order. */
  agreementPartition(agreementId: string, prefix: string): QueryCommandInput {
    return {
      TableName: this.tableName,
      KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
      ExpressionAttributeNames: { '#pk': PARTITION_KEY, '#sk': SORT_KEY },
      ExpressionAttributeValues: {
        ':pk': keys.agreement(agreementId)[PARTITION_KEY],
        ':prefix': prefix,
      },
      ConsistentRead: true,
    };
  }

  /**
   * One page of a query: continues from `cursor` (checked against `scope`), queries until
   * `limit` items are gathered, and returns them with the cursor of the next page.
   */
  async queryPage(
    input: QueryCommandInput,
    limit: number,
    scope: CursorScope,
    cursor: string | undefined,
  ): Promise<Page<unknown>> {
    const items: Item[] = [];
    let exclusiveStartKey: Item | undefined = cursor
      ? decodeCursor(cursor, scope.query, scope.shape)
      : undefined;
    for (;;) {
      const page = await this.client.send(
        new QueryCommand({
          ...input,
          ...(exclusiveStartKey ? { ExclusiveStartKey: exclusiveStartKey } : {}),
        }),
      );
      items.push(...(page.Items ?? []));
      exclusiveStartKey = page.LastEvaluatedKey;
      if (items.length >= limit || !exclusiveStartKey) break;
    }
    const more = items.length > limit || exclusiveStartKey !== undefined;
    const returned = items.slice(0, limit);
    const last = returned.at(-1);
    const page: Page<unknown> = { items: returned.map(fromItem) };
    if (!more || !last) return page;
    const startKey = Object.fromEntries(
      Object.keys(scope.shape).map((name) => [name, String(last[name])]),
    );
    return { ...page, nextCursor: encodeCursor(scope.query, startKey) };
  }

  private agreementItem(agreement: Agreement): Item {
    const createdSK = `${agreement.createdAt}#${agreement.id}`;
    // The mark lives in its own item (attentionWrite).
    const stored: Partial<Agreement> = { ...agreement };
    delete stored.needsAttention;
    return {
      ...keys.agreement(agreement.id),
      entity: 'Agreement',
      [INDEXES.byStage.partitionKey]: agreement.stage,
      [INDEXES.byPartnerRegion.partitionKey]: agreement.partnerRegion.code,
      [INDEXES.all.partitionKey]: INDEX_PARTITIONS.all,
      [INDEXES.all.sortKey]: createdSK,
      ...reportAttributes(agreement),
      ...termIndexAttributes(agreement),
      ...stored,
    };
  }

  /** The agreement's report row, put in the same transaction as every write of the agreement. */
  private reportWrite(agreement: Agreement): TransactItem {
    const report = reportRowOf({ ...agreement, needsAttention: undefined });
    return {
      Put: {
        TableName: this.tableName,
        Item: {
          ...keys.report(agreement.id),
          entity: 'ReportRow',
          [INDEXES.reports.partitionKey]: 'REPORT',
          [INDEXES.reports.sortKey]: `${cohortDate(report)}#${agreement.id}`,
          // JSON: nothing queries inside the row, and the SDK unmarshals nested maps many
          // times slower than JSON.parse reads the same row (the reports read ten thousand).
          report: JSON.stringify(report),
        },
      },
    };
  }

  /**
   * The needs-attention item follows the agreement: written while it is marked, deleted in the
   * same transaction as the change that clears it (a new execution taking over).
   */
  private attentionWrite(agreement: Agreement): TransactItem {
    const key = keys.attention(agreement.id);
    return agreement.needsAttention
      ? {
          Put: {
            TableName: this.tableName,
            Item: { ...key, entity: 'NeedsAttention', ...agreement.needsAttention },
          },
        }
      : { Delete: { TableName: this.tableName, Key: key } };
  }

  /** A change is written only over the version it was made from. */
  private versionCondition(
    agreement: Agreement,
    extra: {
      names: Record<string, string>;
      values: Record<string, unknown>;
      condition?: string;
    } = {
      names: {},
      values: {},
    },
  ) {
    return {
      ConditionExpression: ['#version = :expected', extra.condition].filter(Boolean).join(' AND '),
      ExpressionAttributeNames: { '#version': 'version', ...extra.names },
      ExpressionAttributeValues: { ':expected': agreement.version - 1, ...extra.values },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
    };
  }
}

/** Which query a cursor continues: its name, and the start keys it produces. */
export interface CursorScope {
  query: string;
  shape: KeyShape;
}

/** The term index's attributes: none without a term, so the index stays sparse. */
function termIndexAttributes(agreement: Agreement): Item {
  const term = termIndexOf(agreement);
  if (!term) return {};
  return {
    [INDEXES.byTermEnd.partitionKey]: term.terminated ? 'TERMINATED' : 'TERM',
    [INDEXES.byTermEnd.sortKey]: `${term.endsAt}#${agreement.id}`,
    [TERM_NOTICE_FROM_ATTRIBUTE]: term.noticeFrom,
  };
}

/** Resolves to whether the write's condition held; a failed condition is an answer, not an error. */
async function conditionHeld(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/**
 * The agreement an item stores, with its needs-attention item if any. Items written before the
 * milestone summary or the separate needs-attention item read in today's shape.
 */
function agreementOf(item: Item, attention: Item | undefined): Agreement {
  const agreement = summarized(fromItem(item) as Agreement);
  if (!attention) return agreement;
  const { since, error, cause, executionArn } = attention as Item &
    Agreement['needsAttention'] &
    object;
  return {
    ...agreement,
    needsAttention: { since, error, cause, ...(executionArn ? { executionArn } : {}) },
  };
}

/** The domain object an item stores: the item without its storage attributes. */
function fromItem(item: Item): unknown {
  return Object.fromEntries(Object.entries(item).filter(([name]) => !STORAGE_ATTRIBUTES.has(name)));
}
