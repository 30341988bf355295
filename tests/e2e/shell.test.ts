// The installable app shell in Debian's Chromium: signing in, the pages of the shell passing
// axe, installability (manifest, icons, a service worker that controls the page), opening
// with the network cut, and a device signed out from another one wiping its data.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axeProblems,
  launchChromium,
  type RunningServer,
  SYNC_TIMEOUT_MS,
  signIn,
  startServer,
  TABLET,
} from './harness';

describe('the app shell', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer('shell');
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('refuses a wrong password in plain words, then signs a person in to My work', async () => {
    const context = await browser.newContext({ viewport: TABLET });
    const page = await context.newPage();
    await page.goto(`${server.base}/`);
    expect(await axeProblems(page)).toEqual([]);
    await page.getByLabel('Username').fill('caseworker');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const summary = page.locator('.govuk-error-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toMatch(/There is a problem/);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary'))).toBe(
      true,
    );
    expect(await axeProblems(page)).toEqual([]);

    await page.getByLabel('Password').fill('demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'My work' }).waitFor();
    await expect
      .poll(() => page.getByTestId('sync-indicator').textContent(), { timeout: SYNC_TIMEOUT_MS })
      .toMatch(/^All changes sent/);
    await context.close();
  });

  it('passes axe on every page of the shell, with the navigation reachable by keyboard', async () => {
    const { context, page } = await signIn(browser, server.base, 'caseworker');
    for (const [path, heading] of [
      ['/', 'My work'],
      ['/cases', 'All cases'],
      ['/cases/new', /Log a request/],
      ['/account', 'Your account'],
      ['/no-such-page', 'Page not found'],
    ] as const) {
      await page.goto(`${server.base}${path}`);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      expect({ path, problems: await axeProblems(page) }).toEqual({ path, problems: [] });
    }
    // The skip link is the first thing the keyboard reaches, and it leads to the content.
    await page.goto(`${server.base}/`);
    await page.getByRole('heading', { level: 1, name: 'My work' }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to main content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main-content');
    await context.close();
  });

  it('is installable: a web manifest with icons, and a service worker that controls the page', async () => {
    const { context, page } = await signIn(browser, server.base, 'caseworker');
    const manifestHref = await page.locator('link[rel="manifest"]').getAttribute('href');
    expect(manifestHref).toBeTruthy();
    const manifest = await (await fetch(new URL(manifestHref ?? '', server.base))).json();
    expect(manifest).toMatchObject({
      name: 'Clearway casework',
      short_name: 'Clearway',
      display: 'standalone',
    });
    expect(manifest.start_url).toBe('/');
    const sizes = manifest.icons.map(
      (icon: { sizes: string; purpose?: string }) => `${icon.sizes}:${icon.purpose ?? 'any'}`,
    );
    expect(sizes).toEqual(expect.arrayContaining(['192x192:any', '512x512:any', '512x512:maskable']));
    for (const icon of manifest.icons as { src: string; type: string }[]) {
      const res = await fetch(new URL(icon.src, server.base));
      expect(res.headers.get('content-type')).toBe('image/png');
    }
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.reload();
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await context.close();
  });

  it('opens with the network cut and shows the cases stored on the device', async () => {
    const { context, page } = await signIn(browser, server.base, 'caseworker');
    await page.goto(`${server.base}/cases`);
    const firstReference = page
      .locator('main a[href^="/cases/"]')
      .filter({ hasText: /-\d{4}-\d{5}/ })
      .first();
    await firstReference.waitFor({ timeout: SYNC_TIMEOUT_MS });
    const reference = (await firstReference.textContent())?.trim() ?? '';
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.reload();
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

    await context.setOffline(true);
    await page.reload();
    await page.getByRole('heading', { name: 'All cases' }).waitFor();
    await page.getByText(reference).first().waitFor({ timeout: SYNC_TIMEOUT_MS });
    await expect.poll(() => page.getByTestId('sync-indicator').textContent()).toMatch(/^Offline/);
    await context.close();
  });

  it('reopens a signed-in device straight to its work, without showing the sign-in form', async () => {
    const { context, page } = await signIn(browser, server.base, 'caseworker');
    await page.addInitScript(() => {
      const seen = { signInForm: false };
      (window as unknown as { seen: typeof seen }).seen = seen;
      new MutationObserver(() => {
        if (document.getElementById('username')) seen.signInForm = true;
      }).observe(document, { childList: true, subtree: true });
    });
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'My work' }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { seen: { signInForm: boolean } }).seen)).toEqual({
      signInForm: false,
    });
    await context.close();
  });

  it('wipes a device that was signed out from another device of the same person', async () => {
    const lost = await signIn(browser, server.base, 'official');
    await expect
      .poll(() => lost.page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name)))
      .toEqual(expect.arrayContaining([expect.stringMatching(/clearway-official/)]));
    const kept = await signIn(browser, server.base, 'official');
    await kept.page.goto(`${server.base}/account`);
    const signOutOther = kept.page.getByRole('button', { name: /Sign out this device/ });
    await signOutOther.first().waitFor();
    expect(await signOutOther.count()).toBe(1);
    await signOutOther.click();
    await expect.poll(() => signOutOther.count()).toBe(0);

    // Its next contact with the server tells the lost device; it removes what it held.
    await lost.page.reload();
    await lost.page.getByTestId('signed-out-notice').waitFor({ timeout: SYNC_TIMEOUT_MS });
    await expect
      .poll(() => lost.page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name)))
      .not.toEqual(expect.arrayContaining([expect.stringMatching(/clearway-official/)]));
    await lost.context.close();
    await kept.context.close();
  });
});
