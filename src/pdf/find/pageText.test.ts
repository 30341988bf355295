import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PageRuns, TextRun } from '../pdfjs';
import { searchableTextOf, toSearchable } from './pageText';

// Text runs of words, white space of every kind (line ends, tabs, no-break and ideographic
// spaces), accented capitals, Greek with its final sigma, and characters beyond 16 bits.
const pieces = [
  'Smith',
  'JOHN',
  'Ǆemal',
  'ΟΔΟΣ',
  'İstanbul',
  '𝐀𝐁',
  '東京',
  ' ',
  '  ',
  '\n',
  '\t',
  '\u00a0',
  '\u3000',
];
const runArb: fc.Arbitrary<TextRun> = fc
  .record({ parts: fc.array(fc.constantFrom(...pieces), { maxLength: 6 }), hasEOL: fc.boolean() })
  .map(({ parts, hasEOL }) => ({
    str: parts.join(''),
    hasEOL,
    fontName: 'f',
    origin: { x: 0, y: 0 },
    advance: { x: 1, y: 0 },
    up: { x: 0, y: -1 },
    length: 10 * parts.length,
    ascent: 8,
    descent: 2,
  }));
const pageArb: fc.Arbitrary<PageRuns> = fc
  .array(runArb, { maxLength: 8 })
  .map((runs) => ({ page: 1, width: 600, height: 800, rotation: 0, runs }));

describe('the searchable text of a page', () => {
  it('is the same whether or not each character is traced back to the page', () => {
    fc.assert(
      fc.property(pageArb, (page) => {
        expect(searchableTextOf(page)).toBe(toSearchable(page).text);
      }),
      { numRuns: 500 },
    );
  });

  it('folds case letter by letter, keeping every index where it was', () => {
    fc.assert(
      fc.property(pageArb, (page) => {
        const { text, folded } = toSearchable(page);
        expect(folded.length).toBe(text.length);
        const expected = Array.from(text, (ch) => {
          const lower = ch.toLowerCase();
          return lower.length === ch.length ? lower : ch;
        }).join('');
        expect(folded).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });
});
