// Pointer positions on a zoomed page become page points; boxes and ink keep their shape.
import { describe, expect, it } from 'vitest';
import {
  boundsOf,
  isBoxBigEnough,
  keyReshape,
  MIN_BOX_SIDE,
  pressureOf,
  rectBetween,
  reshapeRects,
  strokePath,
  strokeWidth,
  thinStroke,
  toPagePoint,
} from './pointerGeometry';

const page = { width: 600, height: 800 };

describe('pointer to page points', () => {
  it('divides by the zoom and measures from the page corner', () => {
    // The page drawn at 150%, its corner at (100, 50) on screen.
    const box = { left: 100, top: 50, width: 900, height: 1200 };
    expect(toPagePoint(250, 350, box, page)).toEqual({ x: 100, y: 200 });
  });

  it('keeps a point dragged past the edge on the page', () => {
    const box = { left: 0, top: 0, width: 600, height: 800 };
    expect(toPagePoint(-20, 900, box, page)).toEqual({ x: 0, y: 800 });
  });

  it('keeps pen pressure and drops the fixed value a mouse reports', () => {
    expect(pressureOf('pen', 0.61234)).toBe(0.612);
    expect(pressureOf('mouse', 0.5)).toBeUndefined();
    expect(pressureOf('touch', 1)).toBeUndefined();
  });

  it('makes the same box whichever way it is dragged, and ignores a slip', () => {
    expect(rectBetween({ x: 50, y: 80 }, { x: 10, y: 20 })).toEqual({ x: 10, y: 20, width: 40, height: 60 });
    expect(isBoxBigEnough(rectBetween({ x: 10, y: 10 }, { x: 12, y: 40 }))).toBe(false);
    expect(isBoxBigEnough(rectBetween({ x: 10, y: 10 }, { x: 30, y: 40 }))).toBe(true);
  });
});

describe('ink', () => {
  it('reduces a straight line to its ends', () => {
    const line = Array.from({ length: 50 }, (_, i) => ({ x: i * 2, y: i }));
    expect(thinStroke(line)).toEqual([line[0], line[49]]);
  });

  it('keeps the corner of an L and the last point', () => {
    const down = Array.from({ length: 20 }, (_, i) => ({ x: 0, y: i * 2 }));
    const across = Array.from({ length: 20 }, (_, i) => ({ x: (i + 1) * 2, y: 38 }));
    const thinned = thinStroke([...down, ...across]);
    expect(thinned).toEqual([
      { x: 0, y: 0 },
      { x: 0, y: 38 },
      { x: 40, y: 38 },
    ]);
  });

  it('drops jitter smaller than a fraction of a point, and keeps pressure on what stays', () => {
    const jitter = [
      { x: 0, y: 0, pressure: 0.2 },
      { x: 0.1, y: 0.1, pressure: 0.2 },
      { x: 0.2, y: 0, pressure: 0.2 },
      { x: 10, y: 0, pressure: 0.2 },
    ];
    expect(thinStroke(jitter)).toEqual([jitter[0], jitter[3]]);
  });

  it('keeps a point where the pen pressed much harder on a straight line', () => {
    const stroke = [
      { x: 0, y: 0, pressure: 0.1 },
      { x: 5, y: 0, pressure: 0.9 },
      { x: 10, y: 0, pressure: 0.1 },
    ];
    expect(thinStroke(stroke)).toHaveLength(3);
  });

  it('draws a smooth path through the points and a dot for a tap', () => {
    expect(
      strokePath([
        { x: 0, y: 0 },
        { x: 10, y: 10 },
        { x: 20, y: 0 },
      ]),
    ).toBe('M0 0Q10 10 15 5L20 0');
    expect(strokePath([{ x: 3, y: 4 }])).toBe('M3 4l0.01 0');
    expect(strokePath([])).toBe('');
  });

  it('draws harder pen strokes thicker', () => {
    expect(strokeWidth([{ x: 0, y: 0 }])).toBe(2);
    expect(strokeWidth([{ x: 0, y: 0, pressure: 1 }])).toBeGreaterThan(
      strokeWidth([{ x: 0, y: 0, pressure: 0.2 }]),
    );
  });
});

describe('moving and resizing a box', () => {
  const box = { x: 100, y: 200, width: 80, height: 20 };

  it('moves the box by the drag, all of it staying on the page', () => {
    expect(reshapeRects([box], 'move', 15, -5, page)).toEqual([{ x: 115, y: 195, width: 80, height: 20 }]);
    // Dragged past the right and bottom edges, it stops at them.
    expect(reshapeRects([box], 'move', 1000, 1000, page)).toEqual([
      { x: 520, y: 780, width: 80, height: 20 },
    ]);
    expect(reshapeRects([box], 'move', -500, -500, page)).toEqual([{ x: 0, y: 0, width: 80, height: 20 }]);
  });

  it('resizes from the corner dragged, the opposite corner staying put', () => {
    expect(reshapeRects([box], 'se', 20, 10, page)).toEqual([{ x: 100, y: 200, width: 100, height: 30 }]);
    expect(reshapeRects([box], 'nw', -10, -5, page)).toEqual([{ x: 90, y: 195, width: 90, height: 25 }]);
    expect(reshapeRects([box], 'ne', 5, 5, page)).toEqual([{ x: 100, y: 205, width: 85, height: 15 }]);
    expect(reshapeRects([box], 'sw', 5, 5, page)).toEqual([{ x: 105, y: 200, width: 75, height: 25 }]);
  });

  it('never turns a box inside out or shrinks it below a slip, nor grows it off the page', () => {
    const [small] = reshapeRects([box], 'se', -500, -500, page);
    expect(small).toEqual({ x: 100, y: 200, width: MIN_BOX_SIDE, height: MIN_BOX_SIDE });
    const [big] = reshapeRects([box], 'nw', -500, -500, page);
    expect(big).toEqual({ x: 0, y: 0, width: 180, height: 220 });
  });

  it('stretches the lines of a text redaction together', () => {
    const lines = [
      { x: 100, y: 100, width: 200, height: 10 },
      { x: 100, y: 110, width: 100, height: 10 },
    ];
    expect(boundsOf(lines)).toEqual({ x: 100, y: 100, width: 200, height: 20 });
    expect(reshapeRects(lines, 'se', 200, 20, page)).toEqual([
      { x: 100, y: 100, width: 400, height: 20 },
      { x: 100, y: 120, width: 200, height: 20 },
    ]);
    expect(reshapeRects(lines, 'move', 10, 10, page).map((r) => [r.x, r.y])).toEqual([
      [110, 110],
      [110, 120],
    ]);
  });

  it('moves by a point per arrow key, ten with Shift, and resizes with Alt', () => {
    const key = (k: string, shiftKey = false, altKey = false) => keyReshape({ key: k, shiftKey, altKey });
    expect(key('ArrowRight')).toEqual({ handle: 'move', dx: 1, dy: 0 });
    expect(key('ArrowUp', true)).toEqual({ handle: 'move', dx: 0, dy: -10 });
    expect(key('ArrowDown', false, true)).toEqual({ handle: 'se', dx: 0, dy: 1 });
    expect(key('ArrowLeft', true, true)).toEqual({ handle: 'se', dx: -10, dy: 0 });
    expect(key('Enter')).toBeNull();
  });
});
