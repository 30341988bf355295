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
