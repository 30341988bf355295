// A small Dexie database beside RxDB for what belongs to the device rather than to a stream:
// the signed-in session, the content-addressed blob cache and the queue of uploads waiting for
// the network. Wiping the device deletes this database whole.
// Caveat: Dexie must be the same copy RxDB uses (dexie 4.4.2), or two copies load and throw.
import { Dexie, type EntityTable } from 'dexie';
import { z } from 'zod';
import { sessionUserSchema } from './api';
import type { IndexedDbEnvironment } from './database';

export const DEVICE_DB_NAME = 'clearway-device';

export const storedSessionSchema = z.object({
  key: z.literal('current'),
  token: z.string(),
  user: sessionUserSchema,
  deviceId: z.string(),
  serverUrl: z.string(),
  /** The names of this person's devices (device id → name), kept so the timeline shows them offline. */
  deviceNames: z.record(z.string(), z.string()).optional(),
  /**
   * Set when the server ended the session (unused too long): why, as the person was told. Such a
   * session is never opened again; it is kept only so the same person's next sign-in finds their
   * data (and its token, to ask whether the device was revoked since). Absent in older stores.
   */
  endedNotice: z.string().optional(),
});
export type StoredSession = z.infer<typeof storedSessionSchema>;

export type StoredBlob = { sha256: string; data: Blob; size: number; name: string; storedAt: string };

export type UploadState = 'waiting' | 'uploading' | 'done' | 'failed';
export type QueuedUpload = {
  sha256: string;
  name: string;
  size: number;
  state: UploadState;
  /** The tus upload's address once the server created it; lets a cut upload resume. */
  uploadUrl: string | null;
  problem: string | null;
};

export type DeviceStore = Dexie & {
  session: EntityTable<StoredSession, 'key'>;
  blobs: EntityTable<StoredBlob, 'sha256'>;
  uploads: EntityTable<QueuedUpload, 'sha256'>;
};

export function openDeviceStore(indexedDb?: IndexedDbEnvironment, name = DEVICE_DB_NAME): DeviceStore {
  const db = new Dexie(
    name,
    indexedDb ? { indexedDB: indexedDb.indexedDB, IDBKeyRange: indexedDb.IDBKeyRange } : {},
  ) as DeviceStore;
  db.version(1).stores({ session: 'key', blobs: 'sha256, storedAt', uploads: 'sha256, state' });
  return db;
}

export async function readSession(store: DeviceStore): Promise<StoredSession | null> {
  const parsed = storedSessionSchema.safeParse(await store.session.get('current'));
  return parsed.success ? parsed.data : null;
}
