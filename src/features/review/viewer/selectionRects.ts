// Turning a text selection on screen into rectangles in page points: the client rects of the
// selected text (CSS px, relative to the window) are clipped to the page, moved to the page's
// origin, divided by the zoom, and joined into one rectangle per line so a redaction or
// highlight of a sentence is a few boxes, not one per glyph run.
import type { Rect } from './types';

export type ClientRect = { left: number; top: number; width: number; height: number };

// Two boxes are on the same line when their vertical extents overlap by at least this share of
// the smaller one's height (text runs on a line differ a little in ascent and descent).
const SAME_LINE_OVERLAP = 0.5;
// …and they join when the gap between them is at most this many times the line's height (the
// width of a space or two; a wider gap is a separate column).
const JOIN_GAP_LINE_HEIGHTS = 1;

/** Client rects → page points, clipped to the page box, empty and tiny slivers dropped. */
export function toPagePoints(rects: readonly ClientRect[], page: ClientRect, scale: number): Rect[] {
  const result: Rect[] = [];
  for (const r of rects) {
    const left = Math.max(r.left, page.left);
    const top = Math.max(r.top, page.top);
    const right = Math.min(r.left + r.width, page.left + page.width);
    const bottom = Math.min(r.top + r.height, page.top + page.height);
    if (right - left < 0.5 || bottom - top < 0.5) continue;
    result.push({
      x: (left - page.left) / scale,
      y: (top - page.top) / scale,
      width: (right - left) / scale,
      height: (bottom - top) / scale,
    });
  }
  return result;
}

const overlapShare = (a: Rect, b: Rect): number => {
  const overlap = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return overlap / Math.max(1e-9, Math.min(a.height, b.height));
};

const union = (a: Rect, b: Rect): Rect => {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return {
    x,
    y,
    width: Math.max(a.x + a.width, b.x + b.width) - x,
    height: Math.max(a.y + a.height, b.y + b.height) - y,
  };
};

/** Joins boxes on the same line that touch or nearly touch, left to right, top to bottom. */
export function mergeLineRects(rects: readonly Rect[]): Rect[] {
  const sorted = [...rects].sort((a, b) => a.y - b.y || a.x - b.x);
  const lines: Rect[] = [];
  for (const rect of sorted) {
    const line = lines.find((l) => {
      if (overlapShare(l, rect) < SAME_LINE_OVERLAP) return false;
      const gap = Math.max(rect.x - (l.x + l.width), l.x - (rect.x + rect.width));
      return gap <= Math.min(l.height, rect.height) * JOIN_GAP_LINE_HEIGHTS;
    });
    if (line) Object.assign(line, union(line, rect));
    else lines.push({ ...rect });
  }
  return lines.sort((a, b) => a.y - b.y || a.x - b.x);
}

/** The selected pieces of text joined as a person reads them: one space at each line break. */
export function joinSelectedText(pieces: readonly string[]): string {
  return pieces.join('').replace(/\s+/gu, ' ').trim();
}
