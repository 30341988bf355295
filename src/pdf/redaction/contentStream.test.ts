import { describe, expect, it } from 'vitest';
import { expandInlineDict, parseContent } from './contentStream';

const bytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const text = (b: Uint8Array) => String.fromCharCode(...b);

describe('content stream parser', () => {
  it('reads numbers, escaped names, nested and escaped strings, odd hex strings', () => {
    const [op] = parseContent(bytes('.5 -.5 +3 /A#20B (a(b)c\\)\\101\\\nd) <414> Foo'));
    expect(op?.op).toBe('Foo');
    expect(op?.operands).toEqual([
      { kind: 'number', value: 0.5 },
      { kind: 'number', value: -0.5 },
      { kind: 'number', value: 3 },
      { kind: 'name', value: 'A B' },
      { kind: 'string', bytes: bytes('a(b)c)Ad'), hex: false },
      { kind: 'string', bytes: Uint8Array.of(0x41, 0x40), hex: true },
    ]);
  });

  it('keeps the byte range of each operation so the rewriter can splice', () => {
    const source = 'BT /F1 12 Tf [(Ab) -20 (c)] TJ % comment\nET';
    const ops = parseContent(bytes(source));
    expect(ops.map((o) => o.op)).toEqual(['BT', 'Tf', 'TJ', 'ET']);
    const tj = ops[2];
    expect(source.slice(tj?.start, tj?.end)).toBe('[(Ab) -20 (c)] TJ');
  });

  it('reads marked-content property dictionaries', () => {
    const [op] = parseContent(bytes('/Span <</ActualText (x) /MCID 3>> BDC'));
    const dict = op?.operands[1];
    expect(dict?.kind === 'dict' && [...dict.entries.keys()]).toEqual(['ActualText', 'MCID']);
  });

  it('finds the end of inline image data even when the data holds "EI" without white space after it', () => {
    const source = 'q BI /W 2 /H 1 /BPC 8 /CS /G ID \u0045\u0049x EI Q';
    const ops = parseContent(bytes(source));
    expect(ops.map((o) => o.op)).toEqual(['q', 'BI', 'Q']);
    const bi = ops[1];
    expect(text(bytes(source).subarray(bi?.inline?.dataStart, bi?.inline?.dataEnd))).toBe('EIx');
    expect(bi?.inline && [...expandInlineDict(bi.inline.dict).keys()]).toEqual([
      'Width',
      'Height',
      'BitsPerComponent',
      'ColorSpace',
    ]);
  });

  it('refuses an unterminated string instead of reading past the end', () => {
    expect(() => parseContent(bytes('(never closed Tj'))).toThrow(/unterminated/);
  });

  it('bounds nesting so a hostile stream cannot exhaust the stack', () => {
    expect(() => parseContent(bytes(`${'['.repeat(10_000)}${']'.repeat(10_000)} TJ`))).toThrow(/too deeply/);
  });
});
