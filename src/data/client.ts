// The data layer's core, free of React: the signed-in session, the person's RxDB database, its
// replication, the blob cache, and the reads and writes screens need. The hooks in ./hooks.tsx
// are thin wrappers over this; Node tests drive it directly.
//
// Lifecycle: `start()` restores a stored session without the network (a device must open
// offline), opens that person's database and starts syncing. `signIn` does the same after a
// login. A revoked device (401 device_revoked from any call) and `signOut` both wipe: stop
// replication, delete the RxDB database, delete the device store (session and blobs).
// A session the server ended for going unused (401 session_expired) deletes nothing: the person
// is shown signed out, saying why, and the stored session is marked ended, so opening the app
// again (even offline) does not open it. The same person's next sign-in opens their data again,
// their unsent changes moved to the new session first (pendingCarryOver.ts) so they go up as
// usual, unless the server says the device was revoked meanwhile: then, as for another
// person's sign-in, what it kept is removed first.
//
// The person's roles and teams are kept with the session, so the device works offline; online,
// it asks the server who the person is now (GET /api/me) after it opens and whenever the
// directory changes (an administrator's change of roles or teams is recorded there) or the
// device comes back online. New roles are published at once; new teams also decide what is in
// My work, so every stored case is worked out again and the replication restarted with them.
import {
  BehaviorSubject,
  combineLatest,
  debounceTime,
  distinctUntilChanged,
  EMPTY,
  filter,
  map,
  merge,
  type Observable,
  of,
  pairwise,
  switchMap,
} from 'rxjs';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { type EventId, eventEnvelopeSchema, streamSchema } from '../domain';
import { type ApiClient, ApiError, createApiClient, type LoginResponse, type SessionUser } from './api';
import { type BlobCache, type BlobCacheOptions, createBlobCache } from './blobs';
import { casePageRows$, caseRows$ } from './casePages';
import {
  type CaseFilter,
  type CaseListItem,
  type CasePage,
  matchesAfterQuery,
  matchesCaseQuery,
  PAGE_SIZE,
  toCaseListItem,
  toCaseQuery,
} from './caseQueries';
import { type CaseSummary, rederiveMyWork } from './caseSummaries';
import {
  type ClearwayDatabase,
  databaseNameFor,
  type IndexedDbEnvironment,
  openDatabase,
  removeDatabase,
} from './database';
import {
  DEVICE_DB_NAME,
  type DeviceStore,
  openDeviceStore,
  readSession,
  type StoredSession,
} from './deviceStore';
import { checkEvent, domainReducer } from './domainFold';
import { prefetchHeldCaseFiles } from './heldCaseFiles';
import { casesLoggedHere } from './loggedHere';
import { foldPending, groupByStream, type OverlayReducer, type PendingEvent, stillInFlight } from './overlay';
import { carryOverPending, checkEndedSession } from './pendingCarryOver';
import { type SyncController, type SyncStatus, startReplication } from './replication';
import { blankStreamRow, type LocalStreamDocument, type OutboxDocument } from './schemas';
import { requestPersistentStorage } from './storage';

export type SessionState =
  | { status: 'signed-out'; user: null; deviceId: null; notice: string | null }
  | { status: 'signed-in'; user: SessionUser; deviceId: string; notice: null };

export type CaseView = {
  /** The stream document with this device's pending events folded on top; null if none. */
  caseDoc: (Omit<LocalStreamDocument, '_deleted'> & { hasPendingChanges: boolean }) | null;
  pending: PendingEvent[];
  rejected: OutboxDocument[];
};

export type ClientOptions = {
  /** '' in the browser (same origin); the server's address in Node tests. */
  baseUrl?: string;
  indexedDb?: IndexedDbEnvironment;
  /** Folds pending events on top of what the server sent; the domain reducer by default. */
  reduce?: OverlayReducer;
  now?: () => string;
  fetch?: typeof fetch;
  deviceName?: string;
  /** Several tabs share one database (browser); false in Node tests. */
  isMultiInstance?: boolean;
  /**
   * Prefix for this client's IndexedDB database names. Tests and the bench run several
   * simulated devices in one process; RxDB's Dexie storage shares instances by name.
   */
  namespace?: string;
  /**
   * Check every RxDB write against its JSON schema (on by default). Pulled documents and new
   * events are already checked with zod at the boundary, so production builds turn it off.
   */
  isValidated?: boolean;
  /** tus upload settings (chunk size, retry delays); the defaults suit real networks. */
  uploads?: Pick<BlobCacheOptions, 'chunkBytes' | 'retryDelaysMs' | 'prefetchRetryMs'>;
  /** Fetch ahead the documents of cases this person holds (on by default). */
  isPrefetching?: boolean;
};

type Active = {
  session: StoredSession;
  db: ClearwayDatabase;
  sync: SyncController;
  blobs: BlobCache;
};

/** What one tab tells the others of the same device. */
const tabMessageSchema = z.object({ kind: z.enum(['wiped', 'expired']), notice: z.string().nullable() });
type TabMessage = z.infer<typeof tabMessageSchema>;

const SIGNED_OUT: Extract<SessionState, { status: 'signed-out' }> = {
  status: 'signed-out',
  user: null,
  deviceId: null,
  notice: null,
};

export const REVOKED_NOTICE =
  'This device was signed out and its data removed, because its access was withdrawn.';

/** Why a sign-in stopped short when the session that ended here could not be checked. */
export const ENDED_SESSION_UNCHECKED =
  'Clearway could not check this device’s earlier session, so you are not signed in yet. ' +
  'Your work is still on this device. Try again in a moment.';

/**
 * How long the device waits after the directory changes (or it comes back online) before asking
 * the server who the person is now: a burst of changes costs one request.
 */
export const USER_CHECK_DEBOUNCE_MS = 500;

export class SignOutBlockedError extends Error {
  constructor(readonly pendingCount: number) {
    super(
      `${pendingCount === 1 ? '1 change has' : `${pendingCount} changes have`} not reached the server yet. ` +
        'Connect to the internet and wait for them to sync, or sign out anyway and lose them.',
    );
  }
}

export type ClearwayClient = ReturnType<typeof createClearwayClient>;

export function createClearwayClient(options: ClientOptions) {
  const baseUrl = options.baseUrl ?? '';
  const now = options.now ?? (() => new Date().toISOString());
  const namespace = options.namespace ?? '';
  const deviceStoreName = `${namespace}${DEVICE_DB_NAME}`;
  const databaseName = (userId: string) => `${namespace}${databaseNameFor(userId)}`;
  const reduce = options.reduce ?? domainReducer;
  let store: DeviceStore = openDeviceStore(options.indexedDb, deviceStoreName);
  let active: Active | null = null;
  let token: string | null = null;
  let isWiping = false;
  const session$ = new BehaviorSubject<SessionState>(SIGNED_OUT);
  /** True while `start` reads the stored session, so screens do not flash the sign-in form. */
  const isRestoring$ = new BehaviorSubject(false);
  const active$ = new BehaviorSubject<Active | null>(null);
  /** Device id → the name its person gave it, for this person's devices (the timeline shows them). */
  const deviceNames$ = new BehaviorSubject<Readonly<Record<string, string>>>({});
  const offlineStatus: SyncStatus = {
    state: 'offline',
    pendingCount: 0,
    lastSyncedAt: null,
    message: 'Signed out.',
    isFetchingMyWork: false,
  };

  const api: ApiClient = createApiClient({
    baseUrl,
    getToken: () => token,
    fetch: options.fetch,
    onDeviceRevoked: () => {
      void wipe(REVOKED_NOTICE);
    },
    onSessionExpired: (message) => {
      void endExpiredSession(message);
    },
  });

  /** Starts the replication for this person, as they are now (their teams decide My work). */
  function startSync(session: StoredSession, db: ClearwayDatabase, blobs: BlobCache): SyncController {
    const sync = startReplication({
      db,
      api,
      baseUrl,
      getToken: () => token,
      identifier: `${baseUrl || 'same-origin'}:${session.deviceId}`,
      userId: session.user.userId,
      teamIds: session.user.teamIds,
      onDeviceRevoked: () => {
        void wipe(REVOKED_NOTICE);
      },
      now,
      fetch: options.fetch,
    });
    if (options.isPrefetching !== false) {
      sync.pulled$.subscribe(({ collection, documents }) => {
        // Every pulled case, held or not: one no longer held stops its files being fetched.
        if (collection === 'cases') void blobs.prefetchCases(documents);
      });
    }
    // Files added offline go up whenever the server answers again.
    sync.status$.subscribe((status) => {
      if (status.state === 'synced') void blobs.uploadQueued().catch(() => undefined);
    });
    return sync;
  }

  /** A person's database on this device, as it is opened, and removed by a wipe. */
  const databaseOf = (user: StoredSession['user']) => ({
    name: databaseName(user.userId),
    userId: user.userId,
    teamIds: user.teamIds,
    indexedDb: options.indexedDb,
    isMultiInstance: options.isMultiInstance,
    isValidated: options.isValidated,
  });

  async function activate(session: StoredSession, endedDeviceId: string | null = null): Promise<void> {
    token = session.token;
    const db = await openDatabase(databaseOf(session.user));
    // Before the replication starts, so nothing goes up under the session that ended.
    if (endedDeviceId) await carryOverPending(db.outbox, endedDeviceId, session.deviceId);
    const blobs = createBlobCache({
      store,
      api,
      baseUrl,
      getToken: () => token,
      now,
      fetch: options.fetch,
      ...options.uploads,
    });
    const sync = startSync(session, db, blobs);
    deviceNames$.next(session.deviceNames ?? {});
    active = { session, db, sync, blobs };
    if (options.isPrefetching !== false) {
      // The tab that leads pulls, so it alone fetches ahead, as it does for pulled cases; after
      // its first pull, so that which cases are held is as the server now says (a case handed
      // on meanwhile must not have its files fetched again). A sign-out meanwhile closes the
      // database under it: nothing is left to fetch for then.
      void db
        .waitForLeadership()
        .then(() => sync.pulls.cases.awaitInitialPull())
        .then(() => (active?.db === db ? prefetchHeldCaseFiles(db, blobs) : undefined))
        .catch(() => undefined);
    }
    active$.next(active);
    publishSession(session);
    void requestPersistentStorage().catch(() => false);
  }

  function publishSession(session: StoredSession): void {
    session$.next({ status: 'signed-in', user: session.user, deviceId: session.deviceId, notice: null });
  }

  /** A change of teams under way: it swaps the replication, so stopping must wait for it. */
  let teamsChange: Promise<void> | null = null;
  /** Checks of the person queue up behind each other: two never adopt a change at once. */
  let userCheck: Promise<void> = Promise.resolve();

  /** Asks the server who the person is now; adopts new roles or teams. Offline, nothing changes. */
  async function checkUser(): Promise<void> {
    const current = active;
    if (!current) return;
    const me = await api.me().catch(() => null);
    // Offline (the kept user stays), signed out meanwhile, or nothing changed.
    if (!me || active !== current || me.user.userId !== current.session.user.userId) return;
    if (isSamePerson(current.session.user, me.user)) return;
    const hasNewTeams = !isSameSet(current.session.user.teamIds, me.user.teamIds);
    // Changed in place, as refreshDeviceNames does, so a save of device names keeps the new user.
    current.session.user = me.user;
    await store.session.put(current.session);
    // Signed out while saving: that wipe has stopped this replication, which must stay stopped.
    if (active !== current) return;
    if (!hasNewTeams) {
      adoptActive({ ...current });
      return;
    }
    const change = changeTeams(current);
    teamsChange = change;
    try {
      await change;
    } finally {
      teamsChange = null;
    }
  }

  /**
   * Stops the replication, works out My work again with the new teams, and starts it again
   * with them. The outbox, the pulled documents and the checkpoints stay: the new replication
   * carries on where the old one stopped, and pending changes still go up.
   */
  async function changeTeams(current: Active): Promise<void> {
    const { session } = current;
    await current.sync.stop();
    try {
      // Only the tab that leads pulls, so only it may write cases: a tab that does not lead
      // would put what it read over what the leading tab's pull has written since.
      if (current.db.isLeader())
        await rederiveMyWork(current.db.cases, current.db.caseSummaries, session.user, (moved) => {
          // Cases now held have their files fetched ahead; those no longer held stop.
          void current.blobs.prefetchCases(moved);
        });
    } catch (error) {
      // The lists keep the old My work until the next pull of each case; syncing must go on.
      console.error('Working out My work for the new teams failed:', error);
    } finally {
      adoptActive({ ...current, sync: startSync(session, current.db, current.blobs) });
    }
  }

  /** A new Active for the same database: lists and screens subscribe again, with the new person. */
  function adoptActive(next: Active): void {
    active = next;
    active$.next(next);
    publishSession(next.session);
  }

  async function deactivate(): Promise<Active | null> {
    // The replication a change of teams is starting must be the one stopped here.
    if (teamsChange) await teamsChange.catch(() => undefined);
    const current = active;
    active = null;
    active$.next(null);
    if (current) await current.sync.stop();
    return current;
  }

  /** Deletes everything this device holds for the person and shows them signed out. */
  async function wipe(notice: string | null): Promise<void> {
    if (isWiping) return;
    isWiping = true;
    try {
      const current = await deactivate();
      token = null;
      // The other tabs let go of the database first: until they do, it cannot be deleted.
      otherTabs?.postMessage({ kind: 'wiped', notice } satisfies TabMessage);
      if (current) await removeDatabase(current.db, databaseOf(current.session.user));
      await renewDeviceStore({ isDeleted: true });
      session$.next({ ...SIGNED_OUT, notice });
    } finally {
      isWiping = false;
    }
  }

  /**
   * The server ended the session (unused too long): signed out, saying why, with nothing deleted.
   * The database and the stored session stay for the same person's next sign-in (see `adopt`).
   */
  async function endExpiredSession(notice: string): Promise<void> {
    if (isWiping || !active) return;
    isWiping = true;
    try {
      const current = await deactivate();
      token = null;
      // Marked before the other tabs hear of it: from now on no tab's start() opens it again.
      if (current) await markEnded(current.session, notice);
      otherTabs?.postMessage({ kind: 'expired', notice } satisfies TabMessage);
      if (current) {
        current.blobs.close();
        await current.db.close().catch(() => undefined);
      }
      session$.next({ ...SIGNED_OUT, notice });
    } finally {
      isWiping = false;
    }
  }

  /**
   * Keeps the session, marked ended, for the same person's next sign-in (see `adopt`). Unmarked,
   * opening the app again would open it without the network, going round the idle limit.
   */
  async function markEnded(session: StoredSession, notice: string): Promise<void> {
    await store.session.put({ ...session, endedNotice: notice }).catch((error: unknown) => {
      console.error('Keeping the ended session failed:', error);
    });
  }

  /** Deletes what an expired session of someone else left here, before a new person's sign-in. */
  async function removeExpiredSessionOf(kept: StoredSession): Promise<void> {
    const settings = databaseOf(kept.user);
    await removeDatabase(await openDatabase(settings), settings);
    await renewDeviceStore({ isDeleted: true });
  }

  /** The device store opened afresh once a session has ended here; deleted first by a wipe. */
  async function renewDeviceStore({ isDeleted }: { isDeleted: boolean }): Promise<void> {
    store.close();
    if (isDeleted) await store.delete();
    store = openDeviceStore(options.indexedDb, deviceStoreName);
    deviceNames$.next({});
  }

  // The tabs of one device share its data: when one wipes it (sign-out, a revoked device: only
  // the tab that leads hears of that), the others let go of it and show the person signed out
  // too, saying why, instead of working on a database that has gone. An expired session is
  // told the same way: the other tabs let go of the data just as well (none is deleted then).
  const otherTabs =
    typeof BroadcastChannel === 'function' ? new BroadcastChannel(`clearway:${deviceStoreName}`) : null;
  // A channel keeps Node running; a browser tab is not held open by it either way.
  (otherTabs as { unref?: () => void } | null)?.unref?.();
  otherTabs?.addEventListener('message', (event: MessageEvent) => {
    const message = tabMessageSchema.safeParse(event.data);
    if (message.success) void wipedElsewhere(message.data.notice);
  });

  async function wipedElsewhere(notice: string | null): Promise<void> {
    if (isWiping) return;
    isWiping = true;
    try {
      // Said at once: the data has already gone from under this tab.
      token = null;
      session$.next({ ...SIGNED_OUT, notice });
      const current = await deactivate();
      // Closed, so the tab that wipes can delete it (it is told before it starts).
      if (current) await current.db.close().catch(() => undefined);
      // The tab that wipes deletes the store; this one only lets go of its copy.
      await renewDeviceStore({ isDeleted: false });
    } finally {
      isWiping = false;
    }
  }

  /** Keeps a new sign-in's session on the device and opens the person's data. */
  async function adopt(login: LoginResponse): Promise<void> {
    /** The same person's session that the server ended here: their unsent changes move to this one. */
    let endedDeviceId: string | null = null;
    if (active) await wipe(null);
    else {
      // An expired session's data is kept for its own person only (see endExpiredSession).
      const kept = await readSession(store);
      if (kept && kept.user.userId !== login.user.userId) await removeExpiredSessionOf(kept);
      else if (kept && kept.deviceId !== login.deviceId) {
        const check = await checkEndedSession(
          options.fetch ?? globalThis.fetch.bind(globalThis),
          baseUrl,
          kept.token,
        );
        // The person is signing in, so the server was reachable a moment ago: stopping here
        // loses nothing and a retry will be answered. Carrying over unchecked could send the
        // changes of a revoked device; removing unchecked could lose a person's unsent work.
        if (check === 'unanswered') throw new ApiError('ended_session_unchecked', ENDED_SESSION_UNCHECKED, 0);
        if (check === 'ended') endedDeviceId = kept.deviceId;
        else {
          // Revoked since it ended: removed as a wipe would have, the other tabs told so.
          otherTabs?.postMessage({ kind: 'wiped', notice: REVOKED_NOTICE } satisfies TabMessage);
          await removeExpiredSessionOf(kept);
        }
      }
    }
    const session: StoredSession = {
      key: 'current',
      token: login.token,
      user: login.user,
      deviceId: login.deviceId,
      serverUrl: baseUrl,
    };
    await store.session.put(session);
    await activate(session, endedDeviceId);
  }

  function requireActive(): Active {
    if (!active) throw new ApiError('signed_out', 'You are signed out. Sign in to continue.', 401);
    return active;
  }

  /**
   * Which cases have changes this device has not sent, and the cases logged here that the
   * server has not sent back yet (folded from their events), so lists show them at once.
   */
  function localCases$(current: Active, at: string) {
    const { user } = current.session;
    return current.db.outbox.find({ selector: { status: 'pending' } }).$.pipe(
      switchMap((rows) => {
        const byStream = groupByStream(rows.map((r) => r.toJSON() as OutboxDocument));
        const pendingStreams = new Set(byStream.keys());
        const logged = [...byStream.keys()].filter((stream) =>
          byStream.get(stream)?.some((e) => e.type === 'case.logged'),
        );
        if (logged.length === 0) return of({ pendingStreams, loggedHere: [] as CaseSummary[] });
        return current.db.caseSummaries.findByIds(logged).$.pipe(
          map((known) => ({
            pendingStreams,
            loggedHere: casesLoggedHere(
              logged.filter((stream) => !known.has(stream)).map((stream) => byStream.get(stream) ?? []),
              { reduce, at, userId: user.userId, teamIds: user.teamIds },
            ),
          })),
        );
      }),
    );
  }

  const client = {
    api,
    session$,
    isRestoring$,
    get database(): ClearwayDatabase | null {
      return active?.db ?? null;
    },
    get sync(): SyncController | null {
      return active?.sync ?? null;
    },
    get blobs(): BlobCache | null {
      return active?.blobs ?? null;
    },

    /** Opens the stored session, if any, without needing the network. */
    async start(): Promise<void> {
      isRestoring$.next(true);
      try {
        const stored = await readSession(store);
        // Ended by the server: only a sign-in opens this person's data again.
        if (stored?.endedNotice && !active) session$.next({ ...SIGNED_OUT, notice: stored.endedNotice });
        else if (stored && !active) {
          await activate(stored);
          // Opened with the kept roles and teams; online, find out whether they changed since.
          void client.refreshUser();
        }
      } finally {
        isRestoring$.next(false);
      }
    },

    /**
     * Asks the server for the person's roles and teams and adopts any change: the stored
     * session, `session$`, My work and what the replication pulls next. Offline, nothing changes.
     */
    refreshUser(): Promise<void> {
      userCheck = userCheck.then(checkUser).catch((error: unknown) => {
        console.error('Checking for new roles or teams failed:', error);
      });
      return userCheck;
    },

    async signIn(username: string, password: string): Promise<void> {
      await adopt(await api.login(username, password, options.deviceName));
    },

    /** Back from the organisation's sign-in (`/#signed-in`): takes up the new session cookie. */
    async signInWithCookie(): Promise<void> {
      await adopt(await api.tokenFromCookie());
    },

    /** Signs out and removes this person's data from the device. */
    async signOut(signOutOptions: { discardPending?: boolean } = {}): Promise<void> {
      const current = active;
      if (current && !signOutOptions.discardPending) {
        const pendingCount = await current.db.outbox.count({ selector: { status: 'pending' } }).exec();
        if (pendingCount > 0) throw new SignOutBlockedError(pendingCount);
      }
      await api.logout().catch(() => undefined);
      await wipe(null);
    },

    /** Writes an event to the outbox; it syncs when online. Resolves with its id. */
    async sendEvent(stream: string, type: string, payload: Record<string, unknown>): Promise<EventId> {
      const { db, session } = requireActive();
      const envelope = eventEnvelopeSchema.parse({
        id: uuidv7(),
        stream,
        type,
        actor: session.user.userId,
        deviceId: session.deviceId,
        madeAt: now(),
        payload,
      });
      const check = checkEvent(envelope);
      if (!check.ok) throw new ApiError('invalid_event', check.reason, 0);
      await db.outbox.insert({ ...envelope, status: 'pending', reason: null, seq: null, acceptedAt: null });
      return envelope.id;
    },

    deviceNames$,

    /**
     * Asks the server for the names of this person's devices and keeps them with the session,
     * so the timeline can say "Priya's iPad" offline too. Offline, the kept names stay.
     */
    async refreshDeviceNames(): Promise<void> {
      const { session } = requireActive();
      const devices = await api.devices().catch(() => null);
      if (!devices || active?.session !== session) return;
      const names: Record<string, string> = { ...session.deviceNames };
      for (const device of devices) if (device.name) names[device.deviceId] = device.name;
      session.deviceNames = names;
      await store.session.put(session);
      deviceNames$.next(names);
    },

    /** The person has read why an event was refused: remove it from this device. */
    async dismissRejected(eventId: string): Promise<void> {
      const { db } = requireActive();
      const doc = await db.outbox.findOne(eventId).exec();
      if (doc && doc.status === 'rejected') await doc.remove();
    },

    caseView$(streamId: string): Observable<CaseView> {
      const stream = streamSchema.safeParse(streamId);
      return active$.pipe(
        switchMap((current) => {
          if (!current || !stream.success)
            return of({ caseDoc: null, pending: [], rejected: [] } satisfies CaseView);
          // This subscription's last pending events, to carry those accepted before their document.
          let lastSeen: OutboxDocument[] = [];
          return combineLatest([
            current.db.cases.findOne(streamId).$,
            current.db.outbox.find({ selector: { stream: stream.data } }).$,
          ]).pipe(
            map(([doc, events]): CaseView => {
              const server = doc ? (doc.toMutableJSON() as Omit<LocalStreamDocument, '_deleted'>) : null;
              const outbox = events.map((e) => ({
                ...(e.toMutableJSON() as Omit<OutboxDocument, '_deleted'>),
                _deleted: false,
              }));
              const acceptedIds = new Set(server?.timeline.map((t) => t.eventId) ?? []);
              const inFlight = stillInFlight(lastSeen, outbox, acceptedIds);
              const folded = foldPending(
                { serverState: server?.state ?? null, acceptedIds, outbox: [...inFlight, ...outbox] },
                reduce,
                now(),
              );
              lastSeen = [...inFlight, ...outbox];
              // Sent and accepted: shown in the state, no longer as waiting to be sent.
              const sent = new Set(inFlight.map((e) => e.id));
              const view = { ...folded, pending: folded.pending.filter((e) => !sent.has(e.id)) };
              const hasPendingChanges = view.pending.length > 0;
              const caseDoc = view.state
                ? { ...(server ?? emptyDocument(streamId, view.state)), state: view.state, hasPendingChanges }
                : null;
              return { caseDoc, pending: view.pending, rejected: view.rejected };
            }),
          );
        }),
      );
    },

    /** Every case the filter matches (searches and look-ups; lists page with casePage$). */
    cases$(filter: CaseFilter): Observable<CaseListItem[]> {
      return active$.pipe(
        switchMap((current) => {
          if (!current) return of([]);
          const at = now();
          // A reference is looked up through its own index by RxDB; lists read by ./casePages.ts.
          const stored$ = filter.reference
            ? current.db.caseSummaries
                .find(toCaseQuery(filter, at))
                .$.pipe(map((docs) => docs.map(summaryOf)))
            : caseRows$(current.db.caseSummaries, filter, at);
          return combineLatest([stored$, localCases$(current, at)]).pipe(
            map(([docs, local]) =>
              [...local.loggedHere.filter((s) => matchesCaseQuery(s, filter, at)), ...docs]
                .filter((summary) => matchesAfterQuery(summary, filter))
                .map((summary) => toCaseListItem(summary, at, local.pendingStreams.has(summary.id))),
            ),
          );
        }),
      );
    },

    /**
     * One page of a list and the number of cases in it. The page is read in index order and
     * stops at its last row; only a search of the subject's words reads every match. Cases
     * logged on this device and not yet sent head the first page.
     */
    casePage$(filter: CaseFilter, page = 1, pageSize = PAGE_SIZE): Observable<CasePage> {
      return active$.pipe(
        switchMap((current) => {
          if (!current) return of({ items: [], total: 0, page, pageSize });
          const at = now();
          const list$ = casePageRows$(current.db.caseSummaries, filter, page, pageSize, at);
          return combineLatest([list$, localCases$(current, at)]).pipe(
            map(([list, local]) => {
              const here = local.loggedHere.filter((s) => matchesCaseQuery(s, filter, at));
              const rows = page === 1 ? [...here, ...list.rows] : list.rows;
              return {
                items: rows.map((s) => toCaseListItem(s, at, local.pendingStreams.has(s.id))),
                total: list.total + here.length,
                page,
                pageSize,
              };
            }),
          );
        }),
      );
    },

    /** Cases waiting for the signed-in person, soonest due first (undated last), a page at a time. */
    myWorkPage$(page = 1, pageSize = PAGE_SIZE): Observable<CasePage> {
      return client.casePage$({ isMine: true }, page, pageSize);
    },

    /** Every case waiting for the signed-in person, in the same order (for tallies). */
    myWork$(): Observable<CaseListItem[]> {
      return client.cases$({ isMine: true });
    },

    streamDocuments$(
      collection: 'directory' | 'templates' | 'calendar',
    ): Observable<Omit<LocalStreamDocument, '_deleted'>[]> {
      return active$.pipe(
        switchMap((current) =>
          current
            ? current.db[collection]
                .find()
                .$.pipe(map((docs) => docs.map((d) => d.toJSON() as Omit<LocalStreamDocument, '_deleted'>)))
            : of([]),
        ),
      );
    },

    /** Every change the server refused and the person has not dismissed yet, newest first. */
    rejected$(): Observable<OutboxDocument[]> {
      return active$.pipe(
        switchMap((current) =>
          current
            ? current.db.outbox
                .find({ selector: { status: 'rejected' } })
                .$.pipe(
                  map((docs) =>
                    docs
                      .map((doc) => doc.toJSON() as OutboxDocument)
                      .sort((a, b) => b.madeAt.localeCompare(a.madeAt)),
                  ),
                )
            : of([]),
        ),
      );
    },

    pendingCount$(): Observable<number> {
      return active$.pipe(
        switchMap((current) =>
          current ? current.db.outbox.count({ selector: { status: 'pending' } }).$ : of(0),
        ),
      );
    },

    syncStatus$(): Observable<SyncStatus> {
      return active$.pipe(switchMap((current) => (current ? current.sync.status$ : of(offlineStatus))));
    },

    wipe,

    /** Stops syncing and closes the database, keeping the data (tests; page unload). */
    async close(): Promise<void> {
      otherTabs?.close();
      const current = await deactivate();
      if (current) await current.db.close();
      store.close();
    },
  };
  // An administrator's change of roles or teams is recorded in the directory, which every device
  // pulls; coming back online may also bring one. Either way, the person is checked again.
  active$
    .pipe(
      switchMap((current) =>
        current ? merge(current.db.directory.$, backOnline$(current.sync.status$)) : EMPTY,
      ),
      debounceTime(USER_CHECK_DEBOUNCE_MS),
    )
    .subscribe(() => void client.refreshUser());
  return client;
}

const summaryOf = (doc: { toJSON(): unknown }) => doc.toJSON() as CaseSummary;

/** Fires each time the replication reaches the server again after being offline. */
function backOnline$(status$: Observable<SyncStatus>): Observable<unknown> {
  return status$.pipe(
    map((status) => status.state === 'offline'),
    distinctUntilChanged(),
    pairwise(),
    filter(([wasOffline, isOffline]) => wasOffline && !isOffline),
  );
}

const isSameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((item) => b.includes(item));

/** Same name, roles and teams (in any order): nothing for the device to change. */
function isSamePerson(a: SessionUser, b: SessionUser): boolean {
  return a.displayName === b.displayName && isSameSet(a.roles, b.roles) && isSameSet(a.teamIds, b.teamIds);
}

/** A case logged on this device that the server has not accepted yet: built from its events. */
function emptyDocument(id: string, state: Record<string, unknown>): Omit<LocalStreamDocument, '_deleted'> {
  const text = (key: string) => (typeof state[key] === 'string' ? (state[key] as string) : '');
  return {
    ...blankStreamRow(id),
    state,
    reference: text('reference'),
    caseType: text('caseType'),
    status: text('status'),
    stage: text('status'),
  };
}
