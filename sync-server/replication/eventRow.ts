// One row of the `events` table (migrations/002_event_log.sql) as node-postgres and PGlite
// return it: the log's shape in TypeScript, shared by the store, the pulls and the chain check.
export type EventRow = {
  id: string;
  stream_id: string;
  type: string;
  actor: string;
  device_id: string;
  made_at: string;
  payload: Record<string, unknown>;
  status: 'accepted' | 'rejected';
  reason: string | null;
  seq: number | null;
  accepted_at: string | null;
  prev_hash: string | null;
  hash: string | null;
  pushed_by_user: string;
  pushed_by_device: string;
  change_no: number;
  /** An accepted event's timeline entry's own fields (migration 013): who, in words, from which device. */
  actor_name?: string | null;
  summary?: string | null;
  device_name?: string | null;
};

/** The envelope fields of a stored event, as the device made them (the chain hashes these too). */
export function envelopeOf(
  row: Pick<EventRow, 'id' | 'stream_id' | 'type' | 'actor' | 'device_id' | 'made_at' | 'payload'>,
) {
  return {
    id: row.id,
    stream: row.stream_id,
    type: row.type,
    actor: row.actor,
    deviceId: row.device_id,
    madeAt: row.made_at,
    payload: row.payload,
  };
}
