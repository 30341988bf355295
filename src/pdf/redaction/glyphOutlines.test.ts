// Channel 21: after a name is redacted, the embedded font must not still be able to draw the
// letters only that name used. MuPDF is the judge (glyphProbe): a probe page added to the output
// draws every letter with the output's own font, and `mutool draw` shows which still leave ink.
import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  type PDFNumber,
  type PDFObject,
  PDFRawStream,
  type PDFRef,
} from '@cantoo/pdf-lib';
import { describe, expect, it } from 'vitest';
import { pdftotext, qpdfCheck } from '../testing/oracles';
import {
  buildEmbeddedFontPdf,
  codesOf,
  FONT_NAME,
  FONT_PROGRAM,
  type FontKind,
  glyphOf,
} from './embeddedFontDocuments';
import { closeOverComponents, cmapSubtables, readTrueType, withOnlyGlyphs } from './fontProgramsTrueType';
import { fontRefNamed, inkOfCodes } from './glyphProbe';
import { redact } from './redact';

const OTHER = 'Please see the attached response.';
const SECRET = 'Zak Wojcik';
const ON_PAGE_TWO = 'Zone 4';
// Letters of the name that no kept text uses, and letters it shares with kept text.
const ONLY_SECRET = ['k', 'W', 'j', 'i'];
const SHARED = ['Z', 'a', 'o', 'c', 'P', 'r', '4'];
const NEVER_USED = 'q';

const OUR_FONT = new RegExp(`^${FONT_NAME.replace('+', '\\+')}$`);
const fontRefOf = async (doc: PDFDocument): Promise<PDFRef> => fontRefNamed(doc, OUR_FONT);

/** Dark pixels MuPDF draws for each character, drawn alone with the document's own font. */
async function inkOf(pdf: Uint8Array, kind: FontKind, chars: string[]): Promise<Map<string, number>> {
  const ink = await inkOfCodes(
    pdf,
    OUR_FONT,
    chars.map((c) => codesOf(kind, c)),
  );
  return new Map(chars.map((c, i) => [c, ink[i] ?? 0]));
}

async function toUnicodeOf(pdf: Uint8Array): Promise<string> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const font = doc.context.lookup(await fontRefOf(doc), PDFDict);
  const stream = doc.context.lookup(font.get(PDFName.of('ToUnicode')));
  if (!(stream instanceof PDFRawStream)) throw new Error('the font has no ToUnicode map');
  return new TextDecoder().decode(decodePDFRawStream(stream).decode()).toLowerCase();
}

// The text side of a `<code> <text>` line of the map.
/** The widths the font dictionary gives each character (0 when it lists none). */
async function widthsOf(pdf: Uint8Array, kind: FontKind, chars: string[]): Promise<Map<string, number>> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const ctx = doc.context;
  const font = ctx.lookup(await fontRefOf(doc), PDFDict);
  const numbers = (a: PDFArray) => a.asArray().map((n: PDFObject) => (ctx.lookup(n) as PDFNumber).asNumber());
  const out = new Map<string, number>();
  if (kind === 'simple') {
    const widths = numbers(ctx.lookup(font.get(PDFName.of('Widths')), PDFArray));
    for (const c of chars) out.set(c, widths[c.charCodeAt(0) - 32] ?? 0);
    return out;
  }
  const descendant = ctx.lookup(
    ctx.lookup(font.get(PDFName.of('DescendantFonts')), PDFArray).get(0),
    PDFDict,
  );
  const w = ctx.lookup(descendant.get(PDFName.of('W')), PDFArray).asArray();
  const byCid = new Map<number, number>();
  for (let i = 0; i + 1 < w.length; i += 2) {
    const first = (ctx.lookup(w[i]) as PDFNumber).asNumber();
    for (const [k, v] of numbers(ctx.lookup(w[i + 1], PDFArray)).entries()) byCid.set(first + k, v);
  }
  for (const c of chars) out.set(c, byCid.get(glyphOf(c)) ?? 0);
  return out;
}

const utf16 = (c: string) => `> <${c.charCodeAt(0).toString(16).padStart(4, '0')}>`;

describe.each<FontKind>(['composite', 'simple'])(
  'a name redacted from text in an embedded %s TrueType font',
  (kind) => {
    const build = () =>
      buildEmbeddedFontPdf(kind, [
        [
          { text: OTHER, x: 40, y: 250, size: 12 },
          { text: SECRET, x: 40, y: 200, size: 12 },
        ],
        [{ text: ON_PAGE_TWO, x: 40, y: 250, size: 12 }],
      ]);
    // The name's line: baseline 200 on a 300 pt page is 100 pt from the top as displayed.
    const region = { page: 1, x: 30, y: 85, width: 300, height: 20 };

    it('leaves a font that can no longer draw the letters only the name used', async () => {
      const pdf = await build();
      const letters = [...ONLY_SECRET, ...SHARED, NEVER_USED];
      const before = await inkOf(pdf, kind, letters);
      for (const c of letters) expect(before.get(c), `${c} before`).toBeGreaterThan(20);

      const result = await redact(pdf, [region]);
      if (!result.ok) throw new Error(result.reason);
      expect(result.report.fonts).toBeUndefined();
      const after = await inkOf(result.pdf, kind, letters);
      // A composite font draws an emptied glyph as nothing; a simple font no longer maps the code
      // and draws its .notdef box, exactly as for a letter the document never had.
      const absent = after.get(NEVER_USED);
      if (kind === 'composite') expect(absent).toBe(0);
      for (const c of ONLY_SECRET) expect(after.get(c), `${c} after`).toBe(absent);
      // Letters still used (Z on page 2 only, in the same font) draw exactly as before.
      for (const c of SHARED) expect(after.get(c), `${c} after`).toBe(before.get(c));
    });

    it('keeps the other words readable and the file sound; its ToUnicode map and widths name no removed letter', async () => {
      const result = await redact(await build(), [region]);
      if (!result.ok) throw new Error(result.reason);
      const text = await pdftotext(result.pdf);
      expect(text.text).toContain(OTHER);
      expect(text.text).toContain(ON_PAGE_TWO);
      expect(text.text).not.toContain('Wojcik');
      expect((await qpdfCheck(result.pdf)).ok).toBe(true);
      const toUnicode = await toUnicodeOf(result.pdf);
      for (const c of ONLY_SECRET) expect(toUnicode).not.toContain(utf16(c));
      for (const c of SHARED) expect(toUnicode).toContain(utf16(c));
      const widths = await widthsOf(result.pdf, kind, [...ONLY_SECRET, ...SHARED]);
      for (const c of ONLY_SECRET) expect(widths.get(c), `width of ${c}`).toBe(0);
      for (const c of SHARED) expect(widths.get(c), `width of ${c}`).toBeGreaterThan(200);
    });
  },
);

describe('a font also drawn by a tiling pattern, whose text the engine does not read', () => {
  it('is left whole and named in the report, so the pattern still draws', async () => {
    const pdf = await buildEmbeddedFontPdf(
      'composite',
      [[{ text: SECRET, x: 40, y: 200, size: 12 }], [{ text: OTHER, x: 40, y: 250, size: 12 }]],
      'kiwi jam',
    );
    const result = await redact(pdf, [{ page: 1, x: 30, y: 85, width: 300, height: 20 }]);
    if (!result.ok) throw new Error(result.reason);
    expect(result.report.fonts).toEqual([
      'The font LiberationSans may still hold the shapes of removed letters: it is also used by content whose text the engine does not read.',
    ]);
    const ink = await inkOf(result.pdf, 'composite', ['k', 'j']);
    expect(ink.get('k')).toBeGreaterThan(20);
    expect(ink.get('j')).toBeGreaterThan(20);
  });
});

describe('a TrueType program with glyphs emptied', () => {
  const font = readTrueType(FONT_PROGRAM);
  const keep = closeOverComponents(font, ['a', 'b', 'é'].map(glyphOf));
  const cleaned = readTrueType(withOnlyGlyphs(font, keep));

  it('keeps its glyph count and ids, so the text that stays still maps', () => {
    expect(cleaned.numGlyphs).toBe(font.numGlyphs);
    const outline = (f: typeof font, g: number) =>
      f.bytes.subarray(
        (f.tables.get('glyf')?.offset ?? 0) + (f.glyphStart[g] ?? 0),
        (f.tables.get('glyf')?.offset ?? 0) + (f.glyphStart[g + 1] ?? 0),
      );
    for (const g of keep) expect(outline(cleaned, g)).toEqual(outline(font, g));
    expect(outline(cleaned, glyphOf('z')).length).toBe(0);
  });

  it('keeps the parts an accented letter is built from', () => {
    // é is a composite of e and the acute accent in Liberation Sans.
    expect(keep.has(glyphOf('e'))).toBe(true);
    expect(keep.size).toBeGreaterThan(4);
  });

  it('maps no character to an emptied glyph, and checks out as a whole', () => {
    for (const table of cmapSubtables(cleaned)) {
      for (const glyph of table.map?.values() ?? []) expect(keep.has(glyph)).toBe(true);
    }
    const unicode = cmapSubtables(cleaned).find((s) => s.platform === 3 && s.encoding === 1)?.map;
    expect(unicode?.get(0x61)).toBe(glyphOf('a'));
    expect(unicode?.has(0x7a)).toBe(false);
    // OS/2 says which characters the font starts and ends at: now a and é, no longer space and beyond z.
    const os2 = cleaned.tables.get('OS/2')?.offset ?? 0;
    expect(cleaned.view.getUint16(os2 + 64)).toBe(0x61);
    expect(cleaned.view.getUint16(os2 + 66)).toBe(0xe9);
    let sum = 0;
    for (let i = 0; i < cleaned.bytes.length; i += 4) sum = (sum + cleaned.view.getUint32(i)) >>> 0;
    expect(sum).toBe(0xb1b0afba);
  });
});

describe('a composite font whose embedded CMap gives no CIDs, only a codespace', () => {
  // The engine reads such a font's codes as CIDs themselves (fonts.ts); the cleaning must read
  // them the same way, or every kept code would look like CID 0 and every glyph be emptied.
  const CODESPACE_ONLY = [
    '/CIDInit /ProcSet findresource begin 12 dict begin begincmap',
    '/CMapName /CodespaceOnly def /CMapType 1 def',
    '1 begincodespacerange <0000> <FFFF> endcodespacerange',
    'endcmap CMapName currentdict /CMap defineresource pop end end',
  ].join('\n');

  async function withCodespaceOnlyCMap(pdf: Uint8Array): Promise<Uint8Array> {
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    const font = doc.context.lookup(await fontRefOf(doc), PDFDict);
    const cmap = doc.context.stream(CODESPACE_ONLY, { Type: 'CMap', CMapName: 'CodespaceOnly' });
    font.set(PDFName.of('Encoding'), doc.context.register(cmap));
    return doc.save({ useObjectStreams: false });
  }

  async function outlineBytes(pdf: Uint8Array, chars: string[]): Promise<Map<string, number>> {
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    const ctx = doc.context;
    const font = ctx.lookup(await fontRefOf(doc), PDFDict);
    const descendant = ctx.lookup(
      ctx.lookup(font.get(PDFName.of('DescendantFonts')), PDFArray).get(0),
      PDFDict,
    );
    const descriptor = ctx.lookup(descendant.get(PDFName.of('FontDescriptor')), PDFDict);
    const file = ctx.lookup(descriptor.get(PDFName.of('FontFile2')));
    if (!(file instanceof PDFRawStream)) throw new Error('the font has no embedded program');
    const program = readTrueType(decodePDFRawStream(file).decode());
    return new Map(
      chars.map((c) => [
        c,
        (program.glyphStart[glyphOf(c) + 1] ?? 0) - (program.glyphStart[glyphOf(c)] ?? 0),
      ]),
    );
  }

  it('keeps the outlines of the letters still drawn and empties those only the name used', async () => {
    const pdf = await withCodespaceOnlyCMap(
      await buildEmbeddedFontPdf('composite', [
        [
          { text: OTHER, x: 40, y: 250, size: 12 },
          { text: SECRET, x: 40, y: 200, size: 12 },
        ],
      ]),
    );
    const result = await redact(pdf, [{ page: 1, x: 30, y: 85, width: 300, height: 20 }]);
    if (!result.ok) throw new Error(result.reason);
    expect(result.report.fonts).toBeUndefined();
    const outlines = await outlineBytes(result.pdf, ['P', 'a', 'r', ...ONLY_SECRET]);
    for (const c of ['P', 'a', 'r']) expect(outlines.get(c), `${c} kept`).toBeGreaterThan(0);
    for (const c of ONLY_SECRET) expect(outlines.get(c), `${c} emptied`).toBe(0);
  });
});
