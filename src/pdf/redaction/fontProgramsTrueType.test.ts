// Hostile TrueType programs: what the reader refuses (so the caller leaves the font whole and
// names it in the report) rather than spending the worker's time or memory on it.
import { describe, expect, it } from 'vitest';
import { cmapSubtables, FontProgramError, readTrueType, withOnlyGlyphs } from './fontProgramsTrueType';

/** A one-glyph TrueType program whose only cmap subtable is `subtable` (and a blank OS/2). */
function fontWithCmap(subtable: Uint8Array): Uint8Array {
  const cmap = new Uint8Array(12 + subtable.length);
  const cv = new DataView(cmap.buffer);
  cv.setUint16(2, 1); // one encoding record
  cv.setUint16(4, 3);
  cv.setUint16(6, 10);
  cv.setUint32(8, 12);
  cmap.set(subtable, 12);
  const maxp = new Uint8Array(6);
  new DataView(maxp.buffer).setUint16(4, 1); // one glyph
  const tables: Array<[string, Uint8Array]> = [
    ['cmap', cmap],
    ['glyf', new Uint8Array(0)],
    ['head', new Uint8Array(54)], // short loca
    ['loca', new Uint8Array(4)],
    ['maxp', maxp],
    ['OS/2', new Uint8Array(96)],
  ];
  let offset = 12 + tables.length * 16;
  const size = tables.reduce((n, [, t]) => n + t.length, offset);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0x00010000);
  view.setUint16(4, tables.length);
  tables.forEach(([tag, data], i) => {
    for (let k = 0; k < 4; k++) out[12 + i * 16 + k] = tag.charCodeAt(k);
    view.setUint32(12 + i * 16 + 8, offset);
    view.setUint32(12 + i * 16 + 12, data.length);
    out.set(data, offset);
    offset += data.length;
  });
  return out;
}

/** A cmap format 12 subtable of `groups` [first, last, glyph] groups. */
function format12(groups: Array<[number, number, number]>): Uint8Array {
  const out = new Uint8Array(16 + groups.length * 12);
  const view = new DataView(out.buffer);
  view.setUint16(0, 12);
  view.setUint32(4, out.length);
  view.setUint32(12, groups.length);
  groups.forEach(([first, last, glyph], i) => {
    view.setUint32(16 + i * 12, first);
    view.setUint32(20 + i * 12, last);
    view.setUint32(24 + i * 12, glyph);
  });
  return out;
}

describe('a TrueType character map', () => {
  it('is read when its groups are sound', () => {
    const font = readTrueType(fontWithCmap(format12([[0x41, 0x42, 1]])));
    expect([...(cmapSubtables(font)[0]?.map ?? [])]).toEqual([
      [0x41, 1],
      [0x42, 2],
    ]);
  });

  it('is refused when its groups cover the same codes over and over', () => {
    // Each group alone is within the limit, and mapping to glyph 0 adds no entries; a hostile
    // font could repeat this until the worker hangs, so the steps themselves are counted.
    const overlapping = Array.from({ length: 3 }, (): [number, number, number] => [0, 999_999, 0]);
    const font = readTrueType(fontWithCmap(format12(overlapping)));
    expect(() => cmapSubtables(font)).toThrow(FontProgramError);
  });
});

describe('a TrueType program with half a million characters kept', () => {
  it('is rewritten, its OS/2 first and last character found without spreading every code', () => {
    const codes = 500_000;
    const font = readTrueType(fontWithCmap(format12([[0x20, 0x20 + codes - 1, 1]])));
    const keep = new Set(Array.from({ length: codes }, (_, i) => i + 1));
    const cleaned = readTrueType(withOnlyGlyphs(font, keep));
    const os2 = cleaned.tables.get('OS/2')?.offset ?? 0;
    expect(cleaned.view.getUint16(os2 + 64)).toBe(0x20);
    expect(cleaned.view.getUint16(os2 + 66)).toBe(0xffff); // beyond the BMP: OS/2 holds 0xFFFF
  });
});
