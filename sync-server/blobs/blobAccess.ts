// Who may open a file. A file is content-addressed, and anyone may push an event that names any
// sha256, so knowing a file's hash must not be a key to it: an official who lost access to case
// A but noted a document's hash could otherwise add it to a case B they hold and download A's
// document. Sending the file's bytes is the proof that a person holds it: the server hashes
// every finished upload and refuses one whose bytes do not match (tusUploads.ts), and records
// each person who uploaded them in `blob_uploaders`, the first one and every later one (the
// same request letter sent to two teams is one file; the app uploads what a person adds without
// asking whether the server has it). So a file opens for each of its uploaders, and for anyone
// who may see a stream that references it through a reference that counts:
// - its pusher could open the file when the reference was written (`could_open`, worked out
//   under the log's lock as the push is written, eventStore.ts), or
// - its pusher is one of the file's uploaders: the app pushes document.added before its upload
//   finishes (uploads are queued offline and resumed later), so such a reference is accepted,
//   waits unproven, and counts once its pusher's own upload arrives. An upload by anyone else
//   does not make it count.
// `blobs.uploaded_by` still names the first uploader, whose upload gave the file its name and
// type; it decides nothing.
import type { Queryable } from '../storage/database';

/** SQL: has the person whose id is the expression `user` uploaded the file in row `blob`? */
const uploadedBySql = (blob: string, user: string) =>
  `exists (select 1 from blob_uploaders up where up.sha256 = ${blob}.sha256 and up.user_id = ${user})`;

/**
 * SQL: may the person whose id is the expression `user` open the file in the `blobs` row aliased
 * `blob`? The one rule, used where a reference is written and where a file is read.
 */
export const mayOpenSql = (user: string, blob: string) => `(${uploadedBySql(blob, user)} or exists (
  select 1 from blob_refs ref join access seen on seen.stream_id = ref.stream_id
  where ref.sha256 = ${blob}.sha256 and seen.user_id = ${user} and seen.can_see
    and (ref.could_open or ${uploadedBySql(blob, 'ref.referenced_by')})))`;

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
