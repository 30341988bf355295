// Cases logged on this device that the server has not numbered yet: their summaries are built
// from the outbox with the same reducer and the same summary fields the server would send, so
// My work and All cases show them at once, under their provisional reference.
import { type StreamState, toStreamDocument } from '../domain';
import { ENDED_STATUSES } from './caseStatuses';
import { type CaseSummary, toCaseSummary } from './caseSummaries';
import { withDerivedFields } from './migrations';
import { foldPending, type OverlayReducer } from './overlay';
import type { OutboxDocument } from './schemas';

export type LoggedHereContext = {
  reduce: OverlayReducer;
  at: string;
  /** The signed-in person: the case is in their My work until it has reached the server. */
  userId: string;
  teamIds: readonly string[];
};

/** One summary per stream whose pending events fold into a case; others are left out. */
export function casesLoggedHere(
  streams: readonly (readonly OutboxDocument[])[],
  context: LoggedHereContext,
): CaseSummary[] {
  return streams.flatMap((events) => {
    const first = events[0];
    if (!first) return [];
    const view = foldPending(
      { serverState: null, acceptedIds: new Set(), outbox: events },
      context.reduce,
      context.at,
    );
    if (view.state?.kind !== 'case') return [];
    const lastMade =
      view.pending
        .map((e) => e.madeAt)
        .sort()
        .at(-1) ?? '';
    const document = toStreamDocument(first.stream, view.state as unknown as StreamState, [], 0, lastMade);
    const { collection: _collection, _deleted, ...fields } = document;
    const summary = toCaseSummary(withDerivedFields(fields, context.userId, context.teamIds));
    // Whoever logged it holds it until the server has it (it may be allocated before then).
    return [{ ...summary, isMine: !ENDED_STATUSES.includes(summary.stage) }];
  });
}
