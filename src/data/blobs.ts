// The blob cache: PDFs and attachments, content-addressed by SHA-256 and kept in IndexedDB so a
// case's documents open offline. A file added on the device is stored at once and queued; the
// queue uploads with tus when the server is reachable and resumes a cut upload where it
// stopped (the tus upload address is kept with the queued row). Documents of the cases a person
// holds are fetched ahead by `prefetch`.
// Caveats: crypto.subtle cannot hash a stream, so hashing reads the whole file into memory once;
// the server enforces no size limit and neither does this cache.
import * as tus from 'tus-js-client';
import { type ApiClient, ApiError } from './api';
import type { DeviceStore, QueuedUpload } from './deviceStore';
import { fetchHttpStack } from './tusFetchStack';

export const TUS_CHUNK_BYTES = 8 * 1024 * 1024;
export const TUS_RETRY_DELAYS_MS = [0, 1_000, 3_000, 10_000, 30_000];

export type BlobRef = { sha256: string; size: number };

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
};

export type BlobCache = ReturnType<typeof createBlobCache>;

export function createBlobCache(options: BlobCacheOptions) {
  const { store, api } = options;
  const httpStack = fetchHttpStack(options.fetch ?? globalThis.fetch.bind(globalThis));
  let running: Promise<void> | null = null;

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
  async function get(sha256: string): Promise<Blob | undefined> {
    const local = await store.blobs.get(sha256);
    if (local) return local.data;
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

  /** Fetches ahead the documents the device lacks; failures wait for the next call. */
  async function prefetch(sha256s: Iterable<string>): Promise<void> {
    for (const sha256 of new Set(sha256s)) {
      if (await store.blobs.get(sha256)) continue;
      await get(sha256).catch(() => undefined);
    }
  }

  return {
    put,
    get,
    prefetch,
    uploadQueued,
    has: async (sha256: string) => (await store.blobs.get(sha256)) !== undefined,
    pendingUploads: () => store.uploads.where('state').anyOf('waiting', 'uploading', 'failed').toArray(),
  };
}

/** The sha256 values of documents a stream document's timeline references (document.added). */
export function referencedBlobs(
  timeline: readonly { type: string; payload: Record<string, unknown> }[],
): string[] {
  return timeline
    .filter((entry) => entry.type === 'document.added' && typeof entry.payload.sha256 === 'string')
    .map((entry) => entry.payload.sha256 as string);
}
