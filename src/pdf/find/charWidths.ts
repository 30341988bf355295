// Relative widths of characters, used to place a match inside a pdf.js text item: pdf.js gives
// the width of a whole item, not of each glyph, so the item's width is shared out by these
// weights. Helvetica's AFM widths (per 1000 em) for printable ASCII are a good proxy for most
// proportional Latin text; wide scripts count a full em. The result is an estimate, which is
// why find pads its regions (see pageText.ts).

// Helvetica widths for U+0020 to U+007E, in order.
const HELVETICA_ASCII = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556,
  556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278,
  500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469,
  556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500,
  278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
] as const;

const FIRST_ASCII = 0x20;
const LATIN_DEFAULT = 556;
const FULL_EM = 1000;

/** The relative width of one character (a code point). */
export function charWeight(codePoint: number): number {
  const ascii = HELVETICA_ASCII[codePoint - FIRST_ASCII];
  if (ascii !== undefined) return ascii;
  // CJK, Hangul, full-width forms: one em each.
  if (codePoint >= 0x1100 && (codePoint <= 0x115f || (codePoint >= 0x2e80 && codePoint <= 0xffdc)))
    return FULL_EM;
  return LATIN_DEFAULT;
}
