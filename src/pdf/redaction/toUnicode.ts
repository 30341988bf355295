// ToUnicode maps of fonts that lost glyphs are cut down to the codes still drawn. Subset fonts
// often number their glyphs in order of first use, so the full map, read in code order, spells
// the opening of the original text, removed words included (REDACTION.md channel 21).
import { type PDFContext, PDFName, PDFStream } from '@cantoo/pdf-lib';
import { parseCMap } from './cmap';
import type { RunContext } from './pageContent';
import { resolve, streamBytes } from './pdfObjects';

const hex = (n: number, bytes: number) => n.toString(16).padStart(bytes * 2, '0');

function utf16be(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += hex(text.charCodeAt(i), 2);
  return out;
}

export function rewriteToUnicode(ctx: PDFContext, run: RunContext): void {
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
    const chunks: string[] = [];
    // bfchar sections hold at most 100 entries each (PDF 32000 9.10.3).
    for (let i = 0; i < lines.length; i += 100) {
      const part = lines.slice(i, i + 100);
      chunks.push(`${part.length} beginbfchar\n${part.join('\n')}\nendbfchar`);
    }
    const cmap = [
      '/CIDInit /ProcSet findresource begin 12 dict begin begincmap',
      '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
      '/CMapName /Adobe-Identity-UCS def /CMapType 2 def',
      `${codespace.length} begincodespacerange\n${codespace.join('\n')}\nendcodespacerange`,
      ...chunks,
      'endcmap CMapName currentdict /CMap defineresource pop end end',
    ].join('\n');
    font.set(key, ctx.register(ctx.flateStream(cmap)));
  }
}
