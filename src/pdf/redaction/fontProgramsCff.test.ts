// CID-keyed CFF programs built byte by byte, to check which subroutines survive emptying.
import { describe, expect, it } from 'vitest';
import { readCidCff } from './fontProgramsCff';

const int32 = (v: number) => [29, (v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
/** A CFF INDEX with one-byte offsets. */
function index(items: number[][]): number[] {
  if (items.length === 0) return [0, 0];
  const offsets = [1];
  for (const it of items) offsets.push((offsets.at(-1) ?? 1) + it.length);
  return [items.length >> 8, items.length & 255, 1, ...offsets, ...items.flat()];
}

// Local subroutines: each moves the pen somewhere of its own, so each is recognisable.
const SUBR_0 = [144, 144, 21, 11];
const SUBR_1 = [145, 146, 21, 11];

/**
 * Three glyphs: .notdef, glyph 1 (font dict 0) calling local subr 0, glyph 2 (font dict 1)
 * calling local subr 1. Both font dicts point at one Private DICT, so one Subrs INDEX.
 */
function sharedSubrsCff(): Uint8Array {
  const charStrings = index([[14], [32, 10, 14], [33, 10, 14]]); // 32/33 are 0/1 less the bias 107
  const charset = [0, 0, 1, 0, 2]; // format 0: glyph 1 is CID 1, glyph 2 is CID 2
  const fdSelect = [0, 0, 0, 1];
  const privateDict = [...int32(6), 19]; // Subrs follow the 6-byte Private DICT
  const localSubrs = index([SUBR_0, SUBR_1]);
  const head = [1, 0, 4, 1, ...index([[65]])];
  const topSize = 5 + 6 + 6 + 7 + 7;
  const fixed = head.length + (2 + 1 + 2 + topSize) + 2 + 2; // + Top DICT INDEX, strings, global subrs
  const charStringsAt = fixed;
  const charsetAt = charStringsAt + charStrings.length;
  const fdSelectAt = charsetAt + charset.length;
  const fdArrayAt = fdSelectAt + fdSelect.length;
  const fdDict = (privateAt: number) => [...int32(privateDict.length), ...int32(privateAt), 18];
  const fdArrayLength = index([fdDict(0), fdDict(0)]).length;
  const privateAt = fdArrayAt + fdArrayLength;
  const top = [
    ...[139, 139, 139, 12, 30], // ROS
    ...int32(charsetAt),
    15,
    ...int32(charStringsAt),
    17,
    ...int32(fdArrayAt),
    12,
    36,
    ...int32(fdSelectAt),
    12,
    37,
  ];
  expect(top.length).toBe(topSize);
  return Uint8Array.from([
    ...head,
    ...index([top]),
    ...index([]),
    ...index([]),
    ...charStrings,
    ...charset,
    ...fdSelect,
    ...index([fdDict(privateAt), fdDict(privateAt)]),
    ...privateDict,
    ...localSubrs,
  ]);
}

const holds = (bytes: Uint8Array, part: number[]) =>
  bytes.some((_, i) => part.every((b, k) => bytes[i + k] === b));

describe('a CID-keyed CFF program whose two font dictionaries share one list of subroutines', () => {
  const bytes = sharedSubrsCff();
  const font = readCidCff(bytes);

  it('keeps every subroutine a kept glyph of either dictionary calls', () => {
    expect(font.glyphOfCid[2]).toBe(2);
    // Nothing is unused, so nothing changes.
    expect(font.empty(new Set([0, 1, 2]))).toEqual(bytes);
  });

  it('still empties the subroutines only removed glyphs call', () => {
    const out = font.empty(new Set([0, 1]));
    expect(holds(out, SUBR_0)).toBe(true);
    expect(holds(out, SUBR_1)).toBe(false);
  });
});
