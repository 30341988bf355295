// Sign-in with the organisation's account in Chromium: the button appears only when the server
// has OpenID Connect set up, the browser goes through a real provider's sign-in page and comes
// back to `/#signed-in`, and the app opens My work with no password typed into Clearway.
import { describe, expect, it } from 'vitest';
import { axeProblems, TABLET, useOidcE2eSuite } from './harness';

const LABEL = 'Sign in with your department account';

describe('sign-in with the organisation account', () => {
  const suite = useOidcE2eSuite({ OIDC_LABEL: LABEL }, [
    { sub: 'entra-sam', preferred_username: 'caseworker' },
  ]);

  it('goes to the organisation, comes back signed in to My work, and the page passes axe', async () => {
    const context = await suite.browser.newContext({ viewport: TABLET });
    const page = await context.newPage();
    await page.goto(`${suite.server.url}/`);
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
