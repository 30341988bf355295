// The shortcut in regionsHit (one test against the box round every region) must give exactly
// the answer of trying each region, including for inverted, degenerate and non-finite shapes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Point, quadIntersectsRect, quadOf, type Rect, regionsHit } from './geometry';

const coordinate = fc.oneof(
  fc.integer({ min: -40, max: 40 }).map((n) => n / 4),
  fc.double({ min: -1e3, max: 1e3 }),
  fc.constantFrom(0, 0.01, -0.01, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN),
);
const point = fc.record({ x: coordinate, y: coordinate });
const rect = fc.record({ x0: coordinate, y0: coordinate, x1: coordinate, y1: coordinate });
const each = (q: readonly Point[], regions: Rect[]) => regions.some((r) => quadIntersectsRect(q, r));

describe('regionsHit', () => {
  it('answers as trying every region in turn', () => {
    fc.assert(
      fc.property(fc.tuple(point, point, point, point), fc.array(rect, { maxLength: 8 }), (q, regions) => {
        expect(regionsHit(regions)(q)).toBe(each(q, regions));
      }),
      { numRuns: 20_000 },
    );
  });

  it('answers as trying every region for glyph boxes placed by any matrix', () => {
    const m = fc.tuple(coordinate, coordinate, coordinate, coordinate, coordinate, coordinate);
    fc.assert(
      fc.property(m, fc.array(rect, { maxLength: 8 }), (matrix, regions) => {
        const q = quadOf(matrix, 0, -0.2, 0.6, 0.8);
        expect(regionsHit(regions)(q)).toBe(each(q, regions));
      }),
      { numRuns: 20_000 },
    );
  });

  it('answers as trying every region when a page has many (banded search)', () => {
    const small = fc.integer({ min: -400, max: 400 }).map((n) => n / 2);
    const box = fc
      .tuple(small, small, fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 30 }))
      .map(([x, y, w, h]) => ({ x0: x, y0: y, x1: x + w, y1: y + h }));
    const m = fc.tuple(coordinate, coordinate, coordinate, coordinate, small, small);
    fc.assert(
      fc.property(m, fc.array(fc.oneof(box, rect), { minLength: 4, maxLength: 60 }), (matrix, regions) => {
        const q = quadOf(
          [matrix[0] / 50, matrix[1] / 50, matrix[2] / 50, matrix[3] / 50, matrix[4], matrix[5]],
          0,
          -0.2,
          0.6,
          0.8,
        );
        expect(regionsHit(regions)(q)).toBe(each(q, regions));
      }),
      { numRuns: 5_000 },
    );
    fc.assert(
      fc.property(
        fc.tuple(point, point, point, point),
        fc.array(box, { minLength: 4, maxLength: 60 }),
        (q, regions) => {
          expect(regionsHit(regions)(q)).toBe(each(q, regions));
        },
      ),
      { numRuns: 5_000 },
    );
  });

  it('finds a glyph under one region among many and misses one between them', () => {
    const regions: Rect[] = [
      { x0: 0, y0: 0, x1: 10, y1: 10 },
      { x0: 100, y0: 100, x1: 110, y1: 110 },
    ];
    const hit = regionsHit(regions);
    expect(hit(quadOf([1, 0, 0, 1, 102, 102], 0, 0, 2, 2))).toBe(true);
    expect(hit(quadOf([1, 0, 0, 1, 50, 50], 0, 0, 2, 2))).toBe(false);
    expect(regionsHit([])(quadOf([1, 0, 0, 1, 0, 0], 0, 0, 2, 2))).toBe(false);
  });
});
