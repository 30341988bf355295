// CFF font programs (a PDF's FontFile3 /CIDFontType0C) with the outlines of unused glyphs
// emptied in place: each such glyph's charstring becomes a lone `endchar`, and every local or
// global subroutine no kept glyph calls becomes a lone `return` (subroutines hold shared pieces
// of outlines). Every INDEX keeps its place, count and offset size, and its freed tail is
// zeroed, so no other offset in the program moves and no old outline bytes remain. Only
// CID-keyed programs (glyph → CID, no glyph names) are handled: a name-keyed program's charset
// still names each glyph ("k"), and rewriting it is not done here. Anything unexpected throws
// FontProgramError, and the caller leaves the font whole and says so.
import { need } from './fontProgramsTrueType';

type Index = { at: number; count: number; offSize: number; dataStart: number; offsets: number[] };
type Dict = Map<number, number[]>;

const ENDCHAR = 14;
const RETURN = 11;
const MAX_SUBR_DEPTH = 10;
const TOP_CHARSTRINGS = 17;
const TOP_PRIVATE = 18;
const PRIVATE_SUBRS = 19;
const ESC = 1200; // escaped operators 12 x are stored as 1200 + x
const TOP_ROS = ESC + 30;
const TOP_CHARSTRING_TYPE = ESC + 6;
const TOP_FDARRAY = ESC + 36;
const TOP_FDSELECT = ESC + 37;
const TOP_CHARSET = 15;

function readIndex(b: Uint8Array, at: number): Index {
  need(at + 2 <= b.length, 'a CFF index is cut short');
  const count = ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);
  if (count === 0) return { at, count, offSize: 0, dataStart: at + 2, offsets: [1] };
  const offSize = b[at + 2] ?? 0;
  need(offSize >= 1 && offSize <= 4, 'a CFF index has a bad offset size');
  const offsets = new Array<number>(count + 1);
  for (let i = 0, p = at + 3; i <= count; i++, p += offSize) {
    let v = 0;
    for (let k = 0; k < offSize; k++) v = v * 256 + (b[p + k] ?? 0);
    offsets[i] = v;
  }
  const dataStart = at + 3 + (count + 1) * offSize - 1;
  need(dataStart + (offsets[count] ?? 0) <= b.length, 'a CFF index runs past the program');
  for (let i = 0; i < count; i++)
    need((offsets[i] ?? 0) <= (offsets[i + 1] ?? 0), 'a CFF index is out of order');
  return { at, count, offSize, dataStart, offsets };
}

const indexEnd = (ix: Index) => (ix.count === 0 ? ix.at + 2 : ix.dataStart + (ix.offsets[ix.count] ?? 1));
const item = (b: Uint8Array, ix: Index, i: number) =>
  b.subarray(ix.dataStart + (ix.offsets[i] ?? 1), ix.dataStart + (ix.offsets[i + 1] ?? 1));

/** The number encodings DICT data and charstrings share (28 and 32–254). */
function shortNumber(b: Uint8Array, i: number): { value: number; next: number } | undefined {
  const b0 = b[i] ?? 0;
  if (b0 === 28) return { value: (((b[i + 1] ?? 0) << 24) | ((b[i + 2] ?? 0) << 16)) >> 16, next: i + 3 };
  if (b0 >= 32 && b0 <= 246) return { value: b0 - 139, next: i + 1 };
  if (b0 >= 247 && b0 <= 250) return { value: (b0 - 247) * 256 + (b[i + 1] ?? 0) + 108, next: i + 2 };
  if (b0 >= 251 && b0 <= 254) return { value: -(b0 - 251) * 256 - (b[i + 1] ?? 0) - 108, next: i + 2 };
  return undefined;
}

function readDict(bytes: Uint8Array): Dict {
  const dict: Dict = new Map();
  let operands: number[] = [];
  for (let i = 0; i < bytes.length; ) {
    const b0 = bytes[i] ?? 0;
    if (b0 <= 21) {
      const op = b0 === 12 ? ESC + (bytes[i + 1] ?? 0) : b0;
      i += b0 === 12 ? 2 : 1;
      dict.set(op, operands);
      operands = [];
    } else if (b0 === 29) {
      operands.push(
        ((bytes[i + 1] ?? 0) << 24) |
          ((bytes[i + 2] ?? 0) << 16) |
          ((bytes[i + 3] ?? 0) << 8) |
          (bytes[i + 4] ?? 0),
      );
      i += 5;
    } else if (b0 === 30) {
      // A real number, nibble-coded; its value is never an offset, so it is only skipped.
      i++;
      while (i < bytes.length && ((bytes[i] ?? 0) & 0x0f) !== 0x0f && ((bytes[i] ?? 0) & 0xf0) !== 0xf0) i++;
      i++;
      operands.push(0);
    } else {
      const n = shortNumber(bytes, i);
      need(n !== undefined, 'a CFF dictionary holds an unknown byte');
      operands.push(n.value);
      i = n.next;
    }
  }
  return dict;
}

const bias = (count: number) => (count < 1240 ? 107 : count < 33900 ? 1131 : 32768);

type Subrs = { index: Index; used: Set<number> };

/**
 * Follows a Type 2 charstring and the subroutines it calls, recording every subroutine used.
 * Only stem counts (for the mask bytes of hintmask) and the number a call takes are tracked.
 */
function followCharstring(b: Uint8Array, code: Uint8Array, local: Subrs | undefined, global: Subrs): void {
  let stack: number[] = [];
  let stems = 0;
  let steps = 0;
  const run = (cs: Uint8Array, depth: number): boolean => {
    need(depth <= MAX_SUBR_DEPTH, 'CFF subroutines nest too deeply');
    for (let i = 0; i < cs.length; ) {
      need(++steps < 1_000_000, 'a CFF charstring runs too long');
      const b0 = cs[i] ?? 0;
      const n = shortNumber(cs, i);
      if (n) {
        stack.push(n.value);
        i = n.next;
        continue;
      }
      if (b0 === 255) {
        // A 16.16 fixed number: its integer part is enough (it is never a subroutine number).
        stack.push((((cs[i + 1] ?? 0) << 24) | ((cs[i + 2] ?? 0) << 16)) >> 16);
        i += 5;
        continue;
      }
      i++;
      switch (b0) {
        case 1: // hstem
        case 3: // vstem
        case 18: // hstemhm
        case 23: // vstemhm
          stems += stack.length >> 1;
          stack = [];
          break;
        case 19: // hintmask
        case 20: // cntrmask
          stems += stack.length >> 1; // implicit vstem hints before the first mask
          stack = [];
          i += (stems + 7) >> 3;
          break;
        case 10: // callsubr
        case 29: {
          // callgsubr
          const subrs = b0 === 10 ? local : global;
          need(
            subrs !== undefined && stack.length > 0,
            'a CFF charstring calls a subroutine that is not there',
          );
          const n = (stack.pop() ?? 0) + bias(subrs.index.count);
          need(n >= 0 && n < subrs.index.count, 'a CFF charstring calls a subroutine out of range');
          subrs.used.add(n);
          if (run(item(b, subrs.index, n), depth + 1)) return true;
          break;
        }
        case RETURN:
          return false;
        case ENDCHAR:
          // endchar with four more numbers builds an accented glyph from two others (seac).
          need(stack.length < 4, 'a CFF glyph is built from other glyphs');
          return true;
        case 12:
          i++;
          stack = [];
          break;
        default:
          stack = [];
      }
    }
    return false;
  };
  run(code, 0);
}

/**
 * Rewrites an INDEX of `out` (a copy of `original`) in place: items not in `keep` become
 * `filler`. Items only shrink, so each is written at or before where it was read from; the
 * freed tail is zeroed.
 */
function emptyItems(
  original: Uint8Array,
  out: Uint8Array,
  ix: Index,
  keep: (i: number) => boolean,
  filler: number,
): void {
  const writeOffset = (i: number, v: number) => {
    const at = ix.at + 3 + i * ix.offSize;
    for (let k = 0; k < ix.offSize; k++) out[at + k] = (v >>> (8 * (ix.offSize - 1 - k))) & 0xff;
  };
  let offset = 1;
  for (let i = 0; i < ix.count; i++) {
    writeOffset(i, offset);
    const from = ix.dataStart + (ix.offsets[i] ?? 1);
    const to = ix.dataStart + (ix.offsets[i + 1] ?? 1);
    const write = ix.dataStart + offset;
    if (to === from) continue;
    if (keep(i)) {
      out.set(original.subarray(from, to), write);
      offset += to - from;
    } else {
      out[write] = filler;
      offset += 1;
    }
  }
  writeOffset(ix.count, offset);
  out.fill(0, ix.dataStart + offset, indexEnd(ix));
}

export type CffProgram = {
  bytes: Uint8Array;
  numGlyphs: number;
  /** CID → glyph id (through the charset), -1 for a CID the font lacks. */
  glyphOfCid: Int32Array;
  empty(keep: Set<number>): Uint8Array;
};

/** Glyph id of each CID (CIDs are 16-bit in a CFF charset), -1 where the font has none. */
function charsetCids(b: Uint8Array, at: number, numGlyphs: number): Int32Array {
  const map = new Int32Array(0x10000).fill(-1);
  map[0] = 0;
  const format = b[at] ?? 255;
  let gid = 1;
  let i = at + 1;
  const u16 = (p: number) => ((b[p] ?? 0) << 8) | (b[p + 1] ?? 0);
  if (format === 0) {
    need(at + 1 + (numGlyphs - 1) * 2 <= b.length, 'the CFF charset is cut short');
    for (; gid < numGlyphs; gid++, i += 2) map[u16(i)] = gid;
    return map;
  }
  need(format === 1 || format === 2, 'the CFF charset has an unknown format');
  while (gid < numGlyphs) {
    need(i + 3 <= b.length, 'the CFF charset is cut short');
    const first = u16(i);
    const left = format === 1 ? (b[i + 2] ?? 0) : u16(i + 2);
    i += format === 1 ? 3 : 4;
    for (let k = 0; k <= left && gid < numGlyphs && first + k < 0x10000; k++) map[first + k] = gid++;
  }
  return map;
}

/** Reads a CID-keyed CFF program (the bare CFF of a FontFile3 /CIDFontType0C). */
export function readCidCff(bytes: Uint8Array): CffProgram {
  need(bytes.length >= 4 && bytes[0] === 1, 'the font program is not CFF version 1');
  const names = readIndex(bytes, bytes[2] ?? 4);
  const tops = readIndex(bytes, indexEnd(names));
  need(tops.count === 1, 'the CFF program holds more than one font');
  const strings = readIndex(bytes, indexEnd(tops));
  const globalIndex = readIndex(bytes, indexEnd(strings));
  const top = readDict(item(bytes, tops, 0));
  need(top.has(TOP_ROS), 'the CFF program names its glyphs (it is not CID-keyed)');
  need((top.get(TOP_CHARSTRING_TYPE)?.[0] ?? 2) === 2, 'the CFF program uses Type 1 charstrings');
  const charStrings = readIndex(bytes, top.get(TOP_CHARSTRINGS)?.[0] ?? 0);
  const numGlyphs = charStrings.count;
  const charsetAt = top.get(TOP_CHARSET)?.[0] ?? 0;
  need(charsetAt > 2, 'the CID-keyed CFF program has no charset');
  const glyphOfCid = charsetCids(bytes, charsetAt, numGlyphs);

  // Each glyph draws with the local subroutines of its font dictionary (FDSelect → FDArray).
  const fdArray = readIndex(bytes, top.get(TOP_FDARRAY)?.[0] ?? 0);
  const locals: Array<Index | undefined> = [];
  for (let fd = 0; fd < fdArray.count; fd++) {
    const [size = 0, offset = 0] = readDict(item(bytes, fdArray, fd)).get(TOP_PRIVATE) ?? [];
    const priv = readDict(bytes.subarray(offset, offset + size));
    const subrs = priv.get(PRIVATE_SUBRS)?.[0];
    locals.push(subrs === undefined ? undefined : readIndex(bytes, offset + subrs));
  }
  const fdSelectAt = top.get(TOP_FDSELECT)?.[0] ?? 0;
  const fdOf = fdSelect(bytes, fdSelectAt, numGlyphs);
  return {
    bytes,
    numGlyphs,
    glyphOfCid,
    empty(keep) {
      const global: Subrs = { index: globalIndex, used: new Set() };
      // Font dictionaries may share one Subrs INDEX: keyed by where it lies, they share one
      // record of what is used, so emptying it for one cannot wipe what another's glyphs call.
      const byOffset = new Map<number, Subrs>();
      const usedLocals = locals.map((index) => {
        if (!index) return undefined;
        const known = byOffset.get(index.at);
        if (known) return known;
        const subrs: Subrs = { index, used: new Set() };
        byOffset.set(index.at, subrs);
        return subrs;
      });
      for (const g of keep) {
        if (g >= numGlyphs) continue;
        followCharstring(bytes, item(bytes, charStrings, g), usedLocals[fdOf(g)], global);
      }
      const out = bytes.slice();
      emptyItems(bytes, out, charStrings, (g) => keep.has(g), ENDCHAR);
      if (global.index.count > 0) emptyItems(bytes, out, global.index, (i) => global.used.has(i), RETURN);
      for (const l of byOffset.values())
        if (l.index.count > 0) emptyItems(bytes, out, l.index, (i) => l.used.has(i), RETURN);
      return out;
    },
  };
}

function fdSelect(b: Uint8Array, at: number, numGlyphs: number): (glyph: number) => number {
  const format = b[at];
  if (format === 0) return (g) => b[at + 1 + g] ?? 0;
  need(format === 3, 'the CFF font selector has an unknown format');
  const u16 = (p: number) => ((b[p] ?? 0) << 8) | (b[p + 1] ?? 0);
  const ranges = u16(at + 1);
  const table = new Uint8Array(numGlyphs);
  for (let r = 0; r < ranges; r++) {
    const p = at + 3 + r * 3;
    const first = u16(p);
    const next = r + 1 < ranges ? u16(p + 3) : u16(at + 3 + ranges * 3);
    for (let g = first; g < next && g < numGlyphs; g++) table[g] = b[p + 2] ?? 0;
  }
  return (g) => table[g] ?? 0;
}
