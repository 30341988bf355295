// The clearance review tool end to end in Debian's Chromium against the built app and a real
// server (issue 6): a case worker adds a draft response PDF to the demo FOI case; the policy
// official drafts and sends it for clearance; the clearance officer opens "Review document",
// goes offline and adds a comment, a highlight, pen ink and redactions four ways (box, selected
// text, search and "Redact all matches", an accepted suggestion); the case worker, also
// offline, comments too; both reconnect and see every mark with its author; the officer agrees
// the redactions and applies them; pdftotext reads the release copy (redacted words gone, the
// rest there) and the case page lists it with the original and the exemptions. A finger drag
// with the Draw tool scrolls, a pen drag draws; axe finds nothing serious on the review page.
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withPdf } from '../../src/pdf/pdfjs';
import { pdftotext } from '../../src/pdf/testing/oracles';
import { axeProblems, launchChromium, type RunningServer, signIn, startServer } from './harness';
import {
  countOf,
  DOCUMENT_NAME,
  draftResponse,
  fingerDrag,
  type MarkedUpAnnotation,
  markButtons,
  mouseDrag,
  overlayOf,
  penStroke,
  SYNC_TIMEOUT_MS,
  selectText,
  shows,
  tabTo,
} from './reviewPage';

describe('the clearance review tool', () => {
  let server: RunningServer;
  let browser: Browser;
  let base = '';
  const contexts: BrowserContext[] = [];

  async function signedIn(username: string): Promise<{ context: BrowserContext; page: Page }> {
    const person = await signIn(browser, base, username);
    contexts.push(person.context);
    return person;
  }

  beforeAll(async () => {
    server = await startServer('review');
    base = server.base;
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  it('marks up and redacts offline with two people, then makes a release copy that pdftotext checks', async () => {
    const draft = await draftResponse();

    // The policy official's demo FOI case: accept it, draft, send for clearance to Helen Price.
    const official = await signedIn('official');
    await official.page
      .getByTestId('case-row')
      .filter({ hasText: 'Missed bin collections' })
      .getByRole('link')
      .click();
    await official.page.getByTestId('case-reference').waitFor();
    const reference = decodeURIComponent(new URL(official.page.url()).pathname.split('/').at(-1) ?? '');

    // The case worker adds the draft response PDF to the case.
    const worker = await signedIn('caseworker');
    await worker.page.goto(`${base}/cases/${reference}`);
    await worker.page
      .getByLabel(/Add documents/)
      .setInputFiles({ name: DOCUMENT_NAME, mimeType: 'application/pdf', buffer: Buffer.from(draft.bytes) });
    const reviewLink = worker.page.getByRole('link', { name: `Review document ${DOCUMENT_NAME}` });
    await shows(reviewLink, 'the Review document link');

    await official.page.getByTestId('step-accept').getByRole('button', { name: 'Accept' }).click();
    await shows(official.page.getByRole('button', { name: 'Start with a blank part' }), 'the draft form');
    await official.page.getByRole('button', { name: 'Start with a blank part' }).click();
    await official.page.getByLabel('Part 1, written by Priya Shah').fill('See the attached draft response.');
    await official.page.getByRole('button', { name: 'Save draft' }).click();
    await shows(official.page.getByText('Version 1, saved by Priya Shah'), 'the saved draft');
    await expect
      .poll(() => official.page.locator('[data-status="unsent"]').count(), { timeout: SYNC_TIMEOUT_MS })
      .toBe(0);
    const sendForClearance = official.page.getByTestId('step-send-clearance');
    await shows(sendForClearance, 'the send for clearance step');
    await sendForClearance.getByRole('combobox').selectOption({ label: 'Helen Price' });
    await sendForClearance.getByRole('button', { name: 'Send for clearance' }).click();
    await expect
      .poll(() => official.page.getByTestId('case-status').textContent(), { timeout: SYNC_TIMEOUT_MS })
      .toBe('In clearance')
      .catch(async (error) => {
        throw new Error(
          `Not in clearance: ${(await official.page.locator('main').textContent())?.slice(0, 3000)}`,
          {
            cause: error,
          },
        );
      });
    await expect
      .poll(() => official.page.locator('[data-status="unsent"]').count(), { timeout: SYNC_TIMEOUT_MS })
      .toBe(0);

    // The clearance officer opens the document online (it is then on the device) and goes offline.
    const officer = await signedIn('clearance');
    await officer.page.goto(`${base}/cases/${reference}`);
    const officerReview = officer.page.getByRole('link', { name: `Review document ${DOCUMENT_NAME}` });
    await shows(officerReview, "the officer's Review document link");
    await officerReview.click();
    await shows(officer.page.getByRole('region', { name: 'Page 1 of 2' }), 'page 1');
    await shows(officer.page.locator('[data-page="1"] .textLayer span'), 'the text of page 1');
    await shows(officer.page.getByRole('heading', { name: 'Suggested redactions' }), 'the suggestions');
    await shows(
      officer.page.getByRole('button', { name: /^Accept waste\.team@example\.gov\.uk/ }),
      'the e-mail suggestion',
    );
    const sha = new URL(officer.page.url()).pathname.split('/').at(-2) ?? '';

    // The case worker opens it too, before going offline.
    await worker.page.goto(`${base}${new URL(officer.page.url()).pathname}`);
    await shows(worker.page.getByRole('region', { name: 'Page 1 of 2' }), "the case worker's page 1");

    // Every tool is reached with Tab and switched on with the keyboard.
    const o = officer.page;
    const tools = o.getByRole('toolbar', { name: 'Mark-up tools' });
    for (const name of ['Select text', 'Comment', 'Highlight', 'Draw', 'Redact area']) {
      const button = tools.getByRole('button', { name, exact: true });
      expect(await tabTo(o, button), `Tab reaches ${name}`).toBe(true);
      await o.keyboard.press('Enter');
      expect(await button.getAttribute('aria-pressed')).toBe('true');
    }

    // Touch: with the Draw tool a finger scrolls the document, a pen draws.
    const cdp = await officer.context.newCDPSession(o);
    await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 5 });
    await tools.getByRole('button', { name: 'Draw' }).click();
    expect(await tools.getByRole('button', { name: 'Draw' }).getAttribute('aria-pressed')).toBe('true');
    const scrollTop = () => o.locator('.review-viewer').evaluate((el) => el.scrollTop + window.scrollY);
    const beforeScroll = await scrollTop();
    const page1 = await overlayOf(o, 1);
    await fingerDrag(cdp, page1.at(300, 500), page1.at(300, 300));
    await expect.poll(scrollTop).toBeGreaterThan(beforeScroll);
    expect(countOf(await markButtons(o), /^Drawing/, 'Helen Price')).toBe(0);

    await officer.context.setOffline(true);
    await worker.context.setOffline(true);

    const ink = await overlayOf(o, 1);
    await penStroke(cdp, [ink.at(400, 300), ink.at(430, 320), ink.at(460, 300), ink.at(490, 330)]);
    await expect.poll(async () => countOf(await markButtons(o), /^Drawing/, 'Helen Price')).toBe(1);

    // A comment pinned to a point.
    await tools.getByRole('button', { name: 'Comment' }).click();
    const pin = await overlayOf(o, 1);
    const spot = pin.at(500, 120);
    await o.mouse.click(spot.x, spot.y);
    await o.getByLabel('Comment', { exact: true }).fill('Check the figures with the waste team.');
    await o.getByRole('button', { name: 'Save comment' }).click();
    await expect.poll(async () => countOf(await markButtons(o), /^Comment/, 'Helen Price')).toBe(1);

    // A highlight of selected text.
    await tools.getByRole('button', { name: 'Select text' }).click();
    await selectText(o, 1, '1,204 missed collections');
    await o.getByRole('button', { name: 'Highlight selected text' }).click();
    await expect.poll(async () => countOf(await markButtons(o), /^Highlight/, 'Helen Price')).toBe(1);

    // Redactions, personal information unless said otherwise.
    const exemption = o.getByLabel('Exemption', { exact: true });
    await exemption.selectOption('s40(2)');

    // 1. A box dragged over "Project Falcon", then given its own exemption (commercial interests).
    await tools.getByRole('button', { name: 'Redact area' }).click();
    const falcon = draft.place('secret', 'Project Falcon');
    const area = await overlayOf(o, 1);
    const from = area.at(falcon.x - 2, falcon.y - 2);
    const to = area.at(falcon.x + falcon.width + 2, falcon.y + falcon.height + 2);
    await mouseDrag(o, from, to, 8);
    await expect
      .poll(async () => countOf(await markButtons(o), /^Redaction \(s40\(2\)\)/, 'Helen Price'))
      .toBe(1);
    await exemption.selectOption('s43');
    await expect.poll(async () => countOf(await markButtons(o), /^Redaction \(s43\)/, 'Helen Price')).toBe(1);
    await o.getByRole('button', { name: 'Close', exact: true }).click();
    await expect.poll(() => exemption.inputValue()).toBe('s40(2)');

    // 2. Selected text.
    await tools.getByRole('button', { name: 'Select text' }).click();
    await selectText(o, 1, 'Daniel Okoro');
    await o.getByRole('button', { name: 'Redact selected text' }).click();
    await expect
      .poll(async () => countOf(await markButtons(o), /^Redaction \(s40\(2\)\)/, 'Helen Price'))
      .toBe(1);
    await o.getByRole('button', { name: 'Close', exact: true }).click();

    // 3. Search, and every match redacted (one on each page).
    await o.getByLabel('Search this document').fill('020 7946 0958');
    await o.getByRole('button', { name: 'Search', exact: true }).click();
    await o.getByRole('button', { name: 'Redact all matches' }).click();
    await expect
      .poll(async () => countOf(await markButtons(o), /^Redaction \(s40\(2\)\)/, 'Helen Price'))
      .toBe(3);

    // 4. A suggestion accepted: the e-mail address.
    await o.getByRole('button', { name: /^Accept waste\.team@example\.gov\.uk/ }).click();
    await expect
      .poll(async () => countOf(await markButtons(o), /^Redaction \(s40\(2\)\)/, 'Helen Price'))
      .toBe(4);

    // The case worker, offline too, comments on the same document.
    const w = worker.page;
    await w.getByRole('toolbar', { name: 'Mark-up tools' }).getByRole('button', { name: 'Comment' }).click();
    const theirs = await overlayOf(w, 1);
    const theirSpot = theirs.at(100, 60);
    await w.mouse.click(theirSpot.x, theirSpot.y);
    await w.getByLabel('Comment', { exact: true }).fill('Is the annex needed at all?');
    await w.getByRole('button', { name: 'Save comment' }).click();
    await expect.poll(async () => countOf(await markButtons(w), /^Comment/, 'Sam Okafor')).toBe(1);

    // Both reconnect: each sees every mark, with the right author.
    await officer.context.setOffline(false);
    await worker.context.setOffline(false);
    for (const p of [o, w]) {
      await expect
        .poll(
          async () => {
            const texts = await markButtons(p);
            return {
              officerComments: countOf(texts, /^Comment/, 'Helen Price'),
              workerComments: countOf(texts, /^Comment/, 'Sam Okafor'),
              highlights: countOf(texts, /^Highlight/, 'Helen Price'),
              drawings: countOf(texts, /^Drawing/, 'Helen Price'),
              personal: countOf(texts, /^Redaction \(s40\(2\)\)/, 'Helen Price'),
              commercial: countOf(texts, /^Redaction \(s43\)/, 'Helen Price'),
            };
          },
          { timeout: SYNC_TIMEOUT_MS },
        )
        .toEqual({
          officerComments: 1,
          workerComments: 1,
          highlights: 1,
          drawings: 1,
          personal: 4,
          commercial: 1,
        });
    }
    await expect
      .poll(() => o.getByTestId('review-progress').textContent())
      .toMatch(/5 proposed redactions to agree/);

    const problems = await axeProblems(o);
    expect(problems).toEqual([]);

    // The marked-up copy for people without the app: real PDF annotations with their authors.
    const [download] = await Promise.all([
      o.waitForEvent('download'),
      o.getByRole('button', { name: 'Download marked-up copy' }).click(),
    ]);
    const markedUp = new Uint8Array(await readFile((await download.path()) ?? ''));
    const annotations = await withPdf(markedUp, {}, async (doc) => {
      const all = [];
      for (const n of [1, 2])
        all.push(...((await (await doc.getPage(n)).getAnnotations()) as MarkedUpAnnotation[]));
      return all.map((a) => `${a.subtype} by ${a.titleObj?.str ?? ''}`).sort();
    });
    expect(annotations.filter((a) => !a.startsWith('Popup'))).toEqual([
      'Highlight by Helen Price',
      'Ink by Helen Price',
      ...Array(5).fill('Square by Helen Price'),
      'Text by Helen Price',
      'Text by Sam Okafor',
    ]);

    // The officer agrees them all, page by page, and applies them.
    await o.getByRole('button', { name: 'Agree all on page 1' }).click();
    await o.getByRole('button', { name: 'Agree all on page 2' }).click();
    await expect.poll(() => o.getByText('5 agreed redactions will be removed').count()).toBe(1);
    // The other person sees who agreed them.
    await expect
      .poll(() => w.getByRole('region', { name: 'Marks' }).getByText('Agreed by Helen Price').count(), {
        timeout: SYNC_TIMEOUT_MS,
      })
      .toBe(5);
    await o.getByRole('button', { name: 'Apply agreed redactions' }).click();
    const banner = o.getByRole('alert').filter({ hasText: 'Release copy made' });
    await shows(banner, 'the Release copy made banner');
    const copyLink = banner.getByRole('link');
    const copyName = (await copyLink.textContent())?.trim() ?? '';
    const copySha = ((await copyLink.getAttribute('href')) ?? '').split('/').at(-2) ?? '';
    expect(copySha).toMatch(/^[0-9a-f]{64}$/);
    expect(copySha).not.toBe(sha);

    // The release copy, as the server keeps it, read by poppler.
    let released = new Uint8Array();
    await expect
      .poll(
        async () => {
          const res = await officer.context.request.get(`${base}/api/blobs/${copySha}`);
          if (res.ok()) released = new Uint8Array(await res.body());
          return res.status();
        },
        { timeout: SYNC_TIMEOUT_MS },
      )
      .toBe(200);
    const text = await pdftotext(released);
    expect(text.ok).toBe(true);
    for (const gone of ['Falcon', 'Okoro', '7946', '0958', 'waste.team', 'example.gov.uk'])
      expect(text.text).not.toContain(gone);
    for (const kept of [
      'Dear Jordan Ellis',
      '1,204 missed collections',
      'depot repairs',
      'Internal only',
      'duty phone',
    ])
      expect(text.text).toContain(kept);

    // The redaction schedule is appended: who proposed each one, under which exemption.
    expect(text.text).toContain('Helen Price');
    expect(text.text).toContain('s43');
    // The original stays on the server as it was added.
    const original = await officer.context.request.get(`${base}/api/blobs/${sha}`);
    expect(Buffer.compare(await original.body(), Buffer.from(draft.bytes))).toBe(0);

    // The case page lists the release copy as a redacted copy of the original, with the exemptions.
    await o.goto(`${base}/cases/${reference}`);
    const documents = o.getByRole('region', { name: 'Documents' });
    await shows(documents.getByText(copyName), 'the release copy on the case page');
    const row = documents.getByRole('row').filter({ hasText: copyName });
    await expect.poll(() => row.textContent()).toContain(DOCUMENT_NAME);
    await expect.poll(() => row.textContent()).toMatch(/redacted/i);
    const section = (await documents.textContent()) ?? '';
    expect(section).toContain('s40(2)');
    expect(section).toContain('s43');
    expect(await documents.getByRole('link', { name: `Review document ${DOCUMENT_NAME}` }).count()).toBe(1);
  });
});
