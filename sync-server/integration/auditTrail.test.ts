// What the audit trail records beyond the events devices push: an administrator's change of a
// person's roles or teams becomes an accepted, hash-chained event with the administrator as
// actor (and nothing is written when the change is refused); and every accepted step carries
// the name of the device it came from, so anyone's case timeline says "from Jo's iPad".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INFORMATION_RIGHTS_TEAM } from '../../src/domain/principal';
import { streamDocumentSchema } from '../../src/domain/streamDocument';
import type { EventRow } from '../replication/eventRow';
import { verifyChain } from '../replication/hashChain';
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

describe.each(databasesUnderTest())('the audit trail on $name', (engine) => {
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

  const roleChanges = () =>
    server.db.query<EventRow>(
      `select * from events where type = 'directory.roles_changed' order by change_no`,
    );
  const signInOn = async (username: string, deviceName: string): Promise<SignedIn> => {
    const response = await server.call(null, '/api/auth/login', {
      method: 'POST',
      json: { username, password: 'demo', deviceName },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { token: string; deviceId: string; user: { userId: string } };
    return { token: body.token, deviceId: body.deviceId, userId: body.user.userId };
  };

  it('records a change of roles and teams as an accepted event by the administrator', async () => {
    const before = (await roleChanges()).length;
    const response = await server.call(admin, `/api/admin/people/${official.userId}`, {
      method: 'PATCH',
      json: { roles: ['policy_official', 'manager'], teamIds: ['waste-policy', INFORMATION_RIGHTS_TEAM] },
    });
    expect(response.status).toBe(200);

    const recorded = (await roleChanges()).slice(before);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({
      status: 'accepted',
      stream_id: 'org:directory',
      actor: admin.userId,
      device_id: admin.deviceId,
      payload: {
        userId: official.userId,
        rolesBefore: ['policy_official'],
        rolesAfter: ['policy_official', 'manager'],
        teamIdsBefore: ['waste-policy'],
        teamIdsAfter: ['waste-policy', INFORMATION_RIGHTS_TEAM],
      },
    });
    expect(recorded[0]?.seq).toEqual(expect.any(Number));
    expect(await verifyChain(server.db)).toMatchObject({ ok: true });

    // Everyone's directory document shows it on its timeline, in words.
    const directory = (await pullAll(server, caseworker, 'directory')).documents.find(
      (d) => d.id === 'org:directory',
    );
    expect(streamDocumentSchema.safeParse(directory).error).toBeUndefined();
    const entry = streamDocumentSchema.parse(directory).timeline.find((t) => t.eventId === recorded[0]?.id);
    expect(entry).toMatchObject({ actor: admin.userId, type: 'directory.roles_changed' });
    expect(entry?.summary).toMatch(
      /^Changed .+’s roles from policy official to policy official and manager, and teams from waste-policy to waste-policy and information-rights$/,
    );

    // Put back, and that too is recorded, the chain still whole.
    await server.call(admin, `/api/admin/people/${official.userId}`, {
      method: 'PATCH',
      json: { roles: ['policy_official'], teamIds: ['waste-policy'] },
    });
    const putBack = (await roleChanges()).slice(before);
    expect(putBack.map((e) => e.payload.rolesAfter)).toEqual([
      ['policy_official', 'manager'],
      ['policy_official'],
    ]);
    expect(await verifyChain(server.db)).toMatchObject({ ok: true });
  });

  it('writes nothing when someone who is not an administrator tries', async () => {
    const before = await roleChanges();
    const refused = await server.call(caseworker, `/api/admin/people/${official.userId}`, {
      method: 'PATCH',
      json: { roles: ['administrator'] },
    });
    expect(refused.status).toBe(403);
    expect(await roleChanges()).toEqual(before);
    const [row] = await server.db.query<{ roles: string[] }>('select roles from users where user_id = $1', [
      official.userId,
    ]);
    expect(row?.roles).toEqual(['policy_official']);
  });

  it('does not let a device send such a record itself', async () => {
    const before = await roleChanges();
    const forged = eventOn(admin, 'org:directory', 'directory.roles_changed', {
      userId: official.userId,
      rolesBefore: ['policy_official'],
      rolesAfter: ['administrator'],
      teamIdsBefore: [],
      teamIdsAfter: [],
    });
    const response = await push(server, admin, [forged]);
    expect(response.status).toBe(422);
    expect(await roleChanges()).toEqual(before);
  });

  it.each(['directory.password_reset', 'directory.sign_in_unlinked'])(
    'does not let a device send a %s record either',
    async (type) => {
      const forged = eventOn(admin, 'org:directory', type, { userId: official.userId });
      const response = await push(server, admin, [forged]);
      expect(response.status).toBe(422);
      const rows = await server.db.query('select id from events where type = $1', [type]);
      expect(rows).toEqual([]);
    },
  );

  it("names the device each step came from on everyone's timeline", async () => {
    const jo = await signInOn('caseworker', 'Jo’s iPad');
    const logged = caseLogged(jo);
    const note = eventOn(jo, logged.stream, 'note.added', { noteId: 'n1', text: 'Rang the requester.' });
    expect((await push(server, jo, [logged, note])).status).toBe(200);
    // The manager is another person on another device; they see ordinary cases.
    const manager = await server.signIn('manager');
    const seen = (await pullAll(server, manager, 'cases')).documents.find((d) => d.id === logged.stream);
    const timeline = streamDocumentSchema.parse(seen).timeline;
    expect(timeline.map((t) => [t.eventId, t.deviceId, t.deviceName])).toEqual([
      [logged.id, jo.deviceId, 'Jo’s iPad'],
      [note.id, jo.deviceId, 'Jo’s iPad'],
    ]);
  });
});
