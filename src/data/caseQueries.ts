// Turns a screen's case filter into an RxDB query that IndexedDB answers from an index (the
// summary fields of ./schemas.ts), and pulled documents into the list items screens show.
// Pure, apart from the types of RxDB's query language.
import type { MangoQuery, MangoQuerySelector } from 'rxdb';
import { z } from 'zod';
import type { LocalStreamDocument } from './schemas';

/** Statuses after which a case waits for nobody; they are never overdue. */
export const FINISHED_STATUSES: readonly string[] = [
  'sent',
  'reported',
  'closed',
  'withdrawn',
  'transferred',
];

export const caseFilterSchema = z.object({
  types: z.array(z.string()).optional(),
  statuses: z.array(z.string()).optional(),
  /** The case's owner (the first of its owners). */
  ownerId: z.string().optional(),
  teamId: z.string().optional(),
  dueFrom: z.string().optional(),
  dueTo: z.string().optional(),
  isOverdue: z.boolean().optional(),
  /** Matched against the reference and the subject, ignoring case. */
  text: z.string().optional(),
  sort: z.enum(['due', 'reference', 'updated']).optional(),
  direction: z.enum(['asc', 'desc']).optional(),
});
export type CaseFilter = z.infer<typeof caseFilterSchema>;

export type CaseListItem = {
  /** The stream id, `case:<uuid>`. */
  id: string;
  reference: string;
  caseType: string;
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

export function isOverdue(dueDate: string, status: string, nowIso: string): boolean {
  if (dueDate === '' || FINISHED_STATUSES.includes(status)) return false;
  // A breach report's 72 hours end at an instant; other deadlines at the end of a date.
  return dueDate.length > 10 ? dueDate < nowIso : dueDate < londonDate(nowIso);
}

const SORT_FIELD = { due: 'dueDate', reference: 'reference', updated: 'updatedAt' } as const;

export function toCaseQuery(filter: CaseFilter, nowIso: string): MangoQuery<StreamRow> {
  const selector: MangoQuerySelector<StreamRow> = {};
  if (filter.types?.length) selector.caseType = { $in: filter.types };
  if (filter.statuses?.length) selector.status = { $in: filter.statuses };
  else if (filter.isOverdue) selector.status = { $nin: [...FINISHED_STATUSES] };
  if (filter.ownerId) selector.primaryOwnerId = filter.ownerId;
  if (filter.teamId) selector.primaryTeamId = filter.teamId;
  const due: Record<string, string> = {};
  if (filter.dueFrom) due.$gte = filter.dueFrom;
  if (filter.dueTo) due.$lte = filter.dueTo;
  if (filter.isOverdue) {
    due.$gt = '';
    // Dates sort before instants of the same day, so one bound serves both kinds.
    due.$lt = filter.dueTo && filter.dueTo < londonDate(nowIso) ? filter.dueTo : londonDate(nowIso);
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
    status: doc.status,
    subject: subjectOf(doc.state),
    dueDate: doc.dueDate,
    ownerIds: doc.ownerIds,
    teamIds: doc.teamIds,
    updatedAt: doc.updatedAt,
    isOverdue: isOverdue(doc.dueDate, doc.status, nowIso),
    hasPendingChanges,
  };
}

/** The free-text part of a filter, applied after the indexed query. */
export function matchesText(item: CaseListItem, text: string | undefined): boolean {
  if (!text?.trim()) return true;
  const needle = text.trim().toLowerCase();
  return item.reference.toLowerCase().includes(needle) || item.subject.toLowerCase().includes(needle);
}
