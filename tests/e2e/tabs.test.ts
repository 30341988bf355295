// Several tabs of the app on one device, in Debian's Chromium against the built app and a real
// server: they share one database, and only the tab that leads listens to the server's live
// updates (GET /api/replication/events/stream), so six tabs do not use up the browser's six
// connections. A step taken in one tab shows in the other without a reload; when the leading tab
// is closed the other takes over: it opens the stream and another person's step reaches it.
// When the device is signed out from another, every tab shows it, not only the one that hears.
import type { Page, Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { allSent } from './casePage';
import { addDocument, SYNC_TIMEOUT_MS, timelineOf, useE2eSuite } from './harness';

const STREAM_PATH = '/api/replication/events/stream';
const SUBJECT = 'Air quality readings near the school on Mill Lane';
/** How long a tab that does not lead is watched for a stream of its own. */
const QUIET_WATCH_MS = 3_000;

/** Whether the case page shows this step, sent to the server. */
async function showsSent(page: Page, step: string): Promise<boolean> {
  return (await timelineOf(page)).some((s) => s.step === step && s.isSent);
}

describe('several tabs on one device', () => {
  const suite = useE2eSuite('tabs');

  it('share one database: one tab listens to the server, and another takes over when it closes', async () => {
    const { context, page: first } = await suite.signedIn('caseworker');
    /** The pages that opened the live-updates stream, one entry per request. */
    const streamsOpened: Page[] = [];
    context.on('request', (request: Request) => {
      const frame = request.serviceWorker() ? null : request.frame();
      if (frame && new URL(request.url()).pathname === STREAM_PATH) streamsOpened.push(frame.page());
    });
    const streamsOf = (page: Page) => streamsOpened.filter((p) => p === page).length;

    // The first tab, loaded again with the requests watched: alone, it leads and listens.
    await first.goto(`${suite.base}/cases`);
    await first.getByTestId('case-row').filter({ hasText: SUBJECT }).getByRole('link').click();
    const caseAddress = first.url();
    await first.getByTestId('timeline').waitFor({ timeout: SYNC_TIMEOUT_MS });
    await expect.poll(() => streamsOf(first), { timeout: SYNC_TIMEOUT_MS }).toBeGreaterThan(0);

    // A second tab on the same case: it shows the case from the shared database, and does not listen.
    const second = await context.newPage();
    await second.goto(caseAddress);
    await second.getByTestId('timeline').waitFor({ timeout: SYNC_TIMEOUT_MS });
    await second.waitForTimeout(QUIET_WATCH_MS);
    expect(streamsOf(second)).toBe(0);

    // A step taken in the second tab shows in the first, without a reload, once sent.
    const fromSecond = await addDocument(second, 'second-tab-notes.txt');
    await expect.poll(() => showsSent(first, fromSecond), { timeout: SYNC_TIMEOUT_MS }).toBe(true);
    await allSent(second);
    expect(streamsOf(second)).toBe(0);

    // The leading tab closes: the other takes over and listens, and another person's step reaches it.
    await first.close();
    await expect.poll(() => streamsOf(second), { timeout: SYNC_TIMEOUT_MS }).toBeGreaterThan(0);
    const manager = await suite.signedIn('manager');
    await manager.page.goto(caseAddress);
    const fromManager = await addDocument(manager.page, 'manager-reply.txt');
    await allSent(manager.page);
    await expect.poll(() => showsSent(second, fromManager), { timeout: SYNC_TIMEOUT_MS }).toBe(true);
    expect((await timelineOf(second)).filter((s) => s.step === fromSecond)).toHaveLength(1);
  });

  it('all show the person signed out, saying why, when the device is signed out from another', async () => {
    const lost = await suite.signedIn('official');
    const other = await lost.context.newPage();
    await other.goto(`${suite.base}/`);
    await other.getByRole('heading', { level: 1, name: 'My work' }).waitFor({ timeout: SYNC_TIMEOUT_MS });

    const kept = await suite.signedIn('official');
    await kept.page.goto(`${suite.base}/account`);
    const signOutOther = kept.page.getByRole('button', { name: /Sign out this device/ });
    await signOutOther.first().waitFor();
    await signOutOther.click();

    // Only the leading tab hears it from the server; the other is told by that tab, without a reload.
    await lost.page.getByTestId('signed-out-notice').waitFor({ timeout: SYNC_TIMEOUT_MS });
    await other.getByTestId('signed-out-notice').waitFor({ timeout: SYNC_TIMEOUT_MS });
    await expect
      .poll(() => other.evaluate(async () => (await indexedDB.databases()).map((d) => d.name)), {
        timeout: SYNC_TIMEOUT_MS,
      })
      .not.toEqual(expect.arrayContaining([expect.stringMatching(/clearway-official/)]));
  });
});
