// The viewer for real in Debian's Chromium on tracemonkey.pdf: pages named for screen readers,
// only pages near the view drawn and far ones given back, a text selection turned into rects
// where pdf.js itself places that text, search hits drawn and scrolled to, zoom keeping the page.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../../tests/chromium';
import type { Finding } from '../../../pdf/find';
import { boxOfSpan, type PageRuns } from '../../../pdf/pdfjs';
import { type ServedPage, serveViewerPage } from './testing/servePage';

let served: ServedPage;
let browser: Browser;

beforeAll(async () => {
  served = await serveViewerPage();
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await served?.close();
});

type Harness = {
  mount(url: string): Promise<number>;
  handle(): import('./types').ViewerHandle;
  setScale(scale: number): void;
  setHits(hits: Finding[], current?: number): void;
  search(query: string): Promise<Finding[]>;
  runs(page: number): Promise<PageRuns>;
  visiblePages: number[];
};
declare const viewerHarness: Harness;

async function openViewer(file = 'tracemonkey.pdf', pages = 14): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
  page.on('pageerror', (error) => console.error('In the page:', error.message));
  await page.goto(`${served.origin}/`);
  await page.waitForFunction(() => (window as unknown as { harnessReady?: boolean }).harnessReady);
  expect(await page.evaluate((url) => viewerHarness.mount(url), `/${file}`)).toBe(pages);
  await page.waitForSelector('section[data-page="1"] canvas');
  return page;
}

const canvasPages = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('section[data-page]')]
      .filter((s) => s.querySelector('canvas'))
      .map((s) => Number((s as HTMLElement).dataset.page)),
  );

describe('the document viewer in Chromium', () => {
  it('names every page, draws only pages near the view, and gives far canvases back', async () => {
    const page = await openViewer();
    try {
      await expect.poll(() => page.getByRole('region', { name: /^Page \d+ of 14$/ }).count()).toBe(14);
      expect(await page.locator('[data-page-overlay="1"]').textContent()).toBe('overlay 1');
      const atTop = await canvasPages(page);
      expect(atTop).toContain(1);
      expect(Math.max(...atTop)).toBeLessThanOrEqual(4);
      expect(await page.locator('[data-page-overlay="14"]').textContent()).toBe('');
      expect(await page.locator('section[data-page="14"]').getAttribute('data-mode')).toBe('release');

      await page.evaluate(() => viewerHarness.handle().scrollToPage(12));
      await page.waitForSelector('section[data-page="12"] canvas');
      await expect.poll(() => canvasPages(page)).not.toContain(1);
      expect(Math.min(...(await canvasPages(page)))).toBeGreaterThanOrEqual(6);
      expect(await page.locator('[data-page-overlay="12"]').textContent()).toBe('overlay 12');
      await expect.poll(() => page.evaluate(() => viewerHarness.visiblePages.at(-1))).toBe(12);
    } finally {
      await page.close();
    }
  }, 90_000);

  it('turns a selected text run into a rect in points where pdf.js places that text, at 200 %', async () => {
    const page = await openViewer();
    try {
      await page.evaluate(() => viewerHarness.setScale(2));
      await page.waitForSelector('section[data-page="1"] .textLayer .endOfContent', { state: 'attached' });
      const found = await page.evaluate(async () => {
        const spans = [...document.querySelectorAll('section[data-page="1"] .textLayer span')];
        const span = spans.find((s) => (s.textContent ?? '').trim().length >= 12 && s.children.length === 0);
        if (!span?.firstChild) throw new Error('No text span on page 1');
        const range = document.createRange();
        range.selectNodeContents(span);
        const selection = document.getSelection();
        selection?.removeAllRanges();
        selection?.addRange(range);
        const selected = viewerHarness.handle().selection();
        const runs = (await viewerHarness.runs(1)).runs;
        const run = runs.find((r) => r.str === span.textContent);
        viewerHarness.handle().clearSelection();
        return { selected, run, text: span.textContent, after: document.getSelection()?.isCollapsed };
      });
      expect(found.selected).toHaveLength(1);
      const [only] = found.selected ?? [];
      expect(only?.page).toBe(1);
      expect(only?.text).toBe(found.text?.replace(/\s+/g, ' ').trim());
      expect(only?.rects).toHaveLength(1);
      const rect = only!.rects[0]!;
      // The run's baseline origin (points, top-left): the selection box starts there and
      // reaches above and below the baseline.
      expect(found.run).toBeDefined();
      expect(Math.abs(rect.x - found.run!.origin.x)).toBeLessThan(1.5);
      expect(rect.y).toBeLessThan(found.run!.origin.y);
      expect(rect.y + rect.height).toBeGreaterThan(found.run!.origin.y - 1);
      expect(rect.height).toBeLessThan(40);
      expect(found.after).toBe(true);
    } finally {
      await page.close();
    }
  }, 90_000);

  it('lays out text only on pages in view, yet measures a selection reaching a page scrolled away', async () => {
    const page = await openViewer();
    try {
      await page.waitForSelector('section[data-page="1"] .textLayer .endOfContent', { state: 'attached' });
      const text = await page.evaluate(() => {
        const span = [...document.querySelectorAll('section[data-page="1"] .textLayer span')].find(
          (s) => (s.textContent ?? '').trim().length >= 12 && s.children.length === 0,
        );
        if (!span) throw new Error('No text span on page 1');
        const range = document.createRange();
        range.selectNodeContents(span);
        document.getSelection()?.removeAllRanges();
        document.getSelection()?.addRange(range);
        return span.textContent;
      });
      await page.evaluate(() => viewerHarness.handle().scrollToPage(2));
      await expect.poll(() => page.evaluate(() => viewerHarness.visiblePages.at(-1))).toBe(2);
      await page.waitForSelector('section[data-page="2"] .textLayer .endOfContent', { state: 'attached' });
      const asleep = (n: number) =>
        page.evaluate(
          (p) => document.querySelector(`section[data-page="${p}"] .textLayer`)?.hasAttribute('data-asleep'),
          n,
        );
      expect(await asleep(2)).toBe(false);
      // Page 1 is still near enough to keep its text, but out of view: not laid out.
      expect(await page.locator('section[data-page="1"] .textLayer span').count()).toBeGreaterThan(0);
      expect(await asleep(1)).toBe(true);
      const selected = await page.evaluate(() => viewerHarness.handle().selection());
      expect(selected?.[0]?.page).toBe(1);
      expect(selected?.[0]?.text).toBe(text?.replace(/\s+/g, ' ').trim());
      expect(selected?.[0]?.rects[0]?.width).toBeGreaterThan(10);
      expect(await asleep(1)).toBe(true);
      // Far pages keep no text at all.
      await page.evaluate(() => viewerHarness.handle().scrollToPage(12));
      await page.waitForSelector('section[data-page="12"] .textLayer .endOfContent', { state: 'attached' });
      await expect.poll(() => page.locator('section[data-page="1"] .textLayer span').count()).toBe(0);
    } finally {
      await page.close();
    }
  }, 90_000);

  it('draws search hits and scrolls to the current one', async () => {
    const page = await openViewer();
    try {
      const hits = await page.evaluate(() => viewerHarness.search('trace'));
      expect(hits.length).toBeGreaterThan(10);
      const current = hits.findLastIndex((h) => h.page >= 8);
      const target = hits[current]!;
      await page.evaluate(([all, index]) => viewerHarness.setHits(all, index), [hits, current] as const);
      await page.waitForSelector(`section[data-page="${target.page}"] .review-hit--current`);
      expect(await page.locator(`section[data-page="${target.page}"] .review-hit`).count()).toBe(
        hits.filter((h) => h.page === target.page).length,
      );
      await expect.poll(() => page.evaluate(() => viewerHarness.visiblePages.at(-1))).toBe(target.page);
    } finally {
      await page.close();
    }
  }, 90_000);

  it('gives a selection on a page turned 90° in the page as displayed', async () => {
    const page = await openViewer('hello_world_rotated.pdf', 5);
    try {
      await page.waitForSelector('section[data-page="1"] .textLayer .endOfContent', { state: 'attached' });
      const found = await page.evaluate(async () => {
        const span = [...document.querySelectorAll('section[data-page="1"] .textLayer span')].find(
          (s) => s.textContent === 'Hello world',
        );
        if (!span) throw new Error('No "Hello world" on page 1');
        const range = document.createRange();
        range.selectNodeContents(span);
        document.getSelection()?.removeAllRanges();
        document.getSelection()?.addRange(range);
        return { selected: viewerHarness.handle().selection(), page: await viewerHarness.runs(1) };
      });
      expect(found.page.rotation).toBe(90);
      const run = found.page.runs.find((r) => r.str === 'Hello world')!;
      const box = boxOfSpan(run);
      const rect = found.selected?.[0]?.rects[0];
      expect(found.selected?.[0]?.text).toBe('Hello world');
      // Turned text runs down the page: the box is tall and narrow, and the selection matches it.
      expect(box.height).toBeGreaterThan(box.width);
      expect(rect).toBeDefined();
      const centre = (r: { x: number; y: number; width: number; height: number }) => ({
        x: r.x + r.width / 2,
        y: r.y + r.height / 2,
      });
      expect(Math.abs(centre(rect!).x - centre(box).x)).toBeLessThan(box.width / 2);
      expect(Math.abs(centre(rect!).y - centre(box).y)).toBeLessThan(box.height * 0.1);
      expect(rect!.height / box.height).toBeGreaterThan(0.8);
      expect(rect!.height / box.height).toBeLessThan(1.25);
    } finally {
      await page.close();
    }
  }, 90_000);

  it('keeps the reader on the same page through a zoom', async () => {
    const page = await openViewer();
    try {
      await page.evaluate(() => viewerHarness.handle().scrollToPage(5));
      await expect.poll(() => page.evaluate(() => viewerHarness.visiblePages.at(-1))).toBe(5);
      await page.evaluate(() => viewerHarness.setScale(2.5));
      await page.waitForSelector('section[data-page="5"] canvas');
      const box = await page.locator('section[data-page="5"]').boundingBox();
      expect(box?.width).toBeCloseTo(612 * 2.5, 0);
      await expect.poll(() => page.evaluate(() => viewerHarness.visiblePages.at(-1))).toBe(5);
      await page.keyboard.press('Tab');
      await page.keyboard.press('PageDown');
      await expect.poll(() => page.evaluate(() => viewerHarness.visiblePages.at(-1))).toBe(6);
    } finally {
      await page.close();
    }
  }, 90_000);
});
