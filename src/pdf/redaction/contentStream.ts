// Content-stream lexer and parser with byte offsets. Every operation keeps the byte range it
// came from, so the rewriter can splice the original bytes and keep everything it does not touch
// exactly as it was. Inline images (BI … ID … EI) are one operation whose data length is found
// from /L or /Length when present, else by the "EI followed by whitespace" rule pdf.js uses.
import { latin1 } from './bytes';

export type Operand =
  | { kind: 'number'; value: number }
  | { kind: 'name'; value: string }
  | { kind: 'string'; bytes: Uint8Array; hex: boolean }
  | { kind: 'array'; items: Operand[] }
  | { kind: 'dict'; entries: Map<string, Operand> }
  | { kind: 'bool'; value: boolean }
  | { kind: 'null' };

export type Operation = {
  op: string;
  operands: Operand[];
  /** Byte offset of the first operand (or of the operator when it has none). */
  start: number;
  /** Byte offset just past the operator (past EI for inline images). */
  end: number;
  /** Inline images only: the image dictionary and the byte range of the data. */
  inline?: { dict: Map<string, Operand>; dataStart: number; dataEnd: number };
};

export class ContentSyntaxError extends Error {}

const WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIMITERS = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);
// Nesting guards: hostile streams with deep arrays must not exhaust the stack.
const MAX_NESTING = 64;

// Byte classes as a table: the lexer asks for every byte of every stream it reads.
const WHITE = 1;
const DELIMITER = 2;
const CLASS = new Uint8Array(256);
for (const b of WHITESPACE) CLASS[b] = WHITE;
for (const b of DELIMITERS) CLASS[b] = DELIMITER;
// Hex digit values, -1 for any other byte.
const HEX = new Int8Array(256).fill(-1);
for (let i = 0; i < 16; i++) HEX[i.toString(16).charCodeAt(0)] = i;
for (let i = 10; i < 16; i++) HEX[i.toString(16).toUpperCase().charCodeAt(0)] = i;
const ESCAPES: Record<number, number> = { 110: 10, 114: 13, 116: 9, 98: 8, 102: 12 };
// Integers of up to this many digits are exact in a double, so digits / 10^k rounds once,
// exactly as Number() on the same text does.
const EXACT_DIGITS = 15;

const isWhite = (b: number | undefined) => b !== undefined && CLASS[b] === WHITE;
const isRegular = (b: number | undefined) => b !== undefined && CLASS[b] === 0;

// Operators are one to three letters and a stream repeats a few dozen of them thousands of
// times: each is made into a string once, found again by its bytes. Bounded, since a hostile
// stream could hold millions of different short words.
const SHORT_WORDS = new Map<number, string>();
const MAX_SHORT_WORDS = 4096;

function wordOf(b: Uint8Array, start: number, end: number): string {
  const n = end - start;
  if (n > 3) return latin1(b, start, end);
  let key = n;
  for (let i = start; i < end; i++) key = key * 256 + (b[i] as number);
  let word = SHORT_WORDS.get(key);
  if (word === undefined) {
    word = latin1(b, start, end);
    if (SHORT_WORDS.size < MAX_SHORT_WORDS) SHORT_WORDS.set(key, word);
  }
  return word;
}

/**
 * The value of a plain number token (`[+-]digits[.digits]` or `[+-].digits`), read straight
 * from the bytes; undefined for anything else (including numbers too long to read exactly).
 */
function plainNumber(b: Uint8Array, start: number, end: number): number | undefined {
  let i = start;
  let negative = false;
  if (b[i] === 0x2b || b[i] === 0x2d) {
    negative = b[i] === 0x2d;
    i++;
  }
  let digits = 0;
  let value = 0;
  let scale = 1;
  let dot = false;
  for (; i < end; i++) {
    const c = b[i] as number;
    if (c >= 0x30 && c <= 0x39) {
      value = value * 10 + (c - 0x30);
      if (dot) scale *= 10;
      digits++;
    } else if (c === 0x2e && !dot) dot = true;
    else return undefined;
  }
  if (digits === 0 || digits > EXACT_DIGITS) return undefined;
  const n = dot ? value / scale : value;
  return negative ? -n : n;
}

type Token =
  | { t: 'operand'; value: Operand; start: number; end: number }
  | { t: 'keyword'; value: string; start: number; end: number }
  | { t: 'arrayStart' | 'arrayEnd' | 'dictStart' | 'dictEnd'; start: number; end: number };

const END = 0;
const OPERAND = 1;
const KEYWORD = 2;
const ARRAY_START = 3;
const ARRAY_END = 4;
const DICT_START = 5;
const DICT_END = 6;
export type TokenKind = 0 | 1 | 2 | 3 | 4 | 5 | 6;
/** What `Lexer.scan` returns. */
export const TOKEN = { END, OPERAND, KEYWORD } as const;
const NULL_OPERAND: Operand = { kind: 'null' };

export class Lexer {
  pos = 0;
  constructor(readonly bytes: Uint8Array) {}

  private skipSpaceAndComments() {
    const b = this.bytes;
    while (this.pos < b.length) {
      const c = b[this.pos] as number;
      if (CLASS[c] === WHITE) this.pos++;
      else if (c === 0x25) {
        while (this.pos < b.length && b[this.pos] !== 0x0a && b[this.pos] !== 0x0d) this.pos++;
      } else break;
    }
  }

  // The token `scan` found: what it is, its value and where it lies. Fields rather than a new
  // object per token: the parser reads every token of every stream.
  kind: TokenKind = END;
  operand: Operand = NULL_OPERAND;
  word = '';
  start = 0;
  end = 0;

  /** Reads the next token into the fields above and returns its kind (END at the end). */
  scan(): TokenKind {
    this.skipSpaceAndComments();
    const b = this.bytes;
    const start = this.pos;
    this.start = start;
    if (start >= b.length) return this.found(END);
    const c = b[start] as number;
    if (c === 0x5b) {
      this.pos++;
      return this.found(ARRAY_START);
    }
    if (c === 0x5d) {
      this.pos++;
      return this.found(ARRAY_END);
    }
    if (c === 0x3c && b[start + 1] === 0x3c) {
      this.pos += 2;
      return this.found(DICT_START);
    }
    if (c === 0x3e && b[start + 1] === 0x3e) {
      this.pos += 2;
      return this.found(DICT_END);
    }
    if (c === 0x28) return this.foundOperand(this.literalString());
    if (c === 0x3c) return this.foundOperand(this.hexString());
    if (c === 0x2f) return this.foundOperand(this.name());
    if (c === 0x7b || c === 0x7d || c === 0x29 || c === 0x3e) {
      // Stray delimiters (PostScript braces, unbalanced brackets): skip them like pdf.js does.
      this.pos++;
      this.word = String.fromCharCode(c);
      return this.found(KEYWORD);
    }
    while (this.pos < b.length && CLASS[b[this.pos] as number] === 0) this.pos++;
    const end = this.pos;
    const plain = plainNumber(b, start, end);
    if (plain !== undefined) return this.foundOperand({ kind: 'number', value: plain });
    const word = wordOf(b, start, end);
    // Only a word that starts like a number can be one (operators are letters).
    const numeric = c === 0x2b || c === 0x2d || c === 0x2e || (c >= 0x30 && c <= 0x39);
    if (numeric && /^[+-]?(\d+\.?\d*|\.\d+)$/.test(word))
      return this.foundOperand({ kind: 'number', value: Number(word) });
    if (numeric && /^[+-]?[\d.]+$/.test(word)) {
      // Malformed numbers such as "1.2.3" or "--5": read the longest sensible prefix, as viewers do.
      const n = Number.parseFloat(word.replace(/^[+-]+/, (m) => (m.includes('-') ? '-' : '')));
      return this.foundOperand({ kind: 'number', value: Number.isFinite(n) ? n : 0 });
    }
    if (word === 'true' || word === 'false')
      return this.foundOperand({ kind: 'bool', value: word === 'true' });
    if (word === 'null') return this.foundOperand(NULL_OPERAND);
    this.word = word;
    return this.found(KEYWORD);
  }

  private found(kind: TokenKind): TokenKind {
    this.kind = kind;
    this.end = this.pos;
    return kind;
  }

  private foundOperand(value: Operand): TokenKind {
    this.operand = value;
    return this.found(OPERAND);
  }

  /** The next token as an object (for callers that keep tokens). */
  next(): Token | undefined {
    const kind = this.scan();
    const { start, end } = this;
    switch (kind) {
      case END:
        return undefined;
      case OPERAND:
        return { t: 'operand', value: this.operand, start, end };
      case KEYWORD:
        return { t: 'keyword', value: this.word, start, end };
      case ARRAY_START:
        return { t: 'arrayStart', start, end };
      case ARRAY_END:
        return { t: 'arrayEnd', start, end };
      case DICT_START:
        return { t: 'dictStart', start, end };
      default:
        return { t: 'dictEnd', start, end };
    }
  }

  private name(): Operand {
    const b = this.bytes;
    this.pos++;
    let s = '';
    while (this.pos < b.length && isRegular(b[this.pos])) {
      const c = b[this.pos] as number;
      if (c === 0x23 && /^[0-9a-fA-F]{2}$/.test(latin1(b, this.pos + 1, this.pos + 3))) {
        s += String.fromCharCode(Number.parseInt(latin1(b, this.pos + 1, this.pos + 3), 16));
        this.pos += 3;
      } else {
        s += String.fromCharCode(c);
        this.pos++;
      }
    }
    return { kind: 'name', value: s };
  }

  private literalString(): Operand {
    const b = this.bytes;
    this.pos++;
    const out: number[] = [];
    let depth = 1;
    while (this.pos < b.length) {
      const c = b[this.pos++] as number;
      if (c === 0x28) depth++;
      else if (c === 0x29) {
        depth--;
        if (depth === 0) return { kind: 'string', bytes: Uint8Array.from(out), hex: false };
      } else if (c === 0x5c) {
        const e = b[this.pos++];
        if (e === undefined) break;
        const simple = ESCAPES[e];
        if (simple !== undefined) out.push(simple);
        else if (e >= 0x30 && e <= 0x37) {
          let v = e - 0x30;
          for (let k = 0; k < 2; k++) {
            const d = b[this.pos];
            if (d === undefined || d < 0x30 || d > 0x37) break;
            v = v * 8 + (d - 0x30);
            this.pos++;
          }
          out.push(v & 0xff);
        } else if (e === 0x0d) {
          if (b[this.pos] === 0x0a) this.pos++;
        } else if (e !== 0x0a) out.push(e);
        continue;
      }
      out.push(c);
    }
    throw new ContentSyntaxError('unterminated string');
  }

  private hexString(): Operand {
    const b = this.bytes;
    this.pos++;
    const out: number[] = [];
    let high = -1;
    while (this.pos < b.length) {
      const c = b[this.pos++] as number;
      if (c === 0x3e) {
        if (high >= 0) out.push(high << 4);
        return { kind: 'string', bytes: Uint8Array.from(out), hex: true };
      }
      const v = HEX[c] as number;
      if (v < 0) continue;
      if (high < 0) high = v;
      else {
        out.push((high << 4) | v);
        high = -1;
      }
    }
    throw new ContentSyntaxError('unterminated hex string');
  }
}

/** The value of the token the lexer has just scanned (reading on through arrays and dictionaries). */
function readValue(lexer: Lexer, depth: number): Operand | undefined {
  if (depth > MAX_NESTING) throw new ContentSyntaxError('arrays or dictionaries nested too deeply');
  const kind = lexer.kind;
  if (kind === OPERAND) return lexer.operand;
  if (kind === ARRAY_START) {
    const items: Operand[] = [];
    for (;;) {
      const next = lexer.scan();
      if (next === END) throw new ContentSyntaxError('unterminated array');
      if (next === ARRAY_END) return { kind: 'array', items };
      const v = readValue(lexer, depth + 1);
      if (v) items.push(v);
    }
  }
  if (kind === DICT_START) return { kind: 'dict', entries: readDict(lexer, depth + 1) };
  return undefined;
}

function readDict(lexer: Lexer, depth: number, endKeyword?: string): Map<string, Operand> {
  const entries = new Map<string, Operand>();
  for (;;) {
    const kind = lexer.scan();
    if (kind === END) throw new ContentSyntaxError('unterminated dictionary');
    if (kind === DICT_END || (endKeyword && kind === KEYWORD && lexer.word === endKeyword)) return entries;
    if (kind !== OPERAND || lexer.operand.kind !== 'name')
      throw new ContentSyntaxError('dictionary key is not a name');
    const key = lexer.operand.value;
    if (lexer.scan() === END) throw new ContentSyntaxError('unterminated dictionary');
    const v = readValue(lexer, depth + 1);
    if (v) entries.set(key, v);
  }
}

const INLINE_ABBREVIATIONS: Record<string, string> = {
  W: 'Width',
  H: 'Height',
  BPC: 'BitsPerComponent',
  CS: 'ColorSpace',
  F: 'Filter',
  DP: 'DecodeParms',
  IM: 'ImageMask',
  D: 'Decode',
  I: 'Interpolate',
  L: 'Length',
};

/** The inline-image dictionary with abbreviations expanded. */
export function expandInlineDict(dict: Map<string, Operand>): Map<string, Operand> {
  const out = new Map<string, Operand>();
  for (const [k, v] of dict) out.set(INLINE_ABBREVIATIONS[k] ?? k, v);
  return out;
}

function findInlineImageEnd(
  bytes: Uint8Array,
  dataStart: number,
  dict: Map<string, Operand>,
): [number, number] {
  const expanded = expandInlineDict(dict);
  const length = expanded.get('Length');
  if (length?.kind === 'number' && length.value >= 0 && dataStart + length.value <= bytes.length) {
    // Trust /L only if EI really follows it.
    let p = dataStart + length.value;
    while (isWhite(bytes[p])) p++;
    if (bytes[p] === 0x45 && bytes[p + 1] === 0x49 && !isRegular(bytes[p + 2]))
      return [dataStart + length.value, p + 2];
  }
  for (let p = dataStart; p < bytes.length - 1; p++) {
    if (
      bytes[p] === 0x45 &&
      bytes[p + 1] === 0x49 &&
      (p === dataStart || isWhite(bytes[p - 1])) &&
      (p + 2 >= bytes.length || isWhite(bytes[p + 2]))
    ) {
      return [p > dataStart && isWhite(bytes[p - 1]) ? p - 1 : p, p + 2];
    }
  }
  throw new ContentSyntaxError('inline image without EI');
}

/** Parses a whole content stream into operations. Throws ContentSyntaxError on broken syntax. */
export function parseContent(bytes: Uint8Array, maxOperations = 5_000_000): Operation[] {
  const lexer = new Lexer(bytes);
  const ops: Operation[] = [];
  let operands: Operand[] = [];
  let opStart = -1;
  for (;;) {
    const kind = lexer.scan();
    if (kind === END) break;
    if (opStart < 0) opStart = lexer.start;
    if (kind === KEYWORD) {
      const word = lexer.word;
      if (word === 'BI') {
        const dict = readDict(lexer, 1, 'ID');
        // One whitespace byte separates ID from the data.
        const dataStart = lexer.pos + 1;
        const [dataEnd, end] = findInlineImageEnd(bytes, dataStart, dict);
        lexer.pos = end;
        ops.push({ op: 'BI', operands: [], start: opStart, end, inline: { dict, dataStart, dataEnd } });
      } else {
        ops.push({ op: word, operands, start: opStart, end: lexer.end });
      }
      if (ops.length > maxOperations) throw new ContentSyntaxError('too many operations');
      operands = [];
      opStart = -1;
      continue;
    }
    if (kind === ARRAY_END || kind === DICT_END) continue;
    const v = readValue(lexer, 0);
    if (v) operands.push(v);
  }
  return ops;
}

// ---- serialising operands (used when the rewriter emits new operators) ----

export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return '0';
  const r = Math.round(n * 1000) / 1000;
  return Object.is(r, -0) ? '0' : String(r);
}

export function formatName(name: string): string {
  let s = '/';
  for (const ch of name) {
    const c = ch.charCodeAt(0);
    s += c < 0x21 || c > 0x7e || DELIMITERS.has(c) || c === 0x23 ? `#${c.toString(16).padStart(2, '0')}` : ch;
  }
  return s;
}

export function formatHexString(bytes: Uint8Array): string {
  let s = '<';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return `${s}>`;
}

export function formatOperand(o: Operand): string {
  switch (o.kind) {
    case 'number':
      return formatNumber(o.value);
    case 'name':
      return formatName(o.value);
    case 'string':
      return formatHexString(o.bytes);
    case 'bool':
      return String(o.value);
    case 'null':
      return 'null';
    case 'array':
      return `[${o.items.map(formatOperand).join(' ')}]`;
    case 'dict':
      return `<<${[...o.entries].map(([k, v]) => `${formatName(k)} ${formatOperand(v)}`).join(' ')}>>`;
  }
}
