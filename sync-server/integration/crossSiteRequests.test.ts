// The session cookie (SameSite=Lax) also comes with requests another site's page makes to this
// server, from a host of the same site or as a plain form post: a change made with the cookie alone
// must come from Clearway's own pages. The app's own requests, a bearer token's and reads still work.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databasesUnderTest } from '../testing/databases';
import { type SignedIn, startTestServer, type TestServer } from '../testing/server';

describe.each(databasesUnderTest())('requests from other sites on $name', (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(engine);
  });
  afterAll(() => server?.close());

  /** Signs out with the cookie alone, as a browser would send it, with `headers` added. */
  const logoutWithCookie = (who: SignedIn, headers: Record<string, string>) =>
    fetch(`${server.url}/api/auth/logout`, {
      method: 'POST',
      headers: { cookie: `clearway_session=${who.token}`, 'content-type': 'text/plain', ...headers },
      body: 'x',
    });
  const isSignedIn = async (who: SignedIn) => (await server.call(who, '/api/me')).status === 200;

  it('refuses a change sent with the cookie from another site’s page, in plain words', async () => {
    const official = await server.signIn('official');
    const fromElsewhere: Record<string, string>[] = [
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { origin: server.url.replace('127.0.0.1', 'localhost') },
      { 'sec-fetch-site': 'same-site' },
      { 'sec-fetch-site': 'cross-site', origin: server.url },
    ];
    for (const headers of fromElsewhere) {
      const refused = await logoutWithCookie(official, headers);
      expect(refused.status, JSON.stringify(headers)).toBe(403);
      expect(await refused.json()).toMatchObject({ error: 'cross_site_request' });
    }
    expect(await isSignedIn(official)).toBe(true);
  });

  it('takes a change sent with the cookie from Clearway’s own page, or a browser that says nothing', async () => {
    const mine = await server.signIn('caseworker');
    const own = await logoutWithCookie(mine, { origin: server.url, 'sec-fetch-site': 'same-origin' });
    expect(own.status).toBe(204);
    expect(await isSignedIn(mine)).toBe(false);
    const older = await server.signIn('caseworker');
    expect((await logoutWithCookie(older, {})).status).toBe(204);
    expect(await isSignedIn(older)).toBe(false);
  });

  it('with no public address set (a demo), takes its own host whatever the scheme the page was on', async () => {
    // A demo behind a proxy that ends HTTPS: the page's origin says https, this server sees http.
    const demo = await startTestServer(engine, { env: { CLEARWAY_PUBLIC_URL: undefined } });
    try {
      const send = async (origin: string) => {
        const who = await demo.signIn('caseworker');
        const response = await fetch(`${demo.url}/api/auth/logout`, {
          method: 'POST',
          headers: { cookie: `clearway_session=${who.token}`, origin, 'sec-fetch-site': 'same-origin' },
        });
        return response.status;
      };
      expect(await send(demo.url.replace('http://', 'https://'))).toBe(204);
      expect(await send(demo.url.replace('127.0.0.1', 'localhost'))).toBe(403);
      expect(await send('null')).toBe(403);
    } finally {
      await demo.close();
    }
  });

  it('takes a bearer token from anywhere (no page can add it), and reads with the cookie', async () => {
    const manager = await server.signIn('manager');
    const read = await fetch(`${server.url}/api/me`, {
      headers: { cookie: `clearway_session=${manager.token}`, 'sec-fetch-site': 'cross-site' },
    });
    expect(read.status).toBe(200);
    const bearer = await server.call(manager, '/api/auth/logout', {
      method: 'POST',
      headers: { origin: 'https://tool.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(bearer.status).toBe(204);
  });
});
