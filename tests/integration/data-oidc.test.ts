// A device signed in with the organisation's account: the browser comes back from a real OpenID
// Connect provider with only a session cookie, and the data layer swaps it for the token it
// keeps, then syncs as after a password sign-in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openOidcProvider,
  TestBrowser,
  type TestOidcProvider,
  walkSignIn,
} from '../../sync-server/testing/oidcProvider';
import { caseLogged, startTestServer, type TestServer } from '../../sync-server/testing/server';
import { eventually, newDevice, pglite } from './dataDevices';

describe('a device signed in with the organisation account', () => {
  let provider: TestOidcProvider;
  let server: TestServer;
  beforeAll(async () => {
    provider = await openOidcProvider();
    server = await startTestServer(pglite, {
      env: {
        OIDC_ISSUER: provider.issuer,
        OIDC_CLIENT_ID: provider.clientId,
        OIDC_CLIENT_SECRET: provider.clientSecret,
      },
    });
    provider.serve(
      [`${server.url}/api/auth/oidc/callback`],
      [{ sub: 'entra-sam', preferred_username: 'caseworker' }],
    );
  });
  afterAll(async () => {
    await server?.close();
    await provider?.close();
  });

  it('learns that organisation sign-in is on, takes up the cookie session and syncs', async () => {
    const browser = new TestBrowser();
    // The device and the browser share one cookie jar, as the app and its page do.
    const transport: typeof fetch = (input, init) =>
      browser.fetch(input instanceof Request ? input.url : String(input), init);
    const device = newDevice(server.url, 'office laptop', { isOnline: true }, transport);
    try {
      expect(await device.client.api.signInOptions()).toEqual({
        password: true,
        oidc: { label: 'Sign in with your organisation account' },
      });
      const { response } = await walkSignIn(browser, `${server.url}/api/auth/oidc/start`, 'entra-sam');
      expect(response.headers.get('location')).toBe('/#signed-in');
      expect(device.client.session$.getValue().status).toBe('signed-out');

      await device.client.signInWithCookie();
      const session = device.client.session$.getValue();
      expect(session.status).toBe('signed-in');
      expect(session.user?.userId).toBe('caseworker');
      // Sync sends the kept token as a bearer header, which the server reads before the cookie:
      // a case logged here goes up and comes back as the server's document.
      const logged = caseLogged({ userId: 'caseworker', deviceId: session.deviceId ?? '', token: '' });
      await device.client.sendEvent(logged.stream, 'case.logged', logged.payload);
      await eventually('the case to come back from the server', async () =>
        (await device.client.database?.cases.findOne(logged.stream).exec()) ? true : undefined,
      );
    } finally {
      await device.client.close();
    }
  });
});
