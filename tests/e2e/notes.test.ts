// File notes on a case, in Debian's Chromium against the built app and a real server: a case
// worker tries to add an empty note (GOV.UK error summary and inline error, focus on the
// summary), adds one online (the box clears, focus goes to the "Note added" message, and the
// manager's device shows the note's text), then adds one with the network cut, by keyboard
// (shown at once as not sent, with its text; sent after reconnecting and then on the
// manager's device too). axe finds no serious problem on the page with the form and with the
// error.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { allChangesSent, allSent } from './casePage';
import { SYNC_TIMEOUT_MS, timelineOf, useE2eSuite } from './harness';

const ADDED =
  'Note added. It is at the top of the timeline. If this device is offline, it will be sent when it is back online.';

const SUBJECT = 'Missed bin collections 2025';
const ONLINE_NOTE = 'Rang the requester to clarify the date range.\nThey mean calendar year 2025.';
const OFFLINE_NOTE = 'Chased the policy team for the ward figures';

type NoteOnTimeline = { text: string; isSent: boolean };

/** The notes on the case page's timeline, newest first: their text and whether each was sent. */
function notesOf(page: Page): Promise<NoteOnTimeline[]> {
  return page.getByTestId('timeline-item').evaluateAll((items) =>
    items
      .filter((item) => item.querySelector('[data-testid="note-text"]'))
      .map((item) => ({
        text: item.querySelector('[data-testid="note-text"]')?.textContent ?? '',
        isSent: item.getAttribute('data-status') === 'accepted',
      })),
  );
}

/** What has focus now, by its test id or else its id. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return el?.getAttribute('data-testid') ?? el?.id ?? el?.className ?? null;
  });

describe('notes on a case', () => {
  const suite = useE2eSuite('notes');

  it('are added online and offline, reach other people, and an empty one is refused', async () => {
    const worker = await suite.signedIn('caseworker');
    const manager = await suite.signedIn('manager');
    await allChangesSent(worker.page);
    await allChangesSent(manager.page);

    const { page } = worker;
    await page.goto(`${suite.base}/cases`);
    await page.getByTestId('case-row').filter({ hasText: SUBJECT }).getByRole('link').click();
    const reference = (await page.getByTestId('case-reference').textContent())?.trim() ?? '';
    expect(reference).toMatch(/-\d{4}-\d{5}$/);
    await manager.page.goto(`${suite.base}/cases/${encodeURIComponent(reference)}`);
    await manager.page.getByTestId('timeline').waitFor({ timeout: SYNC_TIMEOUT_MS });

    const form = page.getByTestId('add-note');
    const box = form.getByLabel('Note', { exact: true });
    const addNote = form.getByRole('button', { name: 'Add note' });
    await box.waitFor();
    expect(await form.getByRole('heading', { level: 2 }).textContent()).toBe('Add a note');
    expect(await page.locator('#field-note-hint').textContent()).toContain(
      'Everyone who can see this case can read its notes.',
    );
    await suite.checkAxe(page, 'case page with the note form');
    const stepsBefore = await timelineOf(page);

    // An empty note: the error summary (focused) links to the box, which shows the error too.
    await addNote.click();
    const summary = form.locator('.govuk-error-summary');
    await summary.waitFor();
    expect(await summary.getByRole('link', { name: 'Enter a note' }).getAttribute('href')).toBe(
      '#field-note',
    );
    expect(await page.locator('#field-note-error').textContent()).toContain('Enter a note');
    expect(await box.getAttribute('aria-describedby')).toContain('field-note-error');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary'))).toBe(
      true,
    );
    await suite.checkAxe(page, 'case page with an empty note refused');
    expect(await timelineOf(page)).toEqual(stepsBefore);

    // Online: the box clears, focus goes to the message, and the note reaches the server.
    await box.fill(ONLINE_NOTE);
    await addNote.click();
    const status = form.getByRole('status');
    await expect.poll(() => status.textContent()).toBe(ADDED);
    expect(await focused(page)).toBe('note-added');
    expect(await box.inputValue()).toBe('');
    expect(await summary.count()).toBe(0);
    await expect
      .poll(() => notesOf(page), { timeout: SYNC_TIMEOUT_MS })
      .toEqual([{ text: ONLINE_NOTE, isSent: true }]);
    expect((await timelineOf(page))[0]).toEqual({ step: 'Added a note', by: 'by Sam Okafor', isSent: true });
    // The manager's device shows it too, with its text and its line break.
    await expect
      .poll(() => notesOf(manager.page), { timeout: SYNC_TIMEOUT_MS })
      .toEqual([{ text: ONLINE_NOTE, isSent: true }]);

    // Offline, by keyboard: kept on this device and shown at once as not sent, text and all.
    await worker.context.setOffline(true);
    await box.focus();
    await page.keyboard.type(OFFLINE_NOTE);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Add note');
    await page.keyboard.press('Enter');
    // Focus leaves the button for the message again, and the box is empty for the next note.
    await expect.poll(() => focused(page)).toBe('note-added');
    expect(await status.textContent()).toBe(ADDED);
    expect(await box.inputValue()).toBe('');
    await expect
      .poll(() => notesOf(page))
      .toEqual([
        { text: OFFLINE_NOTE, isSent: false },
        { text: ONLINE_NOTE, isSent: true },
      ]);
    const unsent = page.locator('[data-status="unsent"]');
    expect(await unsent.textContent()).toContain('Not sent yet');
    expect(await notesOf(manager.page)).toEqual([{ text: ONLINE_NOTE, isSent: true }]);

    // Back online it is sent, and reaches the manager.
    await worker.context.setOffline(false);
    await allSent(page);
    await expect
      .poll(() => notesOf(page), { timeout: SYNC_TIMEOUT_MS })
      .toEqual([
        { text: OFFLINE_NOTE, isSent: true },
        { text: ONLINE_NOTE, isSent: true },
      ]);
    await expect
      .poll(() => notesOf(manager.page), { timeout: SYNC_TIMEOUT_MS })
      .toEqual([
        { text: OFFLINE_NOTE, isSent: true },
        { text: ONLINE_NOTE, isSent: true },
      ]);

    expect(suite.axeFailures()).toEqual([]);
  });
});
