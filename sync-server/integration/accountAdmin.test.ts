// Account administration over HTTP on each database: only an administrator lists, adds and
// resets; a new person's access to existing cases follows their roles; a person changes their
// own password only by knowing the current one, within the sign-in limits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLoginLimiter } from '../accounts/loginLimiter';
import { findAccount, linkOidcIdentity } from '../accounts/users';
import { addPerson } from '../replication/personAccess';
import type { Database } from '../storage/database';
import { databasesUnderTest } from '../testing/databases';
import {
  caseLogged,
  pullAll,
  push,
  type SignedIn,
  startTestServer,
  type TestServer,
} from '../testing/server';

const LONG = 'correct horse battery staple';

describe.each(databasesUnderTest())('account administration on $name', (engine) => {
  let server: TestServer;
  let admin: SignedIn;
  let caseworker: SignedIn;
  let caseStream: string;
  beforeAll(async () => {
    server = await startTestServer(engine, { loginLimits: { maxFailures: 6, windowMs: 60_000 } });
    admin = await server.signIn('admin');
    caseworker = await server.signIn('caseworker');
    const logged = caseLogged(caseworker);
    caseStream = logged.stream;
    expect((await push(server, caseworker, [logged])).status).toBe(200);
  });
  afterAll(() => server?.close());

  const accounts = async () =>
    (await (await server.call(admin, '/api/admin/accounts')).json()) as {
      userId: string;
      username: string;
      roles: string[];
      activeDevices: number;
      hasOrganisationSignInLink: boolean;
    }[];
  const add = (who: SignedIn, json: Record<string, unknown>) =>
    server.call(who, '/api/admin/accounts', { method: 'POST', json });
  const signInStatus = async (username: string, password: string) =>
    (await server.call(null, '/api/auth/login', { method: 'POST', json: { username, password } })).status;

  it('lists every account with its username, roles and signed-in devices, for administrators only', async () => {
    const list = await accounts();
    const sam = list.find((a) => a.username === 'caseworker');
    expect(sam).toMatchObject({ userId: 'caseworker', roles: ['case_worker'] });
    expect(sam!.activeDevices).toBeGreaterThanOrEqual(1);
    expect(list.some((a) => a.username === 'admin')).toBe(true);
    const refused = await server.call(caseworker, '/api/admin/accounts');
    expect(refused.status).toBe(403);
    expect((await refused.json()).message).toMatch(/Only an administrator/);
  });

  it('adds a person who can then sign in, and whose access to old cases follows their roles', async () => {
    const response = await add(admin, {
      username: 'Ola.Manager',
      displayName: 'Ola Adeyemi',
      roles: ['manager'],
      password: LONG,
    });
    expect(response.status).toBe(201);
    const created = await response.json();
    expect(created).toMatchObject({
      username: 'ola.manager',
      displayName: 'Ola Adeyemi',
      roles: ['manager'],
    });
    // The roles given are in the audit log, with the administrator who gave them.
    const [given] = await server.db.query<{ actor: string; payload: Record<string, unknown> }>(
      `select actor, payload from events where type = 'directory.roles_changed' and payload->>'userId' = $1`,
      [created.userId],
    );
    expect(given).toMatchObject({
      actor: admin.userId,
      payload: { rolesBefore: [], rolesAfter: ['manager'] },
    });
    const ola = await server.signIn('ola.manager', LONG);
    // Managers see every case that is not sensitive, including one logged before they joined.
    const seen = await pullAll(server, ola, 'cases');
    expect(seen.documents.map((d) => d.id)).toContain(caseStream);

    expect(
      (
        await add(admin, {
          username: 'pat',
          displayName: 'Pat Lee',
          roles: ['policy_official'],
          password: LONG,
        })
      ).status,
    ).toBe(201);
    const pat = await server.signIn('pat', LONG);
    expect((await pullAll(server, pat, 'cases')).documents.map((d) => d.id)).not.toContain(caseStream);
  });

  it('refuses a taken username, a short password or no role, in plain words, and stores nothing', async () => {
    const before = (await accounts()).length;
    const taken = await add(admin, {
      username: 'CASEWORKER',
      displayName: 'X',
      roles: ['case_worker'],
      password: LONG,
    });
    expect(taken.status).toBe(409);
    expect((await taken.json()).message).toBe('The username CASEWORKER is already in use.');
    const short = await add(admin, {
      username: 'kim',
      displayName: 'Kim',
      roles: ['case_worker'],
      password: 'short',
    });
    expect(short.status).toBe(400);
    expect((await short.json()).message).toMatch(/at least 12 characters/);
    const noRole = await add(admin, { username: 'kim', displayName: 'Kim', roles: [], password: LONG });
    expect(noRole.status).toBe(400);
    expect((await noRole.json()).message).toMatch(/at least one role/);
    const byCaseworker = await add(caseworker, {
      username: 'kim',
      displayName: 'Kim',
      roles: ['administrator'],
      password: LONG,
    });
    expect(byCaseworker.status).toBe(403);
    const pastedBadly = await add(admin, {
      username: 'kim',
      displayName: 'Kim\u0000 Lee',
      roles: ['case_worker'],
      password: LONG,
    });
    expect(pastedBadly.status).toBe(400);
    expect((await pastedBadly.json()).message).toMatch(/displayName.*cannot store/);
    expect((await accounts()).length).toBe(before);
    expect(await signInStatus('kim', LONG)).toBe(401);
  });

  it('adds a person all or nothing: when the roles given cannot be recorded, no account remains', async () => {
    const before = (await accounts()).length;
    // The log refuses the record of roles given by someone who is not an administrator (as when
    // the administrator lost the role a moment before): the account made first must go with it.
    const notAdministrator = {
      account: (await findAccount(server.db, caseworker.userId))!,
      deviceId: caseworker.deviceId,
    };
    await expect(
      addPerson(
        server.db,
        { username: 'noor', displayName: 'Noor Ali', roles: ['manager'], teamIds: [], password: LONG },
        notAdministrator,
      ),
    ).rejects.toThrow(/could not be recorded/);
    expect(await server.db.query(`select user_id from users where username = 'noor'`)).toEqual([]);
    expect((await accounts()).length).toBe(before);
  });

  it('lets an administrator reset a forgotten password, and nobody else', async () => {
    await add(admin, { username: 'rae', displayName: 'Rae Cole', roles: ['contributor'], password: LONG });
    const rae = (await accounts()).find((a) => a.username === 'rae')!;
    const raesTablet = await server.signIn('rae', LONG);
    const reset = (who: SignedIn, password: string) =>
      server.call(who, `/api/admin/accounts/${rae.userId}/password`, { method: 'PUT', json: { password } });
    expect((await reset(caseworker, 'a caseworker guess 123')).status).toBe(403);
    expect(await signInStatus('rae', 'a caseworker guess 123')).toBe(401);
    expect((await reset(admin, 'a brand new passphrase')).status).toBe(204);
    expect(await signInStatus('rae', LONG)).toBe(401);
    expect(await signInStatus('rae', 'a brand new passphrase')).toBe(200);
    const missing = await server.call(admin, '/api/admin/accounts/nobody/password', {
      method: 'PUT',
      json: { password: LONG },
    });
    expect(missing.status).toBe(404);

    // The audit log says who reset whose password and when, once (the refused and the missing
    // ones changed nothing), and never the password.
    const recorded = await server.db.query<Record<string, unknown>>(
      `select * from events where type = 'directory.password_reset' order by change_no`,
    );
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({
      actor: admin.userId,
      stream_id: 'org:directory',
      payload: { userId: rae.userId },
    });
    expect(recorded[0]?.payload).toEqual({ userId: rae.userId });
    expect(JSON.stringify(recorded)).not.toContain('brand new');
    // Rae's devices stay signed in: a forgotten password is not a stolen one.
    expect((await server.call(raesTablet, '/api/me')).status).toBe(200);
  });

  it('lets a person back in after a password reset, however often they got it wrong before', async () => {
    await add(admin, { username: 'ash', displayName: 'Ash Grey', roles: ['contributor'], password: LONG });
    const ash = (await accounts()).find((a) => a.username === 'ash')!;
    // Six wrong guesses from elsewhere (the limit in these tests): Ash's account is held back.
    const limiter = createLoginLimiter(server.db, { maxFailures: 6, windowMs: 60_000 });
    for (let i = 0; i < 6; i++) await limiter.recordFailure('ash', '203.0.113.9');
    expect(await signInStatus('ash', LONG)).toBe(429);
    const reset = await server.call(admin, `/api/admin/accounts/${ash.userId}/password`, {
      method: 'PUT',
      json: { password: 'a brand new passphrase' },
    });
    expect(reset.status).toBe(204);
    expect(await signInStatus('ash', 'a brand new passphrase')).toBe(200);
  });

  it('lets an administrator remove an organisation sign-in link, and nobody else, on the record', async () => {
    await add(admin, { username: 'bo', displayName: 'Bo Reed', roles: ['contributor'], password: LONG });
    const bo = (await accounts()).find((a) => a.username === 'bo')!;
    expect(bo.hasOrganisationSignInLink).toBe(false);
    await linkOidcIdentity(server.db, bo.userId, {
      issuer: 'https://login.example',
      subject: 'wrong-person',
    });
    const linked = (await accounts()).find((a) => a.username === 'bo')!;
    expect(linked.hasOrganisationSignInLink).toBe(true);
    const unlink = (who: SignedIn, userId: string) =>
      server.call(who, `/api/admin/accounts/${userId}/organisation-sign-in`, { method: 'DELETE' });

    expect((await unlink(caseworker, bo.userId)).status).toBe(403);
    expect((await findAccount(server.db, bo.userId))?.oidcIdentity).not.toBeNull();
    expect((await unlink(admin, 'nobody')).status).toBe(404);
    expect((await unlink(admin, bo.userId)).status).toBe(204);
    expect((await findAccount(server.db, bo.userId))?.oidcIdentity).toBeNull();
    expect((await accounts()).find((a) => a.username === 'bo')?.hasOrganisationSignInLink).toBe(false);
    // A second click finds nothing to remove: no second record of a removal that did not happen.
    expect((await unlink(admin, bo.userId)).status).toBe(204);

    // Who removed whose link and when, once; nothing of the organisation identity it named.
    const recorded = await server.db.query<Record<string, unknown>>(
      `select * from events where type = 'directory.sign_in_unlinked' order by change_no`,
    );
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ actor: admin.userId, stream_id: 'org:directory' });
    expect(recorded[0]?.payload).toEqual({ userId: bo.userId });
  });

  it('lets a person change their own password only with the current one, within the limits', async () => {
    await add(admin, { username: 'lee', displayName: 'Lee Park', roles: ['case_worker'], password: LONG });
    const lee = await server.signIn('lee', LONG);
    const change = (currentPassword: string, newPassword: string) =>
      server.call(lee, '/api/me/password', { method: 'PUT', json: { currentPassword, newPassword } });
    const wrong = await change('not my password', 'another long passphrase');
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).message).toBe('Your current password is not right.');
    expect((await change(LONG, 'too short')).status).toBe(400);
    expect((await change(LONG, 'another long passphrase')).status).toBe(204);
    expect(await signInStatus('lee', LONG)).toBe(401);
    expect(await signInStatus('lee', 'another long passphrase')).toBe(200);
    // Guessing is held to the sign-in limit (6 failures in these tests): then 429, even with the right one.
    for (let i = 0; i < 6; i++) await change('guess', 'whatever long enough');
    expect((await change('another long passphrase', 'a third long passphrase')).status).toBe(429);
  });
});

describe.each(databasesUnderTest())(
  'an administrator who loses the role while adding someone, on $name',
  (engine) => {
    let server: TestServer;
    let demoteInNextTransaction: string | undefined;
    beforeAll(async () => {
      const db = await engine.open();
      // The role is lost inside the transaction that adds the person, after the route checked it:
      // the moment a real demotion by another administrator could land.
      const racing = new Proxy(db, {
        get(target, property, receiver) {
          if (property !== 'transaction') return Reflect.get(target, property, receiver);
          const transaction: Database['transaction'] = (work, first) =>
            target.transaction(async (tx, rows, endWith) => {
              const userId = demoteInNextTransaction;
              demoteInNextTransaction = undefined;
              if (userId)
                await tx.query(`update users set roles = '{case_worker}' where user_id = $1`, [userId]);
              return work(tx, rows, endWith);
            }, first);
          return transaction;
        },
      });
      server = await startTestServer(engine, { db: racing });
    });
    afterAll(async () => {
      await server?.close();
      await server?.db.close();
    });

    it('is told only an administrator can add people, and nobody is added', async () => {
      const admin = await server.signIn('admin');
      demoteInNextTransaction = admin.userId;
      const response = await server.call(admin, '/api/admin/accounts', {
        method: 'POST',
        json: { username: 'vic', displayName: 'Vic Hale', roles: ['manager'], password: LONG },
      });
      expect(response.status).toBe(403);
      expect((await response.json()).message).toBe('Only an administrator can add people.');
      expect(await server.db.query(`select user_id from users where username = 'vic'`)).toEqual([]);
    });

    it('is refused in words, not a server error, when resetting a password, and nothing changes', async () => {
      const admin = await server.signIn('admin');
      const [before] = await server.db.query<{ password_hash: string }>(
        `select password_hash from users where user_id = 'official'`,
      );
      demoteInNextTransaction = admin.userId;
      const response = await server.call(admin, '/api/admin/accounts/official/password', {
        method: 'PUT',
        json: { password: 'a brand new long passphrase' },
      });
      expect(response.status).toBe(403);
      expect((await response.json()).message).toMatch(/^The change to official could not be recorded: .+\.$/);
      const [after] = await server.db.query<{ password_hash: string }>(
        `select password_hash from users where user_id = 'official'`,
      );
      expect(after?.password_hash).toBe(before?.password_hash);
    });
  },
);
