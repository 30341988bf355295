// The envelope every event travels in, on the device, over the wire and in the server's log.
// Payloads are typed per event `type` elsewhere (see ./catalogue.ts); this file fixes the
// fields that sync, storage and the audit trail rely on.
import { z } from 'zod';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export const eventIdSchema = z.string().regex(UUID_V7, 'must be a UUIDv7').brand<'EventId'>();
export type EventId = z.infer<typeof eventIdSchema>;

/** `case:<uuid>` for a case; `org:<name>` for organisation-wide streams (directory, templates, calendar…). */
export const streamSchema = z
  .string()
  .regex(/^(case:[0-9a-f-]{36}|org:[a-z][a-z0-9-]{0,40})$/i, 'must be case:<id> or org:<name>')
  .brand<'StreamId'>();
export type StreamId = z.infer<typeof streamSchema>;

export const userIdSchema = z.string().min(1).max(80).brand<'UserId'>();
export type UserId = z.infer<typeof userIdSchema>;

/** What the device sends: made on the device, not yet judged by the server. */
export const eventEnvelopeSchema = z.object({
  id: eventIdSchema,
  stream: streamSchema,
  type: z.string().regex(/^[a-z_]+\.[a-z_.]+$/, 'must look like "case.logged"'),
  actor: userIdSchema,
  deviceId: z.string().min(1).max(80),
  /** Device clock, ISO 8601: when the person did it (may be days before it reaches the server). */
  madeAt: z.iso.datetime({ offset: true }),
  payload: z.record(z.string(), z.unknown()),
});
export type EventEnvelope = z.infer<typeof eventEnvelopeSchema>;

export const eventStatusSchema = z.enum(['pending', 'accepted', 'rejected']);
export type EventStatus = z.infer<typeof eventStatusSchema>;

/** What the server keeps: the envelope plus its judgement. */
export const recordedEventSchema = eventEnvelopeSchema.extend({
  status: eventStatusSchema,
  /** Server order of accepted events; null while pending or when rejected. */
  seq: z.number().int().positive().nullable(),
  acceptedAt: z.iso.datetime({ offset: true }).nullable(),
  /** Why the server refused it, in words a person understands. */
  reason: z.string().nullable(),
  /** SHA-256 (hex) of the previous accepted event's hash: the tamper-evident chain. */
  prevHash: z.string().nullable(),
  hash: z.string().nullable(),
});
export type RecordedEvent = z.infer<typeof recordedEventSchema>;
