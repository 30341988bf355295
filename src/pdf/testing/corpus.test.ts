// Suite (b): every file of the pdf.js corpus redacted in several ways. The engine either
// refuses with a sentence, or its output passes every independent check: qpdf finds it sound;
// no removed word can be read by pdftotext, mutool or (for long words) the raw stream scan; at
// least 99 % of the other words survive (poppler's words and boxes, before and after).
import { afterAll, describe, expect, it } from 'vitest';
import { findText } from '../find';
import { redact } from '../redaction';
import { CORPUS_PASSWORDS, corpusFiles, MODES, planCase, readCorpus, survival } from './corpusCases';
import { mutoolText, pdftotext, pdftotextWords, qpdfCheck, squash } from './oracles';
import { findSecret } from './rawScan';

const MIN_SURVIVAL = 0.99;
// Short words also occur inside keys and binary data; the raw scan looks only for removed words
// long enough to be text, and skips PDF names (a removed word "Helvetica" is also a font name).
const RAW_SCAN_MIN_LETTERS = 8;
const CASE_TIMEOUT_MS = 180_000;

const outcomes: string[] = [];
afterAll(() => {
  if (outcomes.length > 0) console.log(`Corpus:\n${outcomes.join('\n')}`);
});

const FIXED_REGION = { page: 1, x: 72, y: 72, width: 100, height: 20, label: 's40(2)' };

describe.each(corpusFiles())('%s', (file) => {
  const pdf = readCorpus(file);
  const password = CORPUS_PASSWORDS[file];
  const withPassword = password === undefined ? {} : { password };

  it.each(MODES)(
    'redacted by %s: clean output or a plain refusal',
    async (mode) => {
      let plan: Awaited<ReturnType<typeof planCase>>;
      try {
        plan = await planCase(file, pdf, mode);
      } catch {
        // pdf.js cannot read the original (a page-tree loop): the engine must refuse it too.
        const result = await redact(pdf, [FIXED_REGION], withPassword);
        outcomes.push(
          `  ${file} ${mode}: unreadable original; engine ${result.ok ? 'PRODUCED A FILE' : `refused: ${result.reason}`}`,
        );
        expect(result.ok).toBe(false);
        return;
      }
      if (!plan) return; // this way does not apply to this file (no text, no rotated page)
      const result = await redact(pdf, plan.regions, withPassword);
      if (!result.ok) {
        outcomes.push(`  ${file} ${mode}: refused: ${result.reason}`);
        expect(result.reason).toMatch(/^\S.*\.$/);
        return;
      }
      const [poppler, words, mupdf, check] = await Promise.all([
        pdftotext(result.pdf),
        pdftotextWords(result.pdf),
        mutoolText(result.pdf),
        qpdfCheck(result.pdf),
      ]);
      const leaks = plan.removed.flatMap((word) => [
        ...(squash(poppler.text).includes(word) ? [`${word} (pdftotext)`] : []),
        ...(squash(mupdf.text).includes(word) ? [`${word} (mutool)`] : []),
        ...(word.length >= RAW_SCAN_MIN_LETTERS
          ? findSecret(result.pdf, word, { ignoreNames: true }).map((w) => `${word} (raw: ${w})`)
          : []),
      ]);
      const survived = survival(plan.kept, words.map((w) => w.word).join(' '));
      const fellBack = result.report.pages.filter((p) => p.fallback).map((p) => `p${p.page}: ${p.fallback}`);
      outcomes.push(
        `  ${file} ${mode}: ${leaks.length ? `LEAKS ${leaks.join(', ')}` : 'clean'}; ${plan.removed.length} removed words checked; ` +
          `survival ${(survived * 100).toFixed(1)}%${check.ok ? '' : '; QPDF FAILS'}${fellBack.length ? `; fell back ${fellBack.join(', ')}` : ''}`,
      );
      expect(check.ok, check.detail).toBe(true);
      expect(leaks).toEqual([]);
      expect(survived).toBeGreaterThanOrEqual(MIN_SURVIVAL);
    },
    CASE_TIMEOUT_MS,
  );
});

// Searches the engine once refused on tracemonkey.pdf: find and the check read the text
// differently, so the check thought removed words were still there. Every occurrence found
// is removed; no oracle may read the word afterwards, and the rest of the text stays.
describe('tracemonkey.pdf, every occurrence of a word', () => {
  const pdf = readCorpus('tracemonkey.pdf');
  it.each(['trace', 'type'])(
    '"%s" is redacted, not refused',
    async (word) => {
      const found = await findText(pdf, word);
      expect(found.length).toBeGreaterThan(100);
      const result = await redact(pdf, found);
      if (!result.ok) throw new Error(result.reason);
      const [poppler, mupdf, check] = await Promise.all([
        pdftotext(result.pdf),
        mutoolText(result.pdf),
        qpdfCheck(result.pdf),
      ]);
      expect(check.ok, check.detail).toBe(true);
      expect(squash(poppler.text)).not.toContain(word);
      expect(squash(mupdf.text)).not.toContain(word);
      // Text around the matches survives (this paper's title word, in a heading and the body).
      expect(squash(poppler.text)).toContain('monkey');
      expect(squash(poppler.text)).toContain('compiler');
    },
    CASE_TIMEOUT_MS,
  );
});
