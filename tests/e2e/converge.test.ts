// Two people on the same case, one of them offline, in Debian's Chromium against the built app
// and a real server: the case worker cuts the network and adds two documents to a demo case;
// meanwhile the manager, online, adds one to the same case; back online, both devices show the
// same timeline in the server's order (the manager's step first, as it reached the server
// first), with every step once and none lost, and nothing is left waiting on the case worker's.
// The step both people take is adding a document (anyone may, in any open state); notes have a
// test of their own (./notes.test.ts).
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { allChangesSent, allSent } from './casePage';
import { addDocument, SYNC_TIMEOUT_MS, timelineOf, useE2eSuite } from './harness';

const SUBJECT = 'Missed bin collections 2025';

/** The timeline once every step shown on it has reached the server. */
async function sentTimeline(page: Page) {
  const steps = await timelineOf(page);
  return steps.every((s) => s.isSent) ? steps : null;
}

describe('two people changing one case while one is offline', () => {
  const suite = useE2eSuite('converge');

  it('brings both devices to the same timeline, in the order the server took the steps', async () => {
    const worker = await suite.signedIn('caseworker');
    const manager = await suite.signedIn('manager');
    await allChangesSent(worker.page);
    await allChangesSent(manager.page);

    await worker.page.goto(`${suite.base}/cases`);
    await worker.page.getByTestId('case-row').filter({ hasText: SUBJECT }).getByRole('link').click();
    const reference = (await worker.page.getByTestId('case-reference').textContent())?.trim() ?? '';
    expect(reference).toMatch(/-\d{4}-\d{5}$/);
    await manager.page.goto(`${suite.base}/cases/${encodeURIComponent(reference)}`);
    await manager.page.getByTestId('timeline').waitFor({ timeout: SYNC_TIMEOUT_MS });
    const before = await timelineOf(worker.page);
    expect(before.length).toBeGreaterThan(0);

    // The case worker, offline, adds two documents: kept on the device, not sent.
    await worker.context.setOffline(true);
    const firstOffline = await addDocument(worker.page, 'phone-call-with-requester.txt');
    const secondOffline = await addDocument(worker.page, 'ward-figures.txt');
    await expect
      .poll(() => worker.page.getByTestId('sync-indicator').textContent(), { timeout: SYNC_TIMEOUT_MS })
      .toMatch(/2 changes waiting to send$/);

    // Meanwhile the manager, online, adds one: it reaches the server first.
    const online = await addDocument(manager.page, 'manager-briefing.txt');
    await allSent(manager.page);
    expect((await timelineOf(worker.page)).map((s) => s.step)).not.toContain(online);

    await worker.context.setOffline(false);
    await allSent(worker.page);
    await allChangesSent(worker.page);

    // Both devices show the server's order: newest first, the offline steps after the manager's.
    const expected = [
      { step: secondOffline, by: 'by Sam Okafor', isSent: true },
      { step: firstOffline, by: 'by Sam Okafor', isSent: true },
      { step: online, by: 'by Tom Reilly', isSent: true },
      ...before,
    ];
    await expect.poll(() => sentTimeline(worker.page), { timeout: SYNC_TIMEOUT_MS }).toEqual(expected);
    await expect.poll(() => sentTimeline(manager.page), { timeout: SYNC_TIMEOUT_MS }).toEqual(expected);
    // And each device lists the case's three documents once.
    for (const page of [worker.page, manager.page]) {
      const documents = page.locator('section[aria-labelledby="documents-heading"] tbody tr');
      await expect.poll(() => documents.count()).toBe(3);
    }
  });
});
