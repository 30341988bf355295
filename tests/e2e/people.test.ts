// People and access end to end in Debian's Chromium against the built app and a real server:
// an administrator adds a person with roles, a team and a first password; that person signs in
// on their own device and changes their password; the administrator changes their roles and
// resets the password, asking for Pat's devices to be signed out too (the tablet then wipes
// itself), and signs out a device of Pat's from the devices list. axe on each page.
// With organisation sign-in set up, an administrator removes a person's wrong sign-in link.
import { describe, expect, it } from 'vitest';
import { findAccount, linkOidcIdentity } from '../../sync-server/accounts/users';
import { axeProblems, SYNC_TIMEOUT_MS, signIn, useE2eSuite, useOidcE2eSuite } from './harness';

describe('people and access', () => {
  const suite = useE2eSuite('people');

  it('lets an administrator add a person, change what they do, reset their password and sign out their device', async () => {
    const admin = await suite.signedIn('admin');
    const { page } = admin;
    await page.getByRole('link', { name: 'People' }).click();
    await page.getByTestId('people-table').waitFor({ timeout: SYNC_TIMEOUT_MS });
    expect(await page.getByTestId('people-table').innerText()).toContain('caseworker');

    // The form says what is missing before anything is sent.
    const form = page.getByTestId('add-person');
    await form.getByRole('button', { name: 'Add person' }).click();
    const summary = await page.locator('.govuk-error-summary').first().innerText();
    expect(summary).toContain('Enter the person’s name');
    expect(summary).toContain('Choose at least one role');

    await form.getByLabel('Full name').fill('Pat Lee');
    expect(await form.getByLabel('Username').inputValue()).toBe('pat.lee');
    await form.getByRole('checkbox', { name: 'Case worker' }).check();
    await form.getByRole('checkbox', { name: 'Information rights team' }).check();
    await form.getByLabel('First password').fill('pat first passphrase');
    await suite.checkAxe(page, 'people');
    await form.getByRole('button', { name: 'Add person' }).click();
    await page.getByTestId('person-added').waitFor({ timeout: SYNC_TIMEOUT_MS });
    const row = page.getByTestId('people-table').locator('tr', { hasText: 'pat.lee' });
    await row.waitFor();
    expect(await row.innerText()).toContain('Case worker');
    expect(await row.innerText()).toContain('Information rights team');

    // Pat signs in on their own tablet and sees the organisation's cases (information rights sees all).
    const pat = await suite.signedIn('pat.lee', 'pat first passphrase');
    await pat.page.getByRole('link', { name: 'All cases' }).click();
    await expect
      .poll(() => pat.page.locator('table tbody tr').count(), { timeout: SYNC_TIMEOUT_MS })
      .toBeGreaterThan(0);
    // Pat is no administrator: no People in the menu, the page says so, and the server refuses.
    expect(await pat.page.getByRole('link', { name: 'People' }).count()).toBe(0);
    await pat.page.goto(`${suite.base}/admin/people`);
    await pat.page.getByText('Only an administrator can manage people’s accounts.').waitFor();
    expect(await pat.page.getByTestId('people-table').count()).toBe(0);
    const refused = await pat.page.evaluate(async () => (await fetch('/api/admin/accounts')).status);
    expect(refused).toBe(403);

    // Pat changes their own password on the Account page.
    await pat.page.getByRole('link', { name: 'Account' }).click();
    await pat.page.getByRole('button', { name: 'Change your password' }).click();
    await pat.page.getByLabel('Current password').fill('not the password');
    await pat.page.getByLabel('New password', { exact: true }).fill('pat second passphrase');
    await pat.page.getByLabel('New password again').fill('pat second passphrase');
    await pat.page.getByRole('button', { name: 'Change password' }).click();
    await pat.page.getByText('Your current password is not right.').waitFor({ timeout: SYNC_TIMEOUT_MS });
    await pat.page.getByLabel('Current password').fill('pat first passphrase');
    await pat.page.getByRole('button', { name: 'Change password' }).click();
    await pat.page.getByTestId('password-changed').waitFor({ timeout: SYNC_TIMEOUT_MS });
    await suite.checkAxe(pat.page, 'account');

    // What Pat's tablet holds, before the reset signs it out.
    const databases = () =>
      pat.page.evaluate(async () =>
        (await indexedDB.databases()).map((d) => d.name ?? '').filter((name) => name.startsWith('clearway-')),
      );
    const patDatabases = await databases();
    expect(patDatabases.length).toBeGreaterThan(0);

    // The administrator makes Pat a manager too, then resets Pat's password, which someone else
    // may know: Pat's devices are signed out too.
    await row.getByRole('button', { name: /Change/ }).click();
    const panel = page.getByTestId('person-panel');
    await panel.getByRole('checkbox', { name: 'Manager' }).check();
    await panel.getByRole('button', { name: 'Save roles and teams' }).click();
    await panel.getByTestId('access-saved').waitFor({ timeout: SYNC_TIMEOUT_MS });
    await expect.poll(() => row.innerText(), { timeout: SYNC_TIMEOUT_MS }).toContain('Manager');
    await panel.getByLabel('New password').fill('pat reset passphrase');
    await panel.getByRole('checkbox', { name: 'Also sign them out of every device' }).check();
    await panel.getByRole('button', { name: 'Set new password' }).click();
    await panel.getByTestId('password-reset').waitFor({ timeout: SYNC_TIMEOUT_MS });
    expect(await panel.getByTestId('password-reset').innerText()).toContain(
      'Their devices have been signed out.',
    );
    await suite.checkAxe(page, 'person panel');

    // The old passwords no longer work; the reset one does.
    const status = async (password: string) =>
      (
        await fetch(`${suite.base}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'pat.lee', password }),
        })
      ).status;
    expect(await status('pat second passphrase')).toBe(401);
    // This sign-in counts as a second device of Pat's.
    expect(await status('pat reset passphrase')).toBe(200);

    // The reset signed out Pat's tablet: told at once (its live updates end), it wipes what it holds.
    await pat.page.getByTestId('signed-out-notice').waitFor({ timeout: SYNC_TIMEOUT_MS });
    await expect
      .poll(async () => (await databases()).filter((name) => patDatabases.includes(name)))
      .toEqual([]);

    // That second device is lost: the administrator signs it out from Pat's devices.
    await page.reload();
    await row.getByRole('button', { name: /Change/ }).click();
    const devices = panel.getByTestId('person-devices');
    await devices.waitFor({ timeout: SYNC_TIMEOUT_MS });
    const signOut = devices.getByRole('button', { name: /Sign out and wipe/ });
    await expect.poll(() => signOut.count()).toBe(1);
    await signOut.first().click();
    await expect.poll(() => signOut.count(), { timeout: SYNC_TIMEOUT_MS }).toBe(0);

    expect(suite.axeFailures()).toEqual([]);
  });
});

describe('organisation sign-in links', () => {
  const suite = useOidcE2eSuite();

  it('lets an administrator remove a wrong organisation sign-in link, after saying what it does', async () => {
    // Someone else's organisation account signed in as the case worker first.
    await linkOidcIdentity(suite.server.db, 'caseworker', {
      issuer: suite.provider.issuer,
      subject: 'wrong-person',
    });
    const { page, context } = await signIn(suite.browser, suite.server.url, 'admin');
    await page.getByRole('link', { name: 'People' }).click();
    const row = page.getByTestId('people-table').locator('tr', { hasText: 'caseworker' });
    await row.waitFor({ timeout: SYNC_TIMEOUT_MS });
    await row.getByRole('button', { name: /Change/ }).click();
    const panel = page.getByTestId('person-panel');
    const link = panel.getByTestId('sign-in-link');
    await link.waitFor({ timeout: SYNC_TIMEOUT_MS });
    expect(await link.innerText()).toContain('Linked.');

    await panel.getByRole('button', { name: 'Remove organisation sign-in link' }).click();
    expect(await link.innerText()).toMatch(
      /Remove the link between .*Clearway account and their organisation account\?/,
    );
    expect(await axeProblems(page)).toEqual([]);
    // Cancel changes nothing.
    await panel.getByRole('button', { name: 'Cancel' }).click();
    expect((await findAccount(suite.server.db, 'caseworker'))?.oidcIdentity).not.toBeNull();

    await panel.getByRole('button', { name: 'Remove organisation sign-in link' }).click();
    await panel.getByRole('button', { name: 'Yes, remove the link' }).click();
    await panel.getByTestId('sign-in-link-removed').waitFor({ timeout: SYNC_TIMEOUT_MS });
    expect((await findAccount(suite.server.db, 'caseworker'))?.oidcIdentity).toBeNull();
    const recorded = await suite.server.db.query<{ actor: string }>(
      `select actor from events where type = 'directory.sign_in_unlinked'`,
    );
    expect(recorded).toEqual([{ actor: 'admin' }]);

    // Opened again, the person is shown as not linked.
    await page.reload();
    await row.getByRole('button', { name: /Change/ }).click();
    await expect
      .poll(() => panel.getByTestId('sign-in-link').innerText(), { timeout: SYNC_TIMEOUT_MS })
      .toContain('Not linked.');
    await context.close();
  });
});
