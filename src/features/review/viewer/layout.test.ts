// Which pages the viewer draws for a scroll position, and where a zoom keeps the reader.
import { describe, expect, it } from 'vitest';
import {
  documentPointAt,
  layoutPages,
  modeOf,
  mostVisiblePage,
  offsetOf,
  PAGE_GAP,
  pageAtOffset,
  renderPlan,
  visiblePages,
} from './layout';

const A4 = { width: 595, height: 842 };
const bundle = (count: number) => Array.from({ length: count }, (_, i) => ({ page: i + 1, ...A4 }));

describe('laying out pages', () => {
  it('stacks pages at the zoom with a gap above each', () => {
    const layout = layoutPages(
      [
        { page: 1, width: 100, height: 200 },
        { page: 2, width: 300, height: 50 },
      ],
      2,
    );
    expect(layout.tops).toEqual([PAGE_GAP, PAGE_GAP + 400 + PAGE_GAP]);
    expect(layout.heights).toEqual([400, 100]);
    expect(layout.widest).toBe(600);
    expect(layout.total).toBe(PAGE_GAP * 3 + 500);
  });

  it('finds the page at an offset, a gap counting as the page below it', () => {
    const layout = layoutPages(bundle(3), 1);
    expect(pageAtOffset(layout, 0)).toBe(1);
    expect(pageAtOffset(layout, PAGE_GAP + 842)).toBe(1);
    expect(pageAtOffset(layout, PAGE_GAP + 843)).toBe(2);
    expect(pageAtOffset(layout, 1e9)).toBe(3);
  });
});

describe('pages to draw for a scroll position in a 300-page bundle', () => {
  const layout = layoutPages(bundle(300), 1);
  const pageHeight = 842 + PAGE_GAP;

  it('at the top: page 1 visible, a screen ahead drawn, nothing far away', () => {
    expect(visiblePages(layout, 0, 900)).toEqual({ first: 1, last: 2 });
    const plan = renderPlan(layout, 0, 900);
    expect(plan.render).toEqual({ first: 1, last: 3 });
    expect(modeOf(plan, 1)).toBe('render');
    expect(modeOf(plan, 300)).toBe('release');
  });

  it('in the middle: draws around page 150 only, keeps a few either side, releases the rest', () => {
    const top = PAGE_GAP + 149 * pageHeight; // top of page 150
    expect(mostVisiblePage(layout, top, 900)).toBe(150);
    const plan = renderPlan(layout, top, 900, { ahead: 1, keepPages: 4 });
    // A screen (900 px) either side: from the foot of page 148 to the head of page 152.
    expect(plan.render).toEqual({ first: 148, last: 152 });
    expect(plan.keep).toEqual({ first: 144, last: 156 });
    const modes = Array.from({ length: 300 }, (_, i) => modeOf(plan, i + 1));
    expect(modes.filter((m) => m === 'render')).toHaveLength(5);
    expect(modes.filter((m) => m !== 'release')).toHaveLength(13);
  });

  it('names as current the page showing most of itself', () => {
    const top = PAGE_GAP + 10 * pageHeight - 100; // the last 100 px of page 10, then page 11
    expect(mostVisiblePage(layout, top, 900)).toBe(11);
    expect(mostVisiblePage(layout, top - 700, 900)).toBe(10);
  });

  it('has nothing to draw for a document with no pages', () => {
    const plan = renderPlan(layoutPages([], 1), 0, 900);
    expect(modeOf(plan, 1)).toBe('release');
  });
});

describe('a zoom keeps the same point of the document in view', () => {
  it('maps an offset to a page point and back at another zoom', () => {
    const sizes = bundle(20);
    const at1 = layoutPages(sizes, 1);
    const point = documentPointAt(at1, 1, PAGE_GAP + 5 * (842 + PAGE_GAP) + 300);
    expect(point).toEqual({ page: 6, y: 300 });
    const at2 = layoutPages(sizes, 2);
    const offset = offsetOf(at2, 2, point);
    expect(offset).toBe(PAGE_GAP + 5 * (1684 + PAGE_GAP) + 600);
    expect(documentPointAt(at2, 2, offset)).toEqual(point);
  });
});
