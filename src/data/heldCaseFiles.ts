// When the app starts again on a device, the files of the open cases the person holds are
// fetched ahead once more. The list of files still to fetch (blobs.ts) lives in memory, and a
// held case is pulled again only when it changes: without this, a file whose upload had not
// finished when the app closed would reach the device only when someone opened it, perhaps
// offline, when it cannot.
import type { BlobCache, PrefetchCase } from './blobs';
import type { ClearwayDatabase } from './database';

/** Cases read from the device's database at a time. */
const BATCH = 200;

/** Gives the prefetcher every open case the person holds, as a pull would. */
export async function prefetchHeldCaseFiles(db: ClearwayDatabase, blobs: BlobCache): Promise<void> {
  // The summaries' `isMine` is indexed (the cases collection has no index of its own).
  const held = await db.caseSummaries.find({ selector: { isMine: true } }).exec();
  const ids = held.map((summary) => summary.id);
  for (let i = 0; i < ids.length; i += BATCH) {
    const cases = await db.cases.findByIds(ids.slice(i, i + BATCH)).exec();
    const stored: PrefetchCase[] = [...cases.values()].map((doc) => ({
      id: doc.id,
      isMine: doc.isMine,
      _deleted: false,
      timeline: doc.timeline,
    }));
    await blobs.prefetchCases(stored);
  }
}
