// Untrusted input to a typed event: the one door every event comes through, on the device
// and on the server. Messages name the field in words, e.g. "payload.reason: must say why".
import type { z } from 'zod';
import { type ClearwayEvent, eventCatalogue, isEventType } from './catalogue';
import { eventEnvelopeSchema } from './envelope';
import { findUnstorableText, UNSTORABLE_TEXT } from './storableText';

export type ParseResult = { ok: true; event: ClearwayEvent } | { ok: false; reason: string };

function describeIssues(prefix: string, error: z.ZodError): string {
  const first = error.issues[0];
  if (!first) return `${prefix} is not valid.`;
  const where = [prefix, ...first.path.map(String)].filter((part) => part !== '').join('.');
  const message = first.code === 'invalid_type' && first.input === undefined ? 'is missing' : first.message;
  return `${where || 'The event'}: ${message}.`;
}

export function parseEvent(raw: unknown): ParseResult {
  const envelope = eventEnvelopeSchema.safeParse(raw);
  if (!envelope.success)
    return { ok: false, reason: `This is not a valid event. ${describeIssues('', envelope.error)}` };
  const { type } = envelope.data;
  if (!isEventType(type)) return { ok: false, reason: `Clearway does not know the event type "${type}".` };
  const payload = eventCatalogue[type].schema.safeParse(envelope.data.payload);
  if (!payload.success) return { ok: false, reason: describeIssues('payload', payload.error) };
  // The catalogue entry's schema is the one for `type`, so this pairing is sound.
  const event = { ...envelope.data, type, payload: payload.data } as ClearwayEvent;
  // Checked on what is kept: fields the payload's schema drops are never stored, and are not walked.
  const unstorable = findUnstorableText(event);
  if (unstorable) {
    return {
      ok: false,
      reason: `${unstorable.join('.')}: ${UNSTORABLE_TEXT}. Remove it and try again.`,
    };
  }
  return { ok: true, event };
}
