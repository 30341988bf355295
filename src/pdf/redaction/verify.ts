// Independent check of the output before anyone gets it (fail closed). pdf.js, a different
// parser from the one that wrote the file, reads it back: no character may sit inside a region,
// no removed word may be found more often than the text that was kept explains, and no removed
// word may be found in any decompressed content stream or string in any common encoding.
// Then the structure: one revision, no encryption, nothing but the page tree, nothing unreachable.
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  type PDFObject,
  PDFStream,
  PDFString,
} from '@cantoo/pdf-lib';
import { searchableTextOf } from '../find/pageText';
import { boxOfSpan, type PageRuns, readPageRuns, withPdf } from '../pdfjs';
import { joinBytes, latin1 } from './bytes';
import { Lexer, TOKEN } from './contentStream';
import { decodeStream } from './deflate';
import { reachableRefs } from './rebuild';

export type DisplayRect = { x: number; y: number; width: number; height: number };
export type PageRegions = { page: number; regions: DisplayRect[]; labels: Set<string> };

export type Verified =
  | { ok: true; textItemsChecked: number; stringsSearched: number; streamsScanned: number }
  | { ok: false; reason: string };

// Characters are placed by an even split of each pdf.js item; an estimate, so a character only
// counts as inside when its centre is this far (points) within the region.
const CENTRE_MARGIN = 0.5;
const MIN_WORD = 4;

const ALLOWED_CATALOG = new Set(['Type', 'Pages']);
const ALLOWED_PAGE = new Set([
  'Type',
  'Parent',
  'MediaBox',
  'CropBox',
  'BleedBox',
  'TrimBox',
  'ArtBox',
  'Rotate',
  'UserUnit',
  'Group',
  'Resources',
  'Contents',
]);

// NFKC leaves ASCII as it is; most strings searched are ASCII, and normalising is the cost.
const NOT_ASCII = /[\u0080-\uffff]/;
export const normaliseText = (s: string) =>
  (NOT_ASCII.test(s) ? s.normalize('NFKC') : s).toLowerCase().replace(/\s+/g, '');

/** How often the ASCII `needle` occurs in `bytes` (as a whole name: not followed by a letter or digit). */
function occurrences(bytes: Uint8Array, needle: string, wholeName = false): number {
  const first = needle.charCodeAt(0);
  let n = 0;
  for (
    let i = bytes.indexOf(first);
    i >= 0 && i + needle.length <= bytes.length;
    i = bytes.indexOf(first, i + 1)
  ) {
    let j = 1;
    while (j < needle.length && bytes[i + j] === needle.charCodeAt(j)) j++;
    if (j < needle.length) continue;
    const next = bytes[i + needle.length];
    if (wholeName && next !== undefined && /[A-Za-z0-9_]/.test(String.fromCharCode(next))) continue;
    n++;
  }
  return n;
}

function countOf(haystack: string, needle: string): number {
  let n = 0;
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) n++;
  return n;
}

/** The letters-and-digits words of a text, folded as find folds it (NFKC, lower case). */
export const wordsOf = (text: string): string[] =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu) ?? [];

/**
 * A document's text read exactly as find reads it (items joined, white space and line ends
 * kept as one space, lower case), so the words a search found are counted as the same words
 * here. With white space stripped instead, neighbours run together ("can be" + "comes") and a
 * page whose items pdf.js groups differently after an edit shows words the original did not.
 */
export function searchableText(runs: PageRuns[]): string {
  return runs.map((page) => searchableTextOf(page).normalize('NFKC').toLowerCase()).join('\n');
}

function contains(r: DisplayRect, b: DisplayRect) {
  return (
    b.x >= r.x - CENTRE_MARGIN &&
    b.y >= r.y - CENTRE_MARGIN &&
    b.x + b.width <= r.x + r.width + CENTRE_MARGIN &&
    b.y + b.height <= r.y + r.height + CENTRE_MARGIN
  );
}

function meets(r: DisplayRect, b: DisplayRect, slack: number) {
  return (
    r.x <= b.x + b.width + slack &&
    b.x <= r.x + r.width + slack &&
    r.y <= b.y + b.height + slack &&
    b.y <= r.y + r.height + slack
  );
}

function insideBy(r: DisplayRect, x: number, y: number, marginX: number, marginY: number) {
  return (
    x > r.x + marginX && x < r.x + r.width - marginX && y > r.y + marginY && y < r.y + r.height - marginY
  );
}

function checkGeometry(runs: PageRuns[], regions: PageRegions[]): { reason?: string; checked: number } {
  let checked = 0;
  const failure = (page: number) => ({
    reason: `text is still readable under a redaction on page ${page}`,
    checked,
  });
  for (const pr of regions) {
    const page = runs.find((p) => p.page === pr.page);
    if (!page) continue;
    for (const run of page.runs) {
      checked++;
      if (pr.labels.has(run.str.trim()) || !run.str.trim()) continue;
      const whole = boxOfSpan(run);
      // A whole item inside a region is text left under it, however short.
      if (pr.regions.some((r) => contains(r, whole))) return failure(pr.page);
      // Every character's centre lies in the item's box, so only regions that meet the box
      // (with a point to spare for rounding) can hold one: most items meet none.
      const near = pr.regions.filter((r) => meets(r, whole, 1));
      if (near.length === 0) continue;
      // pdf.js gives no per-glyph positions: glyphs are placed by an even split of the item,
      // which can be off by up to about a character along the text, so that much is allowed.
      const chars = [...run.str];
      const step = run.length / Math.max(chars.length, 1);
      const along = Math.max(CENTRE_MARGIN, step);
      const horizontal = Math.abs(run.advance.x) >= Math.abs(run.advance.y);
      for (let i = 0; i < chars.length; i++) {
        if (!chars[i]?.trim()) continue;
        const b = boxOfSpan(run, i * step, (i + 1) * step);
        const cx = b.x + b.width / 2;
        const cy = b.y + b.height / 2;
        const [mx, my] = horizontal ? [along, CENTRE_MARGIN] : [CENTRE_MARGIN, along];
        if (near.some((r) => insideBy(r, cx, cy, mx, my))) return failure(pr.page);
      }
    }
  }
  return { checked };
}

/** A string's bytes read as single-byte text and as UTF-16BE, lower-cased and without white space. */
function readings(bytes: Uint8Array): string[] {
  let utf16 = '';
  for (let i = 0; i + 1 < bytes.length; i += 2)
    utf16 += String.fromCharCode(((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0));
  return [normaliseText(latin1(bytes)), normaliseText(utf16)];
}

/** The string operands of a content-like stream, or undefined when it is not token syntax. */
function stringsInStream(bytes: Uint8Array): Uint8Array[] | undefined {
  const lexer = new Lexer(bytes);
  const out: Uint8Array[] = [];
  try {
    for (let kind = lexer.scan(); kind !== TOKEN.END; kind = lexer.scan()) {
      if (kind === TOKEN.OPERAND && lexer.operand.kind === 'string') out.push(lexer.operand.bytes);
      // Inline image data follows ID; skip to its end rather than lex binary bytes.
      else if (kind === TOKEN.KEYWORD && lexer.word === 'ID') {
        let p = lexer.pos;
        while (
          p < bytes.length - 1 &&
          !(
            bytes[p] === 0x45 &&
            bytes[p + 1] === 0x49 &&
            (bytes[p + 2] === undefined ||
              bytes[p + 2] === 0x20 ||
              bytes[p + 2] === 0x0a ||
              bytes[p + 2] === 0x0d)
          )
        )
          p++;
        lexer.pos = p + 2;
      }
    }
  } catch {
    return undefined;
  }
  return out;
}

function isFontProgramOrImage(dict: PDFDict): boolean {
  const subtype = dict.get(PDFName.of('Subtype'));
  const st = subtype instanceof PDFName ? subtype.decodeText() : '';
  return (
    dict.has(PDFName.of('Length1')) ||
    ['Type1C', 'CIDFontType0C', 'OpenType', 'Image'].includes(st) ||
    dict.has(PDFName.of('N'))
  );
}

export async function verifyOutput(
  output: Uint8Array,
  regions: PageRegions[],
  removedWords: Set<string>,
  originalText: string,
): Promise<Verified> {
  // Searched as bytes: the file can be megabytes of image data, too big to copy into a string.
  if (occurrences(output, 'startxref') !== 1)
    return { ok: false, reason: 'the output would carry more than one revision' };
  if (occurrences(output, '/Prev', true) > 0 || occurrences(output, '/Encrypt', true) > 0)
    return { ok: false, reason: 'the output would keep history or encryption' };

  const doc = await PDFDocument.load(output, { updateMetadata: false });
  const ctx = doc.context;
  const catalog = ctx.lookup(ctx.trailerInfo.Root);
  if (!(catalog instanceof PDFDict) || catalog.keys().some((k) => !ALLOWED_CATALOG.has(k.decodeText()))) {
    return { ok: false, reason: 'the output catalogue holds more than the pages' };
  }
  for (const page of doc.getPages()) {
    if (page.node.keys().some((k) => !ALLOWED_PAGE.has(k.decodeText())))
      return { ok: false, reason: 'a page of the output holds more than its content' };
  }
  const reachable = reachableRefs(ctx, Number.POSITIVE_INFINITY);
  const all = ctx.enumerateIndirectObjects();
  if (all.some(([ref]) => !reachable.has(ref.tag)))
    return { ok: false, reason: 'the output holds objects nothing refers to' };

  const outRuns = await withPdf(output, {}, (d) => readPageRuns(d));
  const geometry = checkGeometry(outRuns, regions);
  if (geometry.reason) return { ok: false, reason: geometry.reason };

  const outSearchable = searchableText(outRuns);
  const words = [...new Set([...removedWords].flatMap(wordsOf))].filter((w) => w.length >= MIN_WORD);
  for (const w of words) {
    const before = countOf(originalText, w);
    if (before > 0 && countOf(outSearchable, w) > before - 1)
      return { ok: false, reason: 'removed text can still be extracted from the output' };
  }
  const outText = normaliseText(outRuns.map((p) => p.runs.map((r) => r.str).join('')).join(''));

  // Every string in the file (object strings and the strings inside every decompressed stream
  // but font programs and images), read as single bytes and as UTF-16BE, each stream's strings
  // also joined so that text split over several strings (kerning) is still found.
  const haystacks: string[] = [];
  let streams = 0;
  const collectStrings = (o: PDFObject | undefined, depth: number) => {
    if (!o || depth > 32) return;
    if (o instanceof PDFString || o instanceof PDFHexString) haystacks.push(...readings(o.asBytes()));
    else if (o instanceof PDFDict) for (const v of o.values()) collectStrings(v, depth + 1);
    else if (o instanceof PDFArray) for (const v of o.asArray()) collectStrings(v, depth + 1);
  };
  // The Info dictionary is ours (one fixed Producer string), not text from the original.
  const info = ctx.trailerInfo.Info;
  for (const [ref, obj] of all) {
    if (ref === info) continue;
    if (obj instanceof PDFStream) {
      collectStrings(obj.dict, 0);
      if (isFontProgramOrImage(obj.dict)) continue;
      let bytes: Uint8Array;
      try {
        bytes = decodeStream(obj);
      } catch {
        continue; // undecodable streams are images or fonts in filters we do not read
      }
      streams++;
      const pieces = stringsInStream(bytes);
      if (pieces) {
        for (const p of pieces) haystacks.push(...readings(p));
        haystacks.push(...readings(joinBytes(pieces)));
      } else {
        // Not token syntax: search the bytes themselves.
        haystacks.push(normaliseText(latin1(bytes)));
      }
    } else collectStrings(obj, 0);
  }
  // One string to search: the separator never occurs in a normalised word.
  const everything = haystacks.join('\u0000');
  for (const w of words) {
    if (outText.includes(w)) continue; // kept elsewhere on purpose; the count rule above applies
    if (everything.includes(w)) {
      return { ok: false, reason: 'removed text is still stored inside the output file' };
    }
  }
  return {
    ok: true,
    textItemsChecked: geometry.checked,
    stringsSearched: words.length,
    streamsScanned: streams,
  };
}
