// When PostgreSQL cuts the server's connections (a restart, a failover: here pg_terminate_backend)
// the server keeps running, answers the next request, and listens again: live updates from other
// processes still arrive, and what was missed meanwhile is caught up (a pull of everything, a
// revocation looked up again). PostgreSQL only: PGlite runs in the process and has no connection
// to lose. Each part names its connections (application_name) so only its own are cut, never
// those of test files running alongside.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../storage/database';
import { migrate } from '../storage/migrate';
import { openPostgres } from '../storage/postgres';
import { freshSchemaName } from '../testing/databases';
import { openEventStream } from '../testing/eventStream';
import {
  type ServerProcesses,
  sharedDatabasesUnderTest,
  signInAt,
  startServerProcesses,
} from '../testing/processes';
import { callerAt, caseLogged, pull, push, startTestServer, type TestServer } from '../testing/server';

/** `url`, its connections named `name` in pg_stat_activity. */
function namedUrl(url: string, name: string): string {
  const named = new URL(url);
  named.searchParams.set('application_name', name);
  return named.toString();
}

const uniqueName = (what: string) => `clearway_${what}_${randomBytes(4).toString('hex')}`;

/** Asks `check` every 100 ms until it holds, for at most 15 s. */
async function waitFor(what: string, check: () => Promise<boolean>): Promise<void> {
  const until = Date.now() + 15_000;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`Still waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** `promise`, or a failure naming `what` if it takes more than a few seconds. */
async function within<T>(what: string, promise: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Not within ${HEARD_WITHIN_MS} ms: ${what}`)), HEARD_WITHIN_MS);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}
const HEARD_WITHIN_MS = 5_000;

type Message = { collection?: string; checkpoint?: { seq: number } };

describe.each(sharedDatabasesUnderTest())('a lost PostgreSQL connection on $name', (engine) => {
  const url = engine.url ?? '';
  let admin: pg.Client;
  beforeAll(async () => {
    admin = new pg.Client({ connectionString: url });
    await admin.connect();
  });
  afterAll(() => admin?.end());

  /** The backends of connections named `name` that LISTEN (or all of them). */
  const backends = async (name: string, which: 'listening' | 'all') =>
    (
      await admin.query<{ pid: number }>(
        `select pid from pg_stat_activity where application_name = $1
           and ($2 = 'all' or query ilike 'listen %')`,
        [name, which],
      )
    ).rows.map((r) => r.pid);

  /** Cuts those backends as a restart would; resolves once they are gone. */
  const cut = async (name: string, which: 'listening' | 'all') => {
    const pids = await backends(name, which);
    expect(pids.length).toBeGreaterThan(0);
    await admin.query('select pg_terminate_backend(pid) from unnest($1::int[]) as pid', [pids]);
    await waitFor('the cut connections to end', async () =>
      (await backends(name, 'all')).every((pid) => !pids.includes(pid)),
    );
    return pids;
  };

  /** Resolves once `count` listening connections named `name` are open again. */
  const listeningAgain = (name: string, count: number) =>
    waitFor(
      'the listening connections to come back',
      async () => (await backends(name, 'listening')).length >= count,
    );

  describe('in this process', () => {
    const name = uniqueName('reconnect');
    const schema = freshSchemaName();
    let db: Database;
    let server: TestServer;
    beforeAll(async () => {
      db = await openPostgres(namedUrl(url, name), schema);
      await migrate(db);
      server = await startTestServer(engine, { db });
    });
    afterAll(async () => {
      await server?.close();
      await db?.close();
      await admin.query(`drop schema if exists "${schema}" cascade`);
    });

    it('a transaction whose connection is cut fails with an error, and the next one runs', async () => {
      const cutMidway = db.transaction(async (tx) => {
        const [row] = await tx.query<{ pid: number }>('select pg_backend_pid() as pid');
        await admin.query('select pg_terminate_backend($1)', [row?.pid]);
        // Let the loss reach this client between two statements, as a failover would.
        await new Promise((resolve) => setTimeout(resolve, 200));
        await tx.query('select 1');
      });
      await expect(cutMidway).rejects.toThrow();
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await db.query('select 1 as one')).toEqual([{ one: 1 }]);
    });

    it('answers a request whose query is cut midway with a plain server error, and the next one as usual', async () => {
      const tablet = await server.signIn('official');
      const revoke = () => server.call(tablet, `/api/devices/${tablet.deviceId}/revoke`, { method: 'POST' });
      // Holding the device's row makes the revocation wait in the database, to be cut there.
      const holder = new pg.Client({ connectionString: url });
      await holder.connect();
      try {
        await holder.query('begin');
        await holder.query(`select 1 from "${schema}".device_sessions where device_id = $1 for update`, [
          tablet.deviceId,
        ]);
        const answering = revoke();
        let waiting: number[] = [];
        await waitFor('the revocation to wait for the row', async () => {
          const rows = await admin.query<{ pid: number }>(
            `select pid from pg_stat_activity where application_name = $1 and wait_event_type = 'Lock'`,
            [name],
          );
          waiting = rows.rows.map((r) => r.pid);
          return waiting.length > 0;
        });
        await admin.query('select pg_terminate_backend(pid) from unnest($1::int[]) as pid', [waiting]);
        const answer = await answering;
        expect(answer.status).toBe(500);
        expect(await answer.json()).toMatchObject({
          error: 'server_error',
          message: expect.stringContaining('try again'),
        });
      } finally {
        await holder.query('rollback');
        await holder.end();
      }
      expect((await revoke()).status).toBe(204);
    });

    it('tells an open stream to pull everything once it listens again, and ends the stream of a device signed out meanwhile', async () => {
      const manager = await server.signIn('manager');
      const tablet = await server.signIn('official');
      const streamUrl = `${server.url}/api/replication/events/stream`;
      const stream = await openEventStream(streamUrl, { authorization: `Bearer ${manager.token}` });
      const tabletStream = await openEventStream(streamUrl, { authorization: `Bearer ${tablet.token}` });
      try {
        await stream.next((d) => d === 'RESYNC');
        await tabletStream.next((d) => d === 'RESYNC');
        // Signed out without a notice: the one a lost connection would have missed.
        await admin.query(`update "${schema}".device_sessions set revoked_at = now() where device_id = $1`, [
          tablet.deviceId,
        ]);
        await cut(name, 'listening');
        // Every collection, and the outbox: what only the catch-up names all at once.
        for (const collection of ['cases', 'directory', 'templates', 'calendar', 'events']) {
          expect(
            await within(
              `the ${collection} catch-up`,
              stream.next((d) => (d as Message).collection === collection),
            ),
          ).toMatchObject({ collection });
        }
        expect((await within('the signed-out stream to end', tabletStream.ended)).at(-1)).toMatchObject({
          error: 'device_revoked',
        });
      } finally {
        stream.close();
        tabletStream.close();
      }
    });
  });

  describe('in two server processes', () => {
    const name = uniqueName('reconnect_processes');
    let processes: ServerProcesses;
    beforeAll(async () => {
      processes = await startServerProcesses(namedUrl(url, name), 2);
    }, 120_000);
    afterAll(() => processes?.stop());
    // Two channels (changes, revocations) in each of the two processes.
    const LISTENING_CONNECTIONS = 4;

    it('the server keeps running when PostgreSQL cuts every connection, and answers the next request', async () => {
      const [a = '', b = ''] = processes.urls;
      const manager = await signInAt(a, 'manager');
      await pull(callerAt(b), manager, 'cases');
      await cut(name, 'all');
      await listeningAgain(name, LISTENING_CONNECTIONS);
      for (const processUrl of [a, b]) {
        // Signing in and pulling both need the database.
        const caseworker = await signInAt(processUrl, 'caseworker');
        const page = await pull(callerAt(processUrl), caseworker, 'cases');
        expect(page.documents).toEqual(expect.any(Array));
      }
    });

    it('a client of process B still hears of an event pushed to process A after B’s listening connection is cut', async () => {
      const [a = '', b = ''] = processes.urls;
      const manager = await signInAt(b, 'manager');
      const stream = await openEventStream(`${b}/api/replication/events/stream`, {
        authorization: `Bearer ${manager.token}`,
      });
      try {
        await stream.next((d) => d === 'RESYNC');
        await cut(name, 'listening');
        await listeningAgain(name, LISTENING_CONNECTIONS);
        const caseworker = await signInAt(a, 'caseworker');
        expect((await push(callerAt(a), caseworker, [caseLogged(caseworker)])).status).toBe(200);
        const [row] = (
          await admin.query<{ change: string }>(
            `select max(change_no) as change from "${processes.schema}".events`,
          )
        ).rows;
        const pushedChange = Number(row?.change);
        // The catch-up after the reconnection names an earlier change: this is the push itself.
        const heard = await within(
          'the pushed case',
          stream.next(
            (d) =>
              (d as Message).collection === 'cases' && ((d as Message).checkpoint?.seq ?? 0) >= pushedChange,
          ),
        );
        expect(heard).toMatchObject({ collection: 'cases' });
      } finally {
        stream.close();
      }
    });
  });
});
