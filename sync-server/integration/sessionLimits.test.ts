// A device session ends on the server, not only in the cookie: one not used for longer than
// CLEARWAY_SESSION_IDLE_DAYS is refused (401 session_expired, which does not tell the device to
// wipe), while a device in use is never refused. A password change signs out the person's other
// devices (they are revoked, and wipe at their next call); an administrator's reset signs out all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databasesUnderTest } from '../testing/databases';
import { type SignedIn, startTestServer, type TestServer } from '../testing/server';

const LONG = 'correct horse battery staple';

describe.each(databasesUnderTest())('sessions that end on $name', (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(engine, { env: { CLEARWAY_SESSION_IDLE_DAYS: '10' } });
  });
  afterAll(() => server?.close());

  /** As if the device was last used `days` ago (and signed in long before). */
  const lastUsed = (who: SignedIn, days: number) =>
    server.db.query(
      `update device_sessions set created_at = now() - interval '400 days',
         last_seen_at = now() - make_interval(days => $2) where device_id = $1`,
      [who.deviceId, days],
    );
  const answer = async (who: SignedIn) => {
    const response = await server.call(who, '/api/me');
    return { status: response.status, error: response.ok ? null : ((await response.json()).error as string) };
  };

  it('signs out a device left unused for longer than the limit, in plain words, without wiping it', async () => {
    const tablet = await server.signIn('official');
    await lastUsed(tablet, 11);
    const refused = await server.call(tablet, '/api/replication/cases/pull?checkpoint=');
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({
      error: 'session_expired',
      message:
        'You have not used Clearway on this device for more than 10 days, so you have been signed out. Sign in again.',
    });
    // Still refused: being refused is not being used.
    expect(await answer(tablet)).toEqual({ status: 401, error: 'session_expired' });
    // Not revoked: a revoked device wipes what it holds, unsent changes with it.
    const [row] = await server.db.query<{ revoked_at: Date | null }>(
      'select revoked_at from device_sessions where device_id = $1',
      [tablet.deviceId],
    );
    expect(row?.revoked_at).toBeNull();
    // Signing in again on it works.
    expect((await answer(await server.signIn('official'))).status).toBe(200);
  });

  it('keeps a device in use signed in however long ago it signed in', async () => {
    const laptop = await server.signIn('caseworker');
    await lastUsed(laptop, 9);
    expect(await answer(laptop)).toEqual({ status: 200, error: null });
    // That use counts: nine more days later it is still within the limit.
    await server.db.query(
      `update device_sessions set last_seen_at = last_seen_at - interval '9 days' where device_id = $1`,
      [laptop.deviceId],
    );
    expect(await answer(laptop)).toEqual({ status: 200, error: null });
  });

  it('is 90 days unless set', async () => {
    const other = await startTestServer(engine, { db: server.db });
    try {
      const tablet = await other.signIn('manager');
      await lastUsed(tablet, 89);
      expect((await other.call(tablet, '/api/me')).status).toBe(200);
      await lastUsed(tablet, 91);
      const refused = await other.call(tablet, '/api/me');
      expect(refused.status).toBe(401);
      expect((await refused.json()).message).toMatch(/for more than 90 days/);
    } finally {
      await other.close();
    }
  });

  it('signs out a person’s other devices when they change their password and ask for it, not the one they use', async () => {
    const admin = await server.signIn('admin');
    const added = await server.call(admin, '/api/admin/accounts', {
      method: 'POST',
      json: { username: 'jo', displayName: 'Jo Hart', roles: ['case_worker'], password: LONG },
    });
    expect(added.status).toBe(201);
    const desk = await server.signIn('jo', LONG);
    const phone = await server.signIn('jo', LONG);
    const tablet = await server.signIn('jo', LONG);
    const someoneElse = await server.signIn('manager');
    // A routine change leaves the other devices (and their changes not yet sent) as they are.
    const routine = await server.call(desk, '/api/me/password', {
      method: 'PUT',
      json: { currentPassword: LONG, newPassword: 'a routine long passphrase' },
    });
    expect(routine.status).toBe(204);
    expect(await answer(phone)).toEqual({ status: 200, error: null });
    const changed = await server.call(desk, '/api/me/password', {
      method: 'PUT',
      json: {
        currentPassword: 'a routine long passphrase',
        newPassword: 'a new long passphrase',
        signOutOtherDevices: true,
      },
    });
    expect(changed.status).toBe(204);
    expect(await answer(desk)).toEqual({ status: 200, error: null });
    expect(await answer(phone)).toEqual({ status: 401, error: 'device_revoked' });
    expect(await answer(tablet)).toEqual({ status: 401, error: 'device_revoked' });
    expect(await answer(someoneElse)).toEqual({ status: 200, error: null });
  });

  it('signs out every device of a person whose password an administrator resets, when asked to', async () => {
    const admin = await server.signIn('admin');
    const added = await server.call(admin, '/api/admin/accounts', {
      method: 'POST',
      json: { username: 'kit', displayName: 'Kit Moss', roles: ['case_worker'], password: LONG },
    });
    const { userId } = (await added.json()) as { userId: string };
    const desk = await server.signIn('kit', LONG);
    const phone = await server.signIn('kit', LONG);
    // A forgotten password is not a stolen one: by default the devices stay signed in.
    const forgotten = await server.call(admin, `/api/admin/accounts/${userId}/password`, {
      method: 'PUT',
      json: { password: 'a forgotten long passphrase' },
    });
    expect(forgotten.status).toBe(204);
    expect(await answer(desk)).toEqual({ status: 200, error: null });
    const reset = await server.call(admin, `/api/admin/accounts/${userId}/password`, {
      method: 'PUT',
      json: { password: 'a reset long passphrase', signOutDevices: true },
    });
    expect(reset.status).toBe(204);
    expect(await answer(desk)).toEqual({ status: 401, error: 'device_revoked' });
    expect(await answer(phone)).toEqual({ status: 401, error: 'device_revoked' });
    expect(await answer(admin)).toEqual({ status: 200, error: null });
    expect(await answer(await server.signIn('kit', 'a reset long passphrase'))).toEqual({
      status: 200,
      error: null,
    });
  });
});
