// Branded identifiers and date strings that must not be mixed up: a case id is not an event id,
// and a calendar date is not an instant. Each has a zod schema so boundaries can check them.
import { z } from 'zod';
import type { StreamId } from './events/envelope';

export { type EventId, eventIdSchema, type UserId, userIdSchema } from './events/envelope';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const caseIdSchema = z.string().regex(UUID, 'must be a case id (a UUID)').brand<'CaseId'>();
export type CaseId = z.infer<typeof caseIdSchema>;

/** A civil date in Europe/London, `YYYY-MM-DD`: the deadline engine's own type, so they mix freely. */
export { type IsoDate, isoDateSchema } from './deadlines';

/** An instant with its offset, e.g. `2026-03-04T09:30:00Z`. */
export const isoInstantSchema = z.iso.datetime({ offset: true, message: 'must be a date and time' });

export const sha256Schema = z
  .string()
  .regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 hash (64 lower-case hex characters)')
  .brand<'Sha256'>();
export type Sha256 = z.infer<typeof sha256Schema>;

/** The case a `case:<id>` stream belongs to, or null for organisation streams. */
export function caseIdOf(stream: StreamId | string): CaseId | null {
  const match = /^case:(.+)$/.exec(stream);
  const parsed = caseIdSchema.safeParse(match?.[1]);
  return parsed.success ? parsed.data : null;
}

export function caseStream(caseId: CaseId): StreamId {
  return `case:${caseId}` as StreamId;
}
