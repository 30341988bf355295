// "Documents down" and the outbox's way back: RxDB pull handlers paged by a checkpoint
// `{ id, seq }`, where `seq` is the change number (see eventStore.ts for why it never skips).
// And a new device's "My work first": the cases in the caller's My work, paged by stream id, sent
// before the ordinary full pull so the person sees their own work in seconds.
import { z } from 'zod';
import type { CollectionName } from '../../src/domain/streamDocument';
import type { Queryable } from '../storage/database';
import { toOutboxDocument } from './decidedEvents';
import type { EventRow } from './eventRow';

export const checkpointSchema = z.object({ id: z.string(), seq: z.number().int().nonnegative() });
export type Checkpoint = z.infer<typeof checkpointSchema>;

/** About how much document text one page of a pull may carry (characters). */
export const PAGE_BUDGET_CHARS = 32 * 1024 * 1024;
/** The my-work page's checkpoint: the last stream id sent (stream ids, unlike change numbers, stay put). */
export const myWorkCheckpointSchema = z.object({ id: z.string() });
export type MyWorkCheckpoint = z.infer<typeof myWorkCheckpointSchema>;

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
    documents: rows.map(toOutboxDocument),
    checkpoint: last ? { id: last.id, seq: last.change_no } : since,
  };
}

/**
 * Stream documents of one collection this person may see (or has just stopped seeing: deleted),
 * as the JSON text of the whole page `{documents, checkpoint}`. PostgreSQL writes that text
 * itself, document and accepted event rows joined as they are stored: the server neither parses the
 * JSONB into objects nor serialises them again (a new device's first pull is 50,000 cases).
 */
export async function pullDocumentsJson(
  db: Queryable,
  userId: string,
  collection: CollectionName,
  since: Checkpoint | null,
  batchSize: number,
): Promise<string> {
  // The page ends early once its documents' sizes (streams.size_chars, migration 015) pass the
  // budget, but always holds one: a page of 1,000 large cases, written as one text, would pass
  // PostgreSQL's 1 GB limit on a value, and no device wants that much in one answer. A page cut
  // short says `hasMore`, since a device takes a page shorter than it asked for as the last.
  const [row] = await db.query<{ documents: string; checkpoint: string | null; has_more: boolean }>(
    `with ${budgetedPageSql(
      `select a.stream_id, a.can_see, a.change_no,
              case when a.can_see then s.size_chars else 0 end as size_chars
       from (select stream_id, can_see, change_no from access
             where user_id = $1 and collection = $2 and change_no > $3
             order by change_no limit $4) a
       join streams s on s.stream_id = a.stream_id`,
      'change_no',
    )}
     select '[' || coalesce(string_agg(
              case when p.can_see then ${DOCUMENT_SQL} else ${TOMBSTONE_SQL}::text end,
              ',' order by p.change_no), '') || ']' as documents,
            (select json_build_object('id', stream_id, 'seq', change_no) from page
             order by change_no desc limit 1)::text as checkpoint,
            ${HAS_MORE_SQL}
     from page p join streams s on s.stream_id = p.stream_id`,
    [userId, collection, since?.seq ?? 0, batchSize, PAGE_BUDGET_CHARS],
  );
  return pageJson(row?.documents, row?.checkpoint ?? JSON.stringify(since), row?.has_more);
}

/**
 * The cases in this person's My work that they may see now (`keys`: their personKeys, matched
 * against `streams.waiting_on`, migration 010), after `since` in stream id order, each exactly as
 * pullDocumentsJson sends it; as the JSON text of the page `{documents, checkpoint}`, cut short
 * by the same page budget (and then saying `hasMore`).
 * Walks the person's access rows in stream id order (their primary key) and stops at a full
 * page, so its cost is at most the cases they may see, with no index on `waiting_on` (which
 * every push rewrites). Cases whose `waiting_on` is not yet worked out (null: written before
 * migration 010, until waitingOnBackfill.ts reaches them) are left out; the full pull that
 * follows brings them.
 */
export async function pullMyWorkJson(
  db: Queryable,
  userId: string,
  keys: readonly string[],
  since: MyWorkCheckpoint | null,
  batchSize: number,
): Promise<string> {
  // The page budget as pullDocumentsJson's, its running sum in this page's order (stream id), so
  // the checkpoint, the last stream sent, leaves none of the cut ones behind.
  const [row] = await db.query<{ documents: string; last: string | null; has_more: boolean }>(
    `with ${budgetedPageSql(
      `select a.stream_id, s.size_chars from access a join streams s on s.stream_id = a.stream_id
       where a.user_id = $1 and a.stream_id > $2 and a.collection = 'cases' and a.can_see
         and s.waiting_on && $3::text[]
       order by a.stream_id limit $4`,
      'stream_id',
    )}
     select '[' || coalesce(string_agg(${DOCUMENT_SQL}, ',' order by s.stream_id), '') || ']' as documents,
            max(s.stream_id) as last,
            ${HAS_MORE_SQL}
     from page p join streams s on s.stream_id = p.stream_id`,
    [userId, since?.id ?? '', keys, batchSize, PAGE_BUDGET_CHARS],
  );
  const checkpoint = row?.last ? { id: row.last } : since;
  return pageJson(row?.documents, JSON.stringify(checkpoint), row?.has_more);
}

/**
 * The `candidates` and `page` CTEs of a pull page cut by the budget (parameter $5): `rows` is the
 * page as asked for (at most the batch size), with each row's `size_chars`, in the order of
 * `key`; `page` is its longest start within the budget, and never empty.
 */
function budgetedPageSql(rows: string, key: 'change_no' | 'stream_id'): string {
  return `candidates as (
       select r.*, sum(r.size_chars) over (order by r.${key} rows unbounded preceding) as running
       from (${rows}) r),
     page as (
       select * from candidates
       where running <= $5 or ${key} = (select min(${key}) from candidates))`;
}

/** Whether the budget cut the page short: a device then asks for the next page though it is short. */
const HAS_MORE_SQL = '(select count(*) from candidates) > (select count(*) from page) as has_more';

/** A page as the JSON text a pull answers with; `checkpoint` is JSON text already. */
const pageJson = (documents: string | undefined, checkpoint: string, hasMore: boolean | undefined) =>
  `{"documents":${documents ?? '[]'},"checkpoint":${checkpoint}${hasMore ? ',"hasMore":true' : ''}}`;

/**
 * One accepted event `e` as its timeline entry (TimelineEntry, src/domain/streamDocument.ts), as
 * JSON text written here from the row's columns (migration 013): building a json or a jsonb
 * value per entry and printing it made a page's query about 20% or 45% slower. Every string goes
 * through to_json, which escapes it; deviceName only when the device had one. An accepted row
 * without its entry fields (none in a healthy log) makes a null and is left out, as it was when
 * it had no timeline row.
 */
const TIMELINE_ENTRY_SQL = `'{"eventId":' || to_json(e.id) || ',"type":' || to_json(e.type)
  || ',"actor":' || to_json(e.actor) || ',"actorName":' || to_json(e.actor_name)
  || ',"deviceId":' || to_json(e.device_id) || coalesce(',"deviceName":' || to_json(e.device_name), '')
  || ',"madeAt":' || to_json(e.made_at) || ',"acceptedAt":' || to_json(e.accepted_at)
  || ',"summary":' || to_json(e.summary) || ',"payload":' || e.payload::text || ',"seq":' || e.seq || '}'`;

/**
 * A document a person may see, as JSON text, from its `streams` row `s`: the stored document
 * (which has kept no timeline of its own since migration 005) without its closing brace, then its timeline: its accepted events in seq order, read through
 * the `events_stream (stream_id, seq)` index.
 */
const DOCUMENT_SQL = `left(s.document::text, -1) || ', "timeline": ['
  || coalesce((select string_agg(${TIMELINE_ENTRY_SQL}, ',' order by e.seq) from events e
               where e.stream_id = s.stream_id and e.status = 'accepted'), '')
  || '], "_deleted": false}'`;

/**
 * What a person who lost access receives: the id and nothing of the content (as StreamDocument).
 * Nor when it last changed: copied from the document, those would tell them, pull after pull,
 * that work goes on on a case they may no longer see.
 */
const TOMBSTONE_SQL = `jsonb_build_object('id', s.document->'id', 'collection', s.document->'collection',
  'lastSeq', 0, 'updatedAt', '', 'state', '{}'::jsonb,
  'timeline', '[]'::jsonb, 'reference', '', 'caseType', '', 'status', '', 'dueDate', '',
  'ownerIds', '[]'::jsonb, 'teamIds', '[]'::jsonb, '_deleted', true)`;
