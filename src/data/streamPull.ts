// "Documents down" for one stream collection (cases, directory, templates, calendar): pages of
// the server's documents by checkpoint, written straight to storage, then the checkpoint.
//
// Not RxDB's replicateRxCollection, which the outbox still uses: nothing on the device writes
// these collections, so its fork and master bookkeeping only costs, and it fetches, converts
// and writes one page after another. Here a page is written while the next is converted and
// the one after is on its way (a new device's first sync is 50 pages of 1,000 cases), and the
// caller writes each page's companions (the case summaries) beside it, not after it.
//
// The checkpoint is stored only once its page is written: a page written twice (the tab closed
// in between) is harmless, one never written is impossible. Only the tab that leads pulls; the
// others see its writes through RxDB's events between tabs. A failed round waits `retryTime`,
// which doubles up to a bound and is reset by a round that reaches the end; `reSync` pulls at
// once. Each round's outcome is reported once, at its end, so a page fetched well after a
// failed write cannot hide that failure.
//
// A first sync (no checkpoint stored) may begin with priority pages: for cases, those in the
// person's My work, so a new device shows it after one or two pages rather than fifty. They
// are stored like any page but move no checkpoint; the full pull that follows brings them
// again, and everything that changed meanwhile.
import { BehaviorSubject, filter, firstValueFrom, type Observable } from 'rxjs';

/** `hasMore`: the server cut the page short (large documents); it is not the last though short. */
export type PulledPage<D> = { documents: D[]; checkpoint: unknown; hasMore?: boolean };

/** What of the database a pull uses: leadership among tabs, and local documents for checkpoints. */
export type PullDatabase = {
  waitForLeadership: () => Promise<unknown>;
  getLocal: (id: string) => Promise<{ get: (path: string) => unknown } | null>;
  /** The local document as it changes, in any tab (a tab that does not lead sees the leader's). */
  getLocal$: (id: string) => Observable<unknown | null>;
  upsertLocal: <T>(id: string, data: T) => Promise<unknown>;
};

export type StreamPullOptions<D> = {
  db: PullDatabase;
  /** Where the checkpoint is kept (per server, device session and collection). */
  checkpointKey: string;
  batchSize: number;
  /** One page after `checkpoint` (null: from the start), converted and checked. */
  fetchPage: (checkpoint: unknown, batchSize: number) => Promise<PulledPage<D>>;
  /** Stores a page; resolves once it is written. */
  write: (documents: D[]) => Promise<void>;
  /**
   * On a first sync, pages to store before the full pull, paged by their own checkpoint; null
   * when the server has none to give (an older server). A failure fails the round, as any fetch.
   */
  fetchPriorityPage?: (checkpoint: unknown, batchSize: number) => Promise<PulledPage<D> | null>;
  retryFirstMs: number;
  retryMaxMs: number;
  /** Null once a page is stored and when a round reaches the end; else what ended a round. */
  onOutcome: (error: unknown | null) => void;
  /** Whether to wait to lead the tabs before pulling (false in single-process Node tests). */
  waitForLeadership: boolean;
};

export type StreamPull = {
  /** True while a pull is under way. */
  active$: BehaviorSubject<boolean>;
  /** How long a failed round waits before trying again. */
  retryTime: number;
  /** Pull again from the stored checkpoint, now (the server said something changed). */
  reSync: () => void;
  /** Resolves once a pull has reached the server's last document since this started. */
  awaitInitialPull: () => Promise<void>;
  /**
   * True once this device holds at least the priority pages: they are stored, or the server has
   * none, or this is not a first sync (a checkpoint is stored, which every tab sees).
   */
  hasPriority$: BehaviorSubject<boolean>;
  /** Resolves once no pull is under way or asked for. */
  awaitInSync: () => Promise<void>;
  cancel: () => Promise<void>;
};

type StoredCheckpoint = { checkpoint: unknown };

export function startStreamPull<D>(options: StreamPullOptions<D>): StreamPull {
  const { db, batchSize } = options;
  const active$ = new BehaviorSubject(false);
  const reachedEnd$ = new BehaviorSubject(false);
  const hasPriority$ = new BehaviorSubject(false);
  let isRequested = true;
  let isCancelled = false;
  /** Until the tab leads, a change only marks that a pull is wanted. */
  let isStarted = false;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  /** The page being written, if any: a stop waits for it, but not for a fetch or for leadership. */
  let writing: Promise<void> = Promise.resolve();

  const loadCheckpoint = async () => {
    const stored = await db.getLocal(options.checkpointKey);
    return stored ? stored.get('checkpoint') : null;
  };
  const saveCheckpoint = async (checkpoint: unknown) => {
    await db.upsertLocal<StoredCheckpoint>(options.checkpointKey, { checkpoint });
  };

  /**
   * Pages from `from` to the end, each written while the next is fetched (one write in flight at
   * a time); `isKept`: each written page's checkpoint is stored.
   */
  async function pages(
    fetchPage: (checkpoint: unknown, batchSize: number) => Promise<PulledPage<D> | null>,
    from: unknown,
    isKept: boolean,
  ): Promise<void> {
    let checkpoint = from;
    for (;;) {
      const page = await fetchPage(checkpoint, batchSize);
      await writing;
      if (isCancelled || page === null || page.documents.length === 0) return;
      const next = page.checkpoint;
      writing = options
        .write(page.documents)
        .then(() => (isKept ? saveCheckpoint(next) : undefined))
        // A page stored says the pull works again, though the round is not over (a first sync
        // is 50 pages); a failure still ends the round and is reported then.
        .then(() => options.onOutcome(null));
      // Keeps a failed write from being reported as unhandled before it is awaited.
      writing.catch(() => undefined);
      checkpoint = next;
      if (page.documents.length < batchSize && !page.hasMore) return;
    }
  }

  /** A first sync's priority pages; they count as held once the last of them is written. */
  async function priorityPages(fetchPriorityPage: StreamPullOptions<D>['fetchPriorityPage']) {
    if (fetchPriorityPage) await pages(fetchPriorityPage, null, false);
    // The full pull's first fetch goes out while the last priority page is written.
    writing.then(
      () => hasPriority$.next(!isCancelled),
      () => undefined,
    );
  }

  /** Pages from the stored checkpoint to the end (after a first sync's priority pages). */
  async function pullToEnd(): Promise<void> {
    writing = Promise.resolve();
    const checkpoint = await loadCheckpoint();
    try {
      if (checkpoint === null && !hasPriority$.getValue()) await priorityPages(options.fetchPriorityPage);
      else hasPriority$.next(true);
      if (isCancelled) return;
      await pages(options.fetchPage, checkpoint, true);
      await writing;
    } finally {
      // Nothing may be left writing when this returns, even after a failed fetch.
      await writing.catch(() => undefined);
    }
  }

  async function loop(): Promise<void> {
    active$.next(true);
    try {
      while (isRequested && !isCancelled) {
        isRequested = false;
        await pullToEnd();
        if (isCancelled) return;
        state.retryTime = options.retryFirstMs;
        options.onOutcome(null);
        reachedEnd$.next(true);
      }
    } catch (error) {
      if (!isCancelled) {
        options.onOutcome(error);
        // Still wanted: in sync only once a retry gets through.
        isRequested = true;
        const wait = state.retryTime;
        state.retryTime = Math.min(wait * 2, options.retryMaxMs);
        retryTimer = setTimeout(() => {
          retryTimer = null;
          state.reSync();
        }, wait);
      }
    } finally {
      active$.next(false);
    }
  }

  const state: StreamPull = {
    active$,
    retryTime: options.retryFirstMs,
    reSync() {
      if (isCancelled) return;
      isRequested = true;
      if (!isStarted || active$.getValue()) return; // the loop will go (round once more)
      if (retryTimer) {
        clearTimeout(retryTimer);
        retryTimer = null;
      }
      void loop();
    },
    awaitInitialPull: () => firstValueFrom(reachedEnd$.pipe(filter(Boolean))).then(() => undefined),
    hasPriority$,
    async awaitInSync() {
      await firstValueFrom(active$.pipe(filter((isActive) => !isActive && !isRequested)));
    },
    async cancel() {
      isCancelled = true;
      watching.unsubscribe();
      if (retryTimer) clearTimeout(retryTimer);
      // The database may be removed next: no write may still be under way.
      await writing.catch(() => undefined);
    },
  };

  // A tab that does not lead learns from the checkpoint the leading tab stores.
  const watching = db.getLocal$(options.checkpointKey).subscribe((stored) => {
    if (stored && !hasPriority$.getValue()) hasPriority$.next(true);
  });
  void (async () => {
    if (options.waitForLeadership) await db.waitForLeadership();
    if (isCancelled) return;
    isStarted = true;
    await loop();
  })();
  return state;
}
