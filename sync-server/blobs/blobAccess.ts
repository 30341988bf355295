// Who may open a file. A file is content-addressed, and anyone may push an event that names any
// sha256, so knowing a file's hash must not be a key to it: an official who lost access to case
// A but noted a document's hash could otherwise add it to a case B they hold and download A's
// document. So a file opens for its uploader, and for anyone who may see a stream that references
// it through a reference that counts:
// - its pusher could open the file when the reference was written (`could_open`, worked out
//   under the log's lock as the push is written, eventStore.ts), or
// - its pusher is the one who uploaded the file: the app pushes document.added before its upload
//   finishes (uploads are queued offline and resumed later), so such a reference is accepted,
//   waits unproven, and counts once its pusher's upload arrives. An upload by anyone else does
//   not make it count.
// Caveat: a blob row keeps only its first uploader (tusUploads.ts, `on conflict do nothing`), so
// a person who uploads bytes someone else had already uploaded, unknown to them, does not count
// as its uploader: their reference stays unproven until someone who may open the file adds it.
import type { Queryable } from '../storage/database';

/**
 * SQL: may the person whose id is the expression `user` open the file in the `blobs` row aliased
 * `blob`? The one rule, used where a reference is written and where a file is read.
 */
export const mayOpenSql = (user: string, blob: string) => `(${blob}.uploaded_by = ${user} or exists (
  select 1 from blob_refs ref join access seen on seen.stream_id = ref.stream_id
  where ref.sha256 = ${blob}.sha256 and seen.user_id = ${user} and seen.can_see
    and (ref.could_open or ref.referenced_by = ${blob}.uploaded_by)))`;

/**
 * SQL that records the references (`{sha256, stream_id, referenced_by}[]` as JSON) in parameter
 * `param`, each with whether its pusher may open the file now. Run in the statement that writes
 * the push, so "now" is the log as the push was judged, before its own access rows move.
 */
export const insertBlobRefs = (param: string) => `
  insert into blob_refs (sha256, stream_id, referenced_by, could_open)
  select x.sha256, x.stream_id, x.referenced_by,
         exists (select 1 from blobs b where b.sha256 = x.sha256 and ${mayOpenSql('x.referenced_by', 'b')})
  from jsonb_to_recordset(${param}::jsonb) as x(sha256 text, stream_id text, referenced_by text)
  -- The same file referenced again on the same stream by someone who may open it: it counts now.
  on conflict (sha256, stream_id) do update
    set referenced_by = excluded.referenced_by, could_open = true
    where excluded.could_open and not blob_refs.could_open`;

export type BlobRow = { size: number; filename: string; content_type: string };

/** The file's details when `userId` may open it; undefined when it is missing or not theirs. */
export async function mayRead(db: Queryable, userId: string, sha256: string): Promise<BlobRow | undefined> {
  const [row] = await db.query<BlobRow>(
    `select b.size, b.filename, b.content_type from blobs b
     where b.sha256 = $2 and ${mayOpenSql('$1', 'b')}`,
    [userId, sha256],
  );
  return row;
}
