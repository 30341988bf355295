// Turns a screen's case filter into an RxDB query that IndexedDB answers from an index (the
// summary fields of ./schemas.ts), and pulled documents into the list items screens show.
// Pure, apart from the types of RxDB's query language.
import type { MangoQuery, MangoQuerySelector } from 'rxdb';
import { z } from 'zod';
import type { LocalStreamDocument } from './schemas';

/** Workflow statuses after which no deadline is running; such a case is never overdue. */
export const FINISHED_STATUSES: readonly string[] = [
  'sent',
  'reported',
  'closed',
  'withdrawn',
  'transferred',
];
/** Workflow statuses after which a case waits for nobody (My work leaves them out). */
export const ENDED_STATUSES: readonly string[] = ['closed', 'withdrawn', 'transferred'];

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
  sort: z.enum(['due', 'reference', 'updated']).optional(),
  direction: z.enum(['asc', 'desc']).optional(),
});
export type CaseFilter = z.infer<typeof caseFilterSchema>;

export type CaseListItem = {
  /** The stream id, `case:<uuid>`. */
  id: string;
  reference: string;
  caseType: string;
  /** The workflow status, e.g. `in_progress`. */
  stage: string;
  /** The same in words for people, e.g. "In progress". */
  status: string;
  subject: string;
  dueDate: string;
  ownerIds: string[];
  teamIds: string[];
  updatedAt: string;
  isOverdue: boolean;
  /** This device has changes to it that the server has not accepted yet. */
  hasPendingChanges: boolean;
};

type StreamRow = Omit<LocalStreamDocument, '_deleted'>;

/** Today's date in Europe/London, `YYYY-MM-DD`: statutory deadlines are UK civil dates. */
export function londonDate(nowIso: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(nowIso));
}

export function isOverdue(dueDate: string, stage: string, nowIso: string): boolean {
  if (dueDate === '' || FINISHED_STATUSES.includes(stage)) return false;
  // A breach report's 72 hours end at an instant; other deadlines at the end of a date.
  return dueDate.length > 10 ? dueDate < nowIso : dueDate < londonDate(nowIso);
}

const SORT_FIELD = { due: 'dueDate', reference: 'reference', updated: 'updatedAt' } as const;

export function toCaseQuery(filter: CaseFilter, nowIso: string): MangoQuery<StreamRow> {
  const selector: MangoQuerySelector<StreamRow> = {};
  // One value is written as an equality: RxDB's planner can then keep the index's order and stop
  // at the page it needs; with `$in` it reads the whole range and sorts in memory (bench:ui).
  if (filter.types?.length)
    selector.caseType = filter.types.length === 1 ? filter.types[0] : { $in: filter.types };
  if (filter.statuses?.length)
    selector.stage = filter.statuses.length === 1 ? filter.statuses[0] : { $in: filter.statuses };
  else if (filter.isOverdue) selector.stage = { $nin: [...FINISHED_STATUSES] };
  if (filter.reference !== undefined) {
    // Permanent references are upper case; a provisional one carries lower-case hex.
    selector.reference = { $in: [...new Set([filter.reference, filter.reference.toUpperCase()])] };
  }
  if (filter.ownerId) selector.primaryOwnerId = filter.ownerId;
  if (filter.teamId) selector.primaryTeamId = filter.teamId;
  const due: Record<string, string> = {};
  if (filter.dueFrom) due.$gte = filter.dueFrom;
  if (filter.dueTo) due.$lte = filter.dueTo;
  if (filter.isOverdue) {
    // The index narrows to "due before now"; a date due today is not late yet, which
    // matchesAfterQuery settles (dates and instants share the field and sort together).
    due.$gt = '';
    due.$lt = filter.dueTo && filter.dueTo < nowIso ? filter.dueTo : nowIso;
  }
  if (Object.keys(due).length > 0) selector.dueDate = due;
  const field = SORT_FIELD[filter.sort ?? 'due'];
  const direction = filter.direction ?? (filter.sort === 'updated' ? 'desc' : 'asc');
  return { selector, sort: [{ [field]: direction }, { id: 'asc' }] as MangoQuery<StreamRow>['sort'] };
}

function subjectOf(state: Record<string, unknown>): string {
  return typeof state.subject === 'string' ? state.subject : '';
}

export function toCaseListItem(doc: StreamRow, nowIso: string, hasPendingChanges: boolean): CaseListItem {
  return {
    id: doc.id,
    reference: doc.reference,
    caseType: doc.caseType,
    stage: doc.stage,
    status: doc.status,
    subject: subjectOf(doc.state),
    dueDate: doc.dueDate,
    ownerIds: doc.ownerIds,
    teamIds: doc.teamIds,
    updatedAt: doc.updatedAt,
    isOverdue: isOverdue(doc.dueDate, doc.stage, nowIso),
    hasPendingChanges,
  };
}

/** What the index cannot answer exactly (free text, overdue to the day), applied after the query. */
export function matchesAfterQuery(item: CaseListItem, filter: CaseFilter): boolean {
  if (filter.isOverdue && !item.isOverdue) return false;
  const needle = filter.text?.trim().toLowerCase();
  if (!needle) return true;
  return item.reference.toLowerCase().includes(needle) || item.subject.toLowerCase().includes(needle);
}
