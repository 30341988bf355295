// The optimistic overlay: what a screen shows is the server's stream document with this
// device's not-yet-accepted events folded on top by the same domain reducer the server runs
// (like Replicache). Pure: the caller passes the reducer, the documents and `now`.
//
// Invariants:
// - An event the server already folded into the document (its id is in the timeline) is never
//   applied twice, even while its outbox copy waits for the pull that removes it.
// - A rejected event is never folded; it is listed with the server's reason until dismissed.
// - Pending events apply in the order they were made on this device (UUIDv7 ids sort by time).
// - An event the server accepted leaves the outbox, and may do so before the document that
//   includes it arrives: until then it is still folded (stillInFlight), so the screen never
//   steps back to the older state for a moment (which would also clear a half-filled form).
import type { OutboxDocument } from './schemas';

export type StreamState = Record<string, unknown>;

export type FoldResult = { ok: true; state: StreamState } | { ok: false; reason: string };

/** The domain's `reduce(state, event, ctx)`; `state` is null before a stream's first event. */
export type OverlayReducer = (state: StreamState | null, event: OutboxDocument, now: string) => FoldResult;

export type OverlayInput = {
  /** The pulled document's state, or null when the server has none yet (e.g. logged offline). */
  serverState: StreamState | null;
  /** Ids of events already in the server document's timeline. */
  acceptedIds: ReadonlySet<string>;
  /** This device's outbox rows for the stream, in any order. */
  outbox: readonly OutboxDocument[];
};

export type PendingEvent = OutboxDocument & {
  /** Why the device could not show it yet (the server will decide); null when it is shown. */
  localProblem: string | null;
};

export type OverlayView = {
  /** The state to show: server state plus pending events. Null when neither exists. */
  state: StreamState | null;
  pending: PendingEvent[];
  rejected: OutboxDocument[];
};

function madeOrder(a: OutboxDocument, b: OutboxDocument): number {
  return a.madeAt === b.madeAt ? a.id.localeCompare(b.id) : a.madeAt.localeCompare(b.madeAt);
}

export function foldPending(input: OverlayInput, reduce: OverlayReducer, now: string): OverlayView {
  const live = input.outbox.filter((e) => !e._deleted && !input.acceptedIds.has(e.id));
  const rejected = live.filter((e) => e.status === 'rejected').sort(madeOrder);
  const pendingEvents = live.filter((e) => e.status === 'pending').sort(madeOrder);

  let state = input.serverState;
  const pending: PendingEvent[] = [];
  for (const event of pendingEvents) {
    const result = reduce(state, event, now);
    if (result.ok) {
      state = result.state;
      pending.push({ ...event, localProblem: null });
    } else {
      // Keep it: the server judges against its newer state and may still accept it.
      pending.push({ ...event, localProblem: result.reason });
    }
  }
  return { state, pending, rejected };
}

/** Groups outbox rows by stream, so a list can overlay only the streams that have any. */
export function groupByStream(outbox: readonly OutboxDocument[]): Map<string, OutboxDocument[]> {
  const byStream = new Map<string, OutboxDocument[]>();
  for (const event of outbox) {
    const list = byStream.get(event.stream);
    if (list) list.push(event);
    else byStream.set(event.stream, [event]);
  }
  return byStream;
}

/**
 * Events that were pending when last seen and have left the outbox (accepted: refused ones
 * stay, marked) while the server's document does not include them yet.
 */
export function stillInFlight(
  lastSeen: readonly OutboxDocument[],
  outbox: readonly OutboxDocument[],
  acceptedIds: ReadonlySet<string>,
): OutboxDocument[] {
  const present = new Set(outbox.map((e) => e.id));
  return lastSeen.filter((e) => e.status === 'pending' && !present.has(e.id) && !acceptedIds.has(e.id));
}
