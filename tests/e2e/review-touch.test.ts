// The review tool on a tablet, end to end in Debian's Chromium against the built app and a real
// server (issue 6): the case worker names a third party on the demo FOI case (an event on the
// timeline) and the review tool suggests their name under s40(2) even with another exemption
// chosen; then, on a touch screen, a pen drags a redaction box, a finger tap pins a comment,
// selected text is redacted with a tap, and two fingers pinch the document bigger; a redaction
// is moved by mouse (its body and a corner handle), by the arrow keys, by a finger on its move
// handle and by a pen on a corner, and an agreed one moved goes back to proposed; a request is
// logged with a third party named on the form.
// Headless Chromium makes no text selection from a long press (neither CDP's long tap gesture
// nor a held touch does), so the selection stands in for the platform's long press and
// everything after it is touch.
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeProblems, launchChromium, type RunningServer, startServer, TABLET } from './harness';
import {
  DOCUMENT_NAME,
  draftResponse,
  fingerDrag,
  markButtons,
  mouseDrag,
  overlayOf,
  penStroke,
  SYNC_TIMEOUT_MS,
  selectText,
  shows,
} from './reviewPage';

const WORKER = 'Sam Okafor';
const THIRD_PARTY = 'Daniel Okoro';

/** The demo case worker on a touch-screen tablet (touch events and pointerType "touch"). */
async function signInOnTablet(
  browser: Browser,
  base: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: TABLET, hasTouch: true });
  const page = await context.newPage();
  await page.goto(`${base}/`);
  await page.getByLabel('Username').fill('caseworker');
  await page.getByLabel('Password').fill('demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'My work' }).waitFor();
  return { context, page };
}

const redactionsBy = async (page: Page) =>
  (await markButtons(page)).filter((t) => /^Redaction/.test(t) && t.includes(WORKER));

/** The selected mark's first box on the page, in page points (the overlay draws in points). */
async function selectedBox(page: Page) {
  const rect = page.locator('.review-mark--selected rect').first();
  const read = async (name: string) => Number(await rect.getAttribute(name));
  return { x: await read('x'), y: await read('y'), width: await read('width'), height: await read('height') };
}

/** Two fingers pressed at `centre` `from` px apart, spread to `to` px apart (CDP touch events). */
async function pinch(cdp: CDPSession, centre: { x: number; y: number }, from: number, to: number) {
  const fingers = (gap: number) => [
    { x: centre.x - gap / 2, y: centre.y, id: 1 },
    { x: centre.x + gap / 2, y: centre.y, id: 2 },
  ];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: fingers(from) });
  const steps = 8;
  for (let i = 1; i <= steps; i++)
    await cdp.send('Input.dispatchTouchEvent', {
      type: 'touchMove',
      touchPoints: fingers(from + ((to - from) * i) / steps),
    });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

describe('the review tool by touch, pen, mouse and keyboard', () => {
  let server: RunningServer;
  let browser: Browser;
  let base = '';
  let context: BrowserContext;
  let page: Page;
  let cdp: CDPSession;
  let draft: Awaited<ReturnType<typeof draftResponse>>;

  beforeAll(async () => {
    server = await startServer('review-touch');
    base = server.base;
    browser = await launchChromium();
    ({ context, page } = await signInOnTablet(browser, base));
    cdp = await context.newCDPSession(page);
    draft = await draftResponse();
  });

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  it('names a third party on the case, and the review tool suggests their name under s40(2)', async () => {
    await page.goto(`${base}/cases`);
    await page
      .getByTestId('case-row')
      .filter({ hasText: 'Missed bin collections' })
      .getByRole('link')
      .click();
    await shows(page.getByTestId('case-reference'), 'the case page');
    await expect.poll(() => page.getByTestId('third-parties').textContent()).toBe('None named');

    // Named on the case's details: a correction of the details, on the timeline with its author.
    const opener = page.getByText('Change the third parties named');
    await opener.click();
    const step = page.getByTestId('step-third-parties');
    const name = step.getByRole('textbox', { name: 'Other people named' });
    const listed = step.getByRole('list', { name: 'Other people named' });
    // A draft left in a closed panel is dropped: opened again, it starts from the case's names.
    await name.fill('Draft Person');
    await name.press('Enter');
    await expect.poll(() => listed.textContent()).toContain('Draft Person');
    await opener.click();
    await opener.click();
    await expect.poll(() => listed.count()).toBe(0);
    await name.fill(THIRD_PARTY);
    await name.press('Enter');
    await expect.poll(() => listed.textContent()).toContain(THIRD_PARTY);
    // A name typed but not added stops the save with a word, rather than being lost.
    await name.fill('Typed Not Added');
    await step.getByRole('button', { name: 'Save third parties' }).click();
    await shows(step.getByText('Add the name or clear it'), 'the error for a name not added');
    expect(await page.getByTestId('third-parties').textContent()).toBe('None named');
    await name.fill('');
    await step.getByRole('button', { name: 'Save third parties' }).click();
    await expect.poll(() => page.getByTestId('third-parties').textContent()).toBe(THIRD_PARTY);
    const timeline = page.getByRole('region', { name: 'Timeline' });
    await shows(timeline.getByText(`Third parties: named ${THIRD_PARTY}`), 'the change on the timeline');
    expect(await axeProblems(page)).toEqual([]);

    // The draft response goes on the case and is opened for review.
    await page
      .getByLabel(/Add documents/)
      .setInputFiles({ name: DOCUMENT_NAME, mimeType: 'application/pdf', buffer: Buffer.from(draft.bytes) });
    const review = page.getByRole('link', { name: `Review document ${DOCUMENT_NAME}` });
    await shows(review, 'the Review document link');
    await review.click();
    await shows(page.getByRole('region', { name: 'Page 1 of 2' }), 'page 1');
    await shows(page.locator('[data-page="1"] .textLayer span'), 'the text of page 1');

    // New redactions are set to go under s43, yet the third party's name is suggested under s40(2).
    await page.getByLabel('Exemption', { exact: true }).selectOption('s43');
    const suggestion = page
      .getByRole('region', { name: 'Suggested redactions' })
      .getByRole('listitem')
      .filter({ hasText: `Name of the third party, ${THIRD_PARTY}` });
    await shows(suggestion, 'the third party suggestion');
    expect(await suggestion.textContent()).toContain(`Mr ${THIRD_PARTY}`);
    await suggestion.getByRole('button', { name: /^Accept/ }).tap();
    await expect
      .poll(async () => (await redactionsBy(page)).filter((t) => t.startsWith('Redaction (s40(2))')))
      .toHaveLength(1);
    await expect.poll(() => suggestion.count()).toBe(0);
  });

  it('takes a box from a pen, a comment from a tap, a redaction of selected text from a tap, and a pinch', async () => {
    const tools = page.getByRole('toolbar', { name: 'Mark-up tools' });
    // Nothing selected, so the exemption chosen is for new redactions.
    await page.keyboard.press('Escape');
    await page.getByLabel('Exemption', { exact: true }).selectOption('s40(2)');

    // A pen drags a box over "depot repairs".
    await tools.getByRole('button', { name: 'Redact area' }).tap();
    const depot = draft.place('ordinary', 'depot repairs');
    const area = await overlayOf(page, 1);
    const from = area.at(depot.x - 2, depot.y - 2);
    const to = area.at(depot.x + depot.width + 2, depot.y + depot.height + 2);
    const before = (await redactionsBy(page)).length;
    await penStroke(cdp, [from, { x: (from.x + to.x) / 2, y: (from.y + to.y) / 2 }, to]);
    await expect.poll(async () => (await redactionsBy(page)).length).toBe(before + 1);
    // The box is where the pen went (within a point), selected for its details.
    const box = await selectedBox(page);
    expect(Math.abs(box.x - (depot.x - 2))).toBeLessThan(1);
    expect(Math.abs(box.width - (depot.width + 4))).toBeLessThan(1);

    // A finger tap pins a comment there.
    await tools.getByRole('button', { name: 'Comment' }).tap();
    const pin = await overlayOf(page, 1);
    const spot = pin.at(480, 110);
    await page.touchscreen.tap(spot.x, spot.y);
    await page.getByLabel('Comment', { exact: true }).fill('Is this the right depot?');
    await page.getByRole('button', { name: 'Save comment' }).tap();
    await expect
      .poll(async () =>
        (await markButtons(page)).filter((t) => t.startsWith('Comment') && t.includes(WORKER)),
      )
      .toHaveLength(1);

    // Selected text is redacted with a tap on the button.
    await tools.getByRole('button', { name: 'Select text' }).tap();
    await selectText(page, 1, 'Project Falcon');
    await page.getByRole('button', { name: 'Redact selected text' }).tap();
    const selected = page.getByTestId('selected-mark');
    await shows(selected.getByText('Project Falcon'), 'the redaction of the selected text');
    expect(await selected.textContent()).toMatch(/Covers: Project Falcon/);

    // Two fingers spread apart zoom the document in.
    const level = page.locator('.review-zoom__level');
    const zoomBefore = await level.textContent();
    const viewer = await page.locator('.review-viewer').boundingBox();
    if (!viewer) throw new Error('no viewer on screen');
    await pinch(cdp, { x: viewer.x + viewer.width / 2, y: viewer.y + 300 }, 100, 250);
    await expect.poll(() => level.textContent()).not.toBe(zoomBefore);
    const percent = (text: string | null) => Number(/(\d+)%/.exec(text ?? '')?.[1]);
    expect(percent(await level.textContent())).toBeGreaterThan(percent(zoomBefore));
    await page.getByRole('button', { name: 'Fit width' }).click();
  });

  it('moves and resizes a redaction by mouse and by the arrow keys; an agreed one moved is proposed again', async () => {
    const tools = page.getByRole('toolbar', { name: 'Mark-up tools' });
    await tools.getByRole('button', { name: 'Redact area' }).click();
    const figures = draft.place('figures', '1,204');
    const area = await overlayOf(page, 1);
    const from = area.at(figures.x - 1, figures.y - 1);
    const to = area.at(figures.x + figures.width + 1, figures.y + figures.height + 1);
    await mouseDrag(page, from, to);
    // The new box is selected, with its handles.
    await shows(page.locator('[data-handle="se"]'), 'the handles of the new box');
    const id = (await page.locator('.review-mark--selected').getAttribute('data-mark-id')) ?? '';
    expect(id).not.toBe('');
    const overlay = await page.locator('[data-page-overlay="1"]').boundingBox();
    if (!overlay) throw new Error('page 1 has no overlay');
    const scale = overlay.width / 612;
    const drawn = await selectedBox(page);
    const near = (a: number, b: number) => Math.abs(a - b) < 0.6;

    // Dragged by its body 60 px to the right: the case's state has it 60 / zoom points further on.
    const body = await page.locator('.review-handle--body rect').first().boundingBox();
    if (!body) throw new Error('the box has no body on screen');
    const grab = { x: body.x + body.width / 2, y: body.y + body.height / 2 };
    await mouseDrag(page, grab, { x: grab.x + 60, y: grab.y });
    await expect.poll(async () => near((await selectedBox(page)).x, drawn.x + 60 / scale)).toBe(true);
    expect(near((await selectedBox(page)).y, drawn.y)).toBe(true);
    const item = page.locator('.review-marklist__item--selected');
    await expect.poll(() => item.textContent()).toMatch(/Changed by Sam Okafor.*moved or reshaped/);
    // Now over "missed collections" more than "1,204": the words it covers follow it.
    await expect.poll(() => page.getByTestId('selected-mark').textContent()).not.toContain('1,204');

    // Its bottom-right corner dragged 30 px right and 10 px down: bigger by that, same top-left.
    const moved = await selectedBox(page);
    const corner = await page.locator('[data-handle="se"] .review-handle__target').boundingBox();
    if (!corner) throw new Error('no corner handle');
    // The target is a 44 px square at any zoom.
    expect(Math.round(corner.width)).toBe(44);
    const c = { x: corner.x + corner.width / 2, y: corner.y + corner.height / 2 };
    await mouseDrag(page, c, { x: c.x + 30, y: c.y + 10 });
    await expect
      .poll(async () => {
        const now = await selectedBox(page);
        return near(now.width, moved.width + 30 / scale) && near(now.height, moved.height + 10 / scale);
      })
      .toBe(true);
    const resized = await selectedBox(page);
    expect(near(resized.x, moved.x) && near(resized.y, moved.y)).toBe(true);

    // Agreed, then moved with the arrow keys: 3 points right, 10 down (Shift), 1 point wider (Alt).
    await item.getByRole('button', { name: /^Agree/ }).click();
    await expect.poll(() => item.textContent()).toContain('Agreed');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Alt+ArrowRight');
    await expect
      .poll(async () => {
        const now = await selectedBox(page);
        return [now.x - resized.x, now.y - resized.y, now.width - resized.width].map(
          (n) => Math.round(n * 100) / 100,
        );
      })
      .toEqual([3, 10, 1]);
    // Saved once the keys rest, and no longer agreed: it must be decided again.
    await expect.poll(() => item.textContent(), { timeout: SYNC_TIMEOUT_MS }).toContain('Proposed');
    expect(await item.getByRole('button', { name: /^Agree/ }).count()).toBe(1);
    const help = await page.locator('.review-tool__hint').textContent();
    expect(help).toContain(
      'arrow keys move it 1 point, Shift and an arrow 10 points, Alt and an arrow change its size',
    );

    // A finger drags the round move handle 40 px left; a pen drags the bottom-right corner 20 px right.
    const keyed = await selectedBox(page);
    const centre = async (selector: string) => {
      const box = await page.locator(selector).first().boundingBox();
      if (!box) throw new Error(`${selector} is not on screen`);
      return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    };
    const mover = await centre('.review-handle--move .review-handle__target');
    await fingerDrag(cdp, mover, { x: mover.x - 40, y: mover.y });
    await expect.poll(async () => near((await selectedBox(page)).x, keyed.x - 40 / scale)).toBe(true);
    const touched = await selectedBox(page);
    const grip = await centre('[data-handle="se"] .review-handle__grip');
    await penStroke(cdp, [grip, { x: grip.x + 10, y: grip.y }, { x: grip.x + 20, y: grip.y }]);
    await expect
      .poll(async () => near((await selectedBox(page)).width, touched.width + 20 / scale))
      .toBe(true);

    // The new place is in the case's events: after a reload the box is drawn there.
    const saved = await selectedBox(page);
    await page.reload();
    const again = page.locator(`[data-mark-id="${id}"] rect`).first();
    await shows(again, 'the moved box after a reload');
    expect(near(Number(await again.getAttribute('x')), saved.x)).toBe(true);
    expect(near(Number(await again.getAttribute('y')), saved.y)).toBe(true);
    expect(near(Number(await again.getAttribute('width')), saved.width)).toBe(true);
    expect(await axeProblems(page)).toEqual([]);
  });

  it('logs a request naming third parties on the form, added and removed before it is sent', async () => {
    await page.goto(`${base}/cases/new`);
    await page.getByLabel('Requester').fill('Amira Khan');
    await page.getByLabel('Email address or postal address').fill('amira.khan@example.org');
    // Demo mode has no directory of subjects, so the subject is typed.
    await page.getByLabel('Subject').fill('Noise complaints');
    await page.getByLabel('What they asked for').fill('Complaints about the noise from 4 Mill Lane in 2025.');
    const names = page.getByRole('textbox', { name: 'Other people named (optional)' });
    for (const name of ['Graham Lowe', 'Rita Moss']) {
      await names.fill(name);
      await page.getByRole('button', { name: 'Add name' }).tap();
    }
    // The same person twice is refused with a reason; one is removed again.
    await names.fill('graham lowe');
    await names.press('Enter');
    await shows(page.getByText('graham lowe is already on the list'), 'the refusal of a name given twice');
    await page.getByRole('button', { name: 'Remove Rita Moss' }).tap();
    // A new name typed but not added holds the request back, with a word, until it is cleared.
    await names.fill('Owen Price');
    await page.getByRole('button', { name: 'Log request' }).tap();
    await shows(page.getByText('Add the name or clear it'), 'the error for a name not added');
    await names.fill('');
    await page.getByRole('button', { name: 'Log request' }).tap();
    await shows(page.getByTestId('case-reference'), 'the new case');
    await expect.poll(() => page.getByTestId('third-parties').textContent()).toBe('Graham Lowe');
  });
});
