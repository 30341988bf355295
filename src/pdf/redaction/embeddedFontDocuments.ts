// Test PDFs whose text is drawn with an embedded TrueType program (Liberation Sans, shipped by
// pdfjs-dist), either as a composite font (Type0, CIDFontType2, Identity-H, glyph ids as codes)
// or as a simple TrueType font (WinAnsi codes, /Widths). Both carry a ToUnicode map of every
// character drawn, as producers write them, so a test can see what redaction leaves of it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, PDFName, type PDFRef, PDFString } from '@cantoo/pdf-lib';
import { formatHexString } from './contentStream';
import { toUnicodeCMap } from './fontInventory';
import { cmapSubtables, readTrueType } from './fontProgramsTrueType';

export const FONT_PROGRAM = new Uint8Array(
  readFileSync(
    join(import.meta.dirname, '../../../node_modules/pdfjs-dist/standard_fonts/LiberationSans-Regular.ttf'),
  ),
);
export const FONT_NAME = 'ABCDEF+LiberationSans';

export type FontKind = 'composite' | 'simple';
export type Line = { text: string; x: number; y: number; size: number };

const program = readTrueType(FONT_PROGRAM);
const unicodeMap = cmapSubtables(program).find((s) => s.platform === 3 && s.encoding === 1)?.map;
const unitsPerEm = program.view.getUint16((program.tables.get('head')?.offset ?? 0) + 18);

/** The glyph id of a character in the program (its Windows Unicode map). */
export function glyphOf(char: string): number {
  const glyph = unicodeMap?.get(char.codePointAt(0) ?? 0);
  if (glyph === undefined) throw new Error(`the test font has no glyph for ${char}`);
  return glyph;
}

function advanceOf(glyph: number): number {
  const hhea = program.tables.get('hhea')?.offset ?? 0;
  const hmtx = program.tables.get('hmtx')?.offset ?? 0;
  const metrics = program.view.getUint16(hhea + 34);
  const advance = program.view.getUint16(hmtx + Math.min(glyph, metrics - 1) * 4);
  return Math.round((advance * 1000) / unitsPerEm);
}

/** The bytes a font of this kind draws `text` with. */
export function codesOf(kind: FontKind, text: string): Uint8Array {
  if (kind === 'simple') return Uint8Array.from(text, (c) => c.charCodeAt(0));
  return Uint8Array.from([...text].flatMap((c) => [glyphOf(c) >> 8, glyphOf(c) & 0xff]));
}

const hex4 = (n: number) => n.toString(16).padStart(4, '0');

/** Registers the font (program, descriptor, widths, ToUnicode) and returns its reference. */
export function embedFont(doc: PDFDocument, kind: FontKind, chars: string): PDFRef {
  const ctx = doc.context;
  const file = ctx.register(ctx.flateStream(FONT_PROGRAM, { Length1: FONT_PROGRAM.length }));
  const descriptor = ctx.register(
    ctx.obj({
      Type: 'FontDescriptor',
      FontName: FONT_NAME,
      Flags: 32,
      FontBBox: [-200, -220, 1100, 900],
      ItalicAngle: 0,
      Ascent: 905,
      Descent: -212,
      CapHeight: 729,
      StemV: 80,
      FontFile2: file,
    }),
  );
  const distinct = [...new Set(chars)].sort();
  if (kind === 'simple') {
    const widths = Array.from({ length: 95 }, (_, i) => advanceOf(glyphOf(String.fromCharCode(32 + i))));
    const lines = distinct.map((c) => `<${hex4(c.charCodeAt(0)).slice(2)}> <${hex4(c.charCodeAt(0))}>`);
    const toUnicode = ctx.register(ctx.flateStream(toUnicodeCMap(['<00> <ff>'], lines)));
    return ctx.register(
      ctx.obj({
        Type: 'Font',
        Subtype: 'TrueType',
        BaseFont: FONT_NAME,
        FirstChar: 32,
        LastChar: 126,
        Widths: widths,
        Encoding: 'WinAnsiEncoding',
        FontDescriptor: descriptor,
        ToUnicode: toUnicode,
      }),
    );
  }
  const glyphs = distinct.map(glyphOf);
  const lines = distinct.map((c) => `<${hex4(glyphOf(c))}> <${hex4(c.charCodeAt(0))}>`);
  const toUnicode = ctx.register(ctx.flateStream(toUnicodeCMap(['<0000> <ffff>'], lines)));
  const cidFont = ctx.register(
    ctx.obj({
      Type: 'Font',
      Subtype: 'CIDFontType2',
      BaseFont: FONT_NAME,
      CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 },
      FontDescriptor: descriptor,
      DW: 1000,
      W: glyphs.flatMap((g) => [g, [advanceOf(g)]]),
      CIDToGIDMap: 'Identity',
    }),
  );
  return ctx.register(
    ctx.obj({
      Type: 'Font',
      Subtype: 'Type0',
      BaseFont: FONT_NAME,
      Encoding: 'Identity-H',
      DescendantFonts: [cidFont],
      ToUnicode: toUnicode,
    }),
  );
}

/**
 * One page per entry, each line drawn with the same embedded font /F1. With `patternText`, the
 * last page is also filled with a tiling pattern whose cell draws that text in the same font.
 */
export async function buildEmbeddedFontPdf(
  kind: FontKind,
  pages: Line[][],
  patternText?: string,
): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const ctx = doc.context;
  const font = embedFont(doc, kind, [...pages.flat().map((l) => l.text), patternText ?? ''].join(''));
  for (const [i, lines] of pages.entries()) {
    const page = doc.addPage([400, 300]);
    const drawn = lines.map(
      (l) => `BT /F1 ${l.size} Tf ${l.x} ${l.y} Td ${formatHexString(codesOf(kind, l.text))} Tj ET`,
    );
    const resources: Record<string, unknown> = { Font: { F1: font } };
    if (patternText !== undefined && i === pages.length - 1) {
      const cell = `BT /F1 10 Tf 0 5 Td ${formatHexString(codesOf(kind, patternText))} Tj ET`;
      const pattern = ctx.stream(cell, {
        PatternType: 1,
        PaintType: 1,
        TilingType: 1,
        BBox: [0, 0, 100, 20],
        XStep: 100,
        YStep: 20,
        Resources: { Font: { F1: font } },
      });
      resources.Pattern = { P1: ctx.register(pattern) };
      drawn.push('/Pattern cs /P1 scn 0 0 400 60 re f');
    }
    page.node.set(PDFName.of('Resources'), ctx.obj(resources as never));
    page.node.set(PDFName.of('Contents'), ctx.register(ctx.stream(drawn.join('\n'))));
  }
  return doc.save({ useObjectStreams: false });
}
