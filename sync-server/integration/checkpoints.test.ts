// The sequence-gap problem: with concurrent writers, a reader must never page past a change
// that commits later with a lower number. Proved by holding one push's transaction open while
// another push tries to commit and a reader pulls in between; then under many concurrent pushes.
// Within one process a second push waits in the group-commit queue (eventStore.ts enqueue), so
// the lock in the database itself is proved with a second pool on the same schema, as a second
// server process would have.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventEnvelopeSchema } from '../../src/domain/events/envelope';
import { findAccount } from '../accounts/users';
import { appendEvents, type Pusher } from '../replication/eventStore';
import { verifyChain } from '../replication/hashChain';
import { type Database, openDatabase } from '../storage/database';
import { migrate } from '../storage/migrate';
import { databasesUnderTest, freshSchemaName } from '../testing/databases';
import {
  caseLogged,
  eventOn,
  type Page,
  pull,
  pullAll,
  push,
  type SignedIn,
  startTestServer,
  type TestServer,
} from '../testing/server';

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(databasesUnderTest())('checkpoints on $name', (engine) => {
  let server: TestServer;
  let caseworker: SignedIn;
  let manager: SignedIn;
  beforeAll(async () => {
    server = await startTestServer(engine);
    caseworker = await server.signIn('caseworker');
    manager = await server.signIn('manager');
  });
  afterAll(() => server?.close());

  it('never skips a change that commits after a later-started one: one transaction held open', async () => {
    const start = await pullAll(server, manager, 'cases');
    const account = (await findAccount(server.db, 'caseworker'))!;
    const held = caseLogged(caseworker);
    const other = caseLogged(caseworker);

    // T1: stamped and written, then held open just before COMMIT.
    const hold = holdBeforeCommit();
    const first = appendEvents(
      server.db,
      { account, deviceId: caseworker.deviceId },
      [eventEnvelopeSchema.parse(held)],
      { beforeCommit: hold.beforeCommit },
    );
    await hold.isHolding;
    // T2: a second push, which would take the next numbers and commit first if it could.
    const second = push(server, caseworker, [other]);
    await Promise.race([second, settle(500)]);
    // A reader pulls while T1 is open (on PGlite this waits for T1: one connection).
    const between = pull(server, manager, 'cases', start.checkpoint);
    await Promise.race([between, settle(300)]);
    hold.release();
    await first;
    expect((await second).status).toBe(200);
    const page: Page = await between;

    const rest = await pullAll(server, manager, 'cases', page.checkpoint);
    const seen = new Set([...page.documents, ...rest.documents].map((d) => d.id));
    expect(seen.has(held.stream)).toBe(true);
    expect(seen.has(other.stream)).toBe(true);
  });

  it('keeps every change when many devices push to the same case at once, in one chained order', async () => {
    const logged = caseLogged(caseworker);
    await push(server, caseworker, [logged]);
    const devices = await Promise.all(Array.from({ length: 8 }, () => server.signIn('caseworker')));
    const pushes = devices.map((who, d) =>
      Array.from({ length: 5 }, (_, i) =>
        eventOn(who, logged.stream, 'note.added', {
          noteId: `d${d}n${i}`,
          text: `Note ${i} from device ${d}.`,
        }),
      ),
    );
    const responses = await Promise.all(devices.map((who, d) => push(server, who, pushes[d]!)));
    expect(responses.map((r) => r.status)).toEqual(devices.map(() => 200));

    const { documents } = await pullAll(server, manager, 'cases');
    const doc = documents.findLast((d) => d.id === logged.stream)!;
    const timeline = doc.timeline as { eventId: string; seq: number }[];
    expect(new Set(timeline.map((t) => t.eventId))).toEqual(
      new Set([logged.id, ...pushes.flat().map((n) => n.id)]),
    );
    const seqs = timeline.map((t) => t.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(doc.lastSeq).toBe(seqs.at(-1));
    // The state folded every note too, not just the timeline: no push judged against a stale case.
    const notes = (doc.state as { notes: { noteId: string }[] }).notes;
    expect(notes.map((n) => n.noteId).sort()).toEqual(
      devices.flatMap((_, d) => [0, 1, 2, 3, 4].map((i) => `d${d}n${i}`)).sort(),
    );
    expect(await verifyChain(server.db)).toMatchObject({ ok: true });
  });

  it('never skips a change under twenty concurrent writers and a reader paging all along', async () => {
    const start = await pullAll(server, manager, 'cases');
    const writers = await Promise.all(Array.from({ length: 20 }, () => server.signIn('caseworker')));
    const streams: string[] = [];
    let isWriting = true;
    const seen = new Set<string>();
    const reader = (async () => {
      let checkpoint = start.checkpoint;
      // Keep paging with small batches while the writers write, then once more after.
      while (isWriting) {
        const page = await pull(server, manager, 'cases', checkpoint, 7);
        for (const d of page.documents) seen.add(String(d.id));
        checkpoint = page.checkpoint;
      }
      const last = await pullAll(server, manager, 'cases', checkpoint);
      for (const d of last.documents) seen.add(String(d.id));
    })();
    await Promise.all(
      writers.map(async (who) => {
        for (let round = 0; round < 3; round += 1) {
          const batch = Array.from({ length: 4 }, () => caseLogged(who));
          streams.push(...batch.map((e) => e.stream));
          expect((await push(server, who, batch)).status).toBe(200);
        }
      }),
    );
    isWriting = false;
    await reader;
    expect(streams.filter((s) => !seen.has(s))).toEqual([]);
  });
});

/** Holds a push open just before its COMMIT: `isHolding` once it is there, `release` to let it commit. */
function holdBeforeCommit() {
  let reachedCommit!: () => void;
  const isHolding = new Promise<void>((resolve) => {
    reachedCommit = resolve;
  });
  let release!: () => void;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const beforeCommit = async () => {
    reachedCommit();
    await gate;
  };
  return { isHolding, release, beforeCommit };
}

/** Who holds and who waits for this schema's log lock (eventStore.ts LOCK_LOG), across all connections. */
async function logLockHolders(db: Database): Promise<{ held: number; waiting: number }> {
  // An advisory lock on a bigint key shows as its high and low 32 bits (classid, objid).
  const [row] = await db.query<{ held: number; waiting: number }>(
    `select (count(*) filter (where l.granted))::int as held, (count(*) filter (where not l.granted))::int as waiting
     from pg_locks l, (select hashtext(current_schema() || ':log')::bigint as k) as key
     where l.locktype = 'advisory' and l.objsubid = 1
       and l.database = (select oid from pg_database where datname = current_database())
       and l.classid::text::bigint = (key.k >> 32) & 4294967295
       and l.objid::text::bigint = key.k & 4294967295`,
  );
  return row ?? { held: 0, waiting: 0 };
}

const LOCK_WAIT_TIMEOUT_MS = 10_000;

describe.each(databasesUnderTest().filter((e) => e.name === 'postgres'))(
  'checkpoints with a second pool on the same schema on $name',
  (engine) => {
    const schema = freshSchemaName();
    const url = engine.url ?? '';
    let first: Database;
    let second: Database;
    let server: TestServer;
    let caseworker: SignedIn;
    let manager: SignedIn;
    beforeAll(async () => {
      first = await openDatabase({ kind: 'postgres', url, schema });
      await migrate(first);
      // Another pool, as another server process has: its pushes queue in its own process, so
      // the only thing that can order them against the first pool's is PostgreSQL's lock.
      second = await openDatabase({ kind: 'postgres', url, schema });
      server = await startTestServer(engine, { db: first });
      caseworker = await server.signIn('caseworker');
      manager = await server.signIn('manager');
    });
    afterAll(async () => {
      await server?.close();
      await second?.close();
      await first?.close();
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`drop schema if exists "${schema}" cascade`);
      await admin.end();
    });

    it('blocks a push from another pool at the database lock while one is held open, and a reader skips neither', async () => {
      const start = await pullAll(server, manager, 'cases');
      const pusher: Pusher = {
        account: (await findAccount(first, 'caseworker'))!,
        deviceId: caseworker.deviceId,
      };
      const held = eventEnvelopeSchema.parse(caseLogged(caseworker));
      const other = eventEnvelopeSchema.parse(caseLogged(caseworker));

      // T1, on the first pool: numbered and written, then held open just before COMMIT.
      const hold = holdBeforeCommit();
      const t1 = appendEvents(first, pusher, [held], { beforeCommit: hold.beforeCommit });
      await hold.isHolding;
      // T2, on the second pool: it would take the next numbers and commit first if it could.
      let isT2Done = false;
      const t2 = appendEvents(second, pusher, [other]).finally(() => {
        isT2Done = true;
      });
      // It reaches PostgreSQL's lock and waits there (not in an in-process queue).
      const waitedSince = Date.now();
      let locks = await logLockHolders(first);
      while (locks.waiting === 0 && Date.now() - waitedSince < LOCK_WAIT_TIMEOUT_MS) {
        await settle(50);
        locks = await logLockHolders(first);
      }
      expect(locks).toEqual({ held: 1, waiting: 1 });
      expect(isT2Done).toBe(false);

      // A reader pages meanwhile: PostgreSQL does not make it wait, and it sees neither.
      const between: Page = await pull(server, manager, 'cases', start.checkpoint);
      const betweenIds = between.documents.map((d) => d.id);
      expect(betweenIds).not.toContain(held.stream);
      expect(betweenIds).not.toContain(other.stream);
      expect(isT2Done).toBe(false);

      hold.release();
      expect((await t1).accepted).toEqual([held.id]);
      expect((await t2).accepted).toEqual([other.id]);
      // T2 took its number only once T1 had committed: number order is commit order.
      const rows = await first.query<{ id: string; seq: number }>(
        'select id, seq from events where id = any($1) order by seq',
        [[held.id, other.id]],
      );
      expect(rows.map((r) => r.id)).toEqual([held.id, other.id]);

      // The reader goes on from where it was, and gets both: nothing was paged past.
      const rest = await pullAll(server, manager, 'cases', between.checkpoint);
      const seen = new Set(rest.documents.map((d) => d.id));
      expect(seen.has(held.stream)).toBe(true);
      expect(seen.has(other.stream)).toBe(true);
      expect(await verifyChain(first)).toMatchObject({ ok: true });
    });
  },
);
