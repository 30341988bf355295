// Sign-in with the organisation's account in Chromium: the button appears only when the server
// has OpenID Connect set up, the browser goes through a real provider's sign-in page and comes
// back to `/#signed-in`, and the app opens My work with no password typed into Clearway.
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databasesUnderTest } from '../../sync-server/testing/databases';
import { openOidcProvider, type TestOidcProvider } from '../../sync-server/testing/oidcProvider';
import { startTestServer, type TestServer } from '../../sync-server/testing/server';
import { axeProblems, launchChromium, ROOT, TABLET } from './harness';

const LABEL = 'Sign in with your department account';

describe('sign-in with the organisation account', () => {
  let provider: TestOidcProvider;
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    const [pglite] = databasesUnderTest();
    if (!pglite) throw new Error('PGlite is always under test');
    provider = await openOidcProvider();
    server = await startTestServer(pglite, {
      env: {
        CLEARWAY_STATIC_DIR: path.resolve(ROOT, process.env.CLEARWAY_STATIC_DIR ?? 'dist'),
        OIDC_ISSUER: provider.issuer,
        OIDC_CLIENT_ID: provider.clientId,
        OIDC_CLIENT_SECRET: provider.clientSecret,
        OIDC_LABEL: LABEL,
      },
    });
    provider.serve(
      [`${server.url}/api/auth/oidc/callback`],
      [{ sub: 'entra-sam', preferred_username: 'caseworker' }],
    );
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await provider?.close();
  });

  it('goes to the organisation, comes back signed in to My work, and the page passes axe', async () => {
    const context = await browser.newContext({ viewport: TABLET });
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    const button = page.getByRole('link', { name: LABEL });
    await button.waitFor();
    expect(await axeProblems(page)).toEqual([]);
    await button.click();

    // The provider's own (development) sign-in and consent pages.
    await page.locator('input[name="login"]').fill('entra-sam');
    await page.locator('input[name="password"]').fill('anything');
    await page.locator('button[type="submit"]').click();
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.getByRole('heading', { name: 'My work' }).waitFor();
    // The address keeps no trace of the sign-in, and no token was ever in it.
    expect(new URL(page.url()).hash).toBe('');
    await context.close();
  });
});
