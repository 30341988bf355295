// Replication with the server over HTTP ("events up, documents down"):
// - outbox, with RxDB's replication protocol: pushes this device's pending events
//   (POST /api/replication/events/push) and pulls its own events back: accepted ones arrive
//   deleted and leave the outbox, refused ones arrive with status 'rejected' and the server's
//   reason, and stay until dismissed. A change the server cannot take at all does not hold up
//   the rest (./outboxPush.ts).
// - cases, directory, templates, calendar: pull-only, by checkpoint (./streamPull.ts); the
//   server sends what this person may see (a withdrawn case arrives deleted and is dropped here).
// Live: one SSE connection (./serverEvents.ts) tells every replication when to pull again.
// Failures retry with exponential backoff (RETRY_FIRST_MS doubling up to RETRY_MAX_MS, reset
// on the next success); coming back online or to the tab skips the wait. Each replication's
// last failure is its own, cleared only by its own success, and the status shows any still
// standing. Checkpoints are stored in IndexedDB, so a device that slept or was offline for days
// resumes where it stopped.
// A 401 device_revoked anywhere stops everything and hands over to the caller to wipe.
import { type RxReplicationState, replicateRxCollection } from 'rxdb/plugins/replication';
import { BehaviorSubject, Subject, type Subscription } from 'rxjs';
import { z } from 'zod';
import { type CollectionName, streamDocumentSchema } from '../domain';
import { type ApiClient, ApiError } from './api';
import { writeCaseSummaries } from './caseSummaries';
import { type ClearwayDatabase, STREAM_COLLECTIONS } from './database';
import { withDerivedFields } from './migrations';
import { settleOutbox } from './outboxOutcomes';
import { pushInParts } from './outboxPush';
import {
  blankStreamRow,
  type LocalStreamDocument,
  type OutboxDocument,
  outboxDocumentSchema,
} from './schemas';
import { listenToServerEvents, type ServerChange } from './serverEvents';
import { writeServerRows } from './serverRows';
import { type StreamPull, startStreamPull } from './streamPull';

export const RETRY_FIRST_MS = 1_000;
export const RETRY_MAX_MS = 5 * 60_000;
export const PULL_BATCH_SIZE = 1_000;
export const PUSH_BATCH_SIZE = 50;

export type SyncState = 'offline' | 'syncing' | 'synced' | 'error';
export type SyncStatus = {
  state: SyncState;
  pendingCount: number;
  lastSyncedAt: string | null;
  /** One plain sentence for the status bar. */
  message: string;
  /** A first sync is still fetching the cases in My work: an empty list means "not yet", not "none". */
  isFetchingMyWork: boolean;
};

export type ReplicatedName = 'outbox' | CollectionName;

export type SyncController = {
  status$: BehaviorSubject<SyncStatus>;
  /** Fires with each batch of stream documents pulled and stored (the blob prefetcher listens). */
  pulled$: Subject<{ collection: CollectionName; documents: LocalStreamDocument[] }>;
  /** Events up and their verdicts back: RxDB's replication of the outbox. */
  outbox: RxReplicationState<unknown, unknown>;
  /** Documents down: one pull per stream collection. */
  pulls: Record<CollectionName, StreamPull>;
  /** Pull everything again from the stored checkpoints (after wake-up, or on demand). */
  reSync: () => void;
  /** Resolves when every pending push and pull has been done once. */
  awaitInSync: () => Promise<void>;
  stop: () => Promise<void>;
};

export type ReplicationOptions = {
  db: ClearwayDatabase;
  api: ApiClient;
  /** The server's address ('' for the same origin). */
  baseUrl: string;
  getToken: () => string | null;
  /** Tells stored checkpoints of different servers and devices apart. */
  identifier: string;
  /** The signed-in person and their teams (derived "mine" fields depend on them). */
  userId: string;
  teamIds?: readonly string[];
  onDeviceRevoked: (message: string) => void;
  /** `() => new Date().toISOString()`; injectable for tests. */
  now?: () => string;
  fetch?: typeof fetch;
};

const checkpointSchema = z.unknown();
const pullBodySchema = z.object({
  documents: z.array(z.unknown()),
  checkpoint: checkpointSchema,
  /** A page the server cut short (its documents are large): there is more, though it is short. */
  hasMore: z.boolean().optional(),
});

/** What a deleted stream document needs at least; the rest is filled so the schema holds. */
const deletedStreamSchema = z.object({ id: z.string(), _deleted: z.literal(true) }).loose();

export function toLocalStreamDocument(
  raw: unknown,
  userId: string,
  teamIds: readonly string[] = [],
): LocalStreamDocument & { _deleted: boolean } {
  const full = streamDocumentSchema.safeParse(raw);
  if (full.success) {
    const { collection: _collection, ...rest } = full.data;
    return withDerivedFields(rest, userId, teamIds);
  }
  const deleted = deletedStreamSchema.safeParse(raw);
  if (deleted.success) {
    return { ...blankStreamRow(deleted.data.id), _deleted: true };
  }
  throw new ApiError('bad_response', 'The server sent a case this app does not understand.', 200);
}

const deletedEventSchema = z.object({ id: z.string(), _deleted: z.literal(true) }).loose();
// The server's own timestamps are not re-checked to the letter: a refusal must never be lost
// because its time was written in another ISO 8601 form.
const pulledEventSchema = outboxDocumentSchema.extend({
  madeAt: z.string(),
  acceptedAt: z.string().nullable(),
});

export function toLocalOutboxDocument(raw: unknown): OutboxDocument {
  const full = pulledEventSchema.safeParse(raw);
  if (full.success) return full.data;
  const deleted = deletedEventSchema.safeParse(raw);
  if (deleted.success) {
    // An accepted event only has to be recognised to leave the outbox.
    return outboxDocumentSchema.parse({
      stream: 'org:unknown',
      type: 'event.accepted',
      actor: 'unknown',
      deviceId: 'unknown',
      madeAt: '1970-01-01T00:00:00.000Z',
      payload: {},
      status: 'accepted',
      reason: null,
      seq: null,
      acceptedAt: null,
      ...deleted.data,
    });
  }
  throw new ApiError('bad_response', 'The server sent an event this app does not understand.', 200);
}

/** The query of a page after `checkpoint` (none: from the start). */
function pageQuery(checkpoint: unknown, batchSize: number): URLSearchParams {
  return new URLSearchParams({
    checkpoint: checkpoint === undefined || checkpoint === null ? '' : JSON.stringify(checkpoint),
    batchSize: String(batchSize),
  });
}

function pullUrl(name: ReplicatedName, checkpoint: unknown, batchSize: number): string {
  return `/api/replication/${name === 'outbox' ? 'events' : name}/pull?${pageQuery(checkpoint, batchSize)}`;
}

/** A page of the cases in the signed-in person's My work (a first sync stores them first). */
function myWorkUrl(checkpoint: unknown, batchSize: number): string {
  return `/api/replication/cases/my-work?${pageQuery(checkpoint, batchSize)}`;
}

type PullBody = z.infer<typeof pullBodySchema>;
type FetchPage = (name: ReplicatedName, checkpoint: unknown, batchSize: number) => Promise<PullBody>;

/**
 * Read-ahead for a first sync: while one full page is written to IndexedDB (./streamPull.ts),
 * the next is already on its way, so the network and the server work while the browser writes. Safe
 * because pages are addressed by checkpoint and checkpoints never skip: a page fetched early
 * misses nothing that a later pull (the live feed asks for one) will not bring.
 */
function createReadAhead(fetchPage: FetchPage) {
  const ahead = new Map<ReplicatedName, { key: string; page: Promise<PullBody> }>();
  const keyOf = (checkpoint: unknown, batchSize: number) => JSON.stringify([checkpoint ?? null, batchSize]);
  return {
    async take(name: ReplicatedName, checkpoint: unknown, batchSize: number): Promise<PullBody> {
      const waiting = ahead.get(name);
      ahead.delete(name);
      const page =
        waiting?.key === keyOf(checkpoint, batchSize) ? waiting.page : fetchPage(name, checkpoint, batchSize);
      const body = await page;
      if (body.documents.length >= batchSize || body.hasMore) {
        const next = fetchPage(name, body.checkpoint, batchSize);
        next.catch(() => undefined); // a failed read-ahead is simply fetched again when asked
        ahead.set(name, { key: keyOf(body.checkpoint, batchSize), page: next });
      }
      return body;
    },
  };
}

/** A failed write to this device's storage, in words for the status bar. */
export function storageProblem(error: unknown): string {
  const isFull = error instanceof Error && /quota/i.test(`${error.name} ${error.message}`);
  return isFull
    ? 'This device is out of storage space, so new changes cannot be saved on it. Free some space.'
    : 'This device could not save the latest changes. It will try again.';
}

/** Where a pull keeps its checkpoint: short, whatever the server's address (local document ids are bounded). */
function checkpointKeyOf(identifier: string, name: CollectionName): string {
  let hash = 0x811c9dc5;
  for (const char of identifier) hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 0x01000193) >>> 0;
  return `pull-checkpoint:${hash.toString(36)}:${identifier.slice(-40)}:${name}`;
}

export function startReplication(options: ReplicationOptions): SyncController {
  const { db, api } = options;
  const now = options.now ?? (() => new Date().toISOString());
  const pulled$ = new Subject<{ collection: CollectionName; documents: LocalStreamDocument[] }>();
  const subscriptions: Subscription[] = [];
  /** The failure each replication last met, until it next succeeds. */
  const errors = new Map<ReplicatedName, ApiError>();
  let lastSyncedAt: string | null = null;
  let isRevoked = false;

  const pendingCount$ = new BehaviorSubject(0);
  subscriptions.push(
    db.outbox.count({ selector: { status: 'pending' } }).$.subscribe((count) => pendingCount$.next(count)),
  );

  const status$ = new BehaviorSubject<SyncStatus>({
    state: 'syncing',
    pendingCount: 0,
    lastSyncedAt: null,
    message: 'Getting up to date…',
    isFetchingMyWork: false,
  });

  const readAhead = createReadAhead((name, checkpoint, batchSize) =>
    api.request(pullBodySchema, pullUrl(name, checkpoint, batchSize)),
  );

  /** Records how a replication's attempt ended, for the status; a revoked device hands over. */
  function report(name: ReplicatedName, error: unknown | null): ApiError | null {
    if (error === null) {
      if (errors.delete(name)) refreshStatus();
      return null;
    }
    const apiError =
      error instanceof ApiError ? error : new ApiError('offline', 'The server cannot be reached.', 0);
    errors.set(name, apiError);
    if (apiError.isDeviceRevoked && !isRevoked) {
      isRevoked = true;
      options.onDeviceRevoked(apiError.message);
    }
    refreshStatus();
    return apiError;
  }

  /** The outbox's requests: failures feed RxDB's backoff and the status, successes reset them. */
  async function tracked<T>(run: () => Promise<T>) {
    try {
      const result = await run();
      outbox.retryTime = RETRY_FIRST_MS;
      report('outbox', null);
      return result;
    } catch (error) {
      outbox.retryTime = Math.min((outbox.retryTime ?? RETRY_FIRST_MS) * 2, RETRY_MAX_MS);
      throw report('outbox', error);
    }
  }

  /** A change the server cannot take at all: refused here, with its words (./outboxPush.ts). */
  async function refuseHere(row: { newDocumentState: unknown }, reason: string): Promise<void> {
    const id = (row.newDocumentState as { id?: unknown }).id;
    const doc = typeof id === 'string' ? await db.outbox.findOne(id).exec() : null;
    if (doc?.status === 'pending') await doc.incrementalPatch({ status: 'rejected', reason });
  }

  const pulls = {} as Record<CollectionName, StreamPull>;
  /** Set once every replication exists: their first events arrive while they are being made. */
  let isReady = false;
  const outboxStream$ = new Subject<'RESYNC'>();
  const outbox: RxReplicationState<unknown, unknown> = replicateRxCollection<unknown, unknown>({
    // The stored checkpoint belongs to this server and this device session.
    replicationIdentifier: `${options.identifier}:outbox`,
    collection: db.outbox as never,
    live: true,
    retryTime: RETRY_FIRST_MS,
    waitForLeadership: true,
    autoStart: true,
    pull: {
      batchSize: PULL_BATCH_SIZE,
      stream$: outboxStream$.asObservable(),
      handler: (checkpoint, batchSize) =>
        tracked(async () => {
          const body = await readAhead.take('outbox', checkpoint, batchSize);
          const documents = body.documents.map(toLocalOutboxDocument);
          await settleOutbox(db.outbox, documents);
          return { documents, checkpoint: body.checkpoint };
        }),
    },
    push: {
      batchSize: PUSH_BATCH_SIZE,
      // Only pending events go up: a dismissed refusal is deleted here, not at the server.
      modifier: (doc) => {
        const event = doc as OutboxDocument;
        return event.status === 'pending' && !event._deleted ? doc : null;
      },
      handler: (rows) =>
        tracked(async () => {
          const conflicts = await pushInParts(
            rows,
            (part) =>
              api.request(z.array(z.unknown()), '/api/replication/events/push', {
                method: 'POST',
                body: JSON.stringify(part),
              }),
            refuseHere,
          );
          // The server answers with its verdicts on events it already held (sent again after a
          // lost answer, or carried over from a session that ended): settled here, as an outbox
          // pull settles them, since the outbox pull of this session would never bring them.
          await settleOutbox(db.outbox, conflicts.map(toLocalOutboxDocument));
          return [];
        }),
    },
  });
  subscriptions.push(outbox.active$.subscribe(() => refreshStatus()));

  const toLocalPage = (body: PullBody) => ({
    documents: body.documents.map((raw) => toLocalStreamDocument(raw, options.userId, options.teamIds)),
    checkpoint: body.checkpoint,
    hasMore: body.hasMore === true,
  });

  for (const name of STREAM_COLLECTIONS) {
    const collection = db.collections[name];
    const pull: StreamPull = startStreamPull<LocalStreamDocument & { _deleted: boolean }>({
      db,
      checkpointKey: checkpointKeyOf(options.identifier, name),
      batchSize: PULL_BATCH_SIZE,
      retryFirstMs: RETRY_FIRST_MS,
      retryMaxMs: RETRY_MAX_MS,
      waitForLeadership: true,
      fetchPage: async (checkpoint, batchSize) =>
        toLocalPage(await readAhead.take(name, checkpoint, batchSize)),
      // A new device shows My work after a page or two, not after the whole organisation.
      ...(name === 'cases'
        ? {
            fetchPriorityPage: async (checkpoint: unknown, batchSize: number) => {
              try {
                return toLocalPage(await api.request(pullBodySchema, myWorkUrl(checkpoint, batchSize)));
              } catch (error) {
                // A server from before My work came first: the full pull brings everything.
                if (error instanceof ApiError && error.status === 404) return null;
                throw error;
              }
            },
          }
        : {}),
      write: async (documents) => {
        // Lists read the lean summaries: written beside the cases, both to the end before either
        // failure is reported (a stop waits for this write, then the database may be removed).
        const written = await Promise.allSettled([
          writeServerRows(collection, documents, 'clearway-pull'),
          name === 'cases' ? writeCaseSummaries(db.caseSummaries, documents) : Promise.resolve(),
        ]);
        const failed = written.find(
          (outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected',
        );
        if (failed) {
          const error: unknown = failed.reason;
          // Not the network: say so (a full disk is the likely cause), and try again later.
          console.error(`Storing pulled ${name} failed:`, error);
          throw new ApiError('storage', storageProblem(error), 0);
        }
        pulled$.next({ collection: name, documents });
      },
      // Only fetches speak for the network; anything else failed in this device's storage.
      onOutcome: (error) =>
        void report(
          name,
          error === null || error instanceof ApiError
            ? error
            : new ApiError('storage', storageProblem(error), 0),
        ),
    });
    pulls[name] = pull;
    subscriptions.push(pull.active$.subscribe(() => refreshStatus()));
    subscriptions.push(pull.hasPriority$.subscribe(() => refreshStatus()));
    // Another tab signing out removes the database: this tab's collections close, and so do its pulls.
    collection.onClose.push(() => pull.cancel());
    if (name === 'cases') db.caseSummaries.onClose.push(() => pull.cancel());
  }

  isReady = true;

  function isAnyActive(): boolean {
    return outbox.subjects.active.getValue() || Object.values(pulls).some((pull) => pull.active$.getValue());
  }

  function refreshStatus(): void {
    if (!isReady) return; // still being set up
    const pendingCount = pendingCount$.getValue();
    const waiting = pendingCount === 1 ? '1 change is' : `${pendingCount} changes are`;
    let next: SyncStatus;
    const failures = [...errors.values()];
    const lastError = failures.find((e) => e.isOffline) ?? failures[0] ?? null;
    const cases = pulls.cases;
    // In every tab: one that does not lead learns of it from the stored checkpoint.
    const isFetchingMyWork = !cases.hasPriority$.getValue();
    if (lastError?.isOffline) {
      next = {
        state: 'offline',
        pendingCount,
        lastSyncedAt,
        isFetchingMyWork,
        message:
          pendingCount > 0
            ? `Offline: ${waiting} saved on this device and will sync when you reconnect.`
            : 'Offline: you can keep working.',
      };
    } else if (lastError) {
      next = { state: 'error', pendingCount, lastSyncedAt, message: lastError.message, isFetchingMyWork };
    } else if (isAnyActive()) {
      next = { state: 'syncing', pendingCount, lastSyncedAt, message: 'Syncing…', isFetchingMyWork };
    } else {
      lastSyncedAt = now();
      next = {
        state: 'synced',
        pendingCount,
        lastSyncedAt,
        message: pendingCount > 0 ? `${waiting} waiting to sync.` : 'Everything is up to date.',
        isFetchingMyWork,
      };
    }
    status$.next(next);
  }
  subscriptions.push(pendingCount$.subscribe(() => refreshStatus()));

  function reSync(): void {
    outbox.reSync();
    for (const pull of Object.values(pulls)) pull.reSync();
  }

  const onChange = (change: ServerChange) => {
    if (change === 'RESYNC') {
      outboxStream$.next('RESYNC');
      for (const pull of Object.values(pulls)) pull.reSync();
    } else if (change.collection === 'events') {
      outboxStream$.next('RESYNC');
    } else {
      pulls[change.collection as CollectionName]?.reSync();
    }
  };
  // Only the tab that leads pushes and pulls, so only it listens: a connection per tab would use
  // up the browser's six connections to the server (HTTP/1.1) with six tabs open.
  const listen = () =>
    listenToServerEvents({
      url: `${options.baseUrl}/api/replication/events/stream`,
      getToken: options.getToken,
      fetch: options.fetch,
      onChange,
      onRefused: (response) => {
        if (response.status === 401) {
          // Ask once through the API client so a revoked device is recognised by its error code.
          void api.me().catch(() => undefined);
        }
      },
      // The API client recognises the 401 device_revoked that follows and wipes the device.
      onRevoked: () => void api.me().catch(() => undefined),
    });
  let stopListening: () => void = () => undefined;
  let isStopped = false;
  void db.waitForLeadership().then(() => {
    if (!isStopped) stopListening = listen();
  });

  // A tab that wakes up or comes back online pulls at once rather than at the next retry.
  const wake = () => reSync();
  const hasWindow = typeof window !== 'undefined' && typeof window.addEventListener === 'function';
  if (hasWindow) {
    window.addEventListener('online', wake);
    document.addEventListener('visibilitychange', wake);
  }

  return {
    status$,
    pulled$,
    outbox,
    pulls,
    reSync,
    awaitInSync: async () => {
      await Promise.all([outbox.awaitInSync(), ...Object.values(pulls).map((pull) => pull.awaitInSync())]);
    },
    stop: async () => {
      isStopped = true;
      stopListening();
      if (hasWindow) {
        window.removeEventListener('online', wake);
        document.removeEventListener('visibilitychange', wake);
      }
      for (const sub of subscriptions) sub.unsubscribe();
      await Promise.all([outbox.cancel(), ...Object.values(pulls).map((pull) => pull.cancel())]);
    },
  };
}
