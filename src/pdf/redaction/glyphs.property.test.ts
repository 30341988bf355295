import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractTextItems } from '../pdfjs';
import { redact } from './index';
import { buildPdf, courierWidth } from './testDocuments';

// Two lines of distinct letters in Courier 12 (each glyph 7.2 pt wide, its box from 0.2 em below
// the baseline to 0.7 em above it), so which glyphs a region touches is known exactly.
const LINES = [
  { text: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', baseline: 200 },
  { text: 'abcdefghijklmnopqrstuvwxyz', baseline: 170 },
];
const X0 = 50;
const SIZE = 12;
const PAGE_HEIGHT = 300;
const GLYPH = courierWidth('x', SIZE);

type Region = { x: number; y: number; width: number; height: number };

// Keep region edges at least this far (points) from any glyph edge: touching is not overlapping,
// and the test should not depend on where exactly that line is drawn.
const CLEAR = 0.2;
const clearOf = (v: number, edges: number[]) => edges.every((e) => Math.abs(v - e) > CLEAR);
const xEdges = Array.from({ length: 27 }, (_, i) => X0 + i * GLYPH);
const yEdges = LINES.flatMap((l) => [
  PAGE_HEIGHT - l.baseline - 0.7 * SIZE,
  PAGE_HEIGHT - l.baseline + 0.2 * SIZE,
]);

const regionArb = fc
  .record({
    x: fc.double({ min: 20, max: 280, noNaN: true }),
    y: fc.double({ min: 60, max: 160, noNaN: true }),
    width: fc.double({ min: 1, max: 120, noNaN: true }),
    height: fc.double({ min: 1, max: 40, noNaN: true }),
  })
  .filter(
    (r) =>
      clearOf(r.x, xEdges) &&
      clearOf(r.x + r.width, xEdges) &&
      clearOf(r.y, yEdges) &&
      clearOf(r.y + r.height, yEdges),
  );

function touched(lineIndex: number, i: number, regions: Region[]): boolean {
  const line = LINES[lineIndex];
  if (!line) return false;
  const gx0 = X0 + i * GLYPH;
  const gy0 = PAGE_HEIGHT - line.baseline - 0.7 * SIZE;
  const gy1 = PAGE_HEIGHT - line.baseline + 0.2 * SIZE;
  return regions.some((r) => r.x < gx0 + GLYPH && gx0 < r.x + r.width && r.y < gy1 && gy0 < r.y + r.height);
}

describe('glyph removal (property)', () => {
  it('never leaves a glyph inside a region and never loses or moves one outside', async () => {
    const pdf = await buildPdf([
      { content: LINES.map((l) => `BT /F2 ${SIZE} Tf ${X0} ${l.baseline} Td (${l.text}) Tj ET`).join('\n') },
    ]);
    await fc.assert(
      fc.asyncProperty(fc.array(regionArb, { minLength: 1, maxLength: 3 }), async (regions) => {
        const result = await redact(
          pdf,
          regions.map((r) => ({ page: 1, ...r })),
        );
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        const items = (await extractTextItems(result.pdf))[0]?.items ?? [];
        // Every surviving glyph, placed by its own x: Courier makes each item's glyphs 7.2 pt apart.
        const seen = new Set<string>();
        for (const item of items) {
          [...item.str].forEach((ch, j) => {
            if (ch.trim()) seen.add(`${ch}@${Math.round((item.x + j * GLYPH - X0) / GLYPH)}`);
          });
        }
        const expected = new Set<string>();
        LINES.forEach((line, li) => {
          [...line.text].forEach((ch, i) => {
            if (!touched(li, i, regions)) expected.add(`${ch}@${i}`);
          });
        });
        expect([...seen].sort()).toEqual([...expected].sort());
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});
