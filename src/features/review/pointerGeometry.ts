// From pointer events on a page's overlay to page points (scale 1, origin top-left of the
// page as displayed), and the shapes drawn with them: a dragged box, a box moved or resized by
// its handles or the arrow keys, and ink strokes thinned so a long stroke stays a small event
// without losing its shape.
import type { InkPoint, Rect } from '../../domain';

export type Box = { left: number; top: number; width: number; height: number };

/** The point under the pointer in page points; `box` is the overlay's on-screen rectangle. */
export function toPagePoint(
  clientX: number,
  clientY: number,
  box: Box,
  page: { width: number; height: number },
  pressure?: number,
): InkPoint {
  // The overlay is the page at the viewer's zoom, so its own size gives the scale (CSS px per point).
  const scaleX = box.width / page.width || 1;
  const scaleY = box.height / page.height || 1;
  const x = clamp((clientX - box.left) / scaleX, 0, page.width);
  const y = clamp((clientY - box.top) / scaleY, 0, page.height);
  return pressure === undefined ? { x, y } : { x, y, pressure };
}

const clamp = (n: number, low: number, high: number) => Math.min(high, Math.max(low, n));

/** Pen pressure is kept; a mouse reports a fixed 0.5 (or 0) that means nothing, so it is left out. */
export function pressureOf(pointerType: string, pressure: number): number | undefined {
  return pointerType === 'pen' && pressure > 0 ? Math.round(pressure * 1000) / 1000 : undefined;
}

/** The box between two corners, whichever way the drag went. */
export function rectBetween(a: { x: number; y: number }, b: { x: number; y: number }): Rect {
  return {
    x: Math.min(a.x, b.x),
    y: Math.min(a.y, b.y),
    width: Math.abs(a.x - b.x),
    height: Math.abs(a.y - b.y),
  };
}

/** Smaller than this (points) a drag is taken as a slip, not a box. */
export const MIN_BOX_SIDE = 4;

export const isBoxBigEnough = (rect: Rect) => rect.width >= MIN_BOX_SIDE && rect.height >= MIN_BOX_SIDE;

/** What a drag on a selected box does: move it, or move one of its corners. */
export type Handle = 'move' | 'nw' | 'ne' | 'sw' | 'se';
export const HANDLES: readonly Handle[] = ['move', 'nw', 'ne', 'sw', 'se'];
export const isHandle = (value: string | undefined): value is Handle =>
  (HANDLES as readonly string[]).includes(value ?? '');

type PageBox = { width: number; height: number };

/** The smallest box holding every rectangle of a mark. */
export function boundsOf(rects: readonly Rect[]): Rect {
  const left = Math.min(...rects.map((r) => r.x));
  const top = Math.min(...rects.map((r) => r.y));
  const right = Math.max(...rects.map((r) => r.x + r.width));
  const bottom = Math.max(...rects.map((r) => r.y + r.height));
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/** The mark's rectangles after a drag of `handle` by (dx, dy) points. Moving keeps the whole
 * mark on the page; a corner moves within the page and never closer than MIN_BOX_SIDE to the
 * opposite one, and a mark of several rectangles (lines of selected text) is stretched with it. */
export function reshapeRects(
  rects: readonly Rect[],
  handle: Handle,
  dx: number,
  dy: number,
  page: PageBox,
): Rect[] {
  if (rects.length === 0) return [];
  const b = boundsOf(rects);
  if (handle === 'move') {
    const mx = clamp(dx, -b.x, page.width - b.x - b.width);
    const my = clamp(dy, -b.y, page.height - b.y - b.height);
    return rects.map((r) => tidy({ ...r, x: r.x + mx, y: r.y + my }));
  }
  let [left, top, right, bottom] = [b.x, b.y, b.x + b.width, b.y + b.height];
  if (handle === 'nw' || handle === 'sw') left = clamp(left + dx, 0, right - MIN_BOX_SIDE);
  else right = clamp(right + dx, left + MIN_BOX_SIDE, page.width);
  if (handle === 'nw' || handle === 'ne') top = clamp(top + dy, 0, bottom - MIN_BOX_SIDE);
  else bottom = clamp(bottom + dy, top + MIN_BOX_SIDE, page.height);
  const sx = b.width > 0 ? (right - left) / b.width : 1;
  const sy = b.height > 0 ? (bottom - top) / b.height : 1;
  return rects.map((r) =>
    tidy({
      x: left + (r.x - b.x) * sx,
      y: top + (r.y - b.y) * sy,
      width: r.width * sx,
      height: r.height * sy,
    }),
  );
}

const tidy = (r: Rect): Rect => ({
  x: fixed(r.x),
  y: fixed(r.y),
  width: fixed(r.width),
  height: fixed(r.height),
});

/** Points a box moves per arrow key, and with Shift held. */
export const KEY_STEP = 1;
export const KEY_STEP_LARGE = 10;

const ARROWS: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

/** What an arrow key does to a selected box: move it, or with Alt held resize it from its
 * bottom-right corner (right and down make it bigger); null for any other key. */
export function keyReshape(key: { key: string; shiftKey: boolean; altKey: boolean }): {
  handle: Handle;
  dx: number;
  dy: number;
} | null {
  const arrow = ARROWS[key.key];
  if (!arrow) return null;
  const step = key.shiftKey ? KEY_STEP_LARGE : KEY_STEP;
  return { handle: key.altKey ? 'se' : 'move', dx: arrow[0] * step, dy: arrow[1] * step };
}

/** Points closer than this (points) to the last kept one add nothing a reader can see. */
const MIN_STEP = 0.75;
/** How far (points) a thinned stroke may stray from what was drawn. */
const TOLERANCE = 0.4;

/** The stroke with near-duplicate points dropped and straight runs reduced to their ends
 * (Ramer–Douglas–Peucker); the first and last points, and pressure, are kept. */
export function thinStroke(points: readonly InkPoint[]): InkPoint[] {
  const spaced: InkPoint[] = [];
  for (const p of points) {
    const last = spaced.at(-1);
    if (!last || Math.hypot(p.x - last.x, p.y - last.y) >= MIN_STEP) spaced.push(p);
  }
  const end = points.at(-1);
  if (end && spaced.at(-1) !== end && spaced.length > 0) spaced[spaced.length - 1] = end;
  if (spaced.length < 3) return spaced;
  const keep = new Array<boolean>(spaced.length).fill(false);
  keep[0] = true;
  keep[spaced.length - 1] = true;
  const stack: [number, number][] = [[0, spaced.length - 1]];
  while (stack.length > 0) {
    const [from, to] = stack.pop()!;
    let farthest = -1;
    let distance = TOLERANCE;
    for (let i = from + 1; i < to; i++) {
      const d = distanceToSegment(spaced[i]!, spaced[from]!, spaced[to]!);
      // Pressure changes matter too: a point where the pen pressed harder is kept.
      const pressureJump = Math.abs((spaced[i]!.pressure ?? 0) - (spaced[from]!.pressure ?? 0)) * 10;
      const weight = Math.max(d, pressureJump);
      if (weight > distance) {
        distance = weight;
        farthest = i;
      }
    }
    if (farthest !== -1) {
      keep[farthest] = true;
      stack.push([from, farthest], [farthest, to]);
    }
  }
  return spaced.filter((_, i) => keep[i]);
}

function distanceToSegment(p: InkPoint, a: InkPoint, b: InkPoint): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length2 = dx * dx + dy * dy;
  if (length2 === 0) return Math.hypot(p.x - a.x, p.y - a.y);
  const t = clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / length2, 0, 1);
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

const fixed = (n: number) => Math.round(n * 100) / 100;

/** An SVG path through the points, smoothed with quadratic curves through the midpoints. */
export function strokePath(points: readonly InkPoint[]): string {
  const [first, ...rest] = points;
  if (!first) return '';
  if (rest.length === 0) return `M${fixed(first.x)} ${fixed(first.y)}l0.01 0`;
  let d = `M${fixed(first.x)} ${fixed(first.y)}`;
  for (let i = 0; i < rest.length - 1; i++) {
    const p = rest[i]!;
    const next = rest[i + 1]!;
    d += `Q${fixed(p.x)} ${fixed(p.y)} ${fixed((p.x + next.x) / 2)} ${fixed((p.y + next.y) / 2)}`;
  }
  const last = rest.at(-1)!;
  return `${d}L${fixed(last.x)} ${fixed(last.y)}`;
}

/** Line width (points) for a stroke: thicker where the pen pressed harder, 2 without pressure. */
export function strokeWidth(points: readonly InkPoint[]): number {
  const pressures = points.flatMap((p) => (p.pressure === undefined ? [] : [p.pressure]));
  if (pressures.length === 0) return 2;
  const mean = pressures.reduce((sum, p) => sum + p, 0) / pressures.length;
  return fixed(1 + mean * 3);
}
