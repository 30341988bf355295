// Pointer positions on a zoomed page become page points; boxes and ink keep their shape.
import { describe, expect, it } from 'vitest';
import {
  isBoxBigEnough,
  pressureOf,
  rectBetween,
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
