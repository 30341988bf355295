// Sign-in with the organisation's account (OpenID Connect) against a real provider running in
// this process: the whole code flow in a fetch-driven browser, on each database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, setEmail } from '../accounts/users';
import { NOT_SET_UP } from '../http/oidcRoutes';
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
];

async function deviceCount(server: TestServer): Promise<number> {
  const [row] = await server.db.query<{ n: number }>('select count(*)::int as n from device_sessions');
  return row?.n ?? -1;
}

describe.each(databasesUnderTest())('OpenID Connect sign-in on $name', (engine) => {
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
    };
    server = await startTestServer(engine, { env });
    production = await startTestServer(engine, { env: { ...env, CLEARWAY_MODE: 'production' } });
    provider.serve(
      [server, production].map((s) => `${s.url}/api/auth/oidc/callback`),
      PEOPLE,
    );
    await setEmail(server.db, 'manager', 'j.manager@dept.example');
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

  it('signs in an account whose username is the organisation username (a UPN, in any case)', async () => {
    const browser = new TestBrowser();
    const { response } = await walkSignIn(browser, `${server.url}/api/auth/oidc/start`, 'entra-pat');
    expect(response.headers.get('location')).toBe('/#signed-in');
    const swap = await browser.fetch(`${server.url}/api/auth/token`, { method: 'POST' });
    expect(((await swap.json()) as { user: { displayName: string } }).user.displayName).toBe('Pat Lee');
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
