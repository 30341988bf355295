// Suite (c): property tests. Random regions over generated letters on pages turned 0, 90, 180
// or 270 degrees (Helvetica, whose widths
// every reader takes from the same AFM metrics, so each glyph's place is known exactly). After
// redaction MuPDF — not our parser — lists the characters left, with their origins:
//   · no glyph whose core lies under a region is left;
//   · every glyph clear of all regions is still there, at exactly the same place (nothing
//     reflowed: the kerning that replaces removed glyphs must be exact — channel 24).
// Glyphs that only graze a region's edge may go either way.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { charWeight } from '../find/charWidths';
import { redact } from '../redaction';
import type { FixtureRegion } from './leakFixtures';
import { mutoolChars } from './oracles';

const PAGE = { width: 612, height: 792 };
const SIZE = 12;
const LEADING = 18;
const LEFT = 72;
const TOP_BASELINE = 100; // from the top of the page
const POSITION_TOLERANCE = 0.05; // points

/** A glyph in PDF user space (y up): its advance from x to right, on a baseline at y. */
type Glyph = { c: string; x: number; right: number; y: number };
type Rotation = 0 | 90 | 180 | 270;

const lineArb = fc
  .array(fc.stringMatching(/^[a-zA-Z]{1,9}$/), { minLength: 1, maxLength: 8 })
  .map((words) => words.join(' '));
// Each region is placed near one of the glyphs (so the property is about text, not empty
// paper), offset, sized and shaped at random; tenths of a point, so edges fall between glyphs.
const tenths = (min: number, max: number) => fc.integer({ min: min * 10, max: max * 10 }).map((n) => n / 10);
const regionArb = fc.record({
  anchor: fc.nat(),
  dx: tenths(-30, 30),
  dy: tenths(-20, 20),
  width: tenths(0.5, 220),
  height: tenths(0.5, 45),
});

function layout(lines: string[]): Glyph[] {
  const glyphs: Glyph[] = [];
  lines.forEach((line, i) => {
    const y = PAGE.height - TOP_BASELINE - i * LEADING;
    let x = LEFT;
    for (const c of line) {
      const advance = (charWeight(c.codePointAt(0)!) * SIZE) / 1000;
      if (c !== ' ') glyphs.push({ c, x, right: x + advance, y });
      x += advance;
    }
  });
  return glyphs;
}

/** PDF user space to the page as displayed (points from its top left), for each /Rotate. */
function toDisplay(rotation: Rotation, x: number, y: number): { x: number; y: number } {
  switch (rotation) {
    case 0:
      return { x, y: PAGE.height - y };
    case 90:
      return { x: y, y: x };
    case 180:
      return { x: PAGE.width - x, y };
    case 270:
      return { x: PAGE.height - y, y: PAGE.width - x };
  }
}

/** The displayed box around a box given in PDF user space. */
function displayBox(rotation: Rotation, x0: number, y0: number, x1: number, y1: number): Box {
  const corners = [toDisplay(rotation, x0, y0), toDisplay(rotation, x1, y1)];
  const xs = corners.map((c) => c.x);
  const ys = corners.map((c) => c.y);
  return {
    x: Math.min(...xs),
    y: Math.min(...ys),
    width: Math.max(...xs) - Math.min(...xs),
    height: Math.max(...ys) - Math.min(...ys),
  };
}

/** A one-page PDF written by hand: Helvetica without /Widths, one Tj per line. */
function pdfOf(lines: string[], rotation: Rotation): Uint8Array {
  const content = lines
    .map(
      (line, i) => `BT /F1 ${SIZE} Tf ${LEFT} ${PAGE.height - TOP_BASELINE - i * LEADING} Td (${line}) Tj ET`,
    )
    .join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE.width} ${PAGE.height}] /Rotate ${rotation} /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
  let body = '%PDF-1.7\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(body);
}

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

// The part of a glyph that is ink for certain: its advance (less a hair) from the baseline up
// to half the font size. Under a region, that glyph must go.
const coreOf = (g: Glyph, r: Rotation): Box => displayBox(r, g.x + 0.2, g.y, g.right - 0.2, g.y + SIZE * 0.5);
// Everything a glyph could reasonably be said to occupy: a full em above the baseline, descenders
// below, a point either side. Clear of every region, that glyph must stay.
const reachOf = (g: Glyph, r: Rotation): Box =>
  displayBox(r, g.x - 1, g.y - SIZE * 0.35, g.right + 1, g.y + SIZE);

describe('redaction, for any regions over any lines of text', () => {
  it('removes every glyph under a region and moves no glyph clear of them', async () => {
    const checked = { under: 0, clear: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.array(lineArb, { minLength: 1, maxLength: 8 }),
        fc.array(regionArb, { minLength: 1, maxLength: 4 }),
        fc.constantFrom<Rotation>(0, 90, 180, 270),
        async (lines, boxes, rotation) => {
          const glyphs = layout(lines);
          const regions: FixtureRegion[] = boxes.map(({ anchor, dx, dy, width, height }) => {
            const near = coreOf(glyphs[anchor % glyphs.length]!, rotation);
            return { page: 1, x: near.x + dx, y: near.y + dy, width, height };
          });
          const result = await redact(pdfOf(lines, rotation), regions);
          expect(result.ok, result.ok ? '' : result.reason).toBe(true);
          if (!result.ok) return;
          expect(result.report.pages.every((p) => !p.fallback)).toBe(true);
          const left = (await mutoolChars(result.pdf)).filter((ch) => ch.c.trim() !== '');
          const isLeft = (g: Glyph) => {
            const origin = toDisplay(rotation, g.x, g.y);
            return left.some(
              (ch) =>
                ch.c === g.c &&
                Math.abs(ch.x - origin.x) < POSITION_TOLERANCE &&
                Math.abs(ch.y - origin.y) < POSITION_TOLERANCE,
            );
          };
          for (const glyph of glyphs) {
            const where = `"${glyph.c}" at ${glyph.x.toFixed(2)},${glyph.y} on a page turned ${rotation}°`;
            if (regions.some((r) => overlaps(coreOf(glyph, rotation), r))) {
              checked.under++;
              expect(isLeft(glyph), `${where} is under a region`).toBe(false);
            } else if (!regions.some((r) => overlaps(reachOf(glyph, rotation), r))) {
              checked.clear++;
              expect(isLeft(glyph), `${where} is clear of every region`).toBe(true);
            }
          }
        },
      ),
      { numRuns: 60, endOnFailure: true },
    );
    // Both halves of the property were exercised, many times over.
    expect(checked.under).toBeGreaterThan(100);
    expect(checked.clear).toBeGreaterThan(100);
  }, 300_000);
});
