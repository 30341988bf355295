// The FOI journey end to end in Debian's Chromium against the built app and a real server:
// a case worker logs a request and allocates it to two services; the policy official goes
// offline, accepts, drafts from a template and sends it for review; back online it syncs; the
// case worker sees it; review, clearance, send and close; the timeline shows every step with
// the right person and both times. axe runs on every page of the journey.
import { describe, expect, it } from 'vitest';
import { allSent, shows, waitForStatus } from './casePage';
import { SYNC_TIMEOUT_MS, useE2eSuite } from './harness';

const DIRECTORY_CSV = [
  'policy_area,team,user_id,name,email,subjects',
  'Environment,Waste policy,official,Priya Shah,priya.shah@example.gov.uk,bins;recycling;fly-tipping',
  'Housing,Lettings,manager,Tom Reilly,tom.reilly@example.gov.uk,housing;repairs',
].join('\n');

const REQUEST_EML = [
  'From: "Amira Khan" <amira.khan@example.org>',
  'To: foi@clearway.example.gov.uk',
  'Subject: FOI request: missed bin collections',
  `Date: ${new Date().toUTCString()}`,
  'Content-Type: text/plain; charset=utf-8',
  '',
  'How many bin collections were missed in 2025, by ward?',
  '',
].join('\r\n');

const TEMPLATE = [
  'Dear {{requester}},',
  '',
  'Thank you for your request {{reference}}, received on {{received}}.',
  'We hold the information and it is set out below. We are answering by {{due}}.',
].join('\n');

describe('the FOI journey, offline and online', () => {
  const suite = useE2eSuite('foi');
  const { signedIn, checkAxe } = suite;

  it('runs from logging to closing, with every step in the timeline', async () => {
    // The administrator keeps the directory (from CSV) and the template library.
    const admin = await signedIn('admin');
    await admin.page.goto(`${suite.base}/admin/directory`);
    await admin.page
      .getByLabel('Directory CSV file')
      .setInputFiles({ name: 'directory.csv', mimeType: 'text/csv', buffer: Buffer.from(DIRECTORY_CSV) });
    await shows(admin.page, 'csv-imported');
    await checkAxe(admin.page, 'directory');
    await admin.page.goto(`${suite.base}/admin/templates`);
    await admin.page.getByRole('button', { name: 'Add a template' }).click();
    await admin.page.getByLabel('Name').fill('FOI: information given in full');
    await admin.page.getByLabel('Letter text').fill(TEMPLATE);
    await admin.page.getByRole('button', { name: 'Save template' }).click();
    await shows(admin.page, 'template');
    await checkAxe(admin.page, 'templates');

    // The case worker logs the request and allocates it to two services.
    const worker = await signedIn('caseworker');
    await checkAxe(worker.page, 'my work');
    await worker.page.goto(`${suite.base}/cases/new`);
    // A file that is not an e-mail: a plain error, and what was typed stays.
    await worker.page.getByLabel('Requester').fill('Typed by hand');
    await worker.page.getByLabel('Import the request e-mail (optional)').setInputFiles({
      name: 'scan.png',
      mimeType: 'image/png',
      buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]),
    });
    await worker.page.getByText('does not look like an e-mail').waitFor();
    expect(await worker.page.getByLabel('Requester').inputValue()).toBe('Typed by hand');
    // The request e-mail fills the form.
    await worker.page
      .getByLabel('Import the request e-mail (optional)')
      .setInputFiles({ name: 'request.eml', mimeType: 'message/rfc822', buffer: Buffer.from(REQUEST_EML) });
    await worker.page.getByTestId('eml-imported').waitFor();
    expect(await worker.page.getByLabel('Requester').inputValue()).toBe('Amira Khan');
    expect(await worker.page.getByLabel('Email address or postal address').inputValue()).toBe(
      'amira.khan@example.org',
    );
    expect(await worker.page.getByLabel('What they asked for').inputValue()).toContain('missed in 2025');
    await worker.page.getByRole('combobox', { name: 'Subject' }).selectOption({ label: 'Environment' });
    await checkAxe(worker.page, 'log a request');
    await worker.page.getByRole('button', { name: 'Log request' }).click();
    await worker.page.getByTestId('case-reference').waitFor();
    // The permanent reference replaces the provisional one once the server has the case.
    await worker.page.waitForURL(/\/cases\/FOI-\d{4}-\d{5}$/, { timeout: SYNC_TIMEOUT_MS });
    const reference = decodeURIComponent(new URL(worker.page.url()).pathname.split('/').at(-1) ?? '');
    await worker.page.getByLabel('Priya Shah').check();
    await worker.page.getByLabel('Tom Reilly').check();
    await worker.page.getByRole('button', { name: 'Allocate to 2 services' }).click();
    await expect
      .poll(() => worker.page.getByTestId('allocations').locator('tbody tr').count(), {
        timeout: SYNC_TIMEOUT_MS,
      })
      .toBe(2);
    await checkAxe(worker.page, 'case (allocated)');

    // The second service accepts online.
    const manager = await signedIn('manager');
    await manager.page.goto(`${suite.base}/cases/${reference}`);
    await manager.page.getByTestId('step-accept').getByRole('button', { name: 'Accept' }).click();

    // The policy official: the case arrives, then they work offline.
    const official = await signedIn('official');
    await official.page.goto(`${suite.base}/cases/${reference}`);
    await official.page.getByText('Accepted').first().waitFor({ timeout: SYNC_TIMEOUT_MS });
    await checkAxe(official.page, 'case (official)');
    await official.context.setOffline(true);
    await official.page.getByTestId('step-accept').getByRole('button', { name: 'Accept' }).click();
    await official.page.getByTestId('step-draft').waitFor();
    await official.page
      .getByRole('combobox', { name: 'Start from a pre-approved template' })
      .selectOption({ label: 'FOI: information given in full' });
    await official.page.getByRole('button', { name: 'Use this template' }).click();
    await expect
      .poll(() => official.page.getByLabel('Part 1, written by Priya Shah').inputValue())
      .toMatch(/Dear Amira Khan,/);
    await expect
      .poll(() => official.page.getByLabel('Part 1, written by Priya Shah').inputValue())
      .toContain(`request ${reference}`);
    await official.page.getByRole('button', { name: 'Save draft' }).click();
    await official.page
      .getByTestId('step-send-review')
      .getByRole('button', { name: 'Send for review' })
      .click();
    await expect
      .poll(() => official.page.locator('[data-status="unsent"]').count())
      .toBeGreaterThanOrEqual(3);
    await checkAxe(official.page, 'case (official, offline)');

    // Back online: the official's steps sync and the case worker sees them.
    await official.context.setOffline(false);
    await allSent(official.page);
    await waitForStatus(worker.page, 'In review');
    await expect
      .poll(() => worker.page.getByTestId('draft-view').textContent())
      .toContain('Written by Priya Shah');

    // Review, clearance, send and close.
    await worker.page
      .getByTestId('step-decide-review')
      .getByRole('button', { name: 'Approve draft' })
      .click();
    await waitForStatus(worker.page, 'Ready to send');
    await worker.page
      .getByTestId('step-send-clearance')
      .getByRole('combobox')
      .selectOption({ label: 'Helen Price' });
    await worker.page
      .getByTestId('step-send-clearance')
      .getByRole('button', { name: 'Send for clearance' })
      .click();
    // The clearance officer may see the case once the request for clearance reaches the server.
    await allSent(worker.page);
    const clearer = await signedIn('clearance');
    await clearer.page.goto(`${suite.base}/cases/${reference}`);
    await shows(clearer.page, 'step-decide-clearance');
    await checkAxe(clearer.page, 'case (clearance)');
    await clearer.page.getByRole('button', { name: 'Clear for sending' }).click();
    await waitForStatus(worker.page, 'Ready to send');
    await worker.page.getByTestId('step-send').waitFor({ timeout: SYNC_TIMEOUT_MS });
    await checkAxe(worker.page, 'case (ready to send)');
    await worker.page.getByRole('button', { name: 'Make the letter and record it as sent' }).click();
    await waitForStatus(worker.page, 'Sent');
    await worker.page.getByTestId('step-close').getByRole('button', { name: 'Close case' }).click();
    await waitForStatus(worker.page, 'Closed');
    await expect.poll(() => worker.page.getByTestId('review-document').count()).toBe(1);

    // The timeline: every step, by the right person, with the device time and the server time.
    await allSent(worker.page);
    const items = worker.page.locator('[data-testid="timeline-item"][data-status="accepted"]');
    const texts = await items.allInnerTexts();
    const byWhom = (who: string) => texts.filter((t) => t.includes(`by ${who}`)).length;
    expect(byWhom('Sam Okafor')).toBeGreaterThanOrEqual(6); // logged, 2 allocations, review, clearance request, document, sent, closed
    expect(byWhom('Priya Shah')).toBeGreaterThanOrEqual(3); // accepted, draft, sent for review
    expect(byWhom('Tom Reilly')).toBeGreaterThanOrEqual(1);
    expect(byWhom('Helen Price')).toBeGreaterThanOrEqual(1);
    for (const text of texts) {
      expect(text).toMatch(/Done \d{1,2} \w+ \d{4} at \d{2}:\d{2}/);
      expect(text).toMatch(/Reached the server \d{1,2} \w+ \d{4} at \d{2}:\d{2}/);
    }
    await checkAxe(worker.page, 'case (closed)');
    await worker.page.goto(`${suite.base}/cases`);
    await worker.page.getByTestId('case-table').waitFor();
    await checkAxe(worker.page, 'all cases');
    // The filter finds the closed case by its state.
    await worker.page.getByLabel('State').selectOption({ label: 'Closed' });
    await worker.page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => worker.page.getByTestId('case-table').textContent()).toContain(reference);
    expect(await worker.page.getByTestId('case-row').count()).toBe(1);

    expect(suite.axeFailures()).toEqual([]);
  });
});
