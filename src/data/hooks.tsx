// The one seam between screens and local data (the UI HOOK CONTRACT): features call these
// hooks and never build an RxDB query or call fetch themselves. Each hook subscribes to an
// observable of the client in ./client.ts; the client (and its database) is created once,
// outside React, so re-renders and StrictMode's double effects never open it twice.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { Observable } from 'rxjs';
import type { EventId } from '../domain';
import type { DirectoryUser, SignInOptions } from './api';
import type { BlobRef } from './blobs';
import { type CaseFilter, type CaseListItem, type CasePage, PAGE_SIZE } from './caseQueries';
import {
  type CaseView,
  type ClearwayClient,
  type ClientOptions,
  createClearwayClient,
  type SessionState,
} from './client';
import type { LocalStreamDocument, OutboxDocument } from './schemas';
import { estimateStorage, type StorageEstimate } from './storage';

const ClientContext = createContext<ClearwayClient | null>(null);

let browserClient: ClearwayClient | null = null;

/** The app's client: created on first use and kept for the life of the page. */
export function getBrowserClient(options: Partial<ClientOptions> = {}): ClearwayClient {
  if (!browserClient) {
    browserClient = createClearwayClient({
      isMultiInstance: true,
      isValidated: import.meta.env.DEV,
      ...options,
    });
    void browserClient.start();
  }
  return browserClient;
}

export function ClearwayDataProvider(props: { children: ReactNode; client?: ClearwayClient }) {
  const client = props.client ?? getBrowserClient();
  return <ClientContext.Provider value={client}>{props.children}</ClientContext.Provider>;
}

function useClient(): ClearwayClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('Clearway data hooks must be used inside <ClearwayDataProvider>.');
  return client;
}

/** Subscribes to an observable; `isLoading` until its first value. `key` says when to resubscribe. */
function useObservable<T>(
  make: () => Observable<T>,
  initial: T,
  key: string,
): { value: T; isLoading: boolean } {
  const [state, setState] = useState({ value: initial, isLoading: true, key });
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for what `make` reads.
  useEffect(() => {
    const subscription = make().subscribe((value) => setState({ value, isLoading: false, key }));
    return () => subscription.unsubscribe();
  }, [key]);
  return state.key === key ? state : { value: initial, isLoading: true };
}

function useSessionKey(): string {
  const session = useSessionState();
  return session.status === 'signed-in' ? `${session.user.userId}/${session.deviceId}` : 'signed-out';
}

function useSessionState(): SessionState {
  const client = useClient();
  return useObservable(() => client.session$, client.session$.getValue(), 'session').value;
}

export function useSession() {
  const client = useClient();
  const session = useSessionState();
  const signIn = useCallback(
    (username: string, password: string) => client.signIn(username, password),
    [client],
  );
  const signInWithCookie = useCallback(() => client.signInWithCookie(), [client]);
  const signOut = useCallback((options?: { discardPending?: boolean }) => client.signOut(options), [client]);
  const isRestoring = useObservable(
    () => client.isRestoring$,
    client.isRestoring$.getValue(),
    'restoring',
  ).value;
  return { ...session, isRestoring, signIn, signInWithCookie, signOut };
}

export function useCases(filter: CaseFilter = {}): { cases: CaseListItem[]; isLoading: boolean } {
  const client = useClient();
  const key = `${useSessionKey()}:${JSON.stringify(filter)}`;
  const { value, isLoading } = useObservable(() => client.cases$(filter), [] as CaseListItem[], key);
  return { cases: value, isLoading };
}

/** One page of a filtered, sorted list and how many cases the whole list has. */
export function useCasePage(filter: CaseFilter, page: number): CasePage & { isLoading: boolean } {
  const client = useClient();
  const key = `${useSessionKey()}:${JSON.stringify(filter)}:${page}`;
  const empty: CasePage = { items: [], total: 0, page, pageSize: PAGE_SIZE };
  const { value, isLoading } = useObservable(() => client.casePage$(filter, page), empty, key);
  return { ...value, isLoading };
}

/** A page of My work: the cases waiting for the signed-in person, soonest due first. */
export function useMyWork(page = 1): CasePage & { isLoading: boolean } {
  return useCasePage({ isMine: true }, page);
}

/** Every case in My work (read after the first page, for the urgent and due-soon tallies). */
export function useMyWorkAll(): { cases: CaseListItem[]; isLoading: boolean } {
  return useCases({ isMine: true });
}

export function useCase(caseId: string): CaseView & { isLoading: boolean } {
  const client = useClient();
  // Screens may pass the bare case id from the address or the stream id.
  const stream = caseId.startsWith('case:') ? caseId : `case:${caseId}`;
  const empty: CaseView = { caseDoc: null, pending: [], rejected: [] };
  const { value, isLoading } = useObservable(
    () => client.caseView$(stream),
    empty,
    `${useSessionKey()}:${stream}`,
  );
  return { ...value, isLoading };
}

/**
 * The names of the signed-in person's devices (device id → name), read from the server when the
 * screen opens and kept on the device for offline use; this device's id is `thisDeviceId`.
 */
export function useDeviceNames(): { names: Readonly<Record<string, string>>; thisDeviceId: string | null } {
  const client = useClient();
  const sessionKey = useSessionKey();
  const names = useObservable(() => client.deviceNames$, client.deviceNames$.getValue(), sessionKey).value;
  useEffect(() => {
    if (sessionKey !== 'signed-out') void client.refreshDeviceNames().catch(() => undefined);
  }, [client, sessionKey]);
  const session = useSessionState();
  return { names, thisDeviceId: session.status === 'signed-in' ? session.deviceId : null };
}

export function useSendEvent(): (
  stream: string,
  type: string,
  payload: Record<string, unknown>,
) => Promise<EventId> {
  const client = useClient();
  return useCallback((stream, type, payload) => client.sendEvent(stream, type, payload), [client]);
}

export function useDismissRejected(): (eventId: string) => Promise<void> {
  const client = useClient();
  return useCallback((eventId) => client.dismissRejected(eventId), [client]);
}

export function usePendingCount(): number {
  const client = useClient();
  return useObservable(() => client.pendingCount$(), 0, useSessionKey()).value;
}

/** The changes the server refused, until the person has read why (the status bar points to them). */
export function useRejected(): { rejected: OutboxDocument[]; isLoading: boolean } {
  const client = useClient();
  const { value, isLoading } = useObservable(
    () => client.rejected$(),
    [] as OutboxDocument[],
    useSessionKey(),
  );
  return { rejected: value, isLoading };
}

export function useSyncStatus() {
  const client = useClient();
  return useObservable(
    () => client.syncStatus$(),
    {
      state: 'syncing' as const,
      pendingCount: 0,
      lastSyncedAt: null,
      message: 'Getting up to date…',
      isFetchingMyWork: false,
    },
    useSessionKey(),
  ).value;
}

type OrgDocument = Omit<LocalStreamDocument, '_deleted'>;

function useOrgStream(collection: 'directory' | 'templates' | 'calendar') {
  const client = useClient();
  const { value, isLoading } = useObservable(
    () => client.streamDocuments$(collection),
    [] as OrgDocument[],
    `${useSessionKey()}:${collection}`,
  );
  return { document: value[0] ?? null, state: value[0]?.state ?? null, isLoading };
}

/** The organisation's directory of teams, people and policy areas (stream `org:directory`). */
export const useDirectory = () => useOrgStream('directory');
/** The template library (stream `org:templates`). */
export const useTemplates = () => useOrgStream('templates');
/** Bank holidays added by administrators (stream `org:calendar`). */
export const useCalendar = () => useOrgStream('calendar');

/** People who can sign in (for owner pickers): fetched when online, empty offline. */
export function useUsers(): { users: DirectoryUser[]; isLoading: boolean; problem: string | null } {
  const client = useClient();
  const sessionKey = useSessionKey();
  const [state, setState] = useState({
    users: [] as DirectoryUser[],
    isLoading: true,
    problem: null as string | null,
  });
  useEffect(() => {
    if (sessionKey === 'signed-out') return;
    let isCurrent = true;
    client.api.users().then(
      (users) => isCurrent && setState({ users, isLoading: false, problem: null }),
      (error: Error) => isCurrent && setState({ users: [], isLoading: false, problem: error.message }),
    );
    return () => {
      isCurrent = false;
    };
  }, [client, sessionKey]);
  return state;
}

/** How people may sign in here; null while asking, or offline (then passwords only). */
export function useSignInOptions(): SignInOptions | null {
  const client = useClient();
  const [options, setOptions] = useState<SignInOptions | null>(null);
  useEffect(() => {
    let isCurrent = true;
    client.api.signInOptions().then(
      (answer) => isCurrent && setOptions(answer),
      () => undefined,
    );
    return () => {
      isCurrent = false;
    };
  }, [client]);
  return options;
}

export type BlobStatus = 'loading' | 'ready' | 'missing' | 'error';

/** An object URL for a stored document, fetched from the server (and kept) if the device lacks it. */
export function useBlob(sha256: string | null | undefined): { url: string | undefined; status: BlobStatus } {
  const client = useClient();
  const sessionKey = useSessionKey();
  const [state, setState] = useState<{ url: string | undefined; status: BlobStatus }>({
    url: undefined,
    status: 'loading',
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new session has a new blob cache.
  useEffect(() => {
    const blobs = client.blobs;
    if (!sha256 || !blobs) {
      setState({ url: undefined, status: 'missing' });
      return;
    }
    let url: string | undefined;
    let isCurrent = true;
    setState({ url: undefined, status: 'loading' });
    blobs.get(sha256).then(
      (blob) => {
        if (!isCurrent) return;
        url = blob ? URL.createObjectURL(blob) : undefined;
        setState({ url, status: blob ? 'ready' : 'missing' });
      },
      () => isCurrent && setState({ url: undefined, status: 'error' }),
    );
    return () => {
      isCurrent = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [client, sha256, sessionKey]);
  return state;
}

export function useUploadBlob(): (file: Blob, name: string) => Promise<BlobRef> {
  const client = useClient();
  return useCallback(
    (file, name) => {
      const blobs = client.blobs;
      if (!blobs) return Promise.reject(new Error('You are signed out. Sign in to add documents.'));
      return blobs.put(file, name);
    },
    [client],
  );
}

export const STORAGE_REFRESH_MS = 30_000;

export function useStorageEstimate(): StorageEstimate {
  const [estimate, setEstimate] = useState<StorageEstimate>({ usage: null, quota: null, isPersisted: false });
  useEffect(() => {
    let isCurrent = true;
    const refresh = () => void estimateStorage().then((e) => isCurrent && setEstimate(e));
    refresh();
    const timer = setInterval(refresh, STORAGE_REFRESH_MS);
    return () => {
      isCurrent = false;
      clearInterval(timer);
    };
  }, []);
  return useMemo(() => estimate, [estimate]);
}
