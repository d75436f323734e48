// How a list of agreements is read: the index whose key answers the most of the query, and
// a filter for the rest. A new filter is one entry of FILTERS (and a field of ListFilters);
// an index that serves it may be added to `indexFor`. Never a Scan.
import type { ListFilters, ListQuery } from '../../domain/ports.ts';
import { searchable } from '../../domain/reports.ts';
import { listsByTerm } from '../../domain/term.ts';
import {
  INDEXES,
  INDEX_PARTITIONS,
  TERM_NOTICE_FROM_ATTRIBUTE,
  type IndexDesign,
} from './table-design.ts';

/** A condition of a query's FilterExpression, with the names and values it uses. */
export interface Clause {
  expression: string;
  names: Record<string, string>;
  values?: Record<string, unknown>;
}

const flag = (attribute: string) => (yes: boolean) => ({
  expression: `${yes ? 'attribute_exists' : 'attribute_not_exists'}(#${attribute})`,
  names: { [`#${attribute}`]: attribute },
});

/** Each filter of a list as a condition on the agreement item (see agreementItem). */
const FILTERS: {
  [K in keyof Required<Omit<ListFilters, TermFilter>>]: (
    value: NonNullable<ListFilters[K]>,
  ) => Clause;
} = {
  stage: (stage) => ({
    expression: '#stage = :stage',
    names: { '#stage': 'stage' },
    values: { ':stage': stage },
  }),
  partnerRegionCode: (code) => ({
    expression: '#partnerRegionPK = :partnerRegion',
    names: { '#partnerRegionPK': INDEXES.byPartnerRegion.partitionKey },
    values: { ':partnerRegion': code },
  }),
  provinceCode: (code) => ({
    expression: '#partnerRegion.#provinceCode = :province',
    names: { '#partnerRegion': 'partnerRegion', '#provinceCode': 'provinceCode' },
    values: { ':province': code },
  }),
  stalled: flag(INDEXES.stalled.partitionKey),
  needsAttention: flag(INDEXES.needsAttention.partitionKey),
  // Dormant agreements are few and only they carry the attribute.
  dormant: flag('dormant'),
  text: (text) => ({
    expression: 'contains(#searchText, :text)',
    names: { '#searchText': SEARCH_TEXT },
    values: { ':text': searchable(text) },
  }),
};

/** The storage attribute the text search looks in: title and partner region name, searchable. */
export const SEARCH_TEXT = 'searchText';

/** The filters the term index answers (by its key and its notice attribute). */
type TermFilter = 'termStatus' | 'expiringWithinDays';

export interface ListPlan {
  index: IndexDesign;
  /** The index partition read. */
  partition: string;
  /** A condition on the index's sort key, beside the partition. */
  range?: Clause;
  /** The query can match nothing (e.g. expired and expiring at once): nothing is read. */
  empty?: true;
  /** Longest waiting first reads the waiting indexes in ascending order. */
  ascending: boolean;
  /** The filters the index's key does not answer, joined with AND. */
  filter?: Clause;
}

/** The index that answers the most of the query, and which filter it answers by its key. */
function indexFor(query: ListQuery): {
  index: IndexDesign;
  partition: string;
  served?: keyof ListFilters;
} {
  if (listsByTerm(query)) {
    const partition = query.termStatus === 'TERMINATED' ? 'TERMINATED' : 'TERM';
    return { index: INDEXES.byTermEnd, partition };
  }
  const waiting = query.sort === 'longest-waiting';
  // A partner region holds a handful of agreements: its partition is the smallest to read.
  if (query.partnerRegionCode) {
    const index = waiting ? INDEXES.byPartnerRegionWaiting : INDEXES.byPartnerRegion;
    return { index, partition: query.partnerRegionCode, served: 'partnerRegionCode' };
  }
  if (waiting && query.stalled === true) {
    return { index: INDEXES.stalled, partition: INDEX_PARTITIONS.stalled, served: 'stalled' };
  }
  if (waiting && query.needsAttention === true) {
    const partition = INDEX_PARTITIONS.needsAttention;
    return { index: INDEXES.needsAttention, partition, served: 'needsAttention' };
  }
  if (query.stage) {
    const index = waiting ? INDEXES.byStageWaiting : INDEXES.byStage;
    return { index, partition: query.stage, served: 'stage' };
  }
  return { index: waiting ? INDEXES.allWaiting : INDEXES.all, partition: INDEX_PARTITIONS.all };
}

export function listPlan(query: ListQuery): ListPlan {
  const { index, partition, served } = indexFor(query);
  const names = Object.keys(FILTERS) as (keyof typeof FILTERS)[];
  const clauses = names
    .filter((name) => name !== served && query[name] !== undefined)
    .map((name) => (FILTERS[name] as (value: unknown) => Clause)(query[name]));
  // With a term filter the list is in the order of the term's end, soonest first.
  const byTerm = listsByTerm(query);
  const plan: ListPlan = {
    index,
    partition,
    ascending: byTerm || query.sort === 'longest-waiting',
  };
  if (byTerm) {
    const term = termPlan(query);
    if (!term) return { ...plan, empty: true };
    plan.range = term.range;
    if (term.clause) clauses.push(term.clause);
  }
  if (clauses.length === 0) return plan;
  return { ...plan, filter: joined(clauses) };
}

function joined(clauses: Clause[]): Clause {
  return {
    expression: clauses.map((c) => `(${c.expression})`).join(' AND '),
    names: Object.assign({}, ...clauses.map((c) => c.names)) as Record<string, string>,
    values: Object.assign({}, ...clauses.map((c) => c.values ?? {})) as Record<string, unknown>,
  };
}

/**
 * The term statuses as ranges of the instant the term ends (the index's sort key,
 * `termEndsAt#id`) and of the instant its first notice window opens, as domain/term.ts
 * computes them (docs/data-model.md). Undefined when no term can match.
 */
function termPlan(query: ListQuery): { range: Clause; clause?: Clause } | undefined {
  const { termStatus: status, expiringWithinDays: window } = query;
  if (!query.asOf) throw new Error("A term filter needs the query's asOf");
  const at = query.asOf;
  if (status === 'EXPIRED' && window !== undefined) return undefined;
  // '~' sorts after every id character: `${instant}#~` is past every key of that instant.
  const bound = (instant: Date) => `${instant.toISOString()}#~`;
  const names = { '#termSK': INDEXES.byTermEnd.sortKey };
  const now = bound(at);
  const range: Clause =
    status === 'EXPIRED'
      ? { expression: '#termSK < :termNow', names, values: { ':termNow': now } }
      : window === undefined
        ? { expression: '#termSK > :termNow', names, values: { ':termNow': now } }
        : {
            expression: '#termSK BETWEEN :termNow AND :termUntil',
            names,
            values: {
              ':termNow': now,
              ':termUntil': bound(new Date(at.getTime() + (window + 1) * 86_400_000)),
            },
          };
  if (status !== 'EXPIRING' && status !== 'IN_FORCE') return { range };
  const clause: Clause = {
    expression: status === 'EXPIRING' ? '#noticeFrom <= :termAt' : '#noticeFrom > :termAt',
    names: { '#noticeFrom': TERM_NOTICE_FROM_ATTRIBUTE },
    values: { ':termAt': at.toISOString() },
  };
  return { range, clause };
}
