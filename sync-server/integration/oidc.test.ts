// Sign-in with the organisation's account (OpenID Connect) against a real provider running in
// this process: the whole code flow in a fetch-driven browser, on each database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOidcSignIn } from '../accounts/oidc';
import { createAccount, findAccount, linkOidcIdentity, setEmail } from '../accounts/users';
import { readConfig } from '../config';
import { NOT_SET_UP, OTHER_IDENTITY } from '../http/oidcRoutes';
import { databasesUnderTest } from '../testing/databases';
import { openOidcProvider, TestBrowser, type TestOidcProvider, walkSignIn } from '../testing/oidcProvider';
import { startTestServer, type TestServer } from '../testing/server';

const PEOPLE = [
  // Entra ID sends usernames in whatever case the directory holds them.
  { sub: 'entra-sam', preferred_username: 'CaseWorker', name: 'Sam Okafor' },
  // Not a Clearway username, but an e-mail address someone typed on their account.
  { sub: 'entra-manager', preferred_username: 'j.manager@dept.example', email: 'J.Manager@Dept.Example' },
  // Entra ID's usual username, the UPN, as an administrator gave it to a Clearway account.
  { sub: 'entra-pat', preferred_username: 'Pat.Lee@Dept.Example', name: 'Pat Lee' },
  { sub: 'entra-stranger', preferred_username: 'stranger@dept.example', email: 'stranger@dept.example' },
  { sub: 'entra-official', preferred_username: 'official' },
  { sub: 'entra-lee', preferred_username: 'lee.brown@dept.example' },
  // The directory gave Lee's old username to someone new: a different subject.
  { sub: 'entra-new-lee', preferred_username: 'Lee.Brown@Dept.Example' },
  { sub: 'entra-moved', preferred_username: 'official.moved' },
];

const COOKIE_SECRET = 'the-state-cookie-secret-for-these-tests';

async function deviceCount(server: TestServer): Promise<number> {
  const [row] = await server.db.query<{ n: number }>('select count(*)::int as n from device_sessions');
  return row?.n ?? -1;
}

describe.each(databasesUnderTest())('OpenID Connect sign-in on $name', (engine) => {
  // The provider's directory, which a test may change (someone renamed).
  const people = PEOPLE.map((person) => ({ ...person }));
  let provider: TestOidcProvider;
  let server: TestServer;
  let production: TestServer;

  beforeAll(async () => {
    provider = await openOidcProvider();
    const env = {
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: provider.clientId,
      OIDC_CLIENT_SECRET: provider.clientSecret,
      OIDC_LABEL: 'Sign in with your department account',
      CLEARWAY_COOKIE_SECRET: COOKIE_SECRET,
    };
    server = await startTestServer(engine, { env });
    production = await startTestServer(engine, {
      env: { ...env, CLEARWAY_MODE: 'production', CLEARWAY_TRUST_PROXY: 'none' },
    });
    provider.serve(
      [server, production].map((s) => `${s.url}/api/auth/oidc/callback`),
      people,
    );
    await setEmail(server.db, 'manager', 'j.manager@dept.example');
    await createAccount(server.db, {
      username: 'lee.brown@dept.example',
      displayName: 'Lee Brown',
      password: 'not used for this sign-in',
      roles: ['case_worker'],
      teamIds: [],
    });
    await createAccount(server.db, {
      username: 'pat.lee@dept.example',
      displayName: 'Pat Lee',
      password: 'not used for this sign-in',
      roles: ['case_worker'],
      teamIds: [],
    });
  });
  afterAll(async () => {
    await server?.close();
    await production?.close();
    await provider?.close();
  });

  it('tells the sign-in page that organisation sign-in is on, with its label', async () => {
    const response = await fetch(`${server.url}/api/auth/options`);
    expect(await response.json()).toEqual({
      password: true,
      oidc: { label: 'Sign in with your department account' },
    });
  });

  it('signs a known person in: a device session the app swaps its cookie for, which can call /api/me', async () => {
    const browser = new TestBrowser();
    const start = `${server.url}/api/auth/oidc/start?deviceName=${encodeURIComponent('Sam’s laptop')}`;
    const { response, visited } = await walkSignIn(browser, start, 'entra-sam');
    // It really went through the provider's authorize endpoint with PKCE, state and nonce.
    const authorize = new URL(visited.find((u) => u.startsWith(`${provider.issuer}/auth?`)) ?? 'http://none');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('state')).toBeTruthy();
    expect(authorize.searchParams.get('nonce')).toBeTruthy();
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/#signed-in');
    const cookie = browser.cookie(server.url, 'clearway_session');
    expect(cookie).toBeTruthy();
    expect(response.headers.get('set-cookie')).toMatch(/clearway_session=[^;]+;.*HttpOnly.*SameSite=Lax/i);
    // The token is in no address the browser visited.
    expect(visited.some((u) => u.includes(cookie ?? '-'))).toBe(false);

    const swap = await browser.fetch(`${server.url}/api/auth/token`, { method: 'POST' });
    expect(swap.status).toBe(200);
    const body = (await swap.json()) as { token: string; deviceId: string; user: { userId: string } };
    expect(body.token).toBe(cookie);
    expect(body.user.userId).toBe('caseworker');
    const login = { token: body.token, deviceId: body.deviceId, userId: body.user.userId };

    const me = await server.call(login, '/api/me');
    expect(me.status).toBe(200);
    expect(((await me.json()) as { deviceId: string }).deviceId).toBe(login.deviceId);
    const devices = (await (await server.call(login, '/api/devices')).json()) as { name: string }[];
    expect(devices.map((d) => d.name)).toContain('Sam’s laptop');
  });

  it('sends the organisation back to the configured address, whatever a trusted proxy forwards', async () => {
    // The proxy in front (this machine) is believed, so Fastify takes its X-Forwarded-Host and
    // X-Forwarded-Proto as the request's host and protocol: only the configured address may count.
    const behindProxy = await startTestServer(engine, {
      env: {
        OIDC_ISSUER: provider.issuer,
        OIDC_CLIENT_ID: provider.clientId,
        OIDC_CLIENT_SECRET: provider.clientSecret,
        CLEARWAY_TRUST_PROXY: 'loopback',
      },
    });
    try {
      const response = await fetch(`${behindProxy.url}/api/auth/oidc/start`, {
        redirect: 'manual',
        headers: { 'x-forwarded-host': 'attacker.example', 'x-forwarded-proto': 'https' },
      });
      expect(response.status).toBe(302);
      const authorize = new URL(response.headers.get('location') ?? 'http://none');
      expect(authorize.searchParams.get('redirect_uri')).toBe(`${behindProxy.url}/api/auth/oidc/callback`);
      // Plain http, as configured: a forwarded "https" does not decide the cookie either.
      expect(response.headers.get('set-cookie')).not.toMatch(/;\s*Secure/i);
      const signIn = await fetch(`${behindProxy.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
        body: JSON.stringify({ username: 'caseworker', password: 'demo' }),
      });
      expect(signIn.status).toBe(200);
      expect(signIn.headers.get('set-cookie')).not.toMatch(/;\s*Secure/i);
    } finally {
      await behindProxy.close();
    }
  });

  it('marks its cookies Secure when people reach Clearway over https, though this request came in plain', async () => {
    const behindTls = await startTestServer(engine, {
      env: {
        OIDC_ISSUER: provider.issuer,
        OIDC_CLIENT_ID: provider.clientId,
        OIDC_CLIENT_SECRET: provider.clientSecret,
        CLEARWAY_PUBLIC_URL: 'https://clearway.dept.example',
      },
    });
    try {
      const response = await fetch(`${behindTls.url}/api/auth/oidc/start`, { redirect: 'manual' });
      const authorize = new URL(response.headers.get('location') ?? 'http://none');
      expect(authorize.searchParams.get('redirect_uri')).toBe(
        'https://clearway.dept.example/api/auth/oidc/callback',
      );
      expect(response.headers.get('set-cookie')).toMatch(/clearway_oidc=[^;]+;.*;\s*Secure/i);
      // And a password sign-in's session cookie.
      const login = await behindTls.call(null, '/api/auth/login', {
        method: 'POST',
        json: { username: 'caseworker', password: 'demo' },
      });
      expect(login.status).toBe(200);
      expect(login.headers.get('set-cookie')).toMatch(/clearway_session=[^;]+;.*;\s*Secure/i);
    } finally {
      await behindTls.close();
    }
  });

  it('finishes a sign-in on another process behind the same address when they share CLEARWAY_COOKIE_SECRET', async () => {
    // `server` and a second process behind one public address (here, server's own).
    const sameAddress = (secret: string) =>
      startTestServer(engine, {
        db: server.db,
        env: {
          OIDC_ISSUER: provider.issuer,
          OIDC_CLIENT_ID: provider.clientId,
          OIDC_CLIENT_SECRET: provider.clientSecret,
          CLEARWAY_PUBLIC_URL: server.url,
          CLEARWAY_COOKIE_SECRET: secret,
        },
      });
    const startOn = async (other: TestServer) => {
      const browser = new TestBrowser();
      return walkSignIn(browser, `${other.url}/api/auth/oidc/start`, 'entra-sam', {
        beforeCallback(url) {
          // One load balancer, one host: the browser sends the cookie the other process set.
          browser.setCookie(server.url, 'clearway_oidc', browser.cookie(other.url, 'clearway_oidc') ?? '');
          return url;
        },
      });
    };
    const sharing = await sameAddress(COOKIE_SECRET);
    const notSharing = await sameAddress('another-secret-of-at-least-32-characters');
    try {
      expect((await startOn(sharing)).response.headers.get('location')).toBe('/#signed-in');
      expect((await startOn(notSharing)).response.status).toBe(400);
    } finally {
      await sharing.close();
      await notSharing.close();
    }
  });

  it('signs in an account whose username is the organisation username (a UPN, in any case)', async () => {
    const browser = new TestBrowser();
    const { response } = await walkSignIn(browser, `${server.url}/api/auth/oidc/start`, 'entra-pat');
    expect(response.headers.get('location')).toBe('/#signed-in');
    const swap = await browser.fetch(`${server.url}/api/auth/token`, { method: 'POST' });
    expect(((await swap.json()) as { user: { displayName: string } }).user.displayName).toBe('Pat Lee');
  });

  it('keeps the organisation subject at the first sign-in, and then lets only that subject in', async () => {
    const signInAs = async (login: string) => {
      const browser = new TestBrowser();
      const { response } = await walkSignIn(browser, `${server.url}/api/auth/oidc/start`, login);
      const swap = await browser.fetch(`${server.url}/api/auth/token`, { method: 'POST' });
      return {
        response,
        user: swap.ok ? ((await swap.json()) as { user: { displayName: string } }).user : null,
      };
    };
    const linked = () =>
      server.db.query<{ oidc_issuer: string; oidc_subject: string }>(
        `select oidc_issuer, oidc_subject from users where username = 'lee.brown@dept.example'`,
      );
    expect(await linked()).toEqual([{ oidc_issuer: null, oidc_subject: null }]);
    expect((await signInAs('entra-lee')).user?.displayName).toBe('Lee Brown');
    expect(await linked()).toEqual([{ oidc_issuer: provider.issuer, oidc_subject: 'entra-lee' }]);

    // Same username claim, another person at the organisation: refused in plain words.
    const before = await deviceCount(server);
    const other = await signInAs('entra-new-lee');
    expect(other.response.status).toBe(403);
    expect(await other.response.text()).toContain(OTHER_IDENTITY);
    expect(other.user).toBeNull();
    expect(await deviceCount(server)).toBe(before);
    expect(await linked()).toEqual([{ oidc_issuer: provider.issuer, oidc_subject: 'entra-lee' }]);

    // Lee renamed at the organisation: the subject still finds Lee's account.
    const lee = people.find((p) => p.sub === 'entra-lee');
    if (!lee) throw new Error('Lee is one of the people');
    lee.preferred_username = 'lee.b@dept.example';
    expect((await signInAs('entra-lee')).user?.displayName).toBe('Lee Brown');
  });

  it('links afresh an account linked under an issuer that is no longer configured (a tenant moved)', async () => {
    await createAccount(server.db, {
      username: 'official.moved',
      displayName: 'Moved Official',
      password: 'not used for this sign-in',
      roles: ['case_worker'],
      teamIds: [],
    });
    await server.db.query(
      `update users set oidc_issuer = 'https://old-tenant.example', oidc_subject = 'old-sub'
       where username = 'official.moved'`,
    );
    const browser = new TestBrowser();
    const { response } = await walkSignIn(browser, `${server.url}/api/auth/oidc/start`, 'entra-moved');
    expect(response.headers.get('location')).toBe('/#signed-in');
    expect(
      await server.db.query(`select oidc_issuer, oidc_subject from users where username = 'official.moved'`),
    ).toEqual([{ oidc_issuer: provider.issuer, oidc_subject: 'entra-moved' }]);
  });

  it('does not give one organisation identity to a second account, and says so rather than failing', async () => {
    const [first, second] = await Promise.all(
      ['held.first', 'held.second'].map((username) =>
        createAccount(server.db, {
          username,
          displayName: username,
          password: 'not used for this sign-in',
          roles: ['contributor'],
          teamIds: [],
        }),
      ),
    );
    if (!first || !second) throw new Error('accounts made');
    const identity = { issuer: provider.issuer, subject: 'entra-held-by-one' };
    expect(await linkOidcIdentity(server.db, first.userId, identity)).toBe(true);
    // The unique index refuses it; the caller hears "not linked", not a server error.
    expect(await linkOidcIdentity(server.db, second.userId, identity)).toBe(false);
    expect((await findAccount(server.db, second.userId))?.oidcIdentity).toBeNull();
    expect((await findAccount(server.db, first.userId))?.oidcIdentity).toEqual(identity);
  });

  it('never signs in by an e-mail address a person typed on their account', async () => {
    const before = await deviceCount(server);
    const browser = new TestBrowser();
    const { response } = await walkSignIn(browser, `${server.url}/api/auth/oidc/start`, 'entra-manager');
    expect(response.status).toBe(403);
    expect(await response.text()).toContain(NOT_SET_UP);
    expect(await deviceCount(server)).toBe(before);
  });

  it('refuses someone the organisation knows but Clearway does not, in plain words, with no session', async () => {
    const before = await deviceCount(server);
    const browser = new TestBrowser();
    const { response } = await walkSignIn(browser, `${server.url}/api/auth/oidc/start`, 'entra-stranger');
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(await response.text()).toContain(NOT_SET_UP);
    expect(browser.cookie(server.url, 'clearway_session')).toBeUndefined();
    expect(await deviceCount(server)).toBe(before);
    const swap = await browser.fetch(`${server.url}/api/auth/token`, { method: 'POST' });
    expect(swap.status).toBe(401);
  });

  it('refuses a callback whose state was changed, and one whose state cookie was not signed here', async () => {
    const before = await deviceCount(server);
    const tampered = await walkSignIn(new TestBrowser(), `${server.url}/api/auth/oidc/start`, 'entra-sam', {
      beforeCallback(url) {
        url.searchParams.set('state', `${url.searchParams.get('state')}x`);
        return url;
      },
    });
    expect(tampered.response.status).toBe(400);
    expect(await tampered.response.text()).toContain('Sign-in did not finish');

    const browser = new TestBrowser();
    const forged = await walkSignIn(browser, `${server.url}/api/auth/oidc/start`, 'entra-sam', {
      beforeCallback(url) {
        // The genuine state, nonce and verifier, but a signature this server did not make.
        const [body] = (browser.cookie(server.url, 'clearway_oidc') ?? '').split('.');
        browser.setCookie(server.url, 'clearway_oidc', `${body}.${'A'.repeat(43)}`);
        return url;
      },
    });
    expect(forged.response.status).toBe(400);
    expect(await deviceCount(server)).toBe(before);
  });

  it('says so in plain words when the person cancels at their organisation', async () => {
    const before = await deviceCount(server);
    const browser = new TestBrowser();
    const { response } = await walkSignIn(browser, `${server.url}/api/auth/oidc/start`, 'entra-sam', {
      cancel: true,
    });
    expect(response.status).toBe(401);
    expect(await response.text()).toContain('Your organisation did not sign you in');
    expect(await deviceCount(server)).toBe(before);
  });

  it('never signs a demo account in on a production server', async () => {
    const browser = new TestBrowser();
    const { response } = await walkSignIn(browser, `${production.url}/api/auth/oidc/start`, 'entra-official');
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('Demo accounts cannot sign in');
    expect(browser.cookie(production.url, 'clearway_session')).toBeUndefined();
  });
});

describe('a public client (no client secret)', () => {
  let provider: TestOidcProvider;
  beforeAll(async () => {
    provider = await openOidcProvider();
    provider.serve(['http://127.0.0.1:1/api/auth/oidc/callback'], []);
  });
  afterAll(() => provider?.close());

  const serverProcess = (env: NodeJS.ProcessEnv) => {
    const config = readConfig({
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: provider.clientId,
      CLEARWAY_PUBLIC_URL: 'http://127.0.0.1:1',
      ...env,
    });
    if (!config.oidc) throw new Error('OIDC is set');
    return createOidcSignIn(config.oidc);
  };

  it('hands a sign-in started on one process to another when CLEARWAY_COOKIE_SECRET is set', async () => {
    const env = {
      CLEARWAY_MODE: 'production',
      CLEARWAY_TRUST_PROXY: 'none',
      CLEARWAY_COOKIE_SECRET: COOKIE_SECRET,
    };
    const now = new Date();
    const { cookie } = await serverProcess(env).begin('A laptop', now);
    expect(serverProcess(env).open(cookie, now)?.deviceName).toBe('A laptop');
  });

  it('carries no callback address in its state cookie: the callback is the configured one', async () => {
    const { cookie } = await serverProcess({}).begin('A laptop', new Date());
    const [body = ''] = cookie.split('.');
    const pending = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
    expect(Object.keys(pending).sort()).toEqual(['deviceName', 'expiresAt', 'nonce', 'state', 'verifier']);
  });

  it('in a demo without it, each process signs with its own key', async () => {
    const now = new Date();
    const { cookie } = await serverProcess({}).begin('A laptop', now);
    expect(serverProcess({}).open(cookie, now)).toBeUndefined();
  });
});

describe('without OpenID Connect settings', () => {
  let server: TestServer;
  beforeAll(async () => {
    const [pglite] = databasesUnderTest();
    if (!pglite) throw new Error('PGlite is always under test');
    server = await startTestServer(pglite);
  });
  afterAll(() => server?.close());

  it('offers passwords only, and the organisation sign-in addresses do not exist', async () => {
    expect(await (await fetch(`${server.url}/api/auth/options`)).json()).toEqual({
      password: true,
      oidc: null,
    });
    for (const [method, path] of [
      ['GET', '/api/auth/oidc/start'],
      ['GET', '/api/auth/oidc/callback?code=x&state=y'],
      ['POST', '/api/auth/token'],
    ] as const) {
      expect((await fetch(`${server.url}${path}`, { method, redirect: 'manual' })).status).toBe(404);
    }
  });
});
