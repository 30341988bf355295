// Turns a screen's case filter into an RxDB query on the lean case summaries
// (./caseSummaries.ts) that IndexedDB answers from an index, one page at a time, and summaries
// into the list items screens show. Pure, apart from the types of RxDB's query language.
import { getQueryMatcher, type MangoQuery, type MangoQuerySelector } from 'rxdb';
import { z } from 'zod';
import { SORT_FIELDS } from './caseIndexPlan';
import { FINISHED_STATUSES } from './caseStatuses';
import { type CaseSummary, caseSummaryJsonSchema, UNDATED } from './caseSummaries';

export { ENDED_STATUSES, FINISHED_STATUSES } from './caseStatuses';

/** Rows on one page of a list (GOV.UK pagination). */
export const PAGE_SIZE = 50;

export const caseFilterSchema = z.object({
  types: z.array(z.string()).optional(),
  /** Workflow statuses (`in_progress`, `closed`…), as in src/domain/caseState.ts. */
  statuses: z.array(z.string()).optional(),
  /** The case's owner (the first of its owners). */
  ownerId: z.string().optional(),
  teamId: z.string().optional(),
  dueFrom: z.string().optional(),
  dueTo: z.string().optional(),
  isOverdue: z.boolean().optional(),
  /** Matched against the reference and the subject, ignoring case. */
  text: z.string().optional(),
  /** One case by its reference (as typed in an address: any case), through the reference index. */
  reference: z.string().optional(),
  /** Only the cases in the signed-in person's My work (open, and theirs or waiting on them). */
  isMine: z.boolean().optional(),
  sort: z.enum(['due', 'reference', 'updated']).optional(),
  direction: z.enum(['asc', 'desc']).optional(),
});
export type CaseFilter = z.infer<typeof caseFilterSchema>;

/** A row of a list: the case's summary, with what depends on now and on this device. */
export type CaseListItem = Omit<CaseSummary, 'dueOrder' | 'primaryOwnerId' | 'primaryTeamId' | 'isMine'> & {
  isOverdue: boolean;
  /** This device has changes to it that the server has not accepted yet. */
  hasPendingChanges: boolean;
};

/** One page of a list, and how many cases the whole list has. */
export type CasePage = { items: CaseListItem[]; total: number; page: number; pageSize: number };

// Made once: building a DateTimeFormat costs far more than formatting with it, and a list of
// 50,000 rows asks for today's date once a row (bench:ui: seconds, before this was kept).
const LONDON_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' });
let lastDay = { nowIso: '', date: '' };

/** Today's date in Europe/London, `YYYY-MM-DD`: statutory deadlines are UK civil dates. */
export function londonDate(nowIso: string): string {
  if (lastDay.nowIso !== nowIso) lastDay = { nowIso, date: LONDON_DAY.format(new Date(nowIso)) };
  return lastDay.date;
}

export function isOverdue(dueDate: string, stage: string, nowIso: string): boolean {
  if (dueDate === '' || FINISHED_STATUSES.includes(stage)) return false;
  // A breach report's 72 hours end at an instant; other deadlines at the end of a date.
  return dueDate.length > 10 ? dueDate < nowIso : dueDate < londonDate(nowIso);
}

/** The selector alone (counts take no sort); `nowIso` places "overdue". */
export function toCaseSelector(filter: CaseFilter, nowIso: string): MangoQuerySelector<CaseSummary> {
  const selector: MangoQuerySelector<CaseSummary> = {};
  if (filter.isMine) selector.isMine = true;
  // One value is written as an equality: RxDB's planner can then keep the index's order and stop
  // at the page it needs; with `$in` it reads the whole range and sorts in memory (bench:ui).
  if (filter.types?.length)
    selector.caseType = filter.types.length === 1 ? filter.types[0] : { $in: filter.types };
  // A finished case is never overdue, whatever states were asked for.
  const statuses = filter.isOverdue
    ? filter.statuses?.filter((s) => !FINISHED_STATUSES.includes(s))
    : filter.statuses;
  if (filter.statuses?.length)
    selector.stage = statuses?.length === 1 ? statuses[0] : { $in: statuses ?? [] };
  else if (filter.isOverdue) selector.stage = { $nin: [...FINISHED_STATUSES] };
  if (filter.reference !== undefined) {
    // Permanent references are upper case; a provisional one carries lower-case hex.
    selector.reference = { $in: [...new Set([filter.reference, filter.reference.toUpperCase()])] };
  }
  if (filter.ownerId) selector.primaryOwnerId = filter.ownerId;
  if (filter.teamId) selector.primaryTeamId = filter.teamId;
  const due: Record<string, string> = {};
  if (filter.dueFrom) due.$gte = filter.dueFrom;
  // '~' after the date takes in a breach report's instants on that day, and no undated case.
  if (filter.dueTo) due.$lte = `${filter.dueTo}${UNDATED}`;
  if (filter.isOverdue) {
    // Dates and instants share the field and sort together: everything before now, except a
    // date that is today in London (due today is not late yet). Undated cases sort after all.
    due.$lt = nowIso;
    due.$ne = londonDate(nowIso);
  }
  if (Object.keys(due).length > 0) selector.dueOrder = due;
  return selector;
}

export function toCaseQuery(filter: CaseFilter, nowIso: string): MangoQuery<CaseSummary> {
  const field = SORT_FIELDS[filter.sort ?? 'due'];
  const direction = filter.direction ?? (filter.sort === 'updated' ? 'desc' : 'asc');
  return {
    selector: toCaseSelector(filter, nowIso),
    sort: [{ [field]: direction }, { id: 'asc' }] as MangoQuery<CaseSummary>['sort'],
  };
}

/** The same question as toCaseQuery asked of one summary at a time, built once per list. */
export function caseMatcher(filter: CaseFilter, nowIso: string): (summary: CaseSummary) => boolean {
  const matcher = getQueryMatcher(caseSummaryJsonSchema, toCaseQuery(filter, nowIso) as never);
  return (summary) => matcher(summary as never) && matchesAfterQuery(summary, filter);
}

/** The same question as toCaseQuery asked of one summary (cases logged on this device). */
export function matchesCaseQuery(summary: CaseSummary, filter: CaseFilter, nowIso: string): boolean {
  return caseMatcher(filter, nowIso)(summary);
}

export function toCaseListItem(
  summary: CaseSummary,
  nowIso: string,
  hasPendingChanges: boolean,
): CaseListItem {
  return {
    id: summary.id,
    reference: summary.reference,
    caseType: summary.caseType,
    stage: summary.stage,
    status: summary.status,
    subject: summary.subject,
    dueDate: summary.dueDate,
    ownerIds: summary.ownerIds,
    teamIds: summary.teamIds,
    updatedAt: summary.updatedAt,
    isOverdue: isOverdue(summary.dueDate, summary.stage, nowIso),
    hasPendingChanges,
  };
}

/** What the index cannot answer (free text in the subject), applied after the query. */
export function matchesAfterQuery(item: { reference: string; subject: string }, filter: CaseFilter): boolean {
  const needle = filter.text?.trim().toLowerCase();
  if (!needle) return true;
  return item.reference.toLowerCase().includes(needle) || item.subject.toLowerCase().includes(needle);
}
