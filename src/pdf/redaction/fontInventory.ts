// What a font that lost glyphs still says about them is cut down to the codes still drawn: its
// ToUnicode map, its /Differences and (Type 3) its glyph procedures. Subset fonts often number
// their glyphs in order of first use, so the full lists, read in code order, spell the opening
// of the original text, removed words included (REDACTION.md channel 21).
import {
  PDFArray,
  type PDFContext,
  PDFDict,
  PDFName,
  PDFNumber,
  type PDFObject,
  PDFStream,
} from '@cantoo/pdf-lib';
import { parseCMap } from './cmap';
import { flateStream } from './deflate';
import type { RunContext } from './pageContent';
import { resolve, streamBytes } from './pdfObjects';
import { ENCODINGS } from './standardEncodings';

const hex = (n: number, bytes: number) => n.toString(16).padStart(bytes * 2, '0');

function utf16be(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += hex(text.charCodeAt(i), 2);
  return out;
}

/** /Differences (and Type 3 /CharProcs) restricted to the kept codes; nothing else changes. */
function pruneEncoding(ctx: PDFContext, font: PDFDict, kept: Map<number, number>): void {
  const encoding = resolve(ctx, font.get(PDFName.of('Encoding')));
  const differences =
    encoding instanceof PDFDict ? resolve(ctx, encoding.get(PDFName.of('Differences'))) : undefined;
  if (!(encoding instanceof PDFDict) || !(differences instanceof PDFArray)) return;
  const names = new Map<number, PDFName>();
  let code = 0;
  for (const item of differences.asArray()) {
    const v = resolve(ctx, item);
    if (v instanceof PDFNumber) code = v.asNumber();
    else if (v instanceof PDFName) names.set(code++, v);
  }
  const pruned: Array<PDFNumber | PDFName> = [];
  for (const [c, name] of [...names].sort((a, b) => a[0] - b[0])) {
    if (kept.has(c)) pruned.push(PDFNumber.of(c), name);
  }
  // Encodings and glyph-procedure dictionaries are often shared between fonts: this font gets
  // its own pruned copies, the shared originals stay as they are for the others.
  const ownEncoding = PDFDict.withContext(ctx);
  for (const [k, v] of encoding.entries()) ownEncoding.set(k, v);
  ownEncoding.set(PDFName.of('Differences'), ctx.obj(pruned));
  font.set(PDFName.of('Encoding'), ownEncoding);
  const procs = resolve(ctx, font.get(PDFName.of('CharProcs')));
  if (procs instanceof PDFDict) {
    // Glyph procedures reachable only through removed codes go: they draw the removed letters.
    const stillNamed = new Set(
      pruned.filter((p): p is PDFName => p instanceof PDFName).map((n) => n.decodeText()),
    );
    // Kept codes outside /Differences draw through the base encoding's names: those stay too.
    const baseName = resolve(ctx, encoding.get(PDFName.of('BaseEncoding')));
    const base = ENCODINGS[baseName instanceof PDFName ? baseName.decodeText() : 'StandardEncoding'];
    for (const c of kept.keys()) {
      const name = names.has(c) ? undefined : base?.get(c);
      if (name) stillNamed.add(name);
    }
    const namedBefore = new Set([...names.values()].map((n) => n.decodeText()));
    const ownProcs = PDFDict.withContext(ctx);
    font.set(PDFName.of('CharProcs'), ownProcs);
    for (const key of procs.keys()) {
      const name = key.decodeText();
      if (!namedBefore.has(name) || stillNamed.has(name)) ownProcs.set(key, procs.get(key) as PDFObject);
    }
  }
}

export function rewriteFontInventories(ctx: PDFContext, run: RunContext): void {
  for (const font of run.fontsWithRemovals) {
    const kept = run.keptCodes.get(font) ?? new Map<number, number>();
    if (!run.unreadFonts.has(font)) pruneEncoding(ctx, font, kept);
  }
  rewriteToUnicode(ctx, run);
}

function rewriteToUnicode(ctx: PDFContext, run: RunContext): void {
  const key = PDFName.of('ToUnicode');
  for (const font of run.fontsWithRemovals) {
    const stream = resolve(ctx, font.get(key));
    if (!(stream instanceof PDFStream)) continue;
    const kept = run.keptCodes.get(font);
    let parsed: ReturnType<typeof parseCMap> | undefined;
    try {
      parsed = parseCMap(streamBytes(stream, 4_000_000));
    } catch {
      parsed = undefined;
    }
    if (!parsed || !kept || run.unreadFonts.has(font)) {
      // What this font still draws is unknown: drop the map rather than keep the removed text's.
      font.delete(key);
      continue;
    }
    const lines: string[] = [];
    for (const [code, length] of [...kept].sort((a, b) => a[0] - b[0])) {
      const text = parsed.unicode.get(code);
      if (text) lines.push(`<${hex(code, length)}> <${utf16be(text)}>`);
    }
    const ranges =
      parsed.codespace.length > 0
        ? parsed.codespace
        : [{ length: 1, lo: Uint8Array.of(0), hi: Uint8Array.of(255) }];
    const codespace = ranges.map(
      (r) =>
        `<${Array.from(r.lo, (b) => hex(b, 1)).join('')}> <${Array.from(r.hi, (b) => hex(b, 1)).join('')}>`,
    );
    font.set(key, ctx.register(flateStream(ctx, toUnicodeCMap(codespace, lines))));
  }
}

/** A ToUnicode CMap program: codespace ranges and `<code> <UTF-16BE>` lines, hex. */
export function toUnicodeCMap(codespace: string[], lines: string[]): Uint8Array {
  const chunks: string[] = [];
  // bfchar sections hold at most 100 entries each (PDF 32000 9.10.3).
  for (let i = 0; i < lines.length; i += 100) {
    const part = lines.slice(i, i + 100);
    chunks.push(`${part.length} beginbfchar\n${part.join('\n')}\nendbfchar`);
  }
  return new TextEncoder().encode(
    [
      '/CIDInit /ProcSet findresource begin 12 dict begin begincmap',
      '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
      '/CMapName /Adobe-Identity-UCS def /CMapType 2 def',
      `${codespace.length} begincodespacerange\n${codespace.join('\n')}\nendcodespacerange`,
      ...chunks,
      'endcmap CMapName currentdict /CMap defineresource pop end end',
    ].join('\n'),
  );
}
