// The sequence-gap problem: with concurrent writers, a reader must never page past a change
// that commits later with a lower number. Proved by holding one push's transaction open while
// another push tries to commit and a reader pulls in between; then under many concurrent pushes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventEnvelopeSchema } from '../../src/domain/events/envelope';
import { findAccount } from '../accounts/users';
import { appendEvents } from '../replication/eventStore';
import { verifyChain } from '../replication/hashChain';
import { databasesUnderTest } from '../testing/databases';
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

    let reachedCommit!: () => void;
    const isHolding = new Promise<void>((resolve) => {
      reachedCommit = resolve;
    });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    // T1: stamped and written, then held open just before COMMIT.
    const first = appendEvents(
      server.db,
      { account, deviceId: caseworker.deviceId },
      [eventEnvelopeSchema.parse(held)],
      {
        beforeCommit: async () => {
          reachedCommit();
          await gate;
        },
      },
    );
    await isHolding;
    // T2: a second push, which would take the next numbers and commit first if it could.
    const second = push(server, caseworker, [other]);
    await Promise.race([second, settle(500)]);
    // A reader pulls while T1 is open (on PGlite this waits for T1: one connection).
    const between = pull(server, manager, 'cases', start.checkpoint);
    await Promise.race([between, settle(300)]);
    release();
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
