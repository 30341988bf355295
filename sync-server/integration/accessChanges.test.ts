// Access follows who a person is: when an administrator puts someone in a team (or takes them
// out), their next pull brings that team's cases (or deletes them), however long ago the cases
// last changed, and their open event stream is told to pull. A push judged against people as
// they were before such a change is judged again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INFORMATION_RIGHTS_TEAM } from '../../src/domain/principal';
import { streamDocumentSchema } from '../../src/domain/streamDocument';
import { lockLog } from '../replication/eventStore';
import { databasesUnderTest } from '../testing/databases';
import { openEventStream } from '../testing/eventStream';
import {
  caseLogged,
  eventOn,
  type Page,
  pullAll,
  push,
  type SignedIn,
  startTestServer,
  type TestServer,
} from '../testing/server';

const isCasesNotice = (d: unknown) => (d as { collection?: string }).collection === 'cases';

describe.each(databasesUnderTest())('access after a change of teams on $name', (engine) => {
  let server: TestServer;
  let admin: SignedIn;
  let caseworker: SignedIn;
  let official: SignedIn;
  beforeAll(async () => {
    server = await startTestServer(engine);
    admin = await server.signIn('admin');
    caseworker = await server.signIn('caseworker');
    official = await server.signIn('official');
  });
  afterAll(() => server?.close());

  const changeTeams = (who: SignedIn, userId: string, teamIds: string[]) =>
    server.call(who, `/api/admin/people/${userId}`, { method: 'PATCH', json: { teamIds } });

  it('brings the team’s cases when a person joins it, and deletes them when they leave', async () => {
    const logged = caseLogged(caseworker);
    expect((await push(server, caseworker, [logged])).status).toBe(200);
    const before = await pullAll(server, official, 'cases');
    expect(before.documents.map((d) => d.id)).not.toContain(logged.stream);

    const stream = await openEventStream(`${server.url}/api/replication/events/stream`, {
      authorization: `Bearer ${official.token}`,
    });
    try {
      await stream.next((d) => d === 'RESYNC');
      const joined = await changeTeams(admin, official.userId, ['waste-policy', INFORMATION_RIGHTS_TEAM]);
      expect(joined.status).toBe(200);
      expect(await joined.json()).toMatchObject({ teamIds: ['waste-policy', INFORMATION_RIGHTS_TEAM] });
      expect(await stream.next(isCasesNotice)).toMatchObject({ collection: 'cases' });
    } finally {
      stream.close();
    }
    const granted = await pullAll(server, official, 'cases', before.checkpoint);
    const arrived = granted.documents.find((d) => d.id === logged.stream);
    expect(arrived).toMatchObject({ _deleted: false, status: expect.any(String) });
    expect(((arrived?.timeline ?? []) as { eventId: string }[]).map((t) => t.eventId)).toEqual([logged.id]);

    expect((await changeTeams(admin, official.userId, ['waste-policy'])).status).toBe(200);
    const withdrawn = await pullAll(server, official, 'cases', granted.checkpoint);
    const gone = withdrawn.documents.find((d) => d.id === logged.stream);
    expect(gone).toMatchObject({ _deleted: true, timeline: [], state: {} });
    // Both as the device's schema has them.
    expect(streamDocumentSchema.safeParse(arrived).error).toBeUndefined();
    expect(streamDocumentSchema.safeParse(gone).error).toBeUndefined();

    // Work goes on on the case: what the person who lost it is sent says nothing of that.
    const note = eventOn(caseworker, logged.stream, 'note.added', { noteId: 'after', text: 'Chased.' });
    expect((await push(server, caseworker, [note])).status).toBe(200);
    const later = await pullAll(server, official, 'cases');
    expect(later.documents.find((d) => d.id === logged.stream)).toEqual(gone);
    expect(gone).toMatchObject({ lastSeq: 0, updatedAt: '' });
  });

  it('changes nothing for the person when their access is the same', async () => {
    const { checkpoint } = await pullAll(server, official, 'cases');
    expect((await changeTeams(admin, official.userId, ['waste-policy', 'another-policy-team'])).status).toBe(
      200,
    );
    expect((await pullAll(server, official, 'cases', checkpoint)).documents).toEqual([]);
  });

  it('gives a role’s sight with the role: a manager sees ordinary cases', async () => {
    const logged = caseLogged(caseworker);
    await push(server, caseworker, [logged]);
    const { checkpoint } = await pullAll(server, official, 'cases');
    const response = await server.call(admin, `/api/admin/people/${official.userId}`, {
      method: 'PATCH',
      json: { roles: ['policy_official', 'manager'] },
    });
    expect(response.status).toBe(200);
    const after = await pullAll(server, official, 'cases', checkpoint);
    expect(after.documents.map((d) => d.id)).toContain(logged.stream);
    await server.call(admin, `/api/admin/people/${official.userId}`, {
      method: 'PATCH',
      json: { roles: ['policy_official'] },
    });
  });

  it('lets only an administrator change people, and says so', async () => {
    const refused = await changeTeams(caseworker, official.userId, [INFORMATION_RIGHTS_TEAM]);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: 'forbidden' });
    expect((await changeTeams(admin, 'nobody-here', [])).status).toBe(404);
    const empty = await server.call(admin, `/api/admin/people/${official.userId}`, {
      method: 'PATCH',
      json: {},
    });
    expect(empty.status).toBe(400);
    const noRoles = await server.call(admin, `/api/admin/people/${official.userId}`, {
      method: 'PATCH',
      json: { roles: [] },
    });
    expect(noRoles.status).toBe(400);
  });
});

const postgres = databasesUnderTest().filter((e) => e.name === 'postgres');

describe.each(postgres)('a push that read people before they changed, on $name', (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(engine);
  });
  afterAll(() => server?.close());

  /** How many transactions wait for this schema's log lock. */
  const waitingForLog = async () => {
    const [row] = await server.db.query<{ n: number }>(
      `select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted
         and objid::bigint = (hashtext(current_schema() || ':log')::bigint & 4294967295)`,
    );
    return row?.n ?? 0;
  };
  const until = async (condition: () => Promise<boolean>) => {
    while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 10));
  };

  it('works out who sees the new case with the person as they are now', async () => {
    const admin = await server.signIn('admin');
    const caseworker = await server.signIn('caseworker');
    const official = await server.signIn('official');
    const { checkpoint } = await pullAll(server, official, 'cases');
    // Hold the log so the change of teams queues first and the push reads people while it waits.
    let release = () => {};
    let isHeld = false;
    const holding = server.db.transaction(async (tx) => {
      await lockLog(tx);
      isHeld = true;
      await new Promise<void>((resolve) => {
        release = resolve;
      });
    });
    await until(async () => isHeld);
    const joining = server.call(admin, `/api/admin/people/${official.userId}`, {
      method: 'PATCH',
      json: { teamIds: [INFORMATION_RIGHTS_TEAM] },
    });
    await until(async () => (await waitingForLog()) === 1);
    const logged = caseLogged(caseworker);
    const pushing = push(server, caseworker, [logged]);
    await until(async () => (await waitingForLog()) === 2);
    release();
    await holding;
    expect((await joining).status).toBe(200);
    expect((await pushing).status).toBe(200);
    const after = await pullAll(server, official, 'cases', checkpoint as Page['checkpoint']);
    expect(after.documents.find((d) => d.id === logged.stream)).toMatchObject({ _deleted: false });
  });
});
