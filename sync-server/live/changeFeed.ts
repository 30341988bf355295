// Tells open event streams (SSE) that something changed for their person. Changes are announced
// with NOTIFY inside the pushing transaction, so they arrive only after commit, and through
// PostgreSQL's LISTEN they reach every server process on the same database, not just the one
// that accepted the push. On PGlite (one process) the same calls work within the process.
// Revoked device sessions are announced the same way, so a revoked device's open stream ends.
// Caveat: a NOTIFY sent while a listening connection is lost never arrives. When it is back, every
// subscriber is told that everything changed (it pulls it all again from its checkpoints) and
// every watched device is looked up again, in case its revocation was the notice missed.
import { z } from 'zod';
import { collectionNameSchema } from '../../src/domain/streamDocument';
import { findSession, REVOCATIONS_CHANNEL } from '../accounts/sessions';
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
  /** Calls `onRevoked` when the device session is revoked, by any process; returns the unsubscribe. */
  watchDevice(deviceId: string, onRevoked: () => void): () => void;
  close(): Promise<void>;
};

/** Adds `item` to the set under `key`; returns its removal (dropping the set once empty). */
function addTo<T>(sets: Map<string, Set<T>>, key: string, item: T): () => void {
  const set = sets.get(key) ?? new Set();
  set.add(item);
  sets.set(key, set);
  return () => {
    set.delete(item);
    if (set.size === 0) sets.delete(key);
  };
}

export async function openChangeFeed(db: Database): Promise<ChangeFeed> {
  const listeners = new Map<string, Set<ChangeListener>>();
  // The latest change heard of: what a catch-up notice names (the client pulls from its own
  // checkpoints whatever the number; it stands for "up to now").
  let lastChange = 0;
  const deliver = (notice: ChangeNotice) => {
    lastChange = Math.max(lastChange, notice.change);
    const targets = notice.userIds ?? [...listeners.keys()];
    for (const userId of targets) {
      for (const listener of listeners.get(userId) ?? []) listener(notice);
    }
  };
  // Every collection, and the person as pusher so that their outbox is pulled again too.
  const catchUp = () => {
    for (const [userId, set] of listeners) {
      const notice: ChangeNotice = {
        change: lastChange,
        collections: [...collectionNameSchema.options],
        userIds: [userId],
        pusherId: userId,
      };
      for (const listener of set) listener(notice);
    }
  };
  const stop = await db.listen(
    CHANGES_CHANNEL,
    (payload) => {
      let raw: unknown;
      try {
        raw = JSON.parse(payload);
      } catch {
        return; // not ours
      }
      const parsed = noticeSchema.safeParse(raw);
      if (parsed.success) deliver(parsed.data);
    },
    catchUp,
  );
  const devices = new Map<string, Set<() => void>>();
  const revoked = (deviceId: string) => {
    for (const onRevoked of devices.get(deviceId) ?? []) onRevoked();
  };
  const recheckDevices = async () => {
    for (const deviceId of [...devices.keys()]) {
      try {
        if ((await findSession(db, deviceId))?.revokedAt) revoked(deviceId);
      } catch (error) {
        // The database went again; should the listening connection go too, its return looks again.
        console.error(
          'Could not check whether a device was signed out:',
          error instanceof Error ? error.message : error,
        );
        return;
      }
    }
  };
  const stopRevocations = await db.listen(REVOCATIONS_CHANNEL, revoked, () => void recheckDevices());
  return {
    subscribe: (userId, listener) => addTo(listeners, userId, listener),
    watchDevice: (deviceId, onRevoked) => addTo(devices, deviceId, onRevoked),
    async close() {
      await stop();
      await stopRevocations();
    },
  };
}
