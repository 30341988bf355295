// Suite (c): property tests. Random regions over generated letters (Helvetica, whose widths
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

type Glyph = { c: string; x: number; right: number; baseline: number };

const lineArb = fc
  .array(fc.stringMatching(/^[a-zA-Z]{1,9}$/), { minLength: 1, maxLength: 8 })
  .map((words) => words.join(' '));
const regionArb = fc.record({
  x: fc.double({ min: 40, max: 500, noNaN: true }),
  y: fc.double({ min: 60, max: 240, noNaN: true }),
  width: fc.double({ min: 2, max: 250, noNaN: true }),
  height: fc.double({ min: 2, max: 60, noNaN: true }),
});

function layout(lines: string[]): Glyph[] {
  const glyphs: Glyph[] = [];
  lines.forEach((line, i) => {
    const baseline = TOP_BASELINE + i * LEADING;
    let x = LEFT;
    for (const c of line) {
      const advance = (charWeight(c.codePointAt(0)!) * SIZE) / 1000;
      if (c !== ' ') glyphs.push({ c, x, right: x + advance, baseline });
      x += advance;
    }
  });
  return glyphs;
}

/** A one-page PDF written by hand: Helvetica without /Widths, one Tj per line. */
function pdfOf(lines: string[]): Uint8Array {
  const content = lines
    .map(
      (line, i) => `BT /F1 ${SIZE} Tf ${LEFT} ${PAGE.height - TOP_BASELINE - i * LEADING} Td (${line}) Tj ET`,
    )
    .join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE.width} ${PAGE.height}] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>`,
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
const coreOf = (g: Glyph): Box => ({
  x: g.x + 0.2,
  y: g.baseline - SIZE * 0.5,
  width: g.right - g.x - 0.4,
  height: SIZE * 0.5,
});
// Everything a glyph could reasonably be said to occupy: a full em above the baseline, descenders
// below, a point either side. Clear of every region, that glyph must stay.
const reachOf = (g: Glyph): Box => ({
  x: g.x - 1,
  y: g.baseline - SIZE,
  width: g.right - g.x + 2,
  height: SIZE * 1.35,
});

describe('redaction, for any regions over any lines of text', () => {
  it('removes every glyph under a region and moves no glyph clear of them', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(lineArb, { minLength: 1, maxLength: 8 }),
        fc.array(regionArb, { minLength: 1, maxLength: 4 }),
        async (lines, boxes) => {
          const regions: FixtureRegion[] = boxes.map((b) => ({ page: 1, ...b }));
          const result = await redact(pdfOf(lines), regions);
          expect(result.ok, result.ok ? '' : result.reason).toBe(true);
          if (!result.ok) return;
          expect(result.report.pages.every((p) => !p.fallback)).toBe(true);
          const left = (await mutoolChars(result.pdf)).filter((ch) => ch.c.trim() !== '');
          const isLeft = (g: Glyph) =>
            left.some(
              (ch) =>
                ch.c === g.c &&
                Math.abs(ch.x - g.x) < POSITION_TOLERANCE &&
                Math.abs(ch.y - g.baseline) < POSITION_TOLERANCE,
            );
          for (const glyph of layout(lines)) {
            if (regions.some((r) => overlaps(coreOf(glyph), r))) {
              expect(
                isLeft(glyph),
                `"${glyph.c}" at ${glyph.x.toFixed(2)},${glyph.baseline} is under a region`,
              ).toBe(false);
            } else if (!regions.some((r) => overlaps(reachOf(glyph), r))) {
              expect(
                isLeft(glyph),
                `"${glyph.c}" at ${glyph.x.toFixed(2)},${glyph.baseline} is clear of every region`,
              ).toBe(true);
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  }, 300_000);
});
