// Writes rows the server decided (pulled stream documents, and the case summaries made from
// them) straight to a collection's storage, over whatever the device holds: on these
// collections the server is the only author, so there is nothing to merge, and RxDB's upsert
// (one storage write per document already held) would only cost time.
// A page is written as new first; the storage answers each row it already holds with a
// conflict carrying the row held, and those are written again over it. A new device's first
// sync (every row new) so reads nothing beforehand; a later sync reads only what it replaces.
import type { RxCollection, RxDocumentData } from 'rxdb';

type Row = { id: string; _deleted: boolean };

/** Rows that keep changing under us (another writer in between) are given up after this. */
const ATTEMPTS = 3;

export async function writeServerRows<T extends { id: string }>(
  collection: RxCollection<T>,
  rows: readonly (T & Row)[],
  context: string,
): Promise<void> {
  const storage = collection.storageInstance;
  // A tombstone for something never held has nothing to remove: only those are looked up.
  const tombstones = rows.filter((row) => row._deleted).map((row) => row.id);
  // Rows already removed are not removed again (every full re-pull repeats the tombstones).
  const held = tombstones.length > 0 ? await storage.findDocumentsById(tombstones, false) : [];
  const heldIds = new Set(held.map((doc) => (doc as { id: string }).id));
  const documentOf = new Map<string, RxDocumentData<T>>();
  for (const row of rows) {
    if (row._deleted && !heldIds.has(row.id)) continue;
    // _meta and _rev are set by RxDB's storage wrapper as it writes.
    documentOf.set(row.id, { ...row, _attachments: {} } as unknown as RxDocumentData<T>);
  }
  let writes = [...documentOf.values()].map((document) => ({ document }));
  for (let attempt = 1; writes.length > 0; attempt += 1) {
    const result = await storage.bulkWrite(writes, context);
    const again: { previous: RxDocumentData<T>; document: RxDocumentData<T> }[] = [];
    for (const error of result.error) {
      const document = documentOf.get(error.documentId);
      if (error.status !== 409 || !error.documentInDb || !document) {
        throw new Error(`This device could not store ${error.documentId} (error ${error.status}).`);
      }
      if (attempt >= ATTEMPTS) {
        throw new Error(
          `This device could not store ${error.documentId}: it kept changing while being written.`,
        );
      }
      again.push({ previous: error.documentInDb, document });
    }
    writes = again;
  }
}
