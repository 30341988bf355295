// Waiting on a case page in end-to-end tests: for a state another person's step brings, for
// this device to have sent everything, and for a part of the page, saying what the page showed
// when it does not come.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { SYNC_TIMEOUT_MS } from './harness';

/** Waits until the case page shows this state (after a sync, for another person's step). */
export async function waitForStatus(page: Page, label: string): Promise<void> {
  await expect
    .poll(() => page.getByTestId('case-status').textContent(), { timeout: SYNC_TIMEOUT_MS })
    .toBe(label);
}

/** Waits until this device has sent every step it made (none left marked "Not sent yet"). */
export async function allSent(page: Page): Promise<void> {
  await expect
    .poll(() => page.locator('[data-status="unsent"]').count(), { timeout: SYNC_TIMEOUT_MS })
    .toBe(0);
}

/** Waits until the sync indicator says this device has nothing left to send. */
export async function allChangesSent(page: Page): Promise<void> {
  await expect
    .poll(() => page.getByTestId('sync-indicator').textContent(), { timeout: SYNC_TIMEOUT_MS })
    .toMatch(/^All changes sent/);
}

/** Waits for a part of the page; on failure says what the page showed instead. */
export async function shows(page: Page, testId: string): Promise<void> {
  try {
    await page.getByTestId(testId).first().waitFor({ timeout: SYNC_TIMEOUT_MS });
  } catch (error) {
    const text =
      (await page
        .locator('main')
        .textContent()
        .catch(() => null)) ?? '(no main)';
    throw new Error(`${testId} did not appear at ${page.url()}. The page showed: ${text.slice(0, 3000)}`, {
      cause: error,
    });
  }
}
