// More of the FOI journey end to end in Debian's Chromium against the built app and a real
// server (the main run is in ./foi-journey.test.ts): a request logged offline shows at once in
// My work and All cases; clarification stops the clock and the answer restarts it with the new
// due date shown; an official rejects an allocation with a reason; another re-allocates with a
// reason; a contribution is asked for and written inside the case, keeping its author. axe
// runs on every page these steps show.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { allSent, shows, waitForStatus } from './casePage';
import { SYNC_TIMEOUT_MS, useE2eSuite } from './harness';

const DIRECTORY_CSV = [
  'policy_area,team,user_id,name,email,subjects',
  'Environment,Waste policy,official,Priya Shah,priya.shah@example.gov.uk,bins;recycling;fly-tipping',
  'Housing,Lettings,manager,Tom Reilly,tom.reilly@example.gov.uk,housing;repairs',
].join('\n');

/** `days` before today as the form's date field takes it (UTC is close enough for a test). */
function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

/** The allocations table's rows as text, once it has `count` of them. */
async function allocationRows(page: Page, count: number): Promise<string[]> {
  const rows = page.getByTestId('allocations').locator('tbody tr');
  await expect.poll(() => rows.count(), { timeout: SYNC_TIMEOUT_MS }).toBe(count);
  return rows.allInnerTexts();
}

describe('the rest of the FOI journey', () => {
  const suite = useE2eSuite('foi-more');
  const { signedIn, checkAxe } = suite;

  /** The case worker logs a request through the form; resolves with its permanent reference. */
  async function logRequest(page: Page, subject: string, receivedOn: string): Promise<string> {
    await page.goto(`${suite.base}/cases/new`);
    await page.getByLabel('Requester').fill('Amira Khan');
    await page.getByLabel('Email address or postal address').fill('amira.khan@example.org');
    await page.getByLabel('Date received').fill(receivedOn);
    await page
      .getByRole('combobox', { name: 'Subject' })
      .selectOption({ label: subject }, { timeout: SYNC_TIMEOUT_MS });
    await page.getByLabel('What they asked for').fill('How many bin collections were missed in 2025?');
    await page.getByRole('button', { name: 'Log request' }).click();
    await page.waitForURL(/\/cases\/FOI-\d{4}-\d{5}$/, { timeout: SYNC_TIMEOUT_MS });
    return decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1) ?? '');
  }

  beforeAll(async () => {
    const admin = await signedIn('admin');
    await admin.page.goto(`${suite.base}/admin/directory`);
    await admin.page
      .getByLabel('Directory CSV file')
      .setInputFiles({ name: 'directory.csv', mimeType: 'text/csv', buffer: Buffer.from(DIRECTORY_CSV) });
    await admin.page.getByTestId('csv-imported').waitFor({ timeout: SYNC_TIMEOUT_MS });
  });

  it('shows a request logged offline in My work and All cases at once, as not sent yet', async () => {
    const worker = await signedIn('caseworker');
    await worker.page.goto(`${suite.base}/cases/new`);
    // The subjects come from the directory, which a newly signed-in device pulls first.
    await worker.page.getByRole('combobox', { name: 'Subject' }).waitFor({ timeout: SYNC_TIMEOUT_MS });
    await worker.context.setOffline(true);
    await worker.page.getByLabel('Requester').fill('Offline Requester');
    await worker.page.getByLabel('Email address or postal address').fill('offline@example.org');
    await worker.page.getByRole('combobox', { name: 'Subject' }).selectOption({ label: 'Environment' });
    await worker.page.getByLabel('What they asked for').fill('Fly-tipping reports by ward, 2025.');
    await worker.page.getByRole('button', { name: 'Log request' }).click();
    await worker.page.getByTestId('provisional-reference').waitFor();
    const provisional = (await worker.page.getByTestId('case-reference').textContent()) ?? '';
    expect(provisional).toMatch(/^FOI-\d{4}-P-/);

    for (const [where, path] of [
      ['My work', '/'],
      ['All cases', '/cases'],
    ] as const) {
      await worker.page.getByRole('link', { name: where, exact: true }).first().click();
      await worker.page.waitForURL(`${suite.base}${path}`);
      const row = worker.page.getByTestId('case-row').filter({ hasText: provisional });
      await row.waitFor({ timeout: SYNC_TIMEOUT_MS });
      expect(await row.textContent()).toContain('Not sent yet');
      await checkAxe(worker.page, `${where} (offline, not sent)`);
    }

    // Back online the case gets its permanent reference.
    await worker.context.setOffline(false);
    await worker.page.goto(`${suite.base}/`);
    await expect
      .poll(() => worker.page.getByTestId('case-table').textContent(), { timeout: SYNC_TIMEOUT_MS })
      .not.toContain(provisional);
    // The reload pushed the event again while its first pull already saw it accepted: the mark
    // still goes (src/data/outboxOutcomes.ts).
    await expect
      .poll(() => worker.page.getByTestId('case-table').textContent(), { timeout: SYNC_TIMEOUT_MS })
      .not.toContain('Not sent yet');
  });

  it('stops the clock for clarification and restarts it with the new due date shown', async () => {
    const worker = await signedIn('caseworker');
    const reference = await logRequest(worker.page, 'Environment', daysAgo(14));
    const panel = worker.page.getByTestId('deadline-panel');
    const dueBefore = (await panel.textContent()) ?? '';
    expect(dueBefore).toMatch(/Statutory due date: \d{1,2} \w+ \d{4}/);

    const ask = worker.page.getByTestId('step-clarification-request');
    await ask
      .getByLabel('What you asked')
      .fill('Which wards do you mean: all of them, or those in the east?');
    await ask.getByRole('button', { name: 'Record clarification request' }).click();
    await waitForStatus(worker.page, 'Awaiting clarification');
    await expect.poll(() => panel.textContent()).toContain('Stopped since');
    await checkAxe(worker.page, 'case (clock stopped)');

    const answer = worker.page.getByTestId('step-clarification-received');
    await answer.getByLabel('Their answer').fill('All wards, please.');
    const newDue = worker.page.getByTestId('new-due-date');
    await newDue.waitFor();
    const shown = /new due date will be (\d{1,2} \w+ \d{4})/.exec((await newDue.textContent()) ?? '')?.[1];
    expect(shown).toBeDefined();
    expect(dueBefore).not.toContain(`Statutory due date: ${shown}`);
    await checkAxe(worker.page, 'case (answer to record)');
    await answer.getByRole('button', { name: 'Record answer and restart the clock' }).click();
    await expect.poll(() => panel.textContent()).toContain(`Statutory due date: ${shown}`);
    await allSent(worker.page);
    // The server worked the date out the same way: a fresh look at the case shows it too.
    await worker.page.reload();
    await expect
      .poll(() => worker.page.getByTestId('deadline-panel').textContent(), { timeout: SYNC_TIMEOUT_MS })
      .toContain(`Statutory due date: ${shown}`);
    const timeline = await worker.page.getByTestId('timeline').innerText();
    expect(timeline).toMatch(/clarif/i);
    expect(reference).toMatch(/^FOI-/);
  });

  it('lets an administrator set the letterhead, and a person add their e-mail address', async () => {
    const admin = await signedIn('admin');
    await admin.page.goto(`${suite.base}/admin/templates`);
    const form = admin.page.getByTestId('letterhead-form');
    await form.waitFor({ timeout: SYNC_TIMEOUT_MS });
    expect(await admin.page.getByTestId('letterhead').textContent()).toContain('Not set yet');
    await form.getByLabel('Organisation', { exact: true }).fill('Gedling Borough Council');
    await form.getByLabel('Address').fill('Civic Centre, Arnot Hill Park\nArnold, Nottingham NG5 6LU');
    await form.getByRole('button', { name: 'Save letterhead' }).click();
    await expect
      .poll(() => admin.page.getByTestId('letterhead').textContent(), { timeout: SYNC_TIMEOUT_MS })
      .toContain('Every response letter carries these details.');
    await checkAxe(admin.page, 'templates (letterhead)');
    // It is not offered as a letter to draft from.
    expect(await admin.page.getByTestId('template').count()).toBe(0);

    const official = await signedIn('official');
    await official.page.goto(`${suite.base}/account`);
    const email = official.page.getByTestId('email-address');
    await email.getByRole('button', { name: /Add|Change/ }).click({ timeout: SYNC_TIMEOUT_MS });
    await email.getByLabel('E-mail address').fill('not an address');
    await email.getByRole('button', { name: 'Save e-mail address' }).click();
    await expect.poll(() => email.textContent()).toContain('in the right form');
    await checkAxe(official.page, 'account (e-mail address)');
  });

  it('keeps the reason when an allocation is rejected or re-allocated, and each contribution’s author', async () => {
    const worker = await signedIn('caseworker');
    const reference = await logRequest(worker.page, 'Environment', daysAgo(1));
    await worker.page.getByLabel('Priya Shah').check();
    await worker.page.getByLabel('Tom Reilly').check();
    await worker.page.getByRole('button', { name: 'Allocate to 2 services' }).click();
    await allocationRows(worker.page, 2);
    await allSent(worker.page);

    // The official says it is not theirs, and why.
    const official = await signedIn('official');
    await official.page.goto(`${suite.base}/cases/${reference}`);
    const decide = official.page.getByTestId('step-accept');
    await decide.waitFor({ timeout: SYNC_TIMEOUT_MS });
    await checkAxe(official.page, 'case (allocation to accept or reject)');
    const rejectReason = 'Lettings hold the ward figures, not Waste policy.';
    await decide.getByLabel(/Or reject it/).fill(rejectReason);
    await decide.getByRole('button', { name: 'Reject' }).click();
    await allSent(official.page);
    await expect
      .poll(async () => (await allocationRows(worker.page, 2)).join('\n'), { timeout: SYNC_TIMEOUT_MS })
      .toMatch(new RegExp(`Rejected\\s*${rejectReason}`));

    // The manager accepts, then hands the work on to the official in another division, with a reason.
    const manager = await signedIn('manager');
    await manager.page.goto(`${suite.base}/cases/${reference}`);
    await manager.page.getByTestId('step-accept').getByRole('button', { name: 'Accept' }).click();
    await allSent(manager.page);
    await waitForStatus(manager.page, 'In progress');
    const reallocate = manager.page.getByTestId('step-reallocate');
    await reallocate.waitFor({ timeout: SYNC_TIMEOUT_MS });
    await checkAxe(manager.page, 'case (re-allocate)');
    await reallocate.getByRole('combobox', { name: 'To anyone, in any division' }).selectOption({
      label: 'Priya Shah, Waste policy (Environment)',
    });
    const handOnReason = 'The figures came from the waste contractor after all.';
    await reallocate.getByLabel('Why').fill(handOnReason);
    await reallocate.getByRole('button', { name: 'Re-allocate' }).click();
    await allSent(manager.page);
    const rows = await allocationRows(worker.page, 3);
    await expect
      .poll(async () => (await allocationRows(worker.page, 3)).join('\n'), { timeout: SYNC_TIMEOUT_MS })
      .toMatch(new RegExp(`Re-allocated\\s*${handOnReason}`));
    expect(rows.some((r) => r.includes('Priya Shah'))).toBe(true);

    // The official accepts the new allocation and asks the manager for a contribution.
    await official.page.reload();
    await official.page
      .getByTestId('step-accept')
      .getByRole('button', { name: 'Accept' })
      .click({ timeout: SYNC_TIMEOUT_MS });
    // The accept settles (sent, and the server's copy back) before the next form is filled.
    await allSent(official.page);
    await waitForStatus(official.page, 'In progress');
    const ask = official.page.getByTestId('step-request-contribution');
    await ask.waitFor({ timeout: SYNC_TIMEOUT_MS });
    await ask.getByRole('combobox', { name: 'Who' }).selectOption({ label: 'Tom Reilly' });
    await ask.getByLabel('What you need from them').fill('Missed collections in council flats, by ward.');
    await checkAxe(official.page, 'case (ask for a contribution)');
    await ask.getByRole('button', { name: 'Request contribution' }).click();
    await shows(official.page, 'contribution');
    await allSent(official.page);

    // The contributor writes their part inside the case.
    await manager.page.reload();
    await shows(manager.page, 'step-write-contribution');
    const write = manager.page.getByTestId('step-write-contribution');
    await checkAxe(manager.page, 'case (contribution to write)');
    const part = 'Council flats: 112 missed collections in 2025, most in Bow East.';
    await write.getByLabel('Your contribution').fill(part);
    await write.getByRole('button', { name: 'Send contribution' }).click();
    await allSent(manager.page);

    // The official sees it with its author, and the timeline says who wrote it.
    const card = official.page.getByTestId('contribution').filter({ hasText: 'From Tom Reilly' });
    await expect.poll(() => card.textContent(), { timeout: SYNC_TIMEOUT_MS }).toContain(part);
    expect(await card.textContent()).toContain('Asked by Priya Shah');
    await checkAxe(official.page, 'case (contribution received)');
    const entries = await official.page
      .locator('[data-testid="timeline-item"][data-status="accepted"]')
      .allInnerTexts();
    expect(entries.some((t) => /contribution/i.test(t) && t.includes('by Tom Reilly'))).toBe(true);
    // The official's own steps name this device (the server's name for it), not a bare id.
    expect(entries.some((t) => t.includes('by Priya Shah') && t.includes('on this device ('))).toBe(true);

    expect(suite.axeFailures()).toEqual([]);
  });
});
