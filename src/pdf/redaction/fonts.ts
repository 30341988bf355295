// Font models for geometry: how a string's bytes split into codes, how wide each glyph is, how
// tall its box is, and (for the report and verification only) which text it stands for.
// A font that cannot be measured with confidence throws NotConfident: guessed widths would
// move the glyphs that stay and make the geometric checks miss, so such pages fall back.
import { PDFArray, type PDFContext, type PDFDict, PDFName, PDFNumber, PDFStream } from '@cantoo/pdf-lib';
import { Font, type IFontNames } from '@cantoo/pdf-lib/standard-fonts';
import { type CodespaceRange, cidFor, type ParsedCMap, parseCMap, splitCodes } from './cmap';
import { apply, type Matrix } from './geometry';
import { asDict, getArray, getDict, getName, getNumber, numbersOf, resolve, streamBytes } from './pdfObjects';
import { ENCODINGS, unicodeOfGlyphName } from './standardEncodings';

/** Raised when something on a page cannot be handled with confidence; the page falls back. */
export class NotConfident extends Error {}

export type Code = { code: number; start: number; length: number };

export type FontModel = {
  kind: 'simple' | 'type0' | 'type3';
  /** The font dictionary (its ToUnicode is rewritten when glyphs of it are removed). */
  dict: PDFDict;
  vertical: boolean;
  split(bytes: Uint8Array): Code[];
  /** Horizontal advance of the glyph in text-space units per unit font size (w0 of ISO 32000 9.4.4). */
  width(code: number): number;
  /** Word spacing applies only to the single-byte code 32. */
  isWordSpace(code: Code): boolean;
  unicode(code: number): string;
  /** Glyph box above and below the baseline, text-space units per unit font size. */
  ascent: number;
  descent: number;
};

const STANDARD_14 = new Set<string>([
  'Courier',
  'Courier-Bold',
  'Courier-Oblique',
  'Courier-BoldOblique',
  'Helvetica',
  'Helvetica-Bold',
  'Helvetica-Oblique',
  'Helvetica-BoldOblique',
  'Times-Roman',
  'Times-Bold',
  'Times-Italic',
  'Times-BoldItalic',
  'Symbol',
  'ZapfDingbats',
]);

/** Maps common aliases (Arial, TimesNewRoman,Bold …) onto the standard 14, as viewers do. */
export function standardFontFor(baseFont: string): string | undefined {
  const name = baseFont.replace(/^[A-Z]{6}\+/, '');
  if (STANDARD_14.has(name)) return name;
  const lower = name.toLowerCase().replace(/[\s_-]/g, '');
  const bold = /bold|black|heavy/.test(lower);
  const italic = /italic|oblique/.test(lower);
  let family: 'Helvetica' | 'Times' | 'Courier' | undefined;
  if (/^(arial|helvetica)/.test(lower)) family = 'Helvetica';
  else if (/^times/.test(lower)) family = 'Times';
  else if (/^courier/.test(lower)) family = 'Courier';
  else if (/^symbol/.test(lower)) return 'Symbol';
  else if (/^zapfdingbats/.test(lower)) return 'ZapfDingbats';
  if (!family) return undefined;
  if (family === 'Times')
    return bold && italic
      ? 'Times-BoldItalic'
      : bold
        ? 'Times-Bold'
        : italic
          ? 'Times-Italic'
          : 'Times-Roman';
  const oblique = family === 'Helvetica' ? 'Oblique' : 'Oblique';
  return bold && italic
    ? `${family}-Bold${oblique}`
    : bold
      ? `${family}-Bold`
      : italic
        ? `${family}-${oblique}`
        : family;
}

const afmCache = new Map<string, Font>();
function afm(name: string): Font {
  let f = afmCache.get(name);
  if (!f) {
    f = Font.load(name as IFontNames);
    afmCache.set(name, f);
  }
  return f;
}

type ToUnicode = ParsedCMap | undefined;

function readToUnicode(ctx: PDFContext, font: PDFDict): ToUnicode {
  const o = resolve(ctx, font.get(PDFName.of('ToUnicode')));
  if (!(o instanceof PDFStream)) return undefined;
  try {
    return parseCMap(streamBytes(o, 4_000_000));
  } catch {
    return undefined;
  }
}

function ascentDescent(
  ctx: PDFContext,
  descriptor: PDFDict | undefined,
  fallback?: { ascent: number; descent: number },
) {
  const asc = getNumber(ctx, descriptor, 'Ascent');
  const desc = getNumber(ctx, descriptor, 'Descent');
  const bbox = numbersOf(ctx, getArray(ctx, descriptor, 'FontBBox'));
  // Sanity bounds: broken descriptors (Ascent 0, Descent +200) would shrink boxes and miss glyphs.
  let ascent = asc !== undefined && asc > 300 && asc < 1500 ? asc / 1000 : undefined;
  let descent = desc !== undefined && desc <= 0 && desc > -700 ? desc / 1000 : undefined;
  if (bbox && bbox.length === 4) {
    ascent ??= (bbox[3] ?? 0) > 300 && (bbox[3] ?? 0) < 1500 ? (bbox[3] ?? 0) / 1000 : undefined;
    descent ??= (bbox[1] ?? 0) <= 0 && (bbox[1] ?? 0) > -700 ? (bbox[1] ?? 0) / 1000 : undefined;
  }
  return { ascent: ascent ?? fallback?.ascent ?? 0.8, descent: descent ?? fallback?.descent ?? -0.2 };
}

function simpleEncoding(ctx: PDFContext, font: PDFDict, builtIn: string): Map<number, string> {
  const enc = resolve(ctx, font.get(PDFName.of('Encoding')));
  let baseName = builtIn;
  let differences: PDFArray | undefined;
  if (enc instanceof PDFName) baseName = enc.decodeText();
  else {
    const d = asDict(ctx, enc);
    if (d) {
      baseName = getName(ctx, d, 'BaseEncoding') ?? builtIn;
      differences = getArray(ctx, d, 'Differences');
    }
  }
  const table = new Map(ENCODINGS[baseName] ?? ENCODINGS[builtIn] ?? ENCODINGS.StandardEncoding);
  if (differences) {
    let code = 0;
    for (let i = 0; i < differences.size(); i++) {
      const item = resolve(ctx, differences.get(i));
      if (item instanceof PDFNumber) code = item.asNumber();
      else if (item instanceof PDFName) table.set(code++, item.decodeText());
    }
  }
  return table;
}

function singleByte(bytes: Uint8Array): Code[] {
  // Every string of every page goes through here: a plain loop, not Array.from with a mapper.
  const codes: Code[] = new Array(bytes.length);
  for (let start = 0; start < bytes.length; start++)
    codes[start] = { code: bytes[start] as number, start, length: 1 };
  return codes;
}

function simpleFont(ctx: PDFContext, font: PDFDict): FontModel {
  const descriptor = getDict(ctx, font, 'FontDescriptor');
  const baseFont = getName(ctx, font, 'BaseFont') ?? '';
  const widths = numbersOf(ctx, getArray(ctx, font, 'Widths'));
  const firstChar = getNumber(ctx, font, 'FirstChar') ?? 0;
  const missing = getNumber(ctx, descriptor, 'MissingWidth') ?? 0;
  const toUnicode = readToUnicode(ctx, font);
  const std = standardFontFor(baseFont);
  const builtIn =
    std === 'Symbol'
      ? 'SymbolEncoding'
      : std === 'ZapfDingbats'
        ? 'ZapfDingbatsEncoding'
        : 'StandardEncoding';
  const encoding = simpleEncoding(ctx, font, builtIn);
  const metrics = std ? afm(std) : undefined;
  const hasEmbeddedProgram = ['FontFile', 'FontFile2', 'FontFile3'].some((k) =>
    descriptor?.has(PDFName.of(k)),
  );
  if (!widths && !metrics) {
    throw new NotConfident(`the font ${baseFont || '(unnamed)'} has no glyph widths`);
  }
  if (!widths && metrics && hasEmbeddedProgram) {
    // An embedded program's own widths may differ from the standard metrics: do not guess.
    throw new NotConfident(`the embedded font ${baseFont} has no glyph widths`);
  }
  const fallbackBox = metrics
    ? {
        ascent: Math.max((metrics.Ascender ?? 750) / 1000, 0.7),
        descent: Math.min((metrics.Descender ?? -250) / 1000, -0.2),
      }
    : undefined;
  const { ascent, descent } = ascentDescent(ctx, descriptor, fallbackBox);
  return {
    kind: 'simple',
    dict: font,
    vertical: false,
    split: singleByte,
    width(code) {
      if (widths) {
        const w = widths[code - firstChar];
        return (w ?? missing) / 1000;
      }
      const name = encoding.get(code);
      const w = name ? metrics?.getWidthOfGlyph(name) : undefined;
      if (w === undefined) {
        if (name === undefined && code < 32) return 0;
        throw new NotConfident(`the font ${baseFont} has a character without a known width`);
      }
      return w / 1000;
    },
    isWordSpace: (c) => c.code === 32,
    unicode(code) {
      const u = toUnicode?.unicode.get(code);
      if (u !== undefined) return u;
      const name = encoding.get(code);
      return name ? unicodeOfGlyphName(name) : '';
    },
    ascent,
    descent,
  };
}

function type3Font(ctx: PDFContext, font: PDFDict): FontModel {
  const fm = numbersOf(ctx, getArray(ctx, font, 'FontMatrix'));
  const widths = numbersOf(ctx, getArray(ctx, font, 'Widths'));
  const firstChar = getNumber(ctx, font, 'FirstChar') ?? 0;
  if (fm?.length !== 6 || !widths) throw new NotConfident('a Type 3 font lacks its matrix or widths');
  const matrix = fm as unknown as Matrix;
  const bbox = numbersOf(ctx, getArray(ctx, font, 'FontBBox'));
  let ascent = 1;
  let descent = -0.25;
  if (bbox && bbox.length === 4 && (bbox[3] ?? 0) > (bbox[1] ?? 0)) {
    const ys = [apply(matrix, bbox[0] ?? 0, bbox[1] ?? 0).y, apply(matrix, bbox[2] ?? 0, bbox[3] ?? 0).y];
    ascent = Math.max(...ys, 0.5);
    descent = Math.min(...ys, 0);
  }
  const toUnicode = readToUnicode(ctx, font);
  const encoding = simpleEncoding(ctx, font, 'StandardEncoding');
  return {
    kind: 'type3',
    dict: font,
    vertical: false,
    split: singleByte,
    width: (code) => (widths[code - firstChar] ?? 0) * matrix[0],
    isWordSpace: (c) => c.code === 32,
    unicode(code) {
      const u = toUnicode?.unicode.get(code);
      if (u !== undefined) return u;
      const name = encoding.get(code);
      return name ? unicodeOfGlyphName(name) : '';
    },
    ascent,
    descent,
  };
}

const IDENTITY_CODESPACE: CodespaceRange[] = [
  { length: 2, lo: Uint8Array.of(0, 0), hi: Uint8Array.of(255, 255) },
];

function type0Font(ctx: PDFContext, font: PDFDict): FontModel {
  const descendants = getArray(ctx, font, 'DescendantFonts');
  const cidFont = asDict(ctx, descendants?.get(0));
  if (!cidFont) throw new NotConfident('a composite font has no descendant font');
  const enc = resolve(ctx, font.get(PDFName.of('Encoding')));
  let codespace = IDENTITY_CODESPACE;
  let toCid: (code: number) => number = (code) => code;
  let vertical = false;
  if (enc instanceof PDFName) {
    const name = enc.decodeText();
    if (name === 'Identity-V') vertical = true;
    else if (name !== 'Identity-H')
      throw new NotConfident(`the font uses the character map ${name}, which the engine does not read`);
  } else if (enc instanceof PDFStream) {
    const cmap = parseCMap(streamBytes(enc, 4_000_000));
    if (cmap.usesCMap && cmap.usesCMap !== 'Identity-H')
      throw new NotConfident(`the font's character map builds on ${cmap.usesCMap}`);
    if (getNumber(ctx, enc.dict, 'WMode') === 1) vertical = true;
    if (cmap.codespace.length > 0) codespace = cmap.codespace;
    if (cmap.cids.size > 0 || cmap.cidRanges.length > 0) toCid = (code) => cidFor(cmap, code) ?? 0;
  } else throw new NotConfident('a composite font has no readable encoding');
  if (vertical) throw new NotConfident('vertical writing is not handled by the engine');
  const dw = getNumber(ctx, cidFont, 'DW') ?? 1000;
  const widthOf = new Map<number, number>();
  const ranges: Array<{ lo: number; hi: number; w: number }> = [];
  const w = getArray(ctx, cidFont, 'W');
  if (w) {
    let i = 0;
    for (let guard = 0; i < w.size() && guard < 1_000_000; guard++) {
      const first = resolve(ctx, w.get(i));
      const second = resolve(ctx, w.get(i + 1));
      if (!(first instanceof PDFNumber)) break;
      if (second instanceof PDFArray) {
        const list = numbersOf(ctx, second) ?? [];
        for (const [k, v] of list.entries()) widthOf.set(first.asNumber() + k, v);
        i += 2;
      } else {
        const last = second instanceof PDFNumber ? second.asNumber() : Number.NaN;
        const value = resolve(ctx, w.get(i + 2));
        if (!(value instanceof PDFNumber) || Number.isNaN(last)) break;
        ranges.push({ lo: first.asNumber(), hi: last, w: value.asNumber() });
        i += 3;
      }
    }
  }
  const toUnicode = readToUnicode(ctx, font);
  const descriptor = getDict(ctx, cidFont, 'FontDescriptor');
  const { ascent, descent } = ascentDescent(ctx, descriptor, { ascent: 0.88, descent: -0.12 });
  return {
    kind: 'type0',
    dict: font,
    vertical,
    split: (bytes) => splitCodes(bytes, codespace),
    width(code) {
      const cid = toCid(code);
      const direct = widthOf.get(cid);
      if (direct !== undefined) return direct / 1000;
      for (const r of ranges) if (cid >= r.lo && cid <= r.hi) return r.w / 1000;
      return dw / 1000;
    },
    isWordSpace: (c) => c.length === 1 && c.code === 32,
    unicode: (code) => toUnicode?.unicode.get(code) ?? '',
    ascent,
    descent,
  };
}

/** Builds (and caches per font object) the model for a font dictionary. */
export function fontModel(
  ctx: PDFContext,
  font: PDFDict,
  cache: Map<PDFDict, FontModel | NotConfident>,
): FontModel {
  const known = cache.get(font);
  if (known instanceof NotConfident) throw known;
  if (known) return known;
  try {
    const subtype = getName(ctx, font, 'Subtype') ?? '';
    const model =
      subtype === 'Type0'
        ? type0Font(ctx, font)
        : subtype === 'Type3'
          ? type3Font(ctx, font)
          : simpleFont(ctx, font);
    cache.set(font, model);
    return model;
  } catch (error) {
    const failure = error instanceof NotConfident ? error : new NotConfident('a font could not be read');
    cache.set(font, failure);
    throw failure;
  }
}
