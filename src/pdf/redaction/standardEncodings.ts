// Code → glyph-name tables for simple fonts without /Widths (the standard 14), and glyph name →
// Unicode for naming removed text. WinAnsi, Symbol and ZapfDingbats come from pdf-lib's own
// tables (inverted); StandardEncoding is the table of PDF 32000 Annex D.
import { Encodings } from '@cantoo/pdf-lib/standard-fonts';

type EncodingTable = ReadonlyMap<number, string>;

function invert(encoding: {
  supportedCodePoints: number[];
  encodeUnicodeCodePoint: (cp: number) => { code: number; name: string };
}) {
  const byCode = new Map<number, string>();
  const unicodeOf = new Map<string, string>();
  for (const cp of encoding.supportedCodePoints) {
    const { code, name } = encoding.encodeUnicodeCodePoint(cp);
    if (!byCode.has(code)) byCode.set(code, name);
    if (!unicodeOf.has(name)) unicodeOf.set(name, String.fromCodePoint(cp));
  }
  return { byCode, unicodeOf };
}

const winAnsi = invert(Encodings.WinAnsi);
const symbol = invert(Encodings.Symbol);
const zapf = invert(Encodings.ZapfDingbats);

const STANDARD_HIGH: Record<number, string> = {
  39: 'quoteright',
  96: 'quoteleft',
  161: 'exclamdown',
  162: 'cent',
  163: 'sterling',
  164: 'fraction',
  165: 'yen',
  166: 'florin',
  167: 'section',
  168: 'currency',
  169: 'quotesingle',
  170: 'quotedblleft',
  171: 'guillemotleft',
  172: 'guilsinglleft',
  173: 'guilsinglright',
  174: 'fi',
  175: 'fl',
  177: 'endash',
  178: 'dagger',
  179: 'daggerdbl',
  180: 'periodcentered',
  182: 'paragraph',
  183: 'bullet',
  184: 'quotesinglbase',
  185: 'quotedblbase',
  186: 'quotedblright',
  187: 'guillemotright',
  188: 'ellipsis',
  189: 'perthousand',
  191: 'questiondown',
  193: 'grave',
  194: 'acute',
  195: 'circumflex',
  196: 'tilde',
  197: 'macron',
  198: 'breve',
  199: 'dotaccent',
  200: 'dieresis',
  202: 'ring',
  203: 'cedilla',
  205: 'hungarumlaut',
  206: 'ogonek',
  207: 'caron',
  208: 'emdash',
  225: 'AE',
  227: 'ordfeminine',
  232: 'Lslash',
  233: 'Oslash',
  234: 'OE',
  235: 'ordmasculine',
  241: 'ae',
  245: 'dotlessi',
  248: 'lslash',
  249: 'oslash',
  250: 'oe',
  251: 'germandbls',
};

const standard = new Map<number, string>();
for (let code = 32; code <= 126; code++) {
  const name = winAnsi.byCode.get(code);
  if (name) standard.set(code, name);
}
for (const [code, name] of Object.entries(STANDARD_HIGH)) standard.set(Number(code), name);

export const ENCODINGS: Record<string, EncodingTable> = {
  StandardEncoding: standard,
  WinAnsiEncoding: winAnsi.byCode,
  // MacRoman agrees with StandardEncoding on printable ASCII except the quotes; higher codes
  // are left unknown, which sends such text to the fallback instead of guessing.
  MacRomanEncoding: new Map(
    [...standard]
      .filter(([c]) => c < 127)
      .map(([c, n]) => [c, c === 39 ? 'quotesingle' : c === 96 ? 'grave' : n]),
  ),
  SymbolEncoding: symbol.byCode,
  ZapfDingbatsEncoding: zapf.byCode,
};

const EXTRA_UNICODE: Record<string, string> = {
  fi: 'fi',
  fl: 'fl',
  fraction: '⁄',
  dotlessi: 'ı',
  quotesingle: "'",
};

export function unicodeOfGlyphName(name: string): string {
  const known = winAnsi.unicodeOf.get(name) ?? symbol.unicodeOf.get(name) ?? EXTRA_UNICODE[name];
  if (known) return known;
  const uni = /^uni([0-9A-Fa-f]{4})$/.exec(name) ?? /^u([0-9A-Fa-f]{4,6})$/.exec(name);
  if (uni?.[1]) return String.fromCodePoint(Number.parseInt(uni[1], 16));
  return '';
}
