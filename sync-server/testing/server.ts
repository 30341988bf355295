// Starts a real server (listening on a free port) over a database under test, with the demo
// people, and signs people in over HTTP — what the integration tests and the bench drive.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { seedDemoPeople } from '../accounts/demo';
import { buildServer, type ServerParts } from '../app';
import { readConfig } from '../config';
import type { Database } from '../storage/database';
import type { DatabaseUnderTest } from './databases';

export type SignedIn = { token: string; deviceId: string; userId: string };

export type TestServer = {
  app: FastifyInstance;
  db: Database;
  url: string;
  dataDir: string;
  signIn(username: string, password?: string): Promise<SignedIn>;
  /** fetch() against the server with this person's bearer token. */
  call(who: SignedIn | null, pathname: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
  close(): Promise<void>;
};

export async function startTestServer(
  engine: DatabaseUnderTest,
  parts: ServerParts & { db?: Database; env?: NodeJS.ProcessEnv } = {},
): Promise<TestServer> {
  const db = parts.db ?? (await engine.open());
  await seedDemoPeople(db);
  const dataDir = await mkdtemp(path.join(tmpdir(), 'clearway-test-'));
  // The port is chosen first so the server's public address (where the organisation sign-in
  // sends people back, CLEARWAY_PUBLIC_URL) is its own, as in a real installation.
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const config = readConfig({
    CLEARWAY_DATA_DIR: dataDir,
    CLEARWAY_STATIC_DIR: path.join(dataDir, 'no-app'),
    CLEARWAY_PUBLIC_URL: url,
    ...parts.env,
  });
  const app = await buildServer(config, { ...parts, db });
  await app.listen({ port, host: '127.0.0.1' });
  const { call } = callerAt(url);
  return {
    app,
    db,
    url,
    dataDir,
    call,
    async signIn(username, password = 'demo') {
      const response = await call(null, '/api/auth/login', { method: 'POST', json: { username, password } });
      if (response.status !== 200)
        throw new Error(`${username} could not sign in: ${response.status} ${await response.text()}`);
      const body = (await response.json()) as { token: string; deviceId: string; user: { userId: string } };
      return { token: body.token, deviceId: body.deviceId, userId: body.user.userId };
    },
    async close() {
      await app.close();
      if (!parts.db) await db.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A port nothing listens on now (another process could still take it before we do). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Calls the API at `url` (a test server's, or another process's) as someone. */
export function callerAt(url: string): Caller {
  return {
    call(who, pathname, init = {}) {
      const { json, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (who) headers.set('authorization', `Bearer ${who.token}`);
      if (json !== undefined) headers.set('content-type', 'application/json');
      return fetch(url + pathname, {
        ...rest,
        headers,
        ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
      });
    },
  };
}

/** An outbox row as the device pushes it: the envelope plus the outbox's own fields. */
export function outboxRow(event: Record<string, unknown>) {
  return {
    assumedMasterState: null,
    newDocumentState: {
      ...event,
      status: 'pending',
      reason: null,
      seq: null,
      acceptedAt: null,
      _deleted: false,
    },
  };
}

/** A valid case.logged event from `who` for a new case. */
export function caseLogged(who: SignedIn, overrides: Record<string, unknown> = {}) {
  const id = uuidv7();
  return {
    id,
    stream: `case:${crypto.randomUUID()}`,
    type: 'case.logged',
    actor: who.userId,
    deviceId: who.deviceId,
    madeAt: new Date().toISOString(),
    payload: {
      caseType: 'foi',
      reference: `FOI-2026-P-${id.replace(/-/g, '').slice(-6)}`,
      receivedOn: '2026-03-02',
      channel: 'email',
      region: 'england-and-wales',
      requester: { name: 'Jordan Ellis', type: 'journalist' },
      subject: 'Missed bin collections',
      requestText: 'How many bin collections were missed in 2025?',
    },
    ...overrides,
  };
}

/** Any event on an existing stream from `who`. */
export function eventOn(who: SignedIn, stream: string, type: string, payload: Record<string, unknown>) {
  return {
    id: uuidv7(),
    stream,
    type,
    actor: who.userId,
    deviceId: who.deviceId,
    madeAt: new Date().toISOString(),
    payload,
  };
}

/** Anything that calls the API as someone: a test server, or a process started by processes.ts. */
export type Caller = Pick<TestServer, 'call'>;

export async function push(
  server: Caller,
  who: SignedIn,
  events: Record<string, unknown>[],
): Promise<Response> {
  return server.call(who, '/api/replication/events/push', { method: 'POST', json: events.map(outboxRow) });
}

export type Page = { documents: Record<string, unknown>[]; checkpoint: { id: string; seq: number } | null };

export async function pull(
  server: Caller,
  who: SignedIn,
  collection: string,
  checkpoint: Page['checkpoint'] = null,
  batchSize = 100,
): Promise<Page> {
  const query = new URLSearchParams({
    checkpoint: checkpoint ? JSON.stringify(checkpoint) : '',
    batchSize: String(batchSize),
  });
  const response = await server.call(who, `/api/replication/${collection}/pull?${query}`);
  if (response.status !== 200)
    throw new Error(`pull ${collection}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Page;
}

/** Pulls until the collection has nothing newer; returns every document seen and the last checkpoint. */
export async function pullAll(
  server: Caller,
  who: SignedIn,
  collection: string,
  from: Page['checkpoint'] = null,
) {
  const documents: Record<string, unknown>[] = [];
  let checkpoint = from;
  for (;;) {
    const page = await pull(server, who, collection, checkpoint, 50);
    documents.push(...page.documents);
    if (page.documents.length === 0) return { documents, checkpoint };
    checkpoint = page.checkpoint;
  }
}
