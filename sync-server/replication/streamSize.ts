// How big a stream's pulled document is allowed to grow (CLEARWAY_MAX_STREAM_MB), and what each
// accepted event is counted as adding to it. Every person pulls each stream they may see as ONE
// document, its state and its whole timeline (pull.ts), so without a cap anyone who may add to
// a stream could grow it for everyone who pulls it, up to PostgreSQL's 1 GB text limit, where the
// pull fails for all of them. The size is kept per stream (`streams.size_chars`, migration 015)
// and moved only by the log when it accepts events (eventStore.ts): never taken from a device.
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

// The same words the domain uses for its streams (src/domain/reducer.ts), capitalised.
const streamWords: Record<CollectionName, string> = {
  cases: 'This case',
  directory: 'The directory',
  templates: 'The template library',
  calendar: 'The calendar',
};

/** Why an event that would take its stream over `maxChars` is refused, in words its author reads. */
export function tooLargeReason(stream: string, maxChars: number): string {
  const collection = collectionOf(stream);
  const mb = Number((maxChars / CHARS_PER_MB).toPrecision(3));
  // Only a case can take files (document.added), which are kept apart from its document.
  const instead = collection === 'cases' ? 'Attach large material as a document instead, or ask' : 'Ask';
  return `${streamWords[collection]} has grown too large to take more (over ${mb} MB). ${instead} your administrator.`;
}
