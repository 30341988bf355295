// Which IndexedDB index answers a list's filter and sort, and the key range to read in it: the
// plan ./casePages.ts follows to page through the case summaries by key (keyset paging) and to
// count a list from the index alone. Pure: no IndexedDB here, only keys as arrays.
//
// RxDB's Dexie storage names each index `[_deleted+<fields>+id]` and stores booleans (and
// `_deleted`) as '0'/'1', so a key of the My work index is ['0', '1', dueOrder, id]. Every key
// ends in the case id, so every row has its own key and a page can start just after a key.

import type { CaseFilter } from './caseQueries';
import { FINISHED_STATUSES } from './caseStatuses';
import { type CaseSummary, caseSummaryJsonSchema } from './caseSummaries';

/** A full index key: '0' (not deleted), the equality values, the sort value, the case id. */
export type IndexKey = readonly string[];

/** The fields RxDB sorts each list by, and its storage's index names. */
export const SORT_FIELDS = { due: 'dueOrder', reference: 'reference', updated: 'updatedAt' } as const;
export type SortField = (typeof SORT_FIELDS)[keyof typeof SORT_FIELDS];

/** Fields a filter may fix to one value, with the value as the index holds it. */
type EqualityField = 'isMine' | 'caseType' | 'stage' | 'primaryOwnerId' | 'primaryTeamId';

export type IndexRange = {
  /** Dexie's name of the index, e.g. `[_deleted+isMine+dueOrder+id]`. */
  indexName: string;
  /** The sort field's bounds within the equality prefix (undefined: open). */
  lower: IndexKey;
  upper: IndexKey;
  isLowerOpen: boolean;
  isUpperOpen: boolean;
};

export type CaseIndexPlan = {
  /** An index whose order is the list's order: read a page from a key and stop. */
  ordered: IndexRange;
  /** True when every row of `ordered`'s range matches the filter (no row needs checking). */
  isOrderedExact: boolean;
  /** The narrowest range holding every match, in any order (to count, or to read a few). */
  narrowest: IndexRange;
  isNarrowestExact: boolean;
  sortField: SortField;
  isDescending: boolean;
};

/** IndexedDB sorts every array after every string: the top of any range of string keys. */
const ABOVE_EVERY_STRING: readonly never[] = [];

/** The indexes of the summaries' schema, without RxDB's `_deleted` and `id` ends. */
const INDEXES: readonly (readonly string[])[] = (caseSummaryJsonSchema.indexes ?? []).map((index) =>
  typeof index === 'string' ? [index] : [...index],
);

function equalities(filter: CaseFilter): Map<EqualityField, string> {
  const fixed = new Map<EqualityField, string>();
  if (filter.isMine) fixed.set('isMine', '1');
  if (filter.types?.length === 1 && filter.types[0] !== undefined) fixed.set('caseType', filter.types[0]);
  const statuses = filter.isOverdue
    ? filter.statuses?.filter((s) => !FINISHED_STATUSES.includes(s))
    : filter.statuses;
  if (filter.statuses?.length && statuses?.length === 1 && statuses[0] !== undefined)
    fixed.set('stage', statuses[0]);
  if (filter.ownerId) fixed.set('primaryOwnerId', filter.ownerId);
  if (filter.teamId) fixed.set('primaryTeamId', filter.teamId);
  return fixed;
}

/** What of the filter the fixed fields and the due range leave for a row-by-row check. */
function hasLeftovers(filter: CaseFilter, used: number, fixed: Map<EqualityField, string>): boolean {
  const isStatusLeft = (filter.statuses?.length ?? 0) > 0 && !fixed.has('stage');
  return (
    used < fixed.size ||
    (filter.types?.length ?? 0) > 1 ||
    isStatusLeft ||
    filter.isOverdue === true ||
    Boolean(filter.text?.trim()) ||
    filter.reference !== undefined
  );
}

type DueBounds = { from?: string; to?: string; isToOpen: boolean };

/** The due range as bounds on `dueOrder` (see toCaseSelector for the same in RxDB's words). */
function dueBounds(filter: CaseFilter, nowIso: string): DueBounds {
  // '~' after the date takes in a breach report's instants on that day, and no undated case.
  let to = filter.dueTo ? `${filter.dueTo}~` : undefined;
  let isToOpen = false;
  if (filter.isOverdue && (to === undefined || nowIso <= to)) {
    to = nowIso;
    isToOpen = true;
  }
  return { from: filter.dueFrom, to, isToOpen };
}

function rangeIn(
  index: readonly string[],
  fixed: Map<EqualityField, string>,
  due: DueBounds | null,
): IndexRange {
  const prefix = ['0', ...index.slice(0, -1).map((field) => fixed.get(field as EqualityField) ?? '')];
  const last = index.at(-1);
  const bounded = last === 'dueOrder' && due !== null;
  // A shorter key sorts before every longer key it begins: [..., from] is below [..., from, id].
  const lower = bounded && due.from !== undefined ? [...prefix, due.from] : prefix;
  const upper =
    bounded && due.to !== undefined
      ? due.isToOpen
        ? [...prefix, due.to]
        : [...prefix, due.to, ABOVE_EVERY_STRING]
      : [...prefix, ABOVE_EVERY_STRING];
  return {
    indexName: `[_deleted+${[...index, 'id'].join('+')}]`,
    lower: lower as IndexKey,
    upper: upper as unknown as IndexKey,
    isLowerOpen: false,
    isUpperOpen: bounded && due.isToOpen,
  };
}

/** The index using most of the fixed fields whose last field is `last` (the sort, or due). */
function bestIndex(
  fixed: Map<EqualityField, string>,
  last: string,
): { index: readonly string[]; used: number } {
  let best: { index: readonly string[]; used: number } | null = null;
  for (const index of INDEXES) {
    if (index.at(-1) !== last) continue;
    const prefix = index.slice(0, -1);
    if (!prefix.every((field) => fixed.has(field as EqualityField))) continue;
    if (!best || prefix.length > best.used) best = { index, used: prefix.length };
  }
  if (!best) throw new Error(`The case summaries have no index ending in ${last}.`);
  return best;
}

export function planCaseIndex(filter: CaseFilter, nowIso: string): CaseIndexPlan {
  const fixed = equalities(filter);
  const sortField = SORT_FIELDS[filter.sort ?? 'due'];
  const isDescending = (filter.direction ?? (filter.sort === 'updated' ? 'desc' : 'asc')) === 'desc';
  const due = dueBounds(filter, nowIso);
  const hasDueRange = due.from !== undefined || due.to !== undefined;
  const ordered = bestIndex(fixed, sortField);
  const narrowest = bestIndex(fixed, 'dueOrder');
  return {
    ordered: rangeIn(ordered.index, fixed, due),
    isOrderedExact: !hasLeftovers(filter, ordered.used, fixed) && (sortField === 'dueOrder' || !hasDueRange),
    narrowest: rangeIn(narrowest.index, fixed, due),
    isNarrowestExact: !hasLeftovers(filter, narrowest.used, fixed),
    sortField,
    isDescending,
  };
}

/** The fields of an index by its Dexie name, `_deleted` and `id` included. */
export function indexFields(range: IndexRange): string[] {
  return range.indexName.slice(1, -1).split('+');
}

/** The key a row has in an index, as the storage holds it (to start a page just after it). */
export function keyOf(range: IndexRange, row: CaseSummary): IndexKey {
  return indexFields(range).map((field) => {
    if (field === '_deleted') return '0';
    if (field === 'isMine') return row.isMine ? '1' : '0';
    return String(row[field as keyof CaseSummary] ?? '');
  });
}

/** Compares two keys as IndexedDB does for our keys (strings, with an array above them all). */
export function compareKeys(a: IndexKey, b: IndexKey): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i += 1) {
    const x = a[i] as unknown;
    const y = b[i] as unknown;
    const xIsArray = Array.isArray(x);
    const yIsArray = Array.isArray(y);
    if (xIsArray || yIsArray) {
      if (xIsArray && yIsArray) continue;
      return xIsArray ? 1 : -1;
    }
    if ((x as string) < (y as string)) return -1;
    if ((x as string) > (y as string)) return 1;
  }
  return a.length - b.length;
}
