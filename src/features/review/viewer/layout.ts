// Where each page sits in the viewer's scroll area, and which pages are near enough to the
// viewport to render. Pure maths on page sizes so it can be tested and so a 300-page document
// needs no DOM measuring: only pages near the viewport get a canvas.
import type { PageSize } from './types';

/** CSS px between pages (and above the first). */
export const PAGE_GAP = 12;

export type PageLayout = {
  /** Top of each page in CSS px from the top of the scroll area; index 0 is page 1. */
  tops: number[];
  heights: number[];
  widths: number[];
  /** Height of the whole scroll area. */
  total: number;
  widest: number;
};

export function layoutPages(sizes: readonly PageSize[], scale: number, gap = PAGE_GAP): PageLayout {
  const tops: number[] = [];
  const heights: number[] = [];
  const widths: number[] = [];
  let y = gap;
  let widest = 0;
  for (const size of sizes) {
    const height = size.height * scale;
    const width = size.width * scale;
    tops.push(y);
    heights.push(height);
    widths.push(width);
    widest = Math.max(widest, width);
    y += height + gap;
  }
  return { tops, heights, widths, total: y, widest };
}

/** The page (1-based) whose box contains `y`, or the next one below if `y` falls in a gap. */
export function pageAtOffset(layout: PageLayout, y: number): number {
  const { tops, heights } = layout;
  if (tops.length === 0) return 1;
  let lo = 0;
  let hi = tops.length - 1;
  // The last page whose bottom is at or below y.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((tops[mid] ?? 0) + (heights[mid] ?? 0) < y) lo = mid + 1;
    else hi = mid;
  }
  return lo + 1;
}

export type PageRange = { first: number; last: number };

/** Pages that show at least one pixel between scrollTop and scrollTop + height. */
export function visiblePages(layout: PageLayout, scrollTop: number, height: number): PageRange {
  const count = layout.tops.length;
  const first = pageAtOffset(layout, scrollTop);
  let last = first;
  while (last < count && (layout.tops[last] ?? Number.POSITIVE_INFINITY) < scrollTop + height) last++;
  return { first, last };
}

/** The page showing the most of itself in the viewport (the "current page"). */
export function mostVisiblePage(layout: PageLayout, scrollTop: number, height: number): number {
  const { first, last } = visiblePages(layout, scrollTop, height);
  let best = first;
  let bestShown = -1;
  for (let page = first; page <= last; page++) {
    const top = layout.tops[page - 1] ?? 0;
    const bottom = top + (layout.heights[page - 1] ?? 0);
    const shown = Math.min(bottom, scrollTop + height) - Math.max(top, scrollTop);
    if (shown > bestShown) {
      best = page;
      bestShown = shown;
    }
  }
  return best;
}

export type RenderPlan = {
  /** Pages to have rendered now: the visible ones and a screen's worth either side. */
  render: PageRange;
  /** Pages whose canvases are kept if already drawn; beyond this they are released. */
  keep: PageRange;
};

/**
 * Which pages to render for a scroll position. `ahead` is how many viewport heights to render
 * beyond the visible ones (so scrolling meets pages already drawn); `keepPages` how many pages
 * beyond those keep their canvases (so scrolling back is instant) before memory is given back.
 */
export function renderPlan(
  layout: PageLayout,
  scrollTop: number,
  height: number,
  { ahead = 1, keepPages = 4 }: { ahead?: number; keepPages?: number } = {},
): RenderPlan {
  const count = layout.tops.length;
  if (count === 0) return { render: { first: 1, last: 0 }, keep: { first: 1, last: 0 } };
  const margin = height * ahead;
  const from = Math.max(0, scrollTop - margin);
  const render = visiblePages(layout, from, scrollTop + height + margin - from);
  const keep = {
    first: Math.max(1, render.first - keepPages),
    last: Math.min(count, render.last + keepPages),
  };
  return { render, keep };
}

export type PageMode = 'render' | 'keep' | 'release';

export function modeOf(plan: RenderPlan, page: number): PageMode {
  if (page >= plan.render.first && page <= plan.render.last) return 'render';
  if (page >= plan.keep.first && page <= plan.keep.last) return 'keep';
  return 'release';
}

/** A point of the document: a page and a height down it in points. Survives a zoom. */
export type DocumentPoint = { page: number; y: number };

export function documentPointAt(layout: PageLayout, scale: number, offset: number): DocumentPoint {
  const page = pageAtOffset(layout, offset);
  const top = layout.tops[page - 1] ?? 0;
  const height = layout.heights[page - 1] ?? 0;
  return { page, y: Math.min(Math.max(offset - top, 0), height) / scale };
}

export function offsetOf(layout: PageLayout, scale: number, point: DocumentPoint): number {
  return (layout.tops[point.page - 1] ?? 0) + point.y * scale;
}
