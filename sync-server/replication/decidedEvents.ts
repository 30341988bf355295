// The server's verdict on events a person sends again that the log already holds. A device
// that lost the network before it heard how a push went sends it again; so does a device whose
// session the server ended for going unused, which moves its unsent changes to the person's new
// session (src/data/pendingCarryOver.ts). The outbox pull brings verdicts back only to the
// session that first sent an event, so the new session would wait for ever: the push answers
// with them instead, as RxDB conflicts (the server's state of those rows), and the device
// settles its outbox from them. Only the person's own events: an id is no key to anyone else's.
import type { Queryable } from '../storage/database';
import { type EventRow, envelopeOf } from './eventRow';
import type { OutboxDocument } from './pull';

/** A stored event as its author's outbox receives it: accepted ones as deletions. */
export function toOutboxDocument(
  row: Pick<
    EventRow,
    | 'id'
    | 'stream_id'
    | 'type'
    | 'actor'
    | 'device_id'
    | 'made_at'
    | 'payload'
    | 'status'
    | 'reason'
    | 'seq'
    | 'accepted_at'
  >,
): OutboxDocument {
  return {
    ...envelopeOf(row),
    status: row.status,
    reason: row.reason,
    seq: row.seq,
    acceptedAt: row.accepted_at,
    _deleted: row.status === 'accepted',
  };
}

/** The stored verdicts on `ids` among the events `userId` sent, by whichever of their sessions. */
export async function decidedEventsOf(
  db: Queryable,
  userId: string,
  ids: readonly string[],
): Promise<OutboxDocument[]> {
  if (ids.length === 0) return [];
  const rows = await db.query<EventRow>(
    `select id, stream_id, type, actor, device_id, made_at, payload, status, reason, seq, accepted_at
     from events where id = any($1) and pushed_by_user = $2`,
    [ids, userId],
  );
  return rows.map(toOutboxDocument);
}
