// CMap streams: ToUnicode (for naming what was removed) and embedded encoding CMaps of Type0
// fonts (codespace ranges and CID mappings). Predefined CMaps other than Identity are not read
// here; fonts that use them go to the raster fallback.
import { Lexer, type Operand } from './contentStream';

export type CodespaceRange = { length: number; lo: Uint8Array; hi: Uint8Array };

export type ParsedCMap = {
  codespace: CodespaceRange[];
  /** code → CID (encoding CMaps) */
  cids: Map<number, number>;
  cidRanges: Array<{ lo: number; hi: number; cid: number }>;
  /** code → text (ToUnicode) */
  unicode: Map<number, string>;
  usesCMap?: string;
  /** Set when a bfrange/cidrange was too large to expand: the mapping is incomplete. */
  truncated: boolean;
};

// A hostile ToUnicode can declare a range of 2^32 codes; expand at most this many per map.
const MAX_MAPPINGS = 200_000;

const codeOf = (bytes: Uint8Array) => bytes.reduce((acc, b) => acc * 256 + b, 0);

function utf16beToString(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i + 1 < bytes.length; i += 2)
    s += String.fromCharCode(((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0));
  if (bytes.length === 1) s += String.fromCharCode(bytes[0] ?? 0);
  return s;
}

export function parseCMap(bytes: Uint8Array): ParsedCMap {
  const lexer = new Lexer(bytes);
  const out: ParsedCMap = {
    codespace: [],
    cids: new Map(),
    cidRanges: [],
    unicode: new Map(),
    truncated: false,
  };
  const stack: Operand[] = [];
  let section = '';
  let count = 0;
  const strings = () => stack.filter((o): o is Extract<Operand, { kind: 'string' }> => o.kind === 'string');
  for (let guard = 0; guard < 2_000_000; guard++) {
    const tok = lexer.next();
    if (!tok) break;
    if (tok.t === 'arrayStart') {
      const items: Operand[] = [];
      for (let g = 0; g < 100_000; g++) {
        const t = lexer.next();
        if (!t || t.t === 'arrayEnd') break;
        if (t.t === 'operand') items.push(t.value);
      }
      stack.push({ kind: 'array', items });
      continue;
    }
    if (tok.t === 'operand') {
      stack.push(tok.value);
      if (section === 'codespacerange' && strings().length === 2) {
        const [lo, hi] = strings();
        if (lo && hi && lo.bytes.length === hi.bytes.length && lo.bytes.length >= 1 && lo.bytes.length <= 4) {
          out.codespace.push({ length: lo.bytes.length, lo: lo.bytes, hi: hi.bytes });
        }
        stack.length = 0;
      } else if (section === 'bfchar' && stack.length === 2) {
        const [src, dst] = stack;
        if (src?.kind === 'string' && dst?.kind === 'string')
          out.unicode.set(codeOf(src.bytes), utf16beToString(dst.bytes));
        else if (src?.kind === 'string' && dst?.kind === 'name')
          out.unicode.set(codeOf(src.bytes), dst.value);
        stack.length = 0;
      } else if (section === 'bfrange' && stack.length === 3) {
        const [lo, hi, dst] = stack;
        if (lo?.kind === 'string' && hi?.kind === 'string') {
          const a = codeOf(lo.bytes);
          const b = codeOf(hi.bytes);
          for (let c = a; c <= b; c++) {
            if (++count > MAX_MAPPINGS) {
              out.truncated = true;
              break;
            }
            if (dst?.kind === 'string' && dst.bytes.length > 0) {
              const base = Uint8Array.from(dst.bytes);
              const last = base.length - 1;
              // The last byte increments; carries are not meant to propagate (PDF 32000 9.10.3).
              base[last] = ((base[last] ?? 0) + (c - a)) & 0xff;
              out.unicode.set(c, utf16beToString(base));
            } else if (dst?.kind === 'array') {
              const item = dst.items[c - a];
              if (item?.kind === 'string') out.unicode.set(c, utf16beToString(item.bytes));
            }
          }
        }
        stack.length = 0;
      } else if (section === 'cidchar' && stack.length === 2) {
        const [src, cid] = stack;
        if (src?.kind === 'string' && cid?.kind === 'number') out.cids.set(codeOf(src.bytes), cid.value);
        stack.length = 0;
      } else if (section === 'cidrange' && stack.length === 3) {
        const [lo, hi, cid] = stack;
        if (lo?.kind === 'string' && hi?.kind === 'string' && cid?.kind === 'number') {
          out.cidRanges.push({ lo: codeOf(lo.bytes), hi: codeOf(hi.bytes), cid: cid.value });
        }
        stack.length = 0;
      }
      continue;
    }
    if (tok.t !== 'keyword') continue;
    const word = tok.value;
    if (word.startsWith('begin') && word !== 'begin' && word !== 'begincmap') {
      section = word.slice(5);
      stack.length = 0;
    } else if (word.startsWith('end') && word !== 'end' && word !== 'endcmap') {
      section = '';
      stack.length = 0;
    } else if (word === 'usecmap') {
      const prev = stack[stack.length - 1];
      if (prev?.kind === 'name') out.usesCMap = prev.value;
      stack.length = 0;
    } else if (section === '') stack.length = 0;
  }
  return out;
}

/** Splits a string's bytes into codes using codespace ranges (the shortest matching length wins). */
export function splitCodes(
  bytes: Uint8Array,
  codespace: CodespaceRange[],
): Array<{ code: number; start: number; length: number }> {
  const out: Array<{ code: number; start: number; length: number }> = [];
  let i = 0;
  while (i < bytes.length) {
    let matched = 0;
    for (let n = 1; n <= 4 && !matched && i + n <= bytes.length; n++) {
      for (const r of codespace) {
        if (r.length !== n) continue;
        let inside = true;
        for (let k = 0; k < n; k++) {
          const b = bytes[i + k] ?? 0;
          if (b < (r.lo[k] ?? 0) || b > (r.hi[k] ?? 255)) {
            inside = false;
            break;
          }
        }
        if (inside) {
          matched = n;
          break;
        }
      }
    }
    // No range matches: take the shortest declared length, as pdf.js does.
    const n = matched || Math.min(...codespace.map((r) => r.length), bytes.length - i) || 1;
    out.push({ code: codeOf(bytes.subarray(i, i + n)), start: i, length: n });
    i += n;
  }
  return out;
}

export function cidFor(cmap: ParsedCMap, code: number): number | undefined {
  const direct = cmap.cids.get(code);
  if (direct !== undefined) return direct;
  for (const r of cmap.cidRanges) if (code >= r.lo && code <= r.hi) return r.cid + (code - r.lo);
  return undefined;
}
