// "Documents down" and the outbox's way back: RxDB pull handlers paged by a checkpoint
// `{ id, seq }`, where `seq` is the change number (see eventStore.ts for why it never skips).
import { z } from 'zod';
import type { CollectionName, StreamDocument } from '../../src/domain/streamDocument';
import type { Queryable } from '../storage/database';
import type { EventRow } from './eventRow';
import type { StoredDocument } from './judge';

export const checkpointSchema = z.object({ id: z.string(), seq: z.number().int().nonnegative() });
export type Checkpoint = z.infer<typeof checkpointSchema>;

export const MAX_BATCH = 1_000;

export type OutboxDocument = {
  id: string;
  stream: string;
  type: string;
  actor: string;
  deviceId: string;
  madeAt: string;
  payload: Record<string, unknown>;
  status: 'pending' | 'accepted' | 'rejected';
  reason: string | null;
  seq: number | null;
  acceptedAt: string | null;
  _deleted: boolean;
};

export type PullPage<D> = { documents: D[]; checkpoint: Checkpoint | null };

type OutboxRow = Omit<EventRow, 'prev_hash' | 'hash' | 'pushed_by_user' | 'pushed_by_device'>;

/** The events this device pushed: rejected ones as they are, accepted ones deleted (they leave the outbox). */
export async function pullOutbox(
  db: Queryable,
  deviceId: string,
  since: Checkpoint | null,
  batchSize: number,
): Promise<PullPage<OutboxDocument>> {
  const rows = await db.query<OutboxRow>(
    `select id, stream_id, type, actor, device_id, made_at, payload, status, reason, seq, accepted_at, change_no
     from events where pushed_by_device = $1 and change_no > $2 order by change_no limit $3`,
    [deviceId, since?.seq ?? 0, batchSize],
  );
  const last = rows.at(-1);
  return {
    documents: rows.map((r) => ({
      id: r.id,
      stream: r.stream_id,
      type: r.type,
      actor: r.actor,
      deviceId: r.device_id,
      madeAt: r.made_at,
      payload: r.payload,
      status: r.status,
      reason: r.reason,
      seq: r.seq,
      acceptedAt: r.accepted_at,
      _deleted: r.status === 'accepted',
    })),
    checkpoint: last ? { id: last.id, seq: last.change_no } : since,
  };
}

type AccessRow = { stream_id: string; can_see: boolean; change_no: number; document: StoredDocument };

/** Stream documents of one collection this person may see (or has just stopped seeing: deleted). */
export async function pullDocuments(
  db: Queryable,
  userId: string,
  collection: CollectionName,
  since: Checkpoint | null,
  batchSize: number,
): Promise<PullPage<StreamDocument>> {
  const rows = await db.query<AccessRow>(
    // The timeline is kept in rows of its own (migration 005); it goes down inside the document.
    `select a.stream_id, a.can_see, a.change_no,
            s.document || jsonb_build_object('timeline', case when a.can_see then coalesce(
              (select jsonb_agg(t.entry order by t.seq) from timeline t where t.stream_id = s.stream_id), '[]')
              else '[]' end) as document
     from access a join streams s on s.stream_id = a.stream_id
     where a.user_id = $1 and a.collection = $2 and a.change_no > $3
     order by a.change_no limit $4`,
    [userId, collection, since?.seq ?? 0, batchSize],
  );
  const last = rows.at(-1);
  return {
    documents: rows.map((r) => (r.can_see ? { ...r.document, _deleted: false } : tombstone(r.document))),
    checkpoint: last ? { id: last.stream_id, seq: last.change_no } : since,
  };
}

/** What a person who lost access receives: the id and nothing of the content. */
function tombstone(document: StoredDocument): StreamDocument {
  return {
    id: document.id,
    collection: document.collection,
    lastSeq: document.lastSeq,
    updatedAt: document.updatedAt,
    state: {},
    timeline: [],
    reference: '',
    caseType: '',
    status: '',
    dueDate: '',
    ownerIds: [],
    teamIds: [],
    _deleted: true,
  };
}
