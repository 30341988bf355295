// Connects the overlay to the domain: the device folds its pending events with exactly the
// reducer the server runs (src/domain), after the same parse the server applies on push.
import type { StreamState } from '../domain/caseState';
import { parseEvent } from '../domain/events/parseEvent';
import { reduce } from '../domain/reducer';
import type { OverlayReducer } from './overlay';
import type { OutboxDocument } from './schemas';

/** The envelope part of an outbox row: what parseEvent and the server judge. */
export function envelopeOf(event: OutboxDocument) {
  const { id, stream, type, actor, deviceId, madeAt, payload } = event;
  return { id, stream, type, actor, deviceId, madeAt, payload };
}

export const domainReducer: OverlayReducer = (state, event, now) => {
  const parsed = parseEvent(envelopeOf(event));
  if (!parsed.ok) return parsed;
  // The stored state came from the server's reducer, so it has the reducer's shape.
  return reduce(state as StreamState | null, parsed.event, { now });
};

/** Checks an event before it enters the outbox, so nothing the server cannot read is queued. */
export function checkEvent(raw: unknown): { ok: true } | { ok: false; reason: string } {
  const parsed = parseEvent(raw);
  return parsed.ok ? { ok: true } : parsed;
}
