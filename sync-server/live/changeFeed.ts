// Tells open event streams (SSE) that something changed for their person. Changes are announced
// with NOTIFY inside the pushing transaction, so they arrive only after commit, and through
// PostgreSQL's LISTEN they reach every server process on the same database, not just the one
// that accepted the push. On PGlite (one process) the same calls work within the process.
import { z } from 'zod';
import { collectionNameSchema } from '../../src/domain/streamDocument';
import { CHANGES_CHANNEL, type ChangeNotice } from '../replication/eventStore';
import type { Database } from '../storage/database';

const noticeSchema = z.object({
  change: z.number(),
  collections: z.array(collectionNameSchema),
  userIds: z.array(z.string()).nullable(),
  pusherId: z.string(),
});

export type ChangeListener = (notice: ChangeNotice) => void;

export type ChangeFeed = {
  /** Calls `listener` for every change that concerns `userId`; returns the unsubscribe. */
  subscribe(userId: string, listener: ChangeListener): () => void;
  close(): Promise<void>;
};

export async function openChangeFeed(db: Database): Promise<ChangeFeed> {
  const listeners = new Map<string, Set<ChangeListener>>();
  const stop = await db.listen(CHANGES_CHANNEL, (payload) => {
    let raw: unknown;
    try {
      raw = JSON.parse(payload);
    } catch {
      return; // not ours
    }
    const parsed = noticeSchema.safeParse(raw);
    if (!parsed.success) return;
    const notice = parsed.data;
    const targets = notice.userIds ?? [...listeners.keys()];
    for (const userId of targets) {
      for (const listener of listeners.get(userId) ?? []) listener(notice);
    }
  });
  return {
    subscribe(userId, listener) {
      const set = listeners.get(userId) ?? new Set();
      set.add(listener);
      listeners.set(userId, set);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(userId);
      };
    },
    close: stop,
  };
}
