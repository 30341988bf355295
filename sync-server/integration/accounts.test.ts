// Accounts and devices over HTTP on each database: sign-in, the cookie, rate limiting (guesses
// sent all at once among them, and honest sign-ins sent at once, which wait their turn), device lists, revocation and what a revoked device is told.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MAX_ADDRESS_FAILURES, MAX_FAILURES } from '../accounts/loginLimiter';
import { hashPassword } from '../accounts/passwords';
import { insertAccount } from '../accounts/users';
import { databasesUnderTest } from '../testing/databases';
import { attemptSignIn, sharedDatabasesUnderTest, useServerProcesses } from '../testing/processes';
import { startTestServer, type TestServer } from '../testing/server';

/** One sign-in attempt, with the address a proxy in front would pass on. */
const signInFrom = (server: TestServer, username: string, password: string, forwardedFor: string) =>
  server.call(null, '/api/auth/login', {
    method: 'POST',
    json: { username, password },
    headers: { 'x-forwarded-for': forwardedFor },
  });

describe.each(databasesUnderTest())('accounts on $name', (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    // As behind a load balancer on this machine, which passes each client's address on.
    server = await startTestServer(engine, {
      loginLimits: { maxFailures: 3, windowMs: 60_000, maxAddressFailures: 5 },
      env: { CLEARWAY_TRUST_PROXY: 'loopback' },
    });
  });
  afterAll(() => server?.close());

  it('signs a demo person in with a token, a session cookie and their roles', async () => {
    const response = await server.call(null, '/api/auth/login', {
      method: 'POST',
      json: { username: 'caseworker', password: 'demo', deviceName: 'Test tablet' },
    });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.user).toEqual({
      userId: 'caseworker',
      displayName: 'Sam Okafor',
      roles: ['case_worker'],
      teamIds: ['information-rights'],
    });
    expect(response.headers.get('set-cookie')).toMatch(/^clearway_session=[^;]+;.*HttpOnly/i);
    const me = await server.call(body, '/api/me');
    expect(await me.json()).toEqual({ user: body.user, deviceId: body.deviceId, email: null });
    // The cookie alone also signs the device in.
    const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
    const byCookie = await fetch(`${server.url}/api/me`, { headers: { cookie } });
    expect(byCookie.status).toBe(200);
  });

  it('refuses a wrong password and an unknown person with the same plain message', async () => {
    const wrong = await server.call(null, '/api/auth/login', {
      method: 'POST',
      json: { username: 'manager', password: 'nope' },
    });
    const unknown = await server.call(null, '/api/auth/login', {
      method: 'POST',
      json: { username: 'nobody', password: 'x' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
  });

  it('answers 401 to calls without a session', async () => {
    const response = await server.call(null, '/api/users');
    expect(response.status).toBe(401);
    expect((await response.json()).error).toBe('not_signed_in');
  });

  it('slows guessing: after repeated failures an account is refused with 429, even with the right password', async () => {
    for (let i = 0; i < 3; i += 1) {
      const r = await server.call(null, '/api/auth/login', {
        method: 'POST',
        json: { username: 'clearance', password: `guess${i}` },
        headers: { 'x-forwarded-for': `10.0.0.${i + 1}` },
      });
      expect(r.status).toBe(401);
    }
    const blocked = await server.call(null, '/api/auth/login', {
      method: 'POST',
      json: { username: 'clearance', password: 'demo' },
      headers: { 'x-forwarded-for': '10.0.0.99' },
    });
    expect(blocked.status).toBe(429);
    expect((await blocked.json()).message).toMatch(/Try again in/);
  });

  it('slows guessing from one address across many accounts, but not an office for a few typos', async () => {
    const headers = { 'x-forwarded-for': '192.0.2.7' };
    const guess = (username: string) =>
      server.call(null, '/api/auth/login', { method: 'POST', json: { username, password: 'x' }, headers });
    const official = () =>
      server.call(null, '/api/auth/login', {
        method: 'POST',
        json: { username: 'official', password: 'demo' },
        headers,
      });
    // More failures than an account may have, fewer than the address: the office still signs in.
    for (const username of ['a1', 'a2', 'a3']) expect((await guess(username)).status).toBe(401);
    expect((await official()).status).toBe(200);
    for (const username of ['a4', 'a5']) expect((await guess(username)).status).toBe(401);
    expect((await official()).status).toBe(429);
  });

  it('lists the directory of people for anyone signed in', async () => {
    const who = await server.signIn('official');
    const users = await (await server.call(who, '/api/users')).json();
    expect(users.map((u: { userId: string }) => u.userId).sort()).toEqual([
      'admin',
      'caseworker',
      'clearance',
      'manager',
      'official',
    ]);
  });

  it('lists a person’s devices, and a revoked device is told to wipe itself at its next call', async () => {
    const tablet = await server.signIn('manager');
    const laptop = await server.signIn('manager');
    const devices = await (await server.call(laptop, '/api/devices')).json();
    expect(devices.map((d: { deviceId: string }) => d.deviceId)).toEqual(
      expect.arrayContaining([tablet.deviceId, laptop.deviceId]),
    );
    expect(devices.find((d: { deviceId: string }) => d.deviceId === laptop.deviceId).isCurrent).toBe(true);

    const revoke = await server.call(laptop, `/api/devices/${tablet.deviceId}/revoke`, { method: 'POST' });
    expect(revoke.status).toBe(204);
    const next = await server.call(tablet, '/api/replication/cases/pull?checkpoint=');
    expect(next.status).toBe(401);
    const body = await next.json();
    expect(body.error).toBe('device_revoked');
    expect(body.message).toMatch(/removed/);
    const after = await (await server.call(laptop, '/api/devices')).json();
    expect(after.find((d: { deviceId: string }) => d.deviceId === tablet.deviceId).revokedAt).not.toBeNull();
  });

  it('lets an administrator, and no one else, see and revoke another person’s devices', async () => {
    const official = await server.signIn('official');
    const caseworker = await server.signIn('caseworker');
    const admin = await server.signIn('admin');
    expect((await server.call(caseworker, `/api/devices?userId=official`)).status).toBe(403);
    expect(
      (await server.call(caseworker, `/api/devices/${official.deviceId}/revoke`, { method: 'POST' })).status,
    ).toBe(404);
    const listed = await (await server.call(admin, `/api/devices?userId=official`)).json();
    expect(listed.some((d: { deviceId: string }) => d.deviceId === official.deviceId)).toBe(true);
    expect(
      (await server.call(admin, `/api/devices/${official.deviceId}/revoke`, { method: 'POST' })).status,
    ).toBe(204);
    expect((await server.call(official, '/api/me')).status).toBe(401);
  });

  it('keeps the e-mail address a person sets for their digest, and refuses one that is not an address', async () => {
    const who = await server.signIn('official');
    const set = await server.call(who, '/api/me/email', {
      method: 'PUT',
      json: { email: ' priya@example.gov.uk ' },
    });
    expect(set.status).toBe(200);
    const me = await (await server.call(who, '/api/me')).json();
    expect(me.email).toBe('priya@example.gov.uk');
    const bad = await server.call(who, '/api/me/email', { method: 'PUT', json: { email: 'priya at home' } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toMatch(/e-mail address/);
    expect((await (await server.call(who, '/api/me')).json()).email).toBe('priya@example.gov.uk');
    const cleared = await server.call(who, '/api/me/email', { method: 'PUT', json: { email: null } });
    expect(cleared.status).toBe(200);
    expect((await (await server.call(who, '/api/me')).json()).email).toBeNull();
    const other = await server.signIn('caseworker');
    expect((await (await server.call(other, '/api/me')).json()).email).toBeNull();
  });

  it('signs out: the token stops working', async () => {
    const who = await server.signIn('caseworker');
    expect((await server.call(who, '/api/auth/logout', { method: 'POST' })).status).toBe(204);
    expect((await server.call(who, '/api/me')).status).toBe(401);
  });
});

describe.each(databasesUnderTest())('with no trusted proxy on $name', (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(engine, {
      loginLimits: { maxFailures: 3, windowMs: 60_000, maxAddressFailures: 3 },
    });
  });
  afterAll(() => server?.close());

  const attempt = (username: string, password: string, forwardedFor: string) =>
    signInFrom(server, username, password, forwardedFor);

  it('counts failures by the connection’s address, so a made-up X-Forwarded-For does not start afresh', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    for (const [i, username] of ['b1', 'b2', 'b3'].entries()) {
      expect((await attempt(username, 'x', `198.18.0.${i + 1}`)).status).toBe(401);
    }
    // A new account and a new "address" each time: only the real address has reached the limit.
    const blocked = await attempt('official', 'demo', '198.18.0.99');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    // Behind a real proxy that would hold everyone back, so the server says so, once.
    expect(warn.mock.calls.filter(([message]) => /CLEARWAY_TRUST_PROXY/.test(String(message)))).toHaveLength(
      1,
    );
    warn.mockRestore();
  });
});

describe.each(databasesUnderTest())('guesses sent all at once on $name', (engine) => {
  let server: TestServer;
  // The server's clock, which the sign-in limit keeps its windows by.
  let clock = Date.parse('2026-03-02T09:00:00Z');
  beforeAll(async () => {
    server = await startTestServer(engine, {
      loginLimits: { maxFailures: 3, windowMs: 60_000, maxAddressFailures: 6 },
      now: () => new Date(clock),
      env: { CLEARWAY_TRUST_PROXY: 'loopback' },
    });
  });
  afterAll(() => server?.close());

  const attempt = (username: string, password: string, forwardedFor: string) =>
    signInFrom(server, username, password, forwardedFor);
  const statusesOf = async (answers: Promise<Response>[]) =>
    (await Promise.all(answers)).map((r) => r.status);

  it('checks no more passwords for one account than the limit, then refuses even the right one until the window passes', async () => {
    const statuses = await statusesOf(
      Array.from({ length: 20 }, (_, i) => attempt('clearance', `guess-${i}`, `198.51.100.${i + 1}`)),
    );
    expect(statuses.filter((s) => s === 401)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(17);
    expect((await attempt('clearance', 'demo', '198.51.100.200')).status).toBe(429);
    clock += 59_000;
    expect((await attempt('clearance', 'demo', '198.51.100.200')).status).toBe(429);
    clock += 1_000;
    expect((await attempt('clearance', 'demo', '198.51.100.200')).status).toBe(200);
  });

  it('checks no more passwords from one address than its limit, whichever accounts they are for', async () => {
    const address = '192.0.2.77';
    const statuses = await statusesOf(
      Array.from({ length: 20 }, (_, i) => attempt(`someone-${i}`, 'wrong', address)),
    );
    expect(statuses.filter((s) => s === 401)).toHaveLength(6);
    expect(statuses.filter((s) => s === 429)).toHaveLength(14);
    expect((await attempt('official', 'demo', address)).status).toBe(429);
    expect((await attempt('official', 'demo', '192.0.2.78')).status).toBe(200);
    clock += 60_000;
    expect((await attempt('official', 'demo', address)).status).toBe(200);
  });

  it('does not hold back an office whose people all sign in from one address', async () => {
    for (const username of ['caseworker', 'manager', 'official', 'admin', 'clearance']) {
      expect((await attempt(username, 'demo', '192.0.2.200')).status).toBe(200);
    }
  });

  it('signs in every one of a person’s devices when twenty sign in at once', async () => {
    const statuses = await statusesOf(
      Array.from({ length: 20 }, (_, i) => attempt('caseworker', 'demo', `198.51.100.${i + 1}`)),
    );
    expect(statuses).toEqual(Array(20).fill(200));
  });

  it('signs in thirty people of one office at once, all from its one address', async () => {
    // Hashing is slow on purpose: one hash serves all thirty.
    const passwordHash = await hashPassword('office passphrase');
    const people = Array.from({ length: 30 }, (_, i) => `office-${i}`);
    for (const username of people) {
      await insertAccount(server.db, {
        username,
        displayName: `Office person ${username}`,
        roles: ['contributor'],
        teamIds: [],
        passwordHash,
      });
    }
    const statuses = await statusesOf(
      people.map((username) => attempt(username, 'office passphrase', '192.0.2.201')),
    );
    expect(statuses).toEqual(Array(30).fill(200));
  });
});

describe('production mode', () => {
  it('refuses to sign demo people in', async () => {
    const [engine] = databasesUnderTest();
    const server = await startTestServer(engine!, {
      env: { CLEARWAY_MODE: 'production', CLEARWAY_TRUST_PROXY: 'none' },
    });
    try {
      const response = await server.call(null, '/api/auth/login', {
        method: 'POST',
        json: { username: 'admin', password: 'demo' },
      });
      expect(response.status).toBe(401);
      expect((await response.json()).message).toMatch(/Demo accounts/);
    } finally {
      await server.close();
    }
  });
});

describe.each(sharedDatabasesUnderTest())(
  'one sign-in limit across two server processes on $name',
  (engine) => {
    // The processes are behind a load balancer on this machine, which passes each client's address on.
    beforeAll(() => {
      vi.stubEnv('CLEARWAY_TRUST_PROXY', 'loopback');
    });
    afterAll(() => {
      vi.unstubAllEnvs();
    });
    const urls = useServerProcesses(engine);

    it('refuses an account on both processes once the failures on them together reach the limit', async () => {
      const [a = '', b = ''] = urls();
      // Split between the processes: neither alone has seen the limit.
      for (let i = 0; i < MAX_FAILURES; i += 1) {
        const response = await attemptSignIn(
          i % 2 === 0 ? a : b,
          'clearance',
          'wrong',
          `198.51.100.${i + 1}`,
        );
        expect(response.status).toBe(401);
      }
      for (const url of [a, b]) {
        const blocked = await attemptSignIn(url, 'clearance', 'demo', '198.51.100.200');
        expect(blocked.status).toBe(429);
        expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
      }
    });

    it('refuses an address on both processes once its failures together reach the address limit', async () => {
      const [a = '', b = ''] = urls();
      const address = '203.0.113.9';
      // Sent at once, split between the processes: neither alone has seen the limit.
      const statuses = await Promise.all(
        Array.from({ length: MAX_ADDRESS_FAILURES }, async (_, i) => {
          const response = await attemptSignIn(i % 2 === 0 ? a : b, `guess-${i}`, 'wrong', address);
          return response.status;
        }),
      );
      expect(statuses).toEqual(Array(MAX_ADDRESS_FAILURES).fill(401));
      expect((await attemptSignIn(b, 'manager', 'demo', address)).status).toBe(429);
      expect((await attemptSignIn(a, 'manager', 'demo', '203.0.113.10')).status).toBe(200);
    });
  },
);
