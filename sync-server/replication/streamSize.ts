// How big a stream's pulled document is allowed to grow (CLEARWAY_MAX_STREAM_MB), and what each
// accepted event is counted as adding to it. Every person pulls each stream they may see as ONE
// document, its state and its whole timeline (pull.ts), so without a cap anyone who may add to
// a stream could grow it for everyone who pulls it, up to PostgreSQL's 1 GB text limit, where the
// pull fails for all of them. The size is kept per stream (`streams.size_chars`, migration 015)
// and moved only by the log when it accepts events (eventStore.ts): never taken from a device.
// At the cap only small events still go through (a close, a status change), up to a hard ceiling.
import type { EventEnvelope } from '../../src/domain/events/envelope';
import type { CollectionName } from '../../src/domain/streamDocument';
import { collectionOf } from './judge';

/** The cap's unit: CLEARWAY_MAX_STREAM_MB counts mebibytes of JSON text (characters, near enough). */
export const CHARS_PER_MB = 1024 * 1024;

/**
 * A timeline entry's text but its payload: ids, type, names, device, the two times, the summary
 * and the seq (TIMELINE_ENTRY_SQL in pull.ts). Measured on entries the server wrote: 300 to 430
 * characters, most of it the two uuids, the times and the summary. Migration 015 uses the same
 * number: change both together.
 */
export const TIMELINE_ENTRY_CHARS = 400;

/**
 * What a stream's document holds before any event's payload: its summary fields (reference,
 * status, due date...) and a new state's empty lists. Measured: about 1,000 characters for a
 * new case, 300 for the template library.
 */
export const NEW_STREAM_CHARS = 1_000;

// Worked out once per event object: under the lock a verdict reused from before it (eventStore.ts,
// judgeBatch) must not pay for a second JSON.stringify of a payload that may be 200,000 characters.
const costs = new WeakMap<EventEnvelope, number>();

/**
 * What accepting `event` adds to its stream's pulled document, roughly: its timeline entry (its
 * payload's JSON and TIMELINE_ENTRY_CHARS), and as much again for the state, which grows by
 * about what an event brings in its payload (a note's text, a template's body). Events that
 * grow the state by less (a status change, a template saved again) are counted as if they did,
 * so the guard errs towards refusing early, never late; nothing is ever taken off.
 */
export function costOf(event: EventEnvelope): number {
  const known = costs.get(event);
  if (known !== undefined) return known;
  const cost = 2 * JSON.stringify(event.payload).length + TIMELINE_ENTRY_CHARS;
  costs.set(event, cost);
  return cost;
}

/**
 * At most what an event may be counted as adding and still go through on a stream at or over the
 * cap: a status change, a close, a withdrawal, an allocation, a template retired. Without it a
 * full stream could never change again (not even be closed), since its size never goes down.
 */
export const SMALL_EVENT_CHARS = 2_000;

/**
 * How far small events may take a stream past its cap: as far again as the cap, but never more
 * than SMALL_EVENTS_ROOM_CHARS past it, so a stream at the largest cap the configuration allows
 * (512 MB, config.ts) stays well inside PostgreSQL's 1 GB text, which its pull must fit in.
 * 64 MB of small events is more than 30,000 of them: far more than any case's remaining life.
 */
export const SMALL_EVENTS_ROOM_CHARS = 64 * CHARS_PER_MB;

/** The hard ceiling past which nothing more goes through: twice the cap, within the room above. */
export function ceilingOf(maxChars: number): number {
  return maxChars + Math.min(maxChars, SMALL_EVENTS_ROOM_CHARS);
}

// The same words the domain uses for its streams (src/domain/reducer.ts), capitalised.
const streamWords: Record<CollectionName, string> = {
  cases: 'This case',
  directory: 'The directory',
  templates: 'The template library',
  calendar: 'The calendar',
};

// What the person can still do when a large change is refused at the cap. Only a case can take
// files (document.added), which are kept apart from its document. Nothing frees room: a stream's
// size never goes down, so only the administrator (CLEARWAY_MAX_STREAM_MB) can give more.
const forMoreRoom = 'for more room, ask your administrator.';
const atTheCap: Record<CollectionName, string> = {
  cases: 'Attach large material as a document instead.',
  directory: `Smaller changes still go through; ${forMoreRoom}`,
  templates: `Smaller changes, such as retiring a template, still go through; ${forMoreRoom}`,
  calendar: `Smaller changes still go through; ${forMoreRoom}`,
};

const mbOf = (chars: number) => Number((chars / CHARS_PER_MB).toPrecision(3));

/**
 * Whether accepting an event counted as `cost` (costOf) would take a stream now counted as `size`
 * too far, and if so why, in words its author reads: a large event is refused at `maxChars`, a
 * small one (SMALL_EVENT_CHARS) only at the hard ceiling (ceilingOf), so a full case can still be
 * closed or withdrawn and a full template library can still retire its templates.
 */
export function refusalFor(stream: string, size: number, cost: number, maxChars: number): string | null {
  const collection = collectionOf(stream);
  const ceiling = ceilingOf(maxChars);
  if (size + cost > ceiling) {
    return `${streamWords[collection]} has grown too large to take any more changes (over ${mbOf(ceiling)} MB). Ask your administrator.`;
  }
  if (cost > SMALL_EVENT_CHARS && size + cost > maxChars) {
    return `${streamWords[collection]} has grown too large to take more (over ${mbOf(maxChars)} MB). ${atTheCap[collection]}`;
  }
  return null;
}
