// What the review tool's end-to-end tests share: the draft response PDF (and where each phrase
// lies on it), and ways to drive the review page as a person would: a page's overlay, a text
// selection, a pen stroke and a finger drag through CDP, Tab to a control, the marks list.
import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import type { CDPSession, Locator, Page } from 'playwright-core';

import { SYNC_TIMEOUT_MS } from './harness';

export { SYNC_TIMEOUT_MS };

const PAGE_HEIGHT = 792;
const FONT_SIZE = 12;
const LEFT = 72;

// The draft response: where each line is drawn (PDF points from the bottom, as pdf-lib draws).
const LINES = {
  dear: { text: 'Dear Jordan Ellis,', y: 700 },
  officer: { text: 'The officer who handled the complaint was Mr Daniel Okoro.', y: 670 },
  contact: { text: 'You can reach the team on 020 7946 0958 or waste.team@example.gov.uk today.', y: 640 },
  figures: { text: 'There were 1,204 missed collections across the borough in 2025.', y: 610 },
  secret: { text: 'Internal only: Project Falcon costings follow next quarter.', y: 580 },
  ordinary: { text: 'Collections resumed after the depot repairs in March.', y: 550 },
} as const;
const ANNEX = { text: 'Annex: the duty phone is 020 7946 0958 out of hours.', y: 700 };
export const DOCUMENT_NAME = 'draft-response.pdf';

export type MarkedUpAnnotation = { subtype: string; titleObj?: { str?: string } };
export type Placed = { x: number; y: number; width: number; height: number };

/** The draft PDF, and where a phrase of a line lies in display points (top-left origin). */
export async function draftResponse(): Promise<{
  bytes: Uint8Array;
  place(line: keyof typeof LINES, phrase: string): Placed;
}> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const first = doc.addPage([612, PAGE_HEIGHT]);
  for (const { text, y } of Object.values(LINES)) first.drawText(text, { x: LEFT, y, size: FONT_SIZE, font });
  doc.addPage([612, PAGE_HEIGHT]).drawText(ANNEX.text, { x: LEFT, y: ANNEX.y, size: FONT_SIZE, font });
  const bytes = await doc.save();
  return {
    bytes,
    place(line, phrase) {
      const { text, y } = LINES[line];
      const at = text.indexOf(phrase);
      if (at < 0) throw new Error(`${phrase} is not in ${text}`);
      const x = LEFT + font.widthOfTextAtSize(text.slice(0, at), FONT_SIZE);
      const ascent = font.heightAtSize(FONT_SIZE);
      return {
        x,
        y: PAGE_HEIGHT - y - ascent,
        width: font.widthOfTextAtSize(phrase, FONT_SIZE),
        height: ascent + 3,
      };
    },
  };
}

export async function shows(locator: Locator, what: string): Promise<void> {
  try {
    await locator.first().waitFor({ timeout: SYNC_TIMEOUT_MS });
  } catch (error) {
    const page = locator.page();
    const text =
      (await page
        .locator('main')
        .textContent()
        .catch(() => null)) ?? '(no main)';
    throw new Error(`${what} did not appear at ${page.url()}. The page showed: ${text.slice(0, 3000)}`, {
      cause: error,
    });
  }
}

/** The overlay of page N: its box on screen and the zoom (CSS px per point). */
export async function overlayOf(page: Page, pageNumber: number) {
  const overlay = page.locator(`[data-page-overlay="${pageNumber}"]`);
  await overlay.scrollIntoViewIfNeeded();
  const box = await overlay.boundingBox();
  if (!box) throw new Error(`page ${pageNumber} has no overlay on screen`);
  const scale = box.width / 612;
  return { overlay, at: (x: number, y: number) => ({ x: box.x + x * scale, y: box.y + y * scale }) };
}

/** Selects `phrase` in the text layer of page N, as a person dragging over it would. */
export async function selectText(page: Page, pageNumber: number, phrase: string): Promise<void> {
  const found = await page.evaluate(
    ({ pageNumber, phrase }) => {
      const layer = document.querySelector(`section[data-page="${pageNumber}"] .textLayer`);
      if (!layer) return false;
      const walker = document.createTreeWalker(layer, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent?.indexOf(phrase) ?? -1;
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + phrase.length);
        const selection = window.getSelection();
        selection?.removeAllRanges();
        selection?.addRange(range);
        return true;
      }
      return false;
    },
    { pageNumber, phrase },
  );
  if (!found) throw new Error(`"${phrase}" is not in the text layer of page ${pageNumber}`);
}

/** A pen stroke (CDP mouse events with pointerType "pen" and a pressure). */
export async function penStroke(cdp: CDPSession, points: { x: number; y: number }[]): Promise<void> {
  const [start, ...rest] = points;
  if (!start) return;
  const pen = { pointerType: 'pen' as const, button: 'left' as const, clickCount: 1 };
  await cdp.send('Input.dispatchMouseEvent', { type: 'mouseMoved', ...start, pointerType: 'pen' });
  await cdp.send('Input.dispatchMouseEvent', { type: 'mousePressed', ...start, ...pen, force: 0.4 });
  for (const p of rest)
    await cdp.send('Input.dispatchMouseEvent', { type: 'mouseMoved', ...p, ...pen, buttons: 1, force: 0.7 });
  const end = rest.at(-1) ?? start;
  await cdp.send('Input.dispatchMouseEvent', { type: 'mouseReleased', ...end, ...pen, force: 0 });
}

/** A mouse drag from one point to another in `steps` moves, as a person drags a box. */
export async function mouseDrag(
  page: Page,
  from: { x: number; y: number },
  to: { x: number; y: number },
  steps = 6,
): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps });
  await page.mouse.up();
}

/** A one-finger drag (CDP touch events). */
export async function fingerDrag(
  cdp: CDPSession,
  from: { x: number; y: number },
  to: { x: number; y: number },
) {
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [from] });
  for (let i = 1; i <= 8; i++) {
    const p = { x: from.x + ((to.x - from.x) * i) / 8, y: from.y + ((to.y - from.y) * i) / 8 };
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [p] });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

/** Presses Tab from the top of the page until `target` has focus; false if it never does. */
export async function tabTo(page: Page, target: Locator, maxPresses = 80): Promise<boolean> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return true;
  }
  return false;
}

/** What the buttons in the "Marks" list say ("Comment by Helen Price …", "Agree …"). */
export async function markButtons(page: Page): Promise<string[]> {
  const texts = await page.getByRole('region', { name: 'Marks' }).getByRole('button').allInnerTexts();
  return texts.map((t) => t.replace(/\s+/g, ' ').trim());
}

export const countOf = (texts: string[], kind: RegExp, author: string) =>
  texts.filter((t) => kind.test(t) && t.includes(author)).length;
