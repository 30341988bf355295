// The font of a fallback page's invisible text layer for text that WinAnsi cannot hold (Chinese,
// Japanese, Greek …): a Type0 font with two-byte codes handed out per character in order of
// first use, a ToUnicode map from each code back to its character, and no font program (the
// text is never drawn: render mode 3). Every glyph is one em wide; the caller stretches each
// run with Tz to the width pdf.js measured in the original.
import { type PDFContext, type PDFDict, PDFString } from '@cantoo/pdf-lib';
import { Encodings } from '@cantoo/pdf-lib/standard-fonts';
import { flateStream } from './deflate';
import { toUnicodeCMap } from './fontInventory';

const MAX_CODES = 0xffff;

/** Whether every character of `text` has a WinAnsi code (so the plain Helvetica layer holds it). */
export function winAnsiHolds(text: string): boolean {
  for (const ch of text.normalize('NFC'))
    if (!Encodings.WinAnsi.canEncodeUnicodeCodePoint(ch.codePointAt(0) ?? 0)) return false;
  return true;
}

const hex4 = (n: number) => n.toString(16).padStart(4, '0');
const utf16Hex = (ch: string) => Array.from({ length: ch.length }, (_, i) => hex4(ch.charCodeAt(i))).join('');

export class UnicodeTextFont {
  private readonly codes = new Map<string, number>();

  get used(): boolean {
    return this.codes.size > 0;
  }

  /** Two bytes per character; undefined once the page has more distinct characters than codes. */
  encode(text: string): { bytes: Uint8Array; width: number } | undefined {
    const chars = Array.from(text.normalize('NFC'));
    const bytes = new Uint8Array(chars.length * 2);
    for (const [i, ch] of chars.entries()) {
      let code = this.codes.get(ch);
      if (code === undefined) {
        if (this.codes.size >= MAX_CODES) return undefined;
        code = this.codes.size + 1;
        this.codes.set(ch, code);
      }
      bytes[i * 2] = code >> 8;
      bytes[i * 2 + 1] = code & 0xff;
    }
    return { bytes, width: chars.length };
  }

  fontDict(ctx: PDFContext): PDFDict {
    const entries = [...this.codes].map(([ch, code]) => `<${hex4(code)}> <${utf16Hex(ch)}>`);
    const descriptor = ctx.obj({
      Type: 'FontDescriptor',
      FontName: 'CwInvisibleText',
      Flags: 4,
      FontBBox: [0, -200, 1000, 800],
      ItalicAngle: 0,
      Ascent: 800,
      Descent: -200,
      CapHeight: 700,
      StemV: 80,
    });
    const cidFont = ctx.obj({
      Type: 'Font',
      Subtype: 'CIDFontType2',
      BaseFont: 'CwInvisibleText',
      CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 },
      FontDescriptor: ctx.register(descriptor),
      DW: 1000,
      CIDToGIDMap: 'Identity',
    });
    return ctx.obj({
      Type: 'Font',
      Subtype: 'Type0',
      BaseFont: 'CwInvisibleText',
      Encoding: 'Identity-H',
      DescendantFonts: [ctx.register(cidFont)],
      ToUnicode: ctx.register(flateStream(ctx, toUnicodeCMap(['<0000> <ffff>'], entries))),
    });
  }
}
