// A selection on screen becomes boxes in page points, one per line.
import { describe, expect, it } from 'vitest';
import { outputScale } from './canvasSize';
import { joinSelectedText, mergeLineRects, toPagePoints } from './selectionRects';

const page = { left: 100, top: 50, width: 1190, height: 1684 }; // A4 at 200 %

describe('selection rectangles', () => {
  it('moves client rects to the page origin and divides by the zoom', () => {
    expect(toPagePoints([{ left: 300, top: 250, width: 100, height: 20 }], page, 2)).toEqual([
      { x: 100, y: 100, width: 50, height: 10 },
    ]);
  });

  it('clips to the page and drops what lies outside it', () => {
    const rects = toPagePoints(
      [
        { left: 80, top: 60, width: 40, height: 10 },
        { left: 0, top: 0, width: 50, height: 20 },
      ],
      page,
      1,
    );
    expect(rects).toEqual([{ x: 0, y: 10, width: 20, height: 10 }]);
  });

  it('joins runs on one line and keeps lines and far columns apart', () => {
    const merged = mergeLineRects([
      { x: 60, y: 100, width: 30, height: 12 }, // second run of line 1
      { x: 10, y: 101, width: 48, height: 11 }, // first run of line 1
      { x: 10, y: 114, width: 80, height: 12 }, // line 2
      { x: 300, y: 100, width: 30, height: 12 }, // another column, same height
    ]);
    expect(merged).toEqual([
      { x: 10, y: 100, width: 80, height: 12 },
      { x: 300, y: 100, width: 30, height: 12 },
      { x: 10, y: 114, width: 80, height: 12 },
    ]);
  });

  it('reads the text as a person would, one space at each line break', () => {
    expect(joinSelectedText(['John ', 'Smith', ' ', '\n of  Leeds '])).toBe('John Smith of Leeds');
  });
});

describe('canvas size', () => {
  it('draws at the screen pixel ratio, capped for very large pages', () => {
    expect(outputScale(800, 1000, 2)).toBe(2);
    const capped = outputScale(4000, 5000, 3);
    expect(4000 * 5000 * capped * capped).toBeCloseTo(16_777_216, 0);
    expect(outputScale(100, 100, Number.NaN)).toBe(1);
  });
});
