// Simulated devices for the data layer's integration tests: each a real ClearwayClient on its
// own fake IndexedDB, talking over HTTP to a real server started in-process.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterAll, beforeAll } from 'vitest';
import { type ClearwayClient, type ClientOptions, createClearwayClient } from '../../src/data';
import { databasesUnderTest } from '../../sync-server/testing/databases';
import { caseLogged, startTestServer, type TestServer } from '../../sync-server/testing/server';

/** The database the data layer's tests run the server on (PGlite, in memory). */
export const pglite = databasesUnderTest()[0]!;

/** Starts a real server for the enclosing `describe` and stops it after; call the result to reach it. */
export function serverForSuite(): () => TestServer {
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await startTestServer(pglite);
  });
  afterAll(() => server?.close());
  return () => {
    if (!server) throw new Error('The test server has not started.');
    return server;
  };
}

export type Device = { client: ClearwayClient; name: string };

/**
 * A device with an empty IndexedDB of its own. `network.isOnline = false` cuts its network;
 * `transport` (default: fetch) lets a test stand between the device and the server.
 */
export function newDevice(
  serverUrl: string,
  name: string,
  network: { isOnline: boolean } = { isOnline: true },
  transport: typeof fetch = fetch,
  extra: Partial<ClientOptions> = {},
) {
  const offlineAwareFetch: typeof fetch = (input, init) =>
    network.isOnline ? transport(input, init) : Promise.reject(new TypeError('fetch failed (offline)'));
  const indexedDB = new IDBFactory();
  const client = createClearwayClient({
    baseUrl: serverUrl,
    indexedDb: { indexedDB, IDBKeyRange },
    isMultiInstance: false,
    namespace: `${name}-${crypto.randomUUID().slice(0, 8)}-`,
    fetch: offlineAwareFetch,
    deviceName: name,
    ...extra,
  });
  return { client, name, network, indexedDB };
}

export const WAIT_STEP_MS = 50;

/** Waits until `check` returns a value (not undefined/false); fails with `what` after `limitMs`. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined | false> | T | undefined | false,
  limitMs = 20_000,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() - started > limitMs) throw new Error(`Gave up waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, WAIT_STEP_MS));
  }
}

/**
 * A case logged on the caseworker's signed-in `client` and allocated to the official (Priya),
 * who then holds it: the blob tests' usual start. Returns the case's stream id.
 */
export async function caseForTheOfficial(client: ClearwayClient): Promise<string> {
  const deviceId = client.session$.getValue().deviceId ?? '';
  const logged = caseLogged({ userId: 'caseworker', deviceId, token: '' });
  await client.sendEvent(logged.stream, 'case.logged', logged.payload);
  await client.sendEvent(logged.stream, 'case.allocated', {
    allocationId: 'alloc-1',
    to: 'official',
    teamId: 'waste-policy',
    service: 'Waste policy',
  });
  return logged.stream;
}
