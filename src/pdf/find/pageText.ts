// The searchable text of a page: pdf.js's text items joined in reading order, runs of white
// space (line breaks included) collapsed to one space so a search for "John Smith" finds it
// when the line breaks between the two words, lower-cased for case-insensitive search, and
// every character traced back to where it lies on the page so a match becomes regions.
import { boxOfSpan, type PageRuns, type TextRun } from '../pdfjs';
import { charWeight } from './charWidths';

/** Where one character of the searchable text sits: a span along one text run. */
type CharSource = { run: number; from: number; to: number };

export type SearchablePage = {
  page: number;
  runs: TextRun[];
  /** Page text, white space collapsed, original case. */
  text: string;
  /** `text` lower-cased character by character: same length, same indices. */
  folded: string;
  /** For each UTF-16 unit of `text`, where it lies (null for a space that stands for a line break). */
  sources: (CharSource | null)[];
};

/** A region found on a page: the shape of a Redaction, with the text it covers. */
export type Finding = { page: number; x: number; y: number; width: number; height: number; text: string };

// Glyph positions inside an item are estimates, so each region is widened by this share of
// the item's average character width on both sides: enough to cover the estimate's error on
// the first and last glyph of the match (the engine removes any glyph a region touches),
// small enough not to reach past the space into the next word.
const PAD_SHARE_OF_AVERAGE_CHAR = 0.15;

// Printable ASCII, most of any page, is never white space; the regular expression is the rule.
const isSpace = (ch: string): boolean => {
  const c = ch.charCodeAt(0);
  return !(c > 0x20 && c < 0x7f) && /\s/u.test(ch);
};
const NOT_ASCII = /[\u0080-\uffff]/;

function lowerSameLength(ch: string): string {
  const lower = ch.toLowerCase();
  return lower.length === ch.length ? lower : ch;
}

/** Each character's span along the run, sharing the run's length out by character weights. */
function spansOf(run: TextRun): { ch: string; from: number; to: number }[] {
  const chars = Array.from(run.str);
  const weights = chars.map((ch) => charWeight(ch.codePointAt(0) ?? 0));
  const total = weights.reduce((sum, w) => sum + w, 0) || 1;
  let at = 0;
  return chars.map((ch, i) => {
    const from = (at / total) * run.length;
    at += weights[i] ?? 0;
    return { ch, from, to: (at / total) * run.length };
  });
}

export function toSearchable(page: PageRuns): SearchablePage {
  let text = '';
  const sources: (CharSource | null)[] = [];
  const pushSpace = () => {
    if (text !== '' && !text.endsWith(' ')) {
      text += ' ';
      sources.push(null);
    }
  };
  page.runs.forEach((run, runIndex) => {
    for (const { ch, from, to } of spansOf(run)) {
      if (isSpace(ch)) {
        pushSpace();
        continue;
      }
      text += ch;
      // A character outside the Basic Multilingual Plane is two UTF-16 units: both map here.
      for (let unit = 0; unit < ch.length; unit++) sources.push({ run: runIndex, from, to });
    }
    if (run.hasEOL) pushSpace();
  });
  // ASCII lower-cases letter by letter; other text is folded a character at a time, so that
  // no character changes length (and context rules such as a final sigma do not apply).
  const folded = !NOT_ASCII.test(text) ? text.toLowerCase() : Array.from(text, lowerSameLength).join('');
  return { page: page.page, runs: page.runs, text, folded, sources };
}

/**
 * `toSearchable(page).text` without tracing each character back to the page (for counting
 * words): items joined, every run of white space and line ends one space, none at the start.
 */
export function searchableTextOf(page: PageRuns): string {
  const joined = page.runs.map((run) => (run.hasEOL ? `${run.str} ` : run.str)).join('');
  return joined.replace(/\s+/gu, ' ').replace(/^ /, '');
}

/** Collapses white space and trims, as the page text is, so a query lines up with it. */
export function normaliseQuery(query: string): string {
  return Array.from(query.trim().replace(/\s+/gu, ' '), lowerSameLength).join('');
}

/** The regions (one per text run touched) covering `text[start, end)`. */
export function regionsOf(page: SearchablePage, start: number, end: number): Finding[] {
  const matched = page.text.slice(start, end);
  const perRun = new Map<number, { from: number; to: number }>();
  for (let i = start; i < end; i++) {
    const source = page.sources[i];
    if (!source) continue;
    const span = perRun.get(source.run);
    perRun.set(
      source.run,
      span
        ? { from: Math.min(span.from, source.from), to: Math.max(span.to, source.to) }
        : { from: source.from, to: source.to },
    );
  }
  const findings: Finding[] = [];
  for (const [runIndex, span] of perRun) {
    const run = page.runs[runIndex];
    if (!run) continue;
    const characters = Math.max(1, Array.from(run.str).length);
    const pad = (run.length / characters) * PAD_SHARE_OF_AVERAGE_CHAR;
    findings.push({ page: page.page, ...boxOfSpan(run, span.from - pad, span.to + pad), text: matched });
  }
  return findings;
}
