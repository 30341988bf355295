// Every person pulls each stream they may see as one document, its whole timeline included, so
// no one may grow a stream without end: a change that would take a case or an organisation
// stream over CLEARWAY_MAX_STREAM_MB is refused, and its author is told why, in words. The
// servers here have a cap of 0.1 MB, so a few large pushes reach it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_BUDGET_CHARS } from '../replication/pull';
import type { Database } from '../storage/database';
import { databasesUnderTest } from '../testing/databases';
import {
  caseLogged,
  eventOn,
  pullAll,
  push,
  type SignedIn,
  startTestServer,
  type TestServer,
} from '../testing/server';

const CAP_MB = 0.1;
const CAP_CHARS = Math.floor(CAP_MB * 1024 * 1024);
const env = { CLEARWAY_MAX_STREAM_MB: String(CAP_MB) };
// 11,008 characters: an event carrying it counts about 22,500 (its state's copy and its timeline
// entry's, streamSize.ts), so four fit under the cap of 104,857 and a fifth does not.
const BODY = 'Dear requester. '.repeat(688);

describe.each(databasesUnderTest())('a stream that has grown too large, on $name', (engine) => {
  let db: Database;
  let server: TestServer;
  let caseworker: SignedIn;
  let official: SignedIn;
  beforeAll(async () => {
    db = await engine.open();
    server = await startTestServer(engine, { db, env });
    caseworker = await server.signIn('caseworker');
    official = await server.signIn('official');
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  const template = (who: SignedIn, n: number) =>
    eventOn(who, 'org:templates', 'template.saved', {
      templateId: `big-${n}-${crypto.randomUUID()}`,
      name: `Template ${n}`,
      caseTypes: ['foi'],
      body: BODY,
    });

  /** What the author's device hears back for these events: accepted, or refused and why. */
  async function outcomes(who: SignedIn, events: { id: string }[]) {
    const { documents } = await pullAll(server, who, 'events');
    return events.map((e) => {
      const found = documents.findLast((d) => d.id === e.id);
      return found?.status === 'rejected' ? String(found.reason) : found?.status;
    });
  }

  /** The text a person's device receives for one stream: its document, timeline and all. */
  async function pulledText(who: SignedIn, collection: string, id: string): Promise<string> {
    const response = await server.call(who, `/api/replication/${collection}/pull?batchSize=1000`);
    const page = (await response.json()) as { documents: { id: string }[] };
    const doc = page.documents.find((d) => d.id === id);
    if (!doc) throw new Error(`${id} was not pulled.`);
    return JSON.stringify(doc);
  }

  it('refuses the templates that would take the template library over, keeps the earlier ones, and says why', async () => {
    const first = Array.from({ length: 3 }, (_, n) => template(caseworker, n));
    const second = Array.from({ length: 5 }, (_, n) => template(caseworker, 3 + n));
    expect((await push(server, caseworker, first)).status).toBe(200);
    expect((await push(server, caseworker, second)).status).toBe(200);

    const said = await outcomes(caseworker, [...first, ...second]);
    const accepted = said.filter((s) => s === 'accepted').length;
    expect(said).toEqual([
      ...Array(accepted).fill('accepted'),
      ...Array(8 - accepted).fill(
        'The template library has grown too large to take more (over 0.1 MB). Smaller changes, such as retiring a template, still go through; for more room, ask your administrator.',
      ),
    ]);
    expect(accepted).toBe(4);

    // What every person pulls stays under the cap, and the guard did not stop far short of it.
    const pulled = await pulledText(official, 'templates', 'org:templates');
    expect(pulled.length).toBeLessThanOrEqual(CAP_CHARS);
    expect(pulled.length).toBeGreaterThan(CAP_CHARS - 30_000);
    // The refused ones are on nobody's timeline.
    const timeline = (JSON.parse(pulled) as { timeline: { eventId: string }[] }).timeline.map(
      (t) => t.eventId,
    );
    expect(second.slice(1).some((e) => timeline.includes(e.id))).toBe(false);
  });

  it('refuses the note that would take a case over, telling its author to attach the material instead', async () => {
    const logged = caseLogged(caseworker);
    const notes = Array.from({ length: 8 }, (_, n) =>
      eventOn(caseworker, logged.stream, 'note.added', { noteId: `n${n}`, text: BODY }),
    );
    expect((await push(server, caseworker, [logged, ...notes])).status).toBe(200);

    const said = await outcomes(caseworker, [logged, ...notes]);
    // The case and four notes; then no more.
    expect(said.slice(0, 5)).toEqual(Array(5).fill('accepted'));
    expect(said.slice(5)).toEqual(
      Array(4).fill(
        'This case has grown too large to take more (over 0.1 MB). Attach large material as a document instead.',
      ),
    );
    expect((await pulledText(caseworker, 'cases', logged.stream)).length).toBeLessThanOrEqual(CAP_CHARS);
  });

  it('still takes small changes on a full case, such as a short note or withdrawing it, up to twice the cap', async () => {
    const logged = caseLogged(caseworker);
    const notes = Array.from({ length: 5 }, (_, n) =>
      eventOn(caseworker, logged.stream, 'note.added', { noteId: `full-${n}`, text: BODY }),
    );
    expect((await push(server, caseworker, [logged, ...notes])).status).toBe(200);
    expect((await outcomes(caseworker, notes)).at(-1)).toMatch(/^This case has grown too large to take more/);

    // Full for large material, not for small changes: the case can still be chased and ended.
    const chased = eventOn(caseworker, logged.stream, 'note.added', { noteId: 'chased', text: 'Chased.' });
    const withdrawn = eventOn(caseworker, logged.stream, 'case.withdrawn', {
      reason: 'The requester withdrew it',
    });
    expect((await push(server, caseworker, [chased, withdrawn])).status).toBe(200);
    expect(await outcomes(caseworker, [chased, withdrawn])).toEqual(['accepted', 'accepted']);
    // Well past the cap, small changes still go through...
    await db.query(`update streams set size_chars = $1 where stream_id = $2`, [
      Math.floor(CAP_CHARS * 1.5),
      logged.stream,
    ]);
    const later = eventOn(caseworker, logged.stream, 'note.added', { noteId: 'later', text: 'Filed.' });
    expect((await push(server, caseworker, [later])).status).toBe(200);
    expect(await outcomes(caseworker, [later])).toEqual(['accepted']);
    // ...until the hard ceiling, twice the cap, past which nothing does.
    await db.query(`update streams set size_chars = $1 where stream_id = $2`, [
      2 * CAP_CHARS - 100,
      logged.stream,
    ]);
    const last = eventOn(caseworker, logged.stream, 'note.added', { noteId: 'last', text: 'Filed.' });
    expect((await push(server, caseworker, [last])).status).toBe(200);
    expect(await outcomes(caseworker, [last])).toEqual([
      'This case has grown too large to take any more changes (over 0.2 MB). Ask your administrator.',
    ]);
  });

  it('counts on from the size the log stored, on a server started afresh on the same database', async () => {
    const logged = caseLogged(caseworker);
    const note = (n: number) =>
      eventOn(caseworker, logged.stream, 'note.added', { noteId: `again-${n}`, text: BODY });
    const filled = [logged, note(1), note(2), note(3)];
    expect((await push(server, caseworker, filled)).status).toBe(200);
    expect(await outcomes(caseworker, filled)).toEqual(Array(4).fill('accepted'));

    await server.close();
    server = await startTestServer(engine, { db, env });
    caseworker = await server.signIn('caseworker');
    official = await server.signIn('official');
    // From nothing it would fit; on top of the three notes the case holds, it does not.
    const fourth = note(4);
    const fifth = note(5);
    expect((await push(server, caseworker, [fourth])).status).toBe(200);
    expect((await push(server, caseworker, [fifth])).status).toBe(200);
    expect(await outcomes(caseworker, [fourth, fifth])).toEqual([
      'accepted',
      expect.stringMatching(/^This case has grown too large/),
    ]);
  });

  it('takes the size from the store, not from what this process saw', async () => {
    const logged = caseLogged(caseworker);
    expect((await push(server, caseworker, [logged])).status).toBe(200);
    // As another server process on the same database would have left it.
    await db.query(`update streams set size_chars = $1 where stream_id = $2`, [
      CAP_CHARS - 100,
      logged.stream,
    ]);
    const large = eventOn(caseworker, logged.stream, 'note.added', { noteId: 'large', text: BODY });
    await push(server, caseworker, [large]);
    expect(await outcomes(caseworker, [large])).toEqual([
      expect.stringMatching(/^This case has grown too large/),
    ]);
  });

  it('still records what the server itself records, such as who was given which roles, on a full directory', async () => {
    const admin = await server.signIn('admin');
    const area = eventOn(admin, 'org:directory', 'directory.policy_area_saved', {
      policyAreaId: `area-${crypto.randomUUID()}`,
      name: 'Waste',
    });
    expect((await push(server, admin, [area])).status).toBe(200);
    expect(await outcomes(admin, [area])).toEqual(['accepted']);
    // At the hard ceiling, where even a small change is refused.
    await db.query(`update streams set size_chars = $1 where stream_id = 'org:directory'`, [2 * CAP_CHARS]);

    // A device's change is refused...
    const another = eventOn(admin, 'org:directory', 'directory.policy_area_saved', {
      policyAreaId: `area-${crypto.randomUUID()}`,
      name: 'Roads',
    });
    await push(server, admin, [another]);
    expect(await outcomes(admin, [another])).toEqual([
      'The directory has grown too large to take any more changes (over 0.2 MB). Ask your administrator.',
    ]);
    // ...but a person added by an administrator is added, with the record of who gave them what.
    const added = await server.call(admin, '/api/admin/accounts', {
      method: 'POST',
      json: {
        username: 'rowan',
        displayName: 'Rowan Vale',
        roles: ['contributor'],
        password: 'a long passphrase here',
      },
    });
    expect(added.status).toBe(201);
    const [recorded] = await db.query<{ n: number }>(
      `select count(*)::int as n from events
       where stream_id = 'org:directory' and type = 'directory.roles_changed' and status = 'accepted'
         and payload->>'userId' = (select user_id from users where username = 'rowan')`,
    );
    expect(recorded?.n).toBe(1);
  });

  it('ends a pull page early when its documents are large, and the next page carries on', async () => {
    const { checkpoint } = await pullAll(server, caseworker, 'cases');
    const logged = [caseLogged(caseworker), caseLogged(caseworker), caseLogged(caseworker)];
    for (const event of logged) expect((await push(server, caseworker, [event])).status).toBe(200);
    // As if the first two were each well over half of a page's budget.
    await db.query(`update streams set size_chars = $1 where stream_id = any($2)`, [
      Math.ceil(PAGE_BUDGET_CHARS * 0.6),
      [logged[0]!.stream, logged[1]!.stream],
    ]);
    const ids = async (since: unknown) => {
      const query = since ? `&checkpoint=${encodeURIComponent(JSON.stringify(since))}` : '';
      const response = await server.call(caseworker, `/api/replication/cases/pull?batchSize=1000${query}`);
      return (await response.json()) as {
        documents: { id: string }[];
        checkpoint: unknown;
        hasMore?: boolean;
      };
    };
    const first = await ids(checkpoint);
    expect(first.documents.map((d) => d.id)).toEqual([logged[0]!.stream]);
    // Short, but not the last: a device takes a short page as the end unless told otherwise.
    expect(first.hasMore).toBe(true);
    const second = await ids(first.checkpoint);
    expect(second.documents.map((d) => d.id)).toEqual([logged[1]!.stream, logged[2]!.stream]);
    expect(second.hasMore).toBeUndefined();
  });
});
