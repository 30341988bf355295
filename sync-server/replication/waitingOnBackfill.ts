// Works out `streams.waiting_on` (whose My work a stream is in, migration 010) for rows written
// before that column existed. Every push writes it with the document (eventStore.ts); rows the
// log has not touched since the upgrade keep null, which the my-work pull leaves out (the full
// pull still brings them), until this fills them. It runs in the background when the server
// starts (main.ts) and never takes the log's lock: each row is set only while it is still the
// row that was read (same last_seq, still null), so a push that rewrote it meanwhile, with the
// newer answer, is never overwritten. Several processes may run it at once: they write the same
// answer, and only over null.
import type { Queryable } from '../storage/database';
import { myWorkKeys, type StreamState } from './judge';

/** Rows read and written per round trip: a few hundred states at a time keep each statement small. */
export const BACKFILL_BATCH = 500;

export type BackfillOptions = {
  batchSize?: number;
  /** Asked before each batch: the server is closing, so stop (the rest is filled next start). */
  isStopped?: () => boolean;
};

/** Fills every stream row whose `waiting_on` is null; returns how many it filled. */
export async function backfillWaitingOn(db: Queryable, options: BackfillOptions = {}): Promise<number> {
  const batchSize = options.batchSize ?? BACKFILL_BATCH;
  let filled = 0;
  // Walked in stream id order (the primary key), so every row is read once and the walk ends
  // even should some row stay null.
  let after = '';
  while (!options.isStopped?.()) {
    const rows = await db.query<{ stream_id: string; last_seq: number; state: StreamState }>(
      `select stream_id, last_seq, document->'state' as state from streams
       where stream_id > $1 and waiting_on is null order by stream_id limit $2`,
      [after, batchSize],
    );
    const last = rows.at(-1);
    if (!last) return filled;
    after = last.stream_id;
    const answers = rows.map((r) => ({
      stream_id: r.stream_id,
      last_seq: r.last_seq,
      waiting_on: myWorkKeys(r.state),
    }));
    const updated = await db.query<{ stream_id: string }>(
      `update streams s set waiting_on = x.waiting_on
       from jsonb_to_recordset($1::jsonb) as x(stream_id text, last_seq bigint, waiting_on text[])
       where s.stream_id = x.stream_id and s.last_seq = x.last_seq and s.waiting_on is null
       returning s.stream_id`,
      [JSON.stringify(answers)],
    );
    filled += updated.length;
  }
  return filled;
}
