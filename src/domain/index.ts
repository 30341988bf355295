// The domain's public face: what the server and the device import. Everything that decides
// (workflow, permissions, deadlines) lives below this folder and is pure: no DOM, no I/O, no
// clock (callers pass `now`).
//
// CONTRACT (the server and src/data are written against these signatures):
//   parseEvent(raw)                          -> { ok: true, event } | { ok: false, reason }
//   decide(state, event, principal, ctx)     -> { ok: true, state } | { ok: false, reason }
//       validates the payload, checks the principal may send it in this state (roles,
//       need-to-know, actor === principal.userId), runs the workflow guard, folds it.
//   reduce(state, event, ctx)                -> same result; no permission check (replay).
//   canSee(principal, state)                 -> boolean (need to know; partial replication)
//   collectionOf(stream)                     -> 'cases' | 'directory' | 'templates' | 'calendar'
//   toStreamDocument(stream, state, timeline, lastSeq, updatedAt, calendar) -> StreamDocument fields
//   describeEvent(event, names)              -> one plain sentence for the timeline
// `ctx` is { now: ISO instant; reference?: permanent reference the server gives a new case }.
export * from './events/envelope';
export * from './principal';
export * from './streamDocument';
