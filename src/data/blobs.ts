// The blob cache: PDFs and attachments, content-addressed by SHA-256 and kept in IndexedDB so a
// case's documents open offline. A file added on the device is stored at once and queued; the
// queue uploads with tus when the server is reachable and resumes a cut upload where it
// stopped (the tus upload address is kept with the queued row). Documents of the cases a person
// holds are fetched ahead by `prefetch` / `prefetchCases`, so they open offline.
//
// Fetching ahead usually races the upload: the `document.added` event is small and reaches the
// server (and the holder's device) before the tus upload of the file has finished, so the first
// try gets a 404. A blob that is not on the server yet, or could not be fetched because the
// network failed, waits on a retry list and is tried again with a backoff (5 s doubling to
// 5 min) until it is fetched, no held case wants it any more, the server refuses it (401/403),
// or the cache is closed (sign-out, revoked device, page unload: the device store's close).
// Caveats: crypto.subtle cannot hash a stream, so hashing reads the whole file into memory once;
// the server enforces no size limit and neither does this cache. The retry list lives in memory;
// when the app starts again, heldCaseFiles.ts gives it the held cases once more.
import * as tus from 'tus-js-client';
import { type ApiClient, ApiError } from './api';
import type { DeviceStore, QueuedUpload } from './deviceStore';
import { fetchHttpStack } from './tusFetchStack';

export const TUS_CHUNK_BYTES = 8 * 1024 * 1024;
export const TUS_RETRY_DELAYS_MS = [0, 1_000, 3_000, 10_000, 30_000];

/** The first wait before a blob that could not be fetched ahead is tried again; it doubles. */
export const PREFETCH_FIRST_RETRY_MS = 5_000;
/** The longest wait between two tries of the same blob. */
export const PREFETCH_MAX_RETRY_MS = 5 * 60_000;
/**
 * A blob named only through `prefetch` (which cannot say when a case stops being held) is given
 * up this long after a call last named it; one wanted through `prefetchCases` is kept while a
 * held case references it.
 */
export const PREFETCH_FORGET_MS = 60 * 60_000;
/** At most this many blobs wait to be tried again; those named longest ago are dropped first. */
export const PREFETCH_MAX_WAITING = 1_000;

export type BlobRef = { sha256: string; size: number };

/** A pulled case as `prefetchCases` reads it: whether this person holds it, and what it references. */
export type PrefetchCase = {
  id: string;
  isMine: boolean;
  _deleted: boolean;
  timeline: readonly TimelineRef[];
};
type TimelineRef = { type: string; payload: Record<string, unknown> };

/** A blob the device wants but could not fetch yet. */
type Waiting = {
  /** Tries that failed so far: the next wait doubles with each. */
  failures: number;
  /** Date.now() at or after which it is tried again. */
  dueAt: number;
  /** The last try failed because the network did: tried again on the next call, which means the server answered a pull. */
  isOffline: boolean;
  /** Date.now() when a caller last named it (see PREFETCH_FORGET_MS). */
  askedAt: number;
};

export async function sha256Hex(data: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await data.arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

export type BlobCacheOptions = {
  store: DeviceStore;
  api: ApiClient;
  baseUrl: string;
  getToken: () => string | null;
  now: () => string;
  fetch?: typeof fetch;
  /** Bytes per tus PATCH request; a cut upload resumes from the last chunk the server kept. */
  chunkBytes?: number;
  retryDelaysMs?: number[];
  /** Waits before fetching ahead again a blob the server did not have; tests shorten them. */
  prefetchRetryMs?: { first: number; max: number };
};

export type BlobCache = ReturnType<typeof createBlobCache>;

export function createBlobCache(options: BlobCacheOptions) {
  const { store, api } = options;
  const httpStack = fetchHttpStack(options.fetch ?? globalThis.fetch.bind(globalThis));
  let running: Promise<void> | null = null;
  /** Fetches under way, by sha256: a screen and the prefetcher asking at once share one request. */
  const fetching = new Map<string, Promise<Blob | undefined>>();
  let isClosed = false;

  /** Stores a file on the device at once and queues it for upload. */
  async function put(file: Blob, name: string): Promise<BlobRef> {
    const sha256 = await sha256Hex(file);
    await store.transaction('rw', store.blobs, store.uploads, async () => {
      await store.blobs.put({ sha256, data: file, size: file.size, name, storedAt: options.now() });
      if (!(await store.uploads.get(sha256))) {
        await store.uploads.put({
          sha256,
          name,
          size: file.size,
          state: 'waiting',
          uploadUrl: null,
          problem: null,
        });
      }
    });
    void uploadQueued().catch(() => undefined);
    return { sha256, size: file.size };
  }

  /** The file from the device; fetched from the server (and kept) when the device lacks it. */
  function get(sha256: string): Promise<Blob | undefined> {
    const underWay = fetching.get(sha256);
    if (underWay) return underWay;
    const fetched = getOnce(sha256).finally(() => fetching.delete(sha256));
    fetching.set(sha256, fetched);
    return fetched;
  }

  async function getOnce(sha256: string): Promise<Blob | undefined> {
    const local = await store.blobs.get(sha256);
    if (local) return local.data;
    // Closed while the device looked: the person has gone; fetch nothing more for them.
    if (isClosed) throw new ApiError('signed_out', 'You are signed out. Sign in to continue.', 401);
    const response = await api.send(`/api/blobs/${sha256}`).catch((error: unknown) => {
      if (error instanceof ApiError && error.status === 404) return null;
      throw error;
    });
    if (!response) return undefined;
    const data = await response.blob();
    // Never cache what does not match its address: a proxy or a bug must not poison the cache.
    if ((await sha256Hex(data)) !== sha256) {
      throw new ApiError(
        'bad_blob',
        'A document arrived damaged; it will be fetched again.',
        response.status,
      );
    }
    await store.blobs.put({ sha256, data, size: data.size, name: '', storedAt: options.now() });
    return data;
  }

  async function uploadOne(row: QueuedUpload): Promise<void> {
    const blob = await store.blobs.get(row.sha256);
    if (!blob) {
      await store.uploads.update(row.sha256, {
        state: 'failed',
        problem: 'The file is no longer on this device.',
      });
      return;
    }
    await store.uploads.update(row.sha256, { state: 'uploading', problem: null });
    // tus-js-client's Node build reads Buffers, its browser build Blobs.
    const source: Blob | Uint8Array =
      typeof window === 'undefined' ? Buffer.from(await blob.data.arrayBuffer()) : blob.data;
    await new Promise<void>((resolve, reject) => {
      const token = options.getToken();
      const upload = new tus.Upload(source as Blob, {
        endpoint: `${options.baseUrl}/api/blobs/uploads/`,
        httpStack,
        uploadUrl: row.uploadUrl,
        chunkSize: options.chunkBytes ?? TUS_CHUNK_BYTES,
        retryDelays: options.retryDelaysMs ?? TUS_RETRY_DELAYS_MS,
        storeFingerprintForResuming: false,
        uploadSize: blob.size,
        metadata: { sha256: row.sha256, filename: row.name || 'file' },
        headers: token ? { authorization: `Bearer ${token}` } : {},
        onUploadUrlAvailable: () => {
          void store.uploads.update(row.sha256, { uploadUrl: upload.url });
        },
        onSuccess: () => resolve(),
        onError: (error) => reject(error),
      });
      upload.start();
    });
    await store.uploads.update(row.sha256, { state: 'done', uploadUrl: null });
  }

  /** Uploads everything queued, one file at a time; safe to call often (calls coalesce). */
  function uploadQueued(): Promise<void> {
    if (running) return running;
    running = (async () => {
      try {
        const queued = await store.uploads.where('state').anyOf('waiting', 'uploading', 'failed').toArray();
        for (const row of queued) {
          try {
            await uploadOne(row);
          } catch (error) {
            const problem = error instanceof Error ? error.message : String(error);
            await store.uploads.update(row.sha256, { state: 'failed', problem });
          }
        }
      } finally {
        running = null;
      }
    })();
    return running;
  }

  const prefetcher = createPrefetcher(store, get, options.prefetchRetryMs);
  const close = () => {
    isClosed = true;
    prefetcher.close();
  };
  // Sign-out and a revoked device close the device store before deleting it; so do page
  // unload and a test's client.close(). No retry may outlive it, or it would fetch for a
  // person who has gone, into a store that no longer exists.
  store.on('close', close);

  return {
    put,
    get,
    prefetch: prefetcher.prefetch,
    prefetchCases: prefetcher.prefetchCases,
    /** The blobs wanted ahead that are not on the device yet, waiting to be tried again. */
    waitingToFetch: prefetcher.waiting,
    /** Stops fetching (also done when the device store closes). */
    close,
    uploadQueued,
    has: async (sha256: string) => (await store.blobs.get(sha256)) !== undefined,
    pendingUploads: () => store.uploads.where('state').anyOf('waiting', 'uploading', 'failed').toArray(),
  };
}

/**
 * Fetching ahead, with its retry list. Blobs are tried one at a time (a device on a slow link
 * should not start fifty downloads at once), and never twice at once (`get` shares a fetch).
 */
function createPrefetcher(
  store: DeviceStore,
  get: (sha256: string) => Promise<Blob | undefined>,
  retryMs = { first: PREFETCH_FIRST_RETRY_MS, max: PREFETCH_MAX_RETRY_MS },
) {
  /** In the order they were last named, so the bound drops the longest-forgotten first. */
  const waiting = new Map<string, Waiting>();
  /** Held case id → the blobs it references; how many held cases reference each blob. */
  const heldCases = new Map<string, string[]>();
  const holders = new Map<string, number>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pumping: Promise<void> | null = null;
  let isPumpAgain = false;
  let isClosed = false;

  const close = () => {
    isClosed = true;
    if (timer) clearTimeout(timer);
    timer = null;
    waiting.clear();
    heldCases.clear();
    holders.clear();
  };
  const isForgotten = (sha256: string, entry: Waiting, at: number) =>
    !holders.get(sha256) && at - entry.askedAt > PREFETCH_FORGET_MS;

  /** Adds the blobs the device lacks to the list, due now. */
  async function want(sha256s: Iterable<string>): Promise<void> {
    const named = [...new Set(sha256s)];
    if (isClosed || named.length === 0) return;
    // A store that cannot answer (closing) counts as holding them all: nothing is added.
    const present = new Set(
      await store.blobs
        .where('sha256')
        .anyOf(named)
        .primaryKeys()
        .catch(() => named),
    );
    if (isClosed) return;
    const at = Date.now();
    for (const sha256 of named) {
      if (present.has(sha256)) continue;
      const entry = waiting.get(sha256);
      waiting.delete(sha256);
      waiting.set(sha256, { failures: entry?.failures ?? 0, dueAt: at, isOffline: false, askedAt: at });
    }
    // A failed network is tried again at once: this call comes from a pull, so the server answers.
    for (const entry of waiting.values()) if (entry.isOffline) entry.dueAt = at;
    for (const sha256 of waiting.keys()) {
      if (waiting.size <= PREFETCH_MAX_WAITING) break;
      waiting.delete(sha256);
    }
  }

  async function tryOne(sha256: string): Promise<void> {
    let isOffline = false;
    try {
      if (await get(sha256)) {
        waiting.delete(sha256);
        return;
      }
    } catch (error) {
      // Signed out, revoked or no longer allowed to see it: asking again will not change that.
      if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
        waiting.delete(sha256);
        return;
      }
      isOffline = error instanceof ApiError && error.status === 0;
    }
    // Not on the server yet (404: its upload has not finished), the network failed, or it
    // arrived damaged: wait longer each time.
    const entry = waiting.get(sha256);
    if (!entry) return; // no held case wants it any more
    entry.failures += 1;
    entry.isOffline = isOffline;
    entry.dueAt = Date.now() + Math.min(retryMs.max, retryMs.first * 2 ** (entry.failures - 1));
  }

  /** Tries every blob that is due, one at a time; calls while it runs make it look again. */
  function pump(): Promise<void> {
    if (pumping) {
      isPumpAgain = true;
      return pumping;
    }
    // Cleared in a `.finally` on the promise, never inside it: with nothing due the body ends
    // without awaiting, and a clear there would run before `pumping` is set, leaving it set.
    pumping = tryDue().finally(() => {
      pumping = null;
      schedule();
    });
    return pumping;
  }

  async function tryDue(): Promise<void> {
    do {
      isPumpAgain = false;
      for (const [sha256, entry] of [...waiting]) {
        if (isClosed) return;
        const at = Date.now();
        if (isForgotten(sha256, entry, at)) waiting.delete(sha256);
        else if (waiting.get(sha256) === entry && entry.dueAt <= at) await tryOne(sha256);
      }
    } while (isPumpAgain && !isClosed);
  }

  /** One timer, for the blob due soonest. */
  function schedule(): void {
    if (timer) clearTimeout(timer);
    timer = null;
    if (isClosed || waiting.size === 0) return;
    let dueAt = Number.POSITIVE_INFINITY;
    for (const entry of waiting.values()) dueAt = Math.min(dueAt, entry.dueAt);
    timer = setTimeout(
      () => {
        timer = null;
        void pump();
      },
      Math.max(0, dueAt - Date.now()),
    );
  }

  return {
    /**
     * Fetches ahead the blobs named that the device lacks, and keeps trying those it cannot
     * fetch yet. Additive: a call names some blobs (the client passes those of the held cases
     * in one pulled batch, not all of them), so a blob not named again is given up after
     * PREFETCH_FORGET_MS, and at most PREFETCH_MAX_WAITING wait. Resolves when every blob due
     * has been tried once.
     */
    async prefetch(sha256s: Iterable<string>): Promise<void> {
      await want(sha256s);
      await pump();
    },

    /**
     * The same, told per case: each pulled case says whether this person holds it and what it
     * references, so a blob stops being tried as soon as no held case references it (a case
     * handed to someone else, or no longer visible). Give it every pulled case, held or not.
     */
    async prefetchCases(cases: readonly PrefetchCase[]): Promise<void> {
      if (isClosed) return;
      for (const doc of cases) {
        for (const sha256 of heldCases.get(doc.id) ?? []) {
          const count = (holders.get(sha256) ?? 1) - 1;
          if (count > 0) holders.set(sha256, count);
          else {
            holders.delete(sha256);
            waiting.delete(sha256);
          }
        }
        heldCases.delete(doc.id);
        if (doc._deleted || !doc.isMine) continue;
        const referenced = [...new Set(referencedBlobs(doc.timeline))];
        heldCases.set(doc.id, referenced);
        for (const sha256 of referenced) holders.set(sha256, (holders.get(sha256) ?? 0) + 1);
      }
      await want(cases.filter((doc) => heldCases.has(doc.id)).flatMap((doc) => heldCases.get(doc.id) ?? []));
      await pump();
    },

    waiting: (): string[] => [...waiting.keys()],
    close,
  };
}

/**
 * Where each event type references a file, by payload field. Every payload field holding a
 * sha256 in src/domain/events is here; a new one must be added, or its file is not fetched ahead.
 */
const BLOB_FIELDS: Readonly<Record<string, readonly string[]>> = {
  'document.added': ['sha256'],
  // A release copy: the copy, and the original it was made from.
  'document.redacted_copy_added': ['sha256', 'originalSha'],
  'response.sent': ['documentSha'],
  'annotation.added': ['documentSha'],
  'redaction.proposed': ['documentSha'],
};

/** The sha256 values of the files a stream document's timeline references. */
export function referencedBlobs(timeline: readonly TimelineRef[]): string[] {
  return timeline.flatMap((entry) =>
    (BLOB_FIELDS[entry.type] ?? [])
      .map((field) => entry.payload[field])
      .filter((value): value is string => typeof value === 'string'),
  );
}
