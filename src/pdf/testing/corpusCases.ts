// Suite (b)'s plan: for each file of /work/shared/pdf-corpus, the ways it is redacted (a word,
// a line, a whole page, a region over the middle of the page where scans and figures sit, a
// region on a rotated page), and, from the original's text as pdf.js reads it, what each way
// must remove (words only inside the regions) and what must survive (words only outside).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findText } from '../find';
import { extractTextItems, type PageText, type PageTextItem } from '../pdfjs';
import type { FixtureRegion } from './leakFixtures';
import { mutoolText, pdftotextWords } from './oracles';

// The team's shared library sits beside the repository (../shared); CLEARWAY_PDF_CORPUS overrides.
export const CORPUS_DIR =
  process.env.CLEARWAY_PDF_CORPUS ?? join(import.meta.dirname, '../../../../shared/pdf-corpus');

/** Passwords from the corpus README. */
export const CORPUS_PASSWORDS: Record<string, string> = {
  'issue6010_1.pdf': 'abc',
  'issue3371.pdf': 'ELXRTQWS',
  'issue7665.pdf': '',
  'issue17215.pdf': '',
};

export const corpusFiles = (): string[] =>
  readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith('.pdf'))
    .sort();

export const readCorpus = (file: string): Uint8Array => new Uint8Array(readFileSync(join(CORPUS_DIR, file)));

export type Mode = 'word' | 'line' | 'page' | 'middle' | 'rotated';
export const MODES: readonly Mode[] = ['word', 'line', 'page', 'middle', 'rotated'];

export type CorpusCase = {
  regions: FixtureRegion[];
  /** Words (lower case) that appear only under the regions: no oracle may read them afterwards. */
  removed: string[];
  /**
   * Words (lower case, three letters or more) seen only in text clear of every region, with how
   * often they occur there: ≥ 99 % of those occurrences must survive.
   */
  kept: Map<string, number>;
};

const LABEL = 's40(2)';
const MIN_SECRET_LETTERS = 5;
const MAX_SECRETS = 30;

// Format characters (soft hyphens, zero-width joiners) are dropped first: /ActualText often
// carries them and the engine removes /ActualText, so they would split words differently.
export const tokens = (text: string): string[] =>
  text
    .replace(/\p{Cf}/gu, '')
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu) ?? [];

type Box = { x: number; y: number; width: number; height: number };
const intersects = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const inside = (a: Box, b: Box) =>
  a.x >= b.x && a.y >= b.y && a.x + a.width <= b.x + b.width && a.y + a.height <= b.y + b.height;

function pad(box: Box, by: number): Box {
  return { x: box.x - by, y: box.y - by, width: box.width + 2 * by, height: box.height + 2 * by };
}

/**
 * What a redaction must remove and keep, judged on poppler's own words and boxes so that the
 * before/after comparison uses one extractor: words wholly inside the regions and nowhere else
 * are `removed`; words clear of every region (by a point) are `kept`.
 */
async function classify(
  pdf: Uint8Array,
  password: string | undefined,
  pages: PageText[],
  regions: FixtureRegion[],
  secretWord?: string,
): Promise<CorpusCase> {
  const [words, mupdf] = await Promise.all([pdftotextWords(pdf, password), mutoolText(pdf, password)]);
  // Only visible page content counts as kept: poppler also prints annotation and form
  // appearances and hidden layers, which a release drops by design. pdf.js's text content holds
  // page content alone; MuPDF's rendering leaves hidden layers out.
  const seen = new Set(tokens(mupdf.text));
  const content = new Set(
    pages.flatMap((p) => p.items.flatMap((i) => tokens(i.str))).filter((w) => seen.has(w)),
  );
  const inRegions: string[] = [];
  const clear = new Map<string, number>();
  const touchedWords = new Set<string>();
  for (const placed of words) {
    const mine = regions.filter((r) => r.page === placed.page);
    const found = tokens(placed.word);
    if (!mine.some((r) => intersects(pad(placed, 1), r)))
      for (const w of found) clear.set(w, (clear.get(w) ?? 0) + 1);
    else {
      for (const w of found) touchedWords.add(w);
      if (mine.some((r) => inside(placed, r))) inRegions.push(...found);
    }
  }
  const keptText = [...clear.keys()].join(' ');
  const removed = secretWord
    ? [secretWord]
    : [...new Set(inRegions)]
        .filter((w) => w.length >= MIN_SECRET_LETTERS && /^\p{L}+$/u.test(w) && !keptText.includes(w))
        .slice(0, MAX_SECRETS);
  // A word also seen under a region, or containing a removed word, may legitimately lose
  // occurrences; one or two letters are too easily glued to a neighbour cut by a region.
  const kept = new Map(
    [...clear].filter(
      ([w]) => w.length >= 3 && content.has(w) && !touchedWords.has(w) && !removed.some((r) => w.includes(r)),
    ),
  );
  return { regions, removed, kept };
}

const firstItem = (pages: PageText[], test: (item: PageTextItem, page: PageText) => boolean) => {
  for (const page of pages) for (const item of page.items) if (test(item, page)) return { page, item };
  return undefined;
};

/** The regions and expectations of one way of redacting one file; undefined when it does not apply. */
export async function planCase(file: string, pdf: Uint8Array, mode: Mode): Promise<CorpusCase | undefined> {
  const password = CORPUS_PASSWORDS[file];
  const pages = await extractTextItems(pdf, password === undefined ? {} : { password });
  const first = pages[0];
  if (!first) return undefined;
  switch (mode) {
    case 'word': {
      const word = tokens(pages.flatMap((p) => p.items.map((i) => i.str)).join(' ')).find(
        (w) => w.length >= MIN_SECRET_LETTERS && /^\p{L}+$/u.test(w),
      );
      if (!word) return undefined;
      const found = await findText(pdf, word, password === undefined ? {} : { password });
      if (found.length === 0) return undefined;
      return classify(
        pdf,
        password,
        pages,
        found.map((f) => ({ page: f.page, x: f.x, y: f.y, width: f.width, height: f.height, label: LABEL })),
        word,
      );
    }
    case 'line': {
      const hit = firstItem(pages, (item) => tokens(item.str).length >= 3);
      if (!hit) return undefined;
      return classify(pdf, password, pages, [{ page: hit.page.page, ...pad(hit.item, 0.5), label: LABEL }]);
    }
    case 'page':
      return classify(pdf, password, pages, [
        { page: 1, x: 0, y: 0, width: first.width, height: first.height, label: LABEL },
      ]);
    case 'middle':
      return classify(pdf, password, pages, [
        {
          page: 1,
          x: first.width / 3,
          y: first.height / 3,
          width: first.width / 3,
          height: first.height / 3,
          label: LABEL,
        },
      ]);
    case 'rotated': {
      const hit = firstItem(pages, (item, page) => page.rotation !== 0 && tokens(item.str).length > 0);
      if (!hit) return undefined;
      return classify(pdf, password, pages, [{ page: hit.page.page, ...pad(hit.item, 0.5), label: LABEL }]);
    }
  }
}

const bagOf = (text: string): Map<string, number> => {
  const bag = new Map<string, number>();
  for (const w of tokens(text)) bag.set(w, (bag.get(w) ?? 0) + 1);
  return bag;
};

/**
 * The share of the kept words' occurrences (counted in the original, clear of the regions) that
 * `after` (same extractor, pdftotext) still has.
 */
export function survival(kept: Map<string, number>, after: string): number {
  const now = bagOf(after);
  let total = 0;
  let survived = 0;
  for (const [word, count] of kept) {
    total += count;
    survived += Math.min(count, now.get(word) ?? 0);
  }
  return total === 0 ? 1 : survived / total;
}
