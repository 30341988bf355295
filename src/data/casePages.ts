// Pages of a case list read by key (keyset paging) straight from the IndexedDB index that RxDB's
// Dexie storage keeps for the case summaries, live: a change to the summaries reads the page
// again. Page n starts just after the last key of page n-1, so a case added or removed while
// someone pages never repeats a row nor skips one, and page 100 costs what page 1 costs. The
// last key of each page read is remembered per list; a jump to a page never reached walks the
// index's keys alone (no rows are read) from the nearest page known. Totals are index counts,
// kept per list until the summaries change. When they change, only the keys around the page
// last read are kept (so next and previous carry on from the rows on screen); other pages are
// found again, since cases added or removed before them have moved where they begin.
//
// Why not RxDB's own query: it reads every skipped row of a deep page, cannot walk an index
// backwards (a descending sort reads and sorts the whole list), and counts a filter no index
// answers alone by reading every summary, for each page. Writes still go through RxDB only.
import type { Collection, Table } from 'dexie';
import type { DexieStorageInternals } from 'rxdb';
import { auditTime, from, merge, type Observable, of, switchMap } from 'rxjs';
import {
  type CaseIndexPlan,
  compareKeys,
  type IndexKey,
  type IndexRange,
  keyOf,
  planCaseIndex,
} from './caseIndexPlan';
import { type CaseFilter, caseMatcher } from './caseQueries';
import type { CaseSummary, CaseSummaryCollection } from './caseSummaries';

/** A list with at most this many candidate rows is read whole and sorted in memory. */
export const IN_MEMORY_ROWS = 2_000;
/** A burst of writes (a pull of 1,000 cases) reads an open page once, this long after it starts. */
export const LIVE_REFRESH_MS = 50;
/** Lists whose page keys and totals are kept (each filter and sort is a list). */
const KEPT_LISTS = 30;

export type PageRows = { rows: CaseSummary[]; total: number };

type ListState = {
  /** The summaries' change count when `total` and `sorted` were read. */
  version: number;
  total?: Promise<number>;
  sorted?: Promise<CaseSummary[]>;
  /** Page number → the key of its last row. */
  ends: Map<number, IndexKey>;
  /** The page read last: its neighbours' keys survive a change. */
  lastPage: number;
  /** Pages whose kept keys predate a change: read from directly, never walked from. */
  stale: Set<number>;
};

type Lists = { version: number; byKey: Map<string, ListState> };

const LISTS = new WeakMap<CaseSummaryCollection, Lists>();

function listsOf(summaries: CaseSummaryCollection): Lists {
  let lists = LISTS.get(summaries);
  if (!lists) {
    const created: Lists = { version: 0, byKey: new Map() };
    // Every write, from this tab or another, makes the kept totals stale, and all page keys but
    // those around the page last read (stateOf).
    const subscription = summaries.eventBulks$.subscribe(() => {
      created.version += 1;
    });
    summaries.onClose.push(() => {
      subscription.unsubscribe();
      LISTS.delete(summaries);
    });
    LISTS.set(summaries, created);
    lists = created;
  }
  return lists;
}

function stateOf(lists: Lists, key: string): ListState {
  let state = lists.byKey.get(key);
  if (!state) {
    state = { version: lists.version, ends: new Map(), lastPage: 0, stale: new Set() };
    if (lists.byKey.size >= KEPT_LISTS) lists.byKey.delete(lists.byKey.keys().next().value ?? '');
  } else lists.byKey.delete(key);
  lists.byKey.set(key, state);
  if (state.version !== lists.version) {
    state.version = lists.version;
    state.total = undefined;
    state.sorted = undefined;
    // A key stays a position, so the rows on screen, the page after and the page before carry on
    // from where they were; the pages further away start elsewhere now.
    const { lastPage } = state;
    for (const page of state.ends.keys()) {
      if (page < lastPage - 2 || page > lastPage) {
        state.ends.delete(page);
        state.stale.delete(page);
      } else state.stale.add(page);
    }
  }
  return state;
}

/** A summary as RxDB's Dexie storage holds it ('1' for true), as the lists use it. */
function toSummary(row: Record<string, unknown>): CaseSummary {
  const text = (field: string) => (typeof row[field] === 'string' ? (row[field] as string) : '');
  const texts = (field: string) => (Array.isArray(row[field]) ? (row[field] as string[]) : []);
  return {
    id: text('id'),
    reference: text('reference'),
    caseType: text('caseType'),
    stage: text('stage'),
    status: text('status'),
    subject: text('subject'),
    dueDate: text('dueDate'),
    dueOrder: text('dueOrder'),
    ownerIds: texts('ownerIds'),
    teamIds: texts('teamIds'),
    primaryOwnerId: text('primaryOwnerId'),
    primaryTeamId: text('primaryTeamId'),
    isMine: row.isMine === '1' || row.isMine === true,
    updatedAt: text('updatedAt'),
  };
}

/** The rows of a range in the list's direction, after `after` when given. */
function walk(table: Table, range: IndexRange, isDescending: boolean, after: IndexKey | null): Collection {
  let { lower, upper, isLowerOpen, isUpperOpen } = range;
  if (after && isDescending) [upper, isUpperOpen] = [after, true];
  else if (after) [lower, isLowerOpen] = [after, true];
  const rows = table.where(range.indexName).between(lower, upper, !isLowerOpen, !isUpperOpen);
  return isDescending ? rows.reverse() : rows;
}

/** How one list is read: by its ordered index, or whole and sorted here when it is small. */
type Source = {
  rowsAfter(after: IndexKey | null, count: number): Promise<CaseSummary[]>;
  /** The key of the `count`th row after `after`; undefined when the list ends first. */
  keyAfter(after: IndexKey | null, count: number): Promise<IndexKey | undefined>;
  total(): Promise<number>;
};

function sortedSource(plan: CaseIndexPlan, sorted: Promise<CaseSummary[]>): Source {
  const keyed = sorted.then((rows) => rows.map((row) => ({ row, key: keyOf(plan.ordered, row) })));
  const startOf = (list: { key: IndexKey }[], after: IndexKey | null) => {
    if (!after) return 0;
    const index = list.findIndex(({ key }) => {
      const order = compareKeys(key, after);
      return plan.isDescending ? order < 0 : order > 0;
    });
    return index < 0 ? list.length : index;
  };
  return {
    async rowsAfter(after, count) {
      const list = await keyed;
      const start = startOf(list, after);
      return list.slice(start, start + count).map(({ row }) => row);
    },
    async keyAfter(after, count) {
      const list = await keyed;
      return list[startOf(list, after) + count - 1]?.key;
    },
    total: () => sorted.then((rows) => rows.length),
  };
}

function indexSource(
  table: Table,
  plan: CaseIndexPlan,
  matches: (summary: CaseSummary) => boolean,
  total: () => Promise<number>,
): Source {
  const isMatch = (row: Record<string, unknown>) => matches(toSummary(row));
  const rows = (after: IndexKey | null) => {
    const all = walk(table, plan.ordered, plan.isDescending, after);
    return plan.isOrderedExact ? all : all.filter(isMatch);
  };
  return {
    async rowsAfter(after, count) {
      return (await rows(after).limit(count).toArray()).map(toSummary);
    },
    async keyAfter(after, count) {
      if (plan.isOrderedExact) {
        // Index keys only: IndexedDB steps over the rows before without reading them.
        const keys = await rows(after)
          .offset(count - 1)
          .limit(1)
          .keys();
        return keys[0] as unknown as IndexKey | undefined;
      }
      const [row] = await rows(after)
        .offset(count - 1)
        .limit(1)
        .toArray();
      return row ? keyOf(plan.ordered, toSummary(row)) : undefined;
    },
    total,
  };
}

async function sourceFor(
  table: Table,
  state: ListState,
  plan: CaseIndexPlan,
  matches: (summary: CaseSummary) => boolean,
  inMemoryRows: number,
): Promise<Source> {
  const narrowest = () => walk(table, plan.narrowest, false, null);
  if (state.sorted) return sortedSource(plan, state.sorted);
  if (plan.isOrderedExact) {
    state.total ??= narrowest().count();
    return indexSource(table, plan, matches, () => state.total ?? Promise.resolve(0));
  }
  // The ordered index holds rows the filter does not want: when few rows can match, read them
  // all through the narrowest index and sort them here rather than step over the others.
  if (plan.isNarrowestExact) state.total ??= narrowest().count();
  const candidates = plan.isNarrowestExact ? state.total : narrowest().count();
  if (((await candidates) ?? 0) <= inMemoryRows) {
    state.sorted ??= readSorted(table, plan, matches);
    return sortedSource(plan, state.sorted);
  }
  // Counting rows the index cannot judge means reading them: in one call, then checked here
  // (a filtering cursor asks IndexedDB for each row in turn, several times slower).
  state.total ??= plan.isNarrowestExact
    ? narrowest().count()
    : narrowest()
        .toArray()
        .then((rows) => rows.reduce((sum: number, row) => sum + (matches(toSummary(row)) ? 1 : 0), 0));
  return indexSource(table, plan, matches, () => state.total ?? Promise.resolve(0));
}

/** The key of page `page`'s last row: remembered, or found from the nearest page known. */
async function endOf(source: Source, state: ListState, page: number, pageSize: number) {
  const known = state.ends.get(page);
  if (known) return known;
  // Counting on from a key kept across a change would count from where that page used to end.
  let from = page - 1;
  while (from > 0 && (!state.ends.has(from) || state.stale.has(from))) from -= 1;
  const key = await source.keyAfter(state.ends.get(from) ?? null, (page - from) * pageSize);
  if (key) state.ends.set(page, key);
  return key;
}

async function readPage(
  summaries: CaseSummaryCollection,
  filter: CaseFilter,
  page: number,
  pageSize: number,
  nowIso: string,
  inMemoryRows: number,
): Promise<PageRows> {
  const plan = planCaseIndex(filter, nowIso);
  // "Overdue" moves with the clock: its list is kept for a minute.
  const listKey = `${JSON.stringify(filter)}:${pageSize}:${inMemoryRows}:${filter.isOverdue ? nowIso.slice(0, 16) : ''}`;
  const state = stateOf(listsOf(summaries), listKey);
  const { dexieTable } = await (summaries.storageInstance.internals as DexieStorageInternals);
  const source = await sourceFor(dexieTable, state, plan, caseMatcher(filter, nowIso), inMemoryRows);
  const read = async () => {
    const start = page > 1 ? await endOf(source, state, page - 1, pageSize) : null;
    return Promise.all([start === undefined ? [] : source.rowsAfter(start, pageSize), source.total()]);
  };
  let [rows, total] = await read();
  const isPastEnd = page > 1 && (page - 1) * pageSize >= total;
  if ((rows.length === 0 && page > 1 && !isPastEnd) || (isPastEnd && rows.length > 0)) {
    // The keys kept from before a change ran past the end of the list as it is now, or fell short.
    state.ends.clear();
    state.stale.clear();
    [rows, total] = await read();
  }
  const last = rows.at(-1);
  if (last) {
    state.ends.set(page, keyOf(plan.ordered, last));
    state.stale.delete(page);
  }
  state.lastPage = page;
  return { rows, total };
}

/** Every match of a list in its order: read in index order, or read and sorted here. */
async function readSorted(
  table: Table,
  plan: CaseIndexPlan,
  matches: (summary: CaseSummary) => boolean,
): Promise<CaseSummary[]> {
  // Forwards then reversed: IndexedDB reads a range forwards in one call, backwards row by row.
  if (plan.isOrderedExact) {
    const rows = (await walk(table, plan.ordered, false, null).toArray()).map(toSummary);
    return plan.isDescending ? rows.reverse() : rows;
  }
  const sign = plan.isDescending ? -1 : 1;
  const rows = (await walk(table, plan.narrowest, false, null).toArray()).map(toSummary).filter(matches);
  return rows
    .map((row) => ({ row, key: keyOf(plan.ordered, row) }))
    .sort((a, b) => sign * compareKeys(a.key, b.key))
    .map(({ row }) => row);
}

/** Every case of a list (tallies, searches), read again when the summaries change. */
export function caseRows$(
  summaries: CaseSummaryCollection,
  filter: CaseFilter,
  nowIso: string,
): Observable<CaseSummary[]> {
  const plan = planCaseIndex(filter, nowIso);
  const matches = caseMatcher(filter, nowIso);
  return merge(of(null), summaries.eventBulks$.pipe(auditTime(LIVE_REFRESH_MS))).pipe(
    switchMap(async () => {
      const { dexieTable } = await (summaries.storageInstance.internals as DexieStorageInternals);
      return readSorted(dexieTable, plan, matches);
    }),
  );
}

/** One page of a list of case summaries and the list's total, read again when they change. */
export function casePageRows$(
  summaries: CaseSummaryCollection,
  filter: CaseFilter,
  page: number,
  pageSize: number,
  nowIso: string,
  /** Lists with at most this many candidates are sorted in memory (tests set 0 to walk indexes). */
  inMemoryRows = IN_MEMORY_ROWS,
): Observable<PageRows> {
  listsOf(summaries);
  return merge(of(null), summaries.eventBulks$.pipe(auditTime(LIVE_REFRESH_MS))).pipe(
    switchMap(() => from(readPage(summaries, filter, page, pageSize, nowIso, inMemoryRows))),
  );
}
