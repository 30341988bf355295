// Events up, documents down, on each database: pushes judged by the domain, idempotent by id,
// refusals kept for their author, permanent references, partial replication (grants bring old
// documents, withdrawals send deletions) and the tamper-evident chain.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../replication/hashChain';
import { databasesUnderTest } from '../testing/databases';
import {
  caseLogged,
  eventOn,
  pull,
  pullAll,
  push,
  type SignedIn,
  startTestServer,
  type TestServer,
} from '../testing/server';

const allocation = (to: string) => ({
  allocationId: `alloc-${to}-${Math.random().toString(36).slice(2, 8)}`,
  to,
  teamId: 'waste-policy',
  service: 'Waste policy',
});

describe.each(databasesUnderTest())('replication on $name', (engine) => {
  let server: TestServer;
  let caseworker: SignedIn;
  let official: SignedIn;
  beforeAll(async () => {
    server = await startTestServer(engine);
    caseworker = await server.signIn('caseworker');
    official = await server.signIn('official');
  });
  afterAll(() => server?.close());

  it('accepts a logged case, gives it a permanent reference, and sends the case document down', async () => {
    const logged = caseLogged(caseworker);
    const response = await push(server, caseworker, [logged]);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual([]);

    const outbox = await pull(server, caseworker, 'events');
    const mine = outbox.documents.find((d) => d.id === logged.id)!;
    expect(mine).toMatchObject({ status: 'accepted', _deleted: true, reason: null });
    expect(mine.seq).toEqual(expect.any(Number));

    const { documents } = await pullAll(server, caseworker, 'cases');
    const doc = documents.find((d) => d.id === logged.stream)!;
    expect(doc.reference).toMatch(/^FOI-\d{4}-\d{5}$/);
    expect(doc._deleted).toBe(false);
    expect(doc.collection).toBe('cases');
    expect(
      (doc.timeline as { eventId: string; actorName: string }[]).map((t) => [t.eventId, t.actorName]),
    ).toEqual([[logged.id, 'Sam Okafor']]);
  });

  it('keeps text exactly as typed, quotes and all (the write travels as SQL literals)', async () => {
    const logged = caseLogged(caseworker);
    const text = `O'Brien's reply: '' \\ $1 $$ "quoted" ’curly’ \u00e9 ${'x'.repeat(300)}`;
    const note = eventOn(caseworker, logged.stream, 'note.added', { noteId: 'quotes', text });
    expect((await push(server, caseworker, [logged, note])).status).toBe(200);
    const doc = (await pullAll(server, caseworker, 'cases')).documents.find((d) => d.id === logged.stream)!;
    const entry = (doc.timeline as { eventId: string; payload: { text?: string } }[]).find(
      (t) => t.eventId === note.id,
    );
    expect(entry?.payload.text).toBe(text);
    const [row] = await server.db.query<{ payload: { text: string } }>(
      'select payload from events where id = $1',
      [note.id],
    );
    expect(row?.payload.text).toBe(text);
    expect(await verifyChain(server.db)).toMatchObject({ ok: true });
  });

  it('numbers permanent references one after another per type and year', async () => {
    const first = caseLogged(caseworker);
    const second = caseLogged(caseworker);
    await push(server, caseworker, [first, second]);
    const { documents } = await pullAll(server, caseworker, 'cases');
    const ref = (stream: string) => String(documents.findLast((d) => d.id === stream)!.reference);
    const n = (r: string) => Number(r.split('-')[2]);
    expect(n(ref(second.stream))).toBe(n(ref(first.stream)) + 1);
  });

  it('is harmless to push the same event twice', async () => {
    const logged = caseLogged(caseworker);
    await push(server, caseworker, [logged]);
    const before = await server.db.query<{ n: number }>('select count(*)::int as n from events');
    const again = await push(server, caseworker, [logged, logged]);
    expect(again.status).toBe(200);
    const after = await server.db.query<{ n: number }>('select count(*)::int as n from events');
    expect(after[0]!.n).toBe(before[0]!.n);
    // The answer says how it went, so a device that missed the first answer can settle its outbox.
    expect(await again.json()).toEqual([
      expect.objectContaining({ id: logged.id, status: 'accepted', _deleted: true }),
    ]);
  });

  it('tells a person sending again, from another session, how their change went, and nobody else', async () => {
    const logged = caseLogged(caseworker);
    const refused = { ...caseLogged(caseworker), actor: 'manager' };
    await push(server, caseworker, [logged, refused]);
    // The same person signed in afresh, their device sending what its last session had sent.
    const later = await server.signIn('caseworker');
    const again = await push(
      server,
      later,
      [logged, refused].map((e) => ({ ...e, deviceId: later.deviceId })),
    );
    expect(((await again.json()) as { id: string; status: string }[]).map((d) => [d.id, d.status])).toEqual(
      expect.arrayContaining([
        [logged.id, 'accepted'],
        [refused.id, 'rejected'],
      ]),
    );
    // Someone else sending those ids learns nothing of them.
    const other = await server.signIn('official');
    const guessed = await push(server, other, [{ ...logged, actor: other.userId, deviceId: other.deviceId }]);
    expect(await guessed.json()).toEqual([]);
  });

  it('keeps an event in someone else’s name as rejected, visible to the device that sent it', async () => {
    const forged = { ...caseLogged(caseworker), actor: 'manager' };
    await push(server, caseworker, [forged]);
    const { documents } = await pullAll(server, caseworker, 'events');
    const refused = documents.find((d) => d.id === forged.id)!;
    expect(refused).toMatchObject({ status: 'rejected', _deleted: false, seq: null });
    expect(refused.reason).toMatch(/your own name/);
    // Nobody else's outbox hears of it, and no case was made.
    const managerDevice = await server.signIn('manager');
    expect((await pullAll(server, managerDevice, 'events')).documents).toEqual([]);
    expect(
      (await pullAll(server, managerDevice, 'cases')).documents.some((d) => d.id === forged.stream),
    ).toBe(false);
  });

  it('refuses an event made on another device session', async () => {
    const elsewhere = { ...caseLogged(caseworker), deviceId: 'some-other-device' };
    await push(server, caseworker, [elsewhere]);
    const { documents } = await pullAll(server, caseworker, 'events');
    expect(documents.find((d) => d.id === elsewhere.id)).toMatchObject({ status: 'rejected' });
  });

  it('sends a case to an official only once it is allocated to them, with its whole history', async () => {
    const start = await pullAll(server, official, 'cases');
    const logged = caseLogged(caseworker);
    await push(server, caseworker, [logged]);
    const unseen = await pullAll(server, official, 'cases', start.checkpoint);
    expect(unseen.documents.some((d) => d.id === logged.stream)).toBe(false);

    const allocated = eventOn(caseworker, logged.stream, 'case.allocated', allocation('official'));
    await push(server, caseworker, [allocated]);
    const granted = await pullAll(server, official, 'cases', unseen.checkpoint);
    const doc = granted.documents.find((d) => d.id === logged.stream)!;
    expect(doc._deleted).toBe(false);
    expect((doc.timeline as { eventId: string }[]).map((t) => t.eventId)).toEqual([logged.id, allocated.id]);
  });

  it('deletes a case from an official’s device when it is allocated away from them', async () => {
    const logged = caseLogged(caseworker);
    const first = allocation('official');
    await push(server, caseworker, [logged, eventOn(caseworker, logged.stream, 'case.allocated', first)]);
    const seen = await pullAll(server, official, 'cases');
    expect(seen.documents.findLast((d) => d.id === logged.stream)?._deleted).toBe(false);

    const away = eventOn(caseworker, logged.stream, 'case.reallocated', {
      ...allocation('clearance'),
      allocationId: first.allocationId,
      newAllocationId: 'alloc-away',
      reason: 'Belongs with the clearance team',
    });
    await push(server, caseworker, [away]);
    const after = await pullAll(server, official, 'cases', seen.checkpoint);
    const gone = after.documents.find((d) => d.id === logged.stream)!;
    expect(gone._deleted).toBe(true);
    // Nothing of the case travels with the deletion.
    expect(gone.timeline).toEqual([]);
    expect(gone.state).toEqual({});
  });

  it('chains every accepted event to the one before, and notices tampering', async () => {
    expect(await verifyChain(server.db)).toMatchObject({ ok: true });
    const [row] = await server.db.query<{ id: string; payload: Record<string, unknown> }>(
      `select id, payload from events where status = 'accepted' order by seq limit 1`,
    );
    await server.db.query('update events set payload = $2 where id = $1', [
      row!.id,
      JSON.stringify({ ...row!.payload, subject: 'Changed later' }),
    ]);
    const report = await verifyChain(server.db);
    expect(report).toMatchObject({ ok: false, brokenAtSeq: 1 });
    await server.db.query('update events set payload = $2 where id = $1', [
      row!.id,
      JSON.stringify(row!.payload),
    ]);
    expect(await verifyChain(server.db)).toMatchObject({ ok: true });
  });

  it('notices an accepted event removed from the end of the log', async () => {
    await push(server, caseworker, [caseLogged(caseworker)]);
    const [last] = await server.db.query<{ id: string }>(
      `select id from events where status = 'accepted' order by seq desc limit 1`,
    );
    const saved = await server.db.query(`select * from events where id = $1`, [last!.id]);
    await server.db.query('delete from events where id = $1', [last!.id]);
    expect(await verifyChain(server.db)).toMatchObject({ ok: false });
    const columns = Object.keys(saved[0]!);
    await server.db.query(
      `insert into events (${columns.join(', ')}) values (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
      columns.map((c) => {
        const v = saved[0]![c];
        return c === 'payload' ? JSON.stringify(v) : v;
      }),
    );
    expect(await verifyChain(server.db)).toMatchObject({ ok: true });
  });
});
