// The domain's public face: what the server and the device import. Everything that decides
// (workflow, permissions, deadlines) lives below this folder and is pure: no DOM, no I/O, no
// clock (callers pass `now`).
//
// CONTRACT (the server and src/data are written against these signatures):
//   parseEvent(raw)                          -> { ok: true, event } | { ok: false, reason }
//   decide(state, event, principal, ctx)     -> { ok: true, state, event } | { ok: false, reason }
//       validates the payload, checks the principal may send it in this state (roles,
//       need-to-know, actor === principal.userId), runs the workflow guard, folds it.
//   reduce(state, event, ctx)                -> { ok: true, state } | { ok: false, reason };
//       the workflow and its guards, no permission check (replay). `state` is null before
//       a stream's first event.
//   canSee(principal, state)                 -> boolean (need to know; partial replication)
//   canSend(principal, event, state)         -> { ok: true } | { ok: false, reason }
//   collectionOf(stream)                     -> 'cases' | 'directory' | 'templates' | 'calendar'
//                                               (null for a stream name Clearway does not use)
//   toStreamDocument(stream, state, timeline, lastSeq, updatedAt, calendar) -> StreamDocument fields
//   describeEvent(event, nameOf)             -> one plain sentence for the timeline
//   whatHappensNext(state, now, nameOf, { calendar?, milestoneConfig? }) -> one plain sentence
//   caseDeadline(state, calendar)            -> { due, rule, ruleKey, label, calendarVersion, isExtended } | null
//   caseDueDateInput(state)                  -> the deadline engine's input behind that date | null
//   calendarOf(calendarState | null)         -> the deadline Calendar with administrator-added days
// `ctx` is { now: ISO instant; reference?: permanent reference the server gives a new case }.
export * from './caseDeadline';
export * from './caseState';
export * from './caseTypes';
export * from './collections';
export * from './deadlines';
export * from './decide';
export * from './describeEvent';
export * from './events/casePayloads';
export * from './events/catalogue';
export * from './events/envelope';
export * from './events/orgPayloads';
export * from './events/parseEvent';
export * from './events/reviewPayloads';
export * from './exemptions';
export * from './fees';
export {
  type CaseId,
  caseIdOf,
  caseIdSchema,
  caseStream,
  isoInstantSchema,
  type Sha256,
  sha256Schema,
} from './ids';
export * from './passwordRule';
export * from './permissions';
export * from './principal';
export * from './reducer';
export * from './references';
export * from './reviewProgress';
export * from './stepResult';
export * from './streamDocument';
export * from './streamDocuments';
export * from './waitingOn';
export * from './whatHappensNext';
export * from './words';
export * from './workflows/index';
export { refusalInState, stateRow, transitionFor } from './workflows/machine';
