// The shapes of removed letters, taken out of the embedded fonts that drew them (REDACTION.md
// channel 21). A subset font holds only the glyphs its document used, so after a short name is
// removed the font can still spell which letters it had. For each font some glyph of which was
// removed, the glyphs still drawn anywhere in the output are worked out from the codes the
// rewriter kept (every page, every form, across the whole run: a font shared with an untouched
// page keeps that page's glyphs), and every other glyph of its TrueType program is emptied.
// Programs also reachable from places whose text the rewriter does not read (patterns, Type 3
// glyph procedures, soft masks, fonts set by a graphics state) are left whole, and so are CFF
// and Type 1 programs: the report says which fonts still hold removed letters, and why.
import { type PDFContext, PDFDict, PDFName, PDFNumber, PDFRef, PDFStream } from '@cantoo/pdf-lib';
import { cidFor, parseCMap } from './cmap';
import { flateStream } from './deflate';
import { readCidCff } from './fontProgramsCff';
import {
  type CmapSubtable,
  closeOverComponents,
  cmapSubtables,
  FontProgramError,
  readTrueType,
  type TrueTypeProgram,
  withOnlyGlyphs,
} from './fontProgramsTrueType';
import type { FontModel, NotConfident } from './fonts';
import {
  asDict,
  getArray,
  getDict,
  getName,
  getNumber,
  resolve,
  StreamDecodeError,
  streamBytes,
} from './pdfObjects';
import { ENCODINGS, unicodeOfGlyphName } from './standardEncodings';

const MAX_PROGRAM_BYTES = 64 * 1024 * 1024;
const MAX_RESOURCE_DEPTH = 32;

/** What this step needs from the run: which codes each font still draws. */
export type KeptGlyphs = {
  fonts: Map<PDFDict, FontModel | NotConfident>;
  keptCodes: Map<PDFDict, Map<number, number>>;
  fontsWithRemovals: Set<PDFDict>;
  unreadFonts: Set<PDFDict>;
};

type Program = { ref: PDFRef; stream: PDFStream; kind: 'trueType' | 'cff' };

class Unsure extends Error {}

const fontLabel = (ctx: PDFContext, font: PDFDict) =>
  (getName(ctx, font, 'BaseFont') ?? 'without a name').replace(/^[A-Z]{6}\+/, '');

/** The embedded program of a font, or why it cannot be cleaned (undefined: nothing embedded). */
function programOf(ctx: PDFContext, font: PDFDict): Program | string | undefined {
  const subtype = getName(ctx, font, 'Subtype');
  if (subtype === 'Type3') return undefined;
  const cidFont =
    subtype === 'Type0' ? asDict(ctx, getArray(ctx, font, 'DescendantFonts')?.get(0)) : undefined;
  const descriptor = getDict(ctx, cidFont ?? font, 'FontDescriptor');
  const program = descriptor?.get(PDFName.of('FontFile2'));
  const cff = descriptor?.get(PDFName.of('FontFile3'));
  const cffStream = resolve(ctx, cff);
  if (
    cff instanceof PDFRef &&
    cffStream instanceof PDFStream &&
    getName(ctx, cffStream.dict, 'Subtype') === 'CIDFontType0C' &&
    cidFont !== undefined &&
    getName(ctx, cidFont, 'Subtype') === 'CIDFontType0'
  )
    return { ref: cff, stream: cffStream, kind: 'cff' };
  if (program === undefined) {
    const other = ['FontFile', 'FontFile3'].some((k) => descriptor?.has(PDFName.of(k)));
    return other
      ? 'its outlines are in a format (Type 1, or CFF other than CID-keyed) the engine does not yet take letters out of'
      : undefined;
  }
  const stream = resolve(ctx, program);
  if (!(program instanceof PDFRef) || !(stream instanceof PDFStream)) return 'its font program is malformed';
  if (subtype === 'Type0' && getName(ctx, cidFont, 'Subtype') !== 'CIDFontType2')
    return 'its composite font is of a kind the engine does not yet clean';
  return { ref: program, stream, kind: 'trueType' };
}

type Usage = {
  /** Every font dictionary the output can draw with. */
  fonts: Set<PDFDict>;
  /** Fonts also drawn by content the rewriter does not read (their codes are unknown). */
  unreadFonts: Set<PDFDict>;
  /** Fonts in the output by their program, and programs used by an unread font. */
  users: Map<string, Set<PDFDict>>;
  unread: Set<string>;
};

/** Walks the output's resources (pages, forms, patterns, soft masks, Type 3 fonts). */
function usageOf(ctx: PDFContext, pages: Array<{ resources: PDFDict }>): Usage {
  const usage: Usage = { fonts: new Set(), unreadFonts: new Set(), users: new Map(), unread: new Set() };
  // Walked once as read content and once more if also reached from content that is not read.
  const seen = { read: new Set<PDFDict>(), unread: new Set<PDFDict>() };
  const noteFont = (font: PDFDict | undefined, isRead: boolean, depth: number) => {
    if (!font) return;
    usage.fonts.add(font);
    if (!isRead) usage.unreadFonts.add(font);
    if (getName(ctx, font, 'Subtype') === 'Type3') {
      walk(getDict(ctx, font, 'Resources'), false, depth + 1);
      return;
    }
    const program = programOf(ctx, font);
    if (typeof program !== 'object') return;
    const tag = program.ref.tag;
    if (!isRead) usage.unread.add(tag);
    const users = usage.users.get(tag) ?? new Set<PDFDict>();
    users.add(font);
    usage.users.set(tag, users);
  };
  const walk = (resources: PDFDict | undefined, isRead: boolean, depth: number): void => {
    if (!resources) return;
    if (depth > MAX_RESOURCE_DEPTH) throw new Unsure('the resources nest too deeply');
    const walked = isRead ? seen.read : seen.unread;
    if (walked.has(resources)) return;
    walked.add(resources);
    const fonts = getDict(ctx, resources, 'Font');
    for (const value of fonts?.values() ?? []) noteFont(asDict(ctx, value), isRead, depth);
    const xobjects = getDict(ctx, resources, 'XObject');
    for (const value of xobjects?.values() ?? []) {
      const form = resolve(ctx, value);
      if (form instanceof PDFStream && getName(ctx, form.dict, 'Subtype') === 'Form')
        walk(getDict(ctx, form.dict, 'Resources'), isRead, depth + 1);
    }
    const patterns = getDict(ctx, resources, 'Pattern');
    for (const value of patterns?.values() ?? [])
      walk(getDict(ctx, asDict(ctx, value), 'Resources'), false, depth + 1);
    const states = getDict(ctx, resources, 'ExtGState');
    for (const value of states?.values() ?? []) {
      const state = asDict(ctx, value);
      const font = getArray(ctx, state, 'Font');
      noteFont(asDict(ctx, font?.get(0)), false, depth);
      const group = getDict(ctx, getDict(ctx, state, 'SMask'), 'G');
      walk(getDict(ctx, group, 'Resources'), false, depth + 1);
    }
  };
  for (const page of pages) walk(page.resources, true, 0);
  return usage;
}

/** CID → glyph id through the descendant font's /CIDToGIDMap (Identity when absent). */
function glyphOfCid(ctx: PDFContext, cidFont: PDFDict): (cid: number) => number {
  const map = resolve(ctx, cidFont.get(PDFName.of('CIDToGIDMap')));
  if (map === undefined || (map instanceof PDFName && map.decodeText() === 'Identity')) return (cid) => cid;
  if (!(map instanceof PDFStream)) throw new Unsure('its glyph map is malformed');
  const table = streamBytes(map, MAX_PROGRAM_BYTES);
  return (cid) => ((table[cid * 2] ?? 0) << 8) | (table[cid * 2 + 1] ?? 0);
}

/** code → CID through a composite font's encoding (Identity or an embedded CMap). */
function cidOfCode(ctx: PDFContext, font: PDFDict): (code: number) => number {
  const encoding = resolve(ctx, font.get(PDFName.of('Encoding')));
  if (encoding instanceof PDFName && ['Identity-H', 'Identity-V'].includes(encoding.decodeText()))
    return (code) => code;
  if (encoding instanceof PDFStream) {
    const cmap = parseCMap(streamBytes(encoding, MAX_PROGRAM_BYTES));
    if (cmap.usesCMap && cmap.usesCMap !== 'Identity-H') throw new Unsure('its character map is not read');
    // As fonts.ts type0Font reads it: a CMap that gives no CIDs (only a codespace) leaves codes as CIDs.
    if (cmap.cids.size === 0 && cmap.cidRanges.length === 0) return (code) => code;
    return (code) => cidFor(cmap, code) ?? 0;
  }
  throw new Unsure('its character map is not read');
}

const descendantOf = (ctx: PDFContext, font: PDFDict) =>
  asDict(ctx, getArray(ctx, font, 'DescendantFonts')?.get(0));

function cidGlyphs(ctx: PDFContext, font: PDFDict, codes: Iterable<number>): number[] {
  const cidFont = descendantOf(ctx, font);
  if (!cidFont) throw new Unsure('it has no descendant font');
  const toCid = cidOfCode(ctx, font);
  const glyphOf = glyphOfCid(ctx, cidFont);
  return Array.from(codes, (code) => glyphOf(toCid(code)));
}

/** Glyph names of a simple font's codes: its /Encoding's base table with /Differences on top. */
function encodingNames(ctx: PDFContext, font: PDFDict): Map<number, string> {
  const encoding = resolve(ctx, font.get(PDFName.of('Encoding')));
  const dict = encoding instanceof PDFDict ? encoding : undefined;
  const baseName = encoding instanceof PDFName ? encoding.decodeText() : getName(ctx, dict, 'BaseEncoding');
  const names = new Map(ENCODINGS[baseName ?? 'StandardEncoding'] ?? ENCODINGS.StandardEncoding);
  let code = 0;
  for (const item of getArray(ctx, dict, 'Differences')?.asArray() ?? []) {
    const v = resolve(ctx, item);
    if (v instanceof PDFName) names.set(code++, v.decodeText());
    else if (v instanceof PDFNumber) code = v.asNumber();
  }
  return names;
}

/**
 * Glyphs a simple TrueType font's codes may draw. Viewers differ in which character map of the
 * program they consult and how (ISO 32000 9.6.6.4 leaves room), so every reading any of them
 * uses counts: a glyph reachable from a kept code in any of them is kept.
 */
function simpleGlyphs(
  ctx: PDFContext,
  font: PDFDict,
  codes: Iterable<number>,
  subtables: CmapSubtable[],
  model: FontModel | undefined,
): number[] {
  const maps = subtables.flatMap((s) => (s.map ? [s.map] : []));
  if (maps.length === 0) throw new Unsure('its program has no character map the engine reads');
  const names = encodingNames(ctx, font);
  const macCodeOf = new Map([...(ENCODINGS.MacRomanEncoding ?? [])].map(([c, n]) => [n, c]));
  const out: number[] = [];
  for (const code of codes) {
    const keys = new Set([code, 0xf000 | code, 0xf100 | code, 0xf200 | code]);
    const name = names.get(code);
    for (const text of [name ? unicodeOfGlyphName(name) : '', model?.unicode(code) ?? '']) {
      const u = text.codePointAt(0);
      if (u !== undefined) keys.add(u);
    }
    const mac = name ? macCodeOf.get(name) : undefined;
    if (mac !== undefined) keys.add(mac);
    let found = false;
    for (const map of maps) {
      for (const key of keys) {
        const glyph = map.get(key);
        if (glyph !== undefined) {
          out.push(glyph);
          found = true;
        }
      }
    }
    // Without a map entry a viewer falls back on glyph names or on the code itself: unknown.
    if (!found) throw new Unsure('a character it still draws is not in its own character map');
  }
  return out;
}

function keptGlyphs(
  ctx: PDFContext,
  run: KeptGlyphs,
  font: TrueTypeProgram,
  users: Set<PDFDict>,
): Set<number> {
  // A program may be shared by simple and composite fonts; only simple ones read its cmap.
  const isCid = (user: PDFDict) => getName(ctx, user, 'Subtype') === 'Type0';
  const subtables = [...users].some((u) => !isCid(u)) ? cmapSubtables(font) : [];
  const glyphs: number[] = [];
  for (const user of users) {
    if (run.unreadFonts.has(user)) throw new Unsure('some of its text could not be read');
    const codes = run.keptCodes.get(user)?.keys() ?? [];
    const model = run.fonts.get(user);
    const more = isCid(user)
      ? cidGlyphs(ctx, user, codes)
      : simpleGlyphs(ctx, user, codes, subtables, model instanceof Error ? undefined : model);
    // A loop, not push(...more): spreading throws RangeError past about a hundred thousand glyphs.
    for (const g of more) glyphs.push(g);
  }
  return closeOverComponents(font, glyphs);
}

/** A CID-keyed CFF program keeps the glyphs of the CIDs its composite fonts still draw. */
function emptyCff(ctx: PDFContext, run: KeptGlyphs, program: Program, users: Set<PDFDict>): void {
  const font = readCidCff(streamBytes(program.stream, MAX_PROGRAM_BYTES));
  const keep = new Set<number>([0]);
  for (const user of users) {
    if (run.unreadFonts.has(user)) throw new Unsure('some of its text could not be read');
    const toCid = cidOfCode(ctx, user);
    for (const code of run.keptCodes.get(user)?.keys() ?? [])
      keep.add(Math.max(font.glyphOfCid[toCid(code)] ?? 0, 0));
  }
  const cleaned = font.empty(keep);
  if (cleaned.every((b, i) => b === font.bytes[i])) return;
  ctx.assign(program.ref, flateStream(ctx, cleaned, { Subtype: 'CIDFontType0C' }));
}

/**
 * Widths of codes no longer drawn are taken out too: a producer that lists only the characters
 * it used (or, for a composite font, the glyph ids, which in a known font are known letters)
 * would otherwise still name the removed ones. Kept codes keep their exact widths.
 */
function pruneWidths(ctx: PDFContext, font: PDFDict, run: KeptGlyphs, usage: Usage): void {
  const subtype = getName(ctx, font, 'Subtype');
  if (subtype === 'Type0') {
    const descendant = descendantOf(ctx, font);
    if (!descendant || !getArray(ctx, descendant, 'W')) return;
    // Every composite font of the output that shares this descendant draws through its /W.
    const widths = new Map<number, number>();
    for (const other of usage.fonts) {
      if (other !== font && descendantOf(ctx, other) !== descendant) continue;
      const model = run.fonts.get(other);
      if (!model || model instanceof Error || run.unreadFonts.has(other) || usage.unreadFonts.has(other))
        return;
      const toCid = cidOfCode(ctx, other);
      for (const code of run.keptCodes.get(other)?.keys() ?? [])
        widths.set(toCid(code), Number((model.width(code) * 1000).toFixed(3)));
    }
    const list: Array<number | number[]> = [];
    let widthRun: number[] = [];
    let last = -2;
    for (const cid of [...widths.keys()].sort((a, b) => a - b)) {
      if (cid !== last + 1) {
        widthRun = [];
        list.push(cid, widthRun);
      }
      widthRun.push(widths.get(cid) ?? 0);
      last = cid;
    }
    descendant.set(PDFName.of('W'), ctx.obj(list));
    return;
  }
  if (subtype === 'Type3') return; // its glyph procedures are cut down by the font inventory step
  const widths = getArray(ctx, font, 'Widths');
  if (!widths || run.unreadFonts.has(font) || usage.unreadFonts.has(font)) return;
  const first = getNumber(ctx, font, 'FirstChar') ?? 0;
  const kept = run.keptCodes.get(font);
  // A new array: a /Widths array shared with another font stays as it is for that font.
  font.set(
    PDFName.of('Widths'),
    ctx.obj(widths.asArray().map((w, i) => (kept?.has(first + i) ? w : PDFNumber.of(0)))),
  );
}

/**
 * Empties, in every embedded TrueType program of a font that lost glyphs, the glyphs the output
 * no longer draws, and drops the widths of codes it no longer draws. `pages` are the output's
 * pages. Returns a plain sentence per font in the output that may still hold removed letters
 * (left whole, with the reason), for the report.
 */
export function emptyRemovedGlyphs(
  ctx: PDFContext,
  pages: Array<{ resources: PDFDict }>,
  run: KeptGlyphs,
): string[] {
  if (run.fontsWithRemovals.size === 0) return [];
  const leftWhole = (font: PDFDict | string, why: string) =>
    `The font ${typeof font === 'string' ? font : fontLabel(ctx, font)} may still hold the shapes of removed letters: ${why}.`;
  let usage: Usage;
  try {
    usage = usageOf(ctx, pages);
  } catch (error) {
    const why = error instanceof Unsure ? error.message : 'its resources could not be read';
    return [...run.fontsWithRemovals].map((font) => leftWhole(font, why));
  }
  const notes: string[] = [];
  const candidates = new Map<string, { program: Program; label: string }>();
  for (const font of run.fontsWithRemovals) {
    if (!usage.fonts.has(font)) continue; // not in the output (its page fell back or lost all text)
    try {
      pruneWidths(ctx, font, run, usage);
    } catch (error) {
      if (!(error instanceof Unsure || error instanceof StreamDecodeError)) throw error;
    }
    const program = programOf(ctx, font);
    if (typeof program === 'string') notes.push(leftWhole(font, program));
    else if (program) candidates.set(program.ref.tag, { program, label: fontLabel(ctx, font) });
  }
  for (const [tag, { program, label }] of candidates) {
    const users = usage.users.get(tag) ?? new Set<PDFDict>();
    try {
      if (usage.unread.has(tag))
        throw new Unsure('it is also used by content whose text the engine does not read');
      if (program.kind === 'cff') {
        emptyCff(ctx, run, program, users);
        continue;
      }
      const font = readTrueType(streamBytes(program.stream, MAX_PROGRAM_BYTES));
      const hasOutline = (g: number) => (font.glyphStart[g + 1] ?? 0) > (font.glyphStart[g] ?? 0);
      let outlined = false; // a glyphless font (invisible OCR text) holds no shapes to take out
      for (let g = 1; g < font.numGlyphs && !outlined; g++) outlined = hasOutline(g);
      if (!outlined) continue;
      const keep = keptGlyphs(ctx, run, font, users);
      let removable = false;
      for (let g = 0; g < font.numGlyphs && !removable; g++) removable = hasOutline(g) && !keep.has(g);
      if (!removable) continue;
      const cleaned = withOnlyGlyphs(font, keep);
      ctx.assign(program.ref, flateStream(ctx, cleaned, { Length1: cleaned.length }));
    } catch (error) {
      if (
        !(error instanceof Unsure || error instanceof FontProgramError || error instanceof StreamDecodeError)
      )
        throw error;
      notes.push(leftWhole(label, error.message));
    }
  }
  return notes;
}
