// Suite (a): every leak channel of REDACTION.md §2. For each fixture the engine either refuses
// (fail closed: no file) or produces a file in which no independent oracle — poppler, MuPDF,
// the raw stream scan — can read the secret, qpdf finds the file sound, the sentence far from
// the region survives, and the output is not encrypted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redact } from '../redaction';
import { buildLeakFixtures, CHANNELS_COVERED_ELSEWHERE, type LeakFixture } from './leakFixtures';
import { mutoolText, pdftotext, qpdfCheck, squash } from './oracles';
import { findSecret } from './rawScan';

let fixtures: LeakFixture[] = [];
// What the engine did with each fixture, printed at the end so that a run tells the engine's
// progress (refusals, pages that fell back) apart from leaks.
const outcomes: string[] = [];

afterAll(() => {
  if (outcomes.length > 0) console.log(`Leak channels:\n${outcomes.join('\n')}`);
});

beforeAll(async () => {
  fixtures = await buildLeakFixtures();
});

/** Where each oracle can read `secret` in `pdf`. */
async function leaksOf(pdf: Uint8Array, secret: string, password?: string): Promise<string[]> {
  const needle = squash(secret);
  const [poppler, mupdf] = await Promise.all([pdftotext(pdf, password), mutoolText(pdf, password)]);
  return [
    ...(squash(poppler.text).includes(needle) ? ['pdftotext'] : []),
    ...(squash(mupdf.text).includes(needle) ? ['mutool'] : []),
    ...findSecret(pdf, secret).map((where) => `raw scan: ${where}`),
  ];
}

describe('leak-channel fixtures', () => {
  it('cover every channel of the checklist, one way or another', () => {
    const channels = new Set([
      ...fixtures.map((f) => f.channel),
      ...Object.keys(CHANNELS_COVERED_ELSEWHERE).map(Number),
    ]);
    expect([...channels].sort((a, b) => a - b)).toEqual(Array.from({ length: 26 }, (_, i) => i + 1));
  });

  it('each carry their secret before redaction (or the test would prove nothing)', async () => {
    for (const fixture of fixtures) {
      // Encrypted input hides its streams from the raw scan, but the text oracles read it.
      expect(await leaksOf(fixture.pdf, fixture.secret, fixture.password), fixture.id).not.toEqual([]);
    }
  });
});

describe('the engine on each leak channel', () => {
  const ids = [
    '1',
    '2a',
    '2b',
    '2c',
    '2d',
    '2e',
    '2f',
    '3a',
    '3b',
    '3c',
    '3d',
    '3e',
    '4a',
    '4b',
    '5',
    '6a',
    '6b',
    '6c',
    '7a',
    '7b',
    '8a',
    '8b',
    '9',
    '10a',
    '10b',
    '11',
    '12',
    '13',
    '14',
    '15',
    '16',
    '17',
    '18',
    '19',
    '20',
    '21',
    '22',
    '23',
    '25',
    '26',
  ];
  it.each(ids)('channel fixture %s: no oracle reads the secret in the output', async (id) => {
    const fixture = fixtures.find((f) => f.id === id);
    expect(fixture, `fixture ${id} exists`).toBeDefined();
    const { pdf, secret, regions, password, keep } = fixture!;
    const result = await redact(pdf, regions, password === undefined ? {} : { password });
    if (!result.ok) {
      outcomes.push(`  ${id.padEnd(4)} refused: ${result.reason}`);
      // Fail closed is acceptable; the reason must be a sentence a person can act on.
      expect(result.reason).toMatch(/^\S.*\.$/);
      return;
    }
    const fallbacks = result.report.pages.flatMap((p) =>
      p.fallback ? [`page ${p.page} fell back: ${p.fallback}`] : [],
    );
    const leaks = await leaksOf(result.pdf, secret);
    outcomes.push(
      `  ${id.padEnd(4)} ${leaks.length > 0 ? `LEAK (${leaks.join(', ')})` : 'clean'} ${fallbacks.join('; ')}`,
    );
    expect(leaks, `${id} ${fixture!.title}`).toEqual([]);
    const check = await qpdfCheck(result.pdf);
    expect(check.ok, check.detail).toBe(true);
    expect(Buffer.from(result.pdf).toString('latin1')).not.toMatch(/\/Encrypt\b/);
    expect(squash((await pdftotext(result.pdf)).text)).toContain(squash(keep));
  });
});
