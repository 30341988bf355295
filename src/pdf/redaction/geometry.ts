// Affine matrices, page-to-display transforms and the overlap test between a glyph (or image,
// or path) and a redaction region. Regions arrive in display coordinates (pdf.js viewport at
// scale 1, rotation applied); everything here works in the page's default user space.

export type Matrix = readonly [number, number, number, number, number, number];
export type Point = { x: number; y: number };
/** Four corners, in order round the shape (a parallelogram in general). */
export type Quad = readonly [Point, Point, Point, Point];
export type Rect = { x0: number; y0: number; x1: number; y1: number };

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** m1 then m2 (PDF convention: a point p maps to p·m1·m2). */
export function multiply(m1: Matrix, m2: Matrix): Matrix {
  const [a, b, c, d, e, f] = m1;
  const [A, B, C, D, E, F] = m2;
  return [a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F];
}

export function apply(m: Matrix, x: number, y: number): Point {
  return { x: m[0] * x + m[2] * y + m[4], y: m[1] * x + m[3] * y + m[5] };
}

export function invert(m: Matrix): Matrix | undefined {
  const [a, b, c, d, e, f] = m;
  const det = a * d - b * c;
  if (!Number.isFinite(det) || Math.abs(det) < 1e-12) return undefined;
  return [d / det, -b / det, -c / det, a / det, (c * f - d * e) / det, (b * e - a * f) / det];
}

export function quadOf(m: Matrix, x0: number, y0: number, x1: number, y1: number): Quad {
  return [apply(m, x0, y0), apply(m, x1, y0), apply(m, x1, y1), apply(m, x0, y1)];
}

export function boundsOf(points: readonly Point[]): Rect {
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (const p of points) {
    x0 = Math.min(x0, p.x);
    y0 = Math.min(y0, p.y);
    x1 = Math.max(x1, p.x);
    y1 = Math.max(y1, p.y);
  }
  return { x0, y0, x1, y1 };
}

export type PageGeometry = {
  /** pdf.js `view`: the crop box clipped to the media box, [x0, y0, x1, y1]. */
  view: [number, number, number, number];
  rotation: 0 | 90 | 180 | 270;
  userUnit: number;
};

/** User space → display space, exactly as pdf.js PageViewport builds it at scale 1. */
export function displayTransform({ view, rotation, userUnit }: PageGeometry): Matrix {
  const scale = userUnit;
  const cx = (view[2] + view[0]) / 2;
  const cy = (view[3] + view[1]) / 2;
  const [ra, rb, rc, rd] =
    rotation === 180
      ? [-1, 0, 0, 1]
      : rotation === 90
        ? [0, 1, 1, 0]
        : rotation === 270
          ? [0, -1, -1, 0]
          : [1, 0, 0, -1];
  let ox: number;
  let oy: number;
  if (ra === 0) {
    ox = Math.abs(cy - view[1]) * scale;
    oy = Math.abs(cx - view[0]) * scale;
  } else {
    ox = Math.abs(cx - view[0]) * scale;
    oy = Math.abs(cy - view[1]) * scale;
  }
  return [
    ra * scale,
    rb * scale,
    rc * scale,
    rd * scale,
    ox - ra * scale * cx - rc * scale * cy,
    oy - rb * scale * cx - rd * scale * cy,
  ];
}

/** A display-space rectangle as an axis-aligned rectangle in user space (rotations are multiples of 90°). */
export function displayRectToUser(
  toDisplay: Matrix,
  r: { x: number; y: number; width: number; height: number },
): Rect {
  const inverse = invert(toDisplay);
  if (!inverse) throw new Error('page transform is not invertible');
  return boundsOf(quadOf(inverse, r.x, r.y, r.x + r.width, r.y + r.height));
}

// Overlaps thinner than this (points) are touching edges, not overlaps: a region drawn exactly
// round a word must not take the letters either side of it.
const TOUCH_TOLERANCE = 0.01;

/** Overlap of the quad and the rectangle along one axis (NaN when a coordinate is not finite). */
function overlapAlong(q: readonly Point[], r: Rect, ax: number, ay: number): number {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const p of q) {
    const v = p.x * ax + p.y * ay;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  // The rectangle's corners, in the same order and arithmetic as any other shape's.
  const c0 = r.x0 * ax + r.y0 * ay;
  const c1 = r.x1 * ax + r.y0 * ay;
  const c2 = r.x1 * ax + r.y1 * ay;
  const c3 = r.x0 * ax + r.y1 * ay;
  const rlo = Math.min(Number.POSITIVE_INFINITY, c0, c1, c2, c3);
  const rhi = Math.max(Number.NEGATIVE_INFINITY, c0, c1, c2, c3);
  return Math.min(hi, rhi) - Math.max(lo, rlo);
}

/**
 * Separating-axis test between a convex quad and an axis-aligned rectangle. It runs for every
 * glyph against every region of its page, so it allocates nothing; the two axes of the
 * rectangle come first because they reject almost every pair. A non-finite coordinate never
 * separates (NaN overlap), so it counts as a hit: unsure means removed.
 */
export function quadIntersectsRect(q: readonly Point[], r: Rect): boolean {
  if (overlapAlong(q, r, 1, 0) <= TOUCH_TOLERANCE) return false;
  if (overlapAlong(q, r, 0, 1) <= TOUCH_TOLERANCE) return false;
  const n = q.length;
  for (let i = 0; i < n; i++) {
    const a = q[i] as Point;
    const b = q[(i + 1) % n] as Point;
    const ex = b.x - a.x;
    const ey = b.y - a.y;
    const len = Math.hypot(ex, ey);
    if (len > 1e-9 && overlapAlong(q, r, -ey / len, ex / len) <= TOUCH_TOLERANCE) return false;
  }
  return true;
}

// Regions are filed in horizontal bands this many times their average height (at least a
// point) so a glyph is tried only against the regions of the bands it spans; pages with
// hundreds of regions (every occurrence of a common word) would otherwise try every one.
const BAND_SHARE_OF_HEIGHT = 2;
const MAX_BANDS = 4096;
const MIN_REGIONS_FOR_BANDS = 4;

/**
 * Whether a quad meets any of `regions`: the same answer as trying each in turn, but a quad
 * clear of the box round all of them (most glyphs on a page) is ruled out with one test, and
 * one that is not is tried only against the regions whose band of heights it crosses. That box
 * holds every region, so it overlaps a quad at least as much as any one of them does; a region
 * outside the quad's bands is apart from it along the y axis, which separates them.
 */
export function regionsHit(regions: readonly Rect[]): (q: readonly Point[]) => boolean {
  const each = (q: readonly Point[]) => regions.some((r) => quadIntersectsRect(q, r));
  // A region with a coordinate that is not finite has no usable box round it: try each.
  if (regions.some((r) => ![r.x0, r.y0, r.x1, r.y1].every(Number.isFinite))) return each;
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  let heights = 0;
  for (const r of regions) {
    // Either corner may be the lower one.
    x0 = Math.min(x0, r.x0, r.x1);
    y0 = Math.min(y0, r.y0, r.y1);
    x1 = Math.max(x1, r.x0, r.x1);
    y1 = Math.max(y1, r.y0, r.y1);
    heights += Math.abs(r.y1 - r.y0);
  }
  const all: Rect = { x0, y0, x1, y1 };
  const banded = regions.length >= MIN_REGIONS_FOR_BANDS ? bandsOf(regions, y0, y1, heights) : undefined;
  return (q) => {
    if (overlapAlong(q, all, 1, 0) <= TOUCH_TOLERANCE) return false;
    if (overlapAlong(q, all, 0, 1) <= TOUCH_TOLERANCE) return false;
    return banded ? (banded(q) ?? each(q)) : each(q);
  };
}

/** The banded search, or undefined when the quad is not finite (then every region is tried). */
function bandsOf(
  regions: readonly Rect[],
  y0: number,
  y1: number,
  heights: number,
): (q: readonly Point[]) => boolean | undefined {
  const height = Math.max(1, (BAND_SHARE_OF_HEIGHT * heights) / regions.length, (y1 - y0) / MAX_BANDS);
  const bandOf = (y: number) => Math.floor((y - y0) / height);
  const bands: Rect[][] = Array.from({ length: bandOf(y1) + 1 }, () => []);
  for (const r of regions) {
    const last = bandOf(Math.max(r.y0, r.y1));
    for (let b = bandOf(Math.min(r.y0, r.y1)); b <= last; b++) bands[b]?.push(r);
  }
  return (q) => {
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (const p of q) {
      if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) return undefined;
      lo = Math.min(lo, p.y);
      hi = Math.max(hi, p.y);
    }
    const last = Math.min(bandOf(hi), bands.length - 1);
    for (let b = Math.max(bandOf(lo), 0); b <= last; b++) {
      const band = bands[b] as Rect[];
      for (let i = 0; i < band.length; i++) if (quadIntersectsRect(q, band[i] as Rect)) return true;
    }
    return false;
  };
}

export function rectsIntersect(a: Rect, b: Rect): boolean {
  return (
    Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) > TOUCH_TOLERANCE &&
    Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0) > TOUCH_TOLERANCE
  );
}

export function rectContains(outer: Rect, inner: Rect, slack = 0.5): boolean {
  return (
    inner.x0 >= outer.x0 - slack &&
    inner.y0 >= outer.y0 - slack &&
    inner.x1 <= outer.x1 + slack &&
    inner.y1 <= outer.y1 + slack
  );
}
