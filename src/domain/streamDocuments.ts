// Builds the document the server sends down for a stream: its state, its timeline and the
// summary fields the device indexes (reference, type, status, due date, owners, teams).
import { caseDeadline } from './caseDeadline';
import type { StreamState } from './caseState';
import { collectionOf } from './collections';
import { type Calendar, shippedCalendar } from './deadlines';
import type { StreamDocument, TimelineEntry } from './streamDocument';
import { activeAllocations } from './waitingOn';
import { stateRow } from './workflows/machine';

export function toStreamDocument(
  stream: string,
  state: StreamState,
  timeline: TimelineEntry[],
  lastSeq: number,
  updatedAt: string,
  calendar: Calendar = shippedCalendar,
): StreamDocument {
  return {
    id: stream,
    collection: collectionOf(stream) ?? 'directory',
    lastSeq,
    updatedAt,
    // A plain JSON copy: the state types are closed object types, the document holds a record.
    state: JSON.parse(JSON.stringify(state)) as Record<string, unknown>,
    timeline,
    _deleted: false,
    ...documentSummary(state, calendar),
  };
}

export type DocumentSummary = Pick<
  StreamDocument,
  'reference' | 'caseType' | 'status' | 'dueDate' | 'ownerIds' | 'teamIds'
>;

/**
 * The summary fields of a stream's document, apart from its state: the server writes the state
 * as JSON text of its own (the state is plain JSON data), without the copy toStreamDocument makes.
 */
export function documentSummary(state: StreamState, calendar: Calendar = shippedCalendar): DocumentSummary {
  if (state.kind !== 'case')
    return { reference: '', caseType: '', status: '', dueDate: '', ownerIds: [], teamIds: [] };
  const active = activeAllocations(state);
  return {
    reference: state.reference,
    caseType: state.caseType,
    status: stateRow(state)?.label ?? state.status,
    dueDate: caseDeadline(state, calendar)?.due ?? '',
    ownerIds: [...new Set(active.map((a) => a.to))],
    teamIds: [...new Set(active.map((a) => a.teamId))],
  };
}
