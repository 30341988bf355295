// A change made offline that the server refuses is never lost from sight, in Debian's Chromium
// against the built app and a real server: a case worker logs a request with the network cut;
// meanwhile an administrator takes away their case worker role; back online the server refuses
// the request. The case's address says it was not created and why, a banner on every page points
// to the list of refused changes, that list shows what was typed and the server's reason (axe
// finds no problems), and "I have read this" removes it and the banner.
import { describe, expect, it } from 'vitest';
import { shows } from './casePage';
import { SYNC_TIMEOUT_MS, useE2eSuite } from './harness';

const REQUESTER = 'Dana Whitfield';
const SUBJECT = 'Street lighting repairs';

describe('a change the server refused', () => {
  const suite = useE2eSuite('refused');

  it('is shown with its reason after an offline request is refused, until the person has read it', async () => {
    const admin = await suite.signedIn('admin');
    const worker = await suite.signedIn('caseworker');
    const { page, context } = worker;
    await expect
      .poll(() => page.getByTestId('sync-indicator').textContent(), { timeout: SYNC_TIMEOUT_MS })
      .toMatch(/^All changes sent/);

    // Offline, the case worker logs a request: the device keeps it to send later.
    await context.setOffline(true);
    await page.getByRole('link', { name: 'Log a request' }).click();
    await page.getByLabel('Requester').fill(REQUESTER);
    await page.getByLabel('Email address or postal address').fill('dana@example.org');
    await page.getByLabel('Subject').fill(SUBJECT);
    await page.getByLabel('What they asked for').fill('How many street lights were repaired in 2025?');
    await page.getByRole('button', { name: 'Log request' }).click();
    await page.getByTestId('provisional-reference').waitFor();
    const caseAddress = page.url();
    const provisional = (await page.getByTestId('case-reference').textContent())?.trim() ?? '';
    expect(provisional).toMatch(/-P-/);
    expect(await page.getByTestId('refused-banner').count()).toBe(0);

    // Meanwhile the administrator takes the case worker role away, on the server.
    const changed = await admin.page.evaluate(async () => {
      const res = await fetch('/api/admin/people/caseworker', {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ roles: ['policy_official'] }),
      });
      return { status: res.status, body: await res.json() };
    });
    expect(changed).toMatchObject({ status: 200, body: { roles: ['policy_official'] } });

    // Back online the request is refused: its address says so instead of "not found".
    await context.setOffline(false);
    await page
      .getByRole('heading', { level: 1, name: 'This case was not created' })
      .waitFor({ timeout: SYNC_TIMEOUT_MS });
    expect(page.url()).toBe(caseAddress);
    expect(await page.getByTestId('refused-change').innerText()).toContain(REQUESTER);
    await suite.checkAxe(page, 'case not created');
    // The provisional reference, the address people may have noted, says the same.
    await page.goto(`${suite.base}/cases/${encodeURIComponent(provisional)}`);
    await page.getByRole('heading', { level: 1, name: 'This case was not created' }).waitFor();

    // Every page carries the banner; it leads to the list of refused changes.
    await page.getByRole('link', { name: 'My work' }).click();
    await page.getByRole('heading', { level: 1, name: 'My work' }).waitFor();
    const banner = page.getByTestId('refused-banner');
    await shows(page, 'refused-banner');
    expect(await banner.innerText()).toContain('The server did not accept one of your changes');
    await banner.getByRole('link', { name: 'See what and why' }).click();
    await page.getByRole('heading', { level: 1, name: 'Changes the server did not accept' }).waitFor();
    const refused = page.getByTestId('refused-change');
    expect(await refused.count()).toBe(1);
    const card = await refused.innerText();
    expect(card).toContain(`Logged freedom of information request from ${REQUESTER}: "${SUBJECT}"`);
    expect(card).toContain('Only a case worker or a manager can log a case.');
    expect(card).toContain('None: the case was not created');
    expect(card).toContain('dana@example.org');
    expect(card).toContain('How many street lights were repaired in 2025?');
    await suite.checkAxe(page, 'changes not accepted');

    // Read: it goes from the list, focus stays on the page, and the banner goes from every page.
    await refused.getByRole('button', { name: /^I have read this/ }).click();
    await expect.poll(() => refused.count()).toBe(0);
    await page.getByText('There are no changes the server did not accept.').waitFor();
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await page.getByRole('link', { name: 'My work' }).click();
    await page.getByRole('heading', { level: 1, name: 'My work' }).waitFor();
    expect(await banner.count()).toBe(0);

    expect(suite.axeFailures()).toEqual([]);
  });
});
