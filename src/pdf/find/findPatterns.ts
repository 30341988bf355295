// Finding personal data by pattern (`--pattern` in the CLI; proposals in the review tool).
import { type FindOptions, readSearchablePages } from './findText';
import type { Finding, SearchablePage } from './pageText';
import { regionsOf } from './pageText';
import { matchPattern, type PatternName } from './patterns';

export type PatternFinding = Finding & { pattern: PatternName };

/** Every match of the named patterns on the given pages, in page order. */
export function matchPages(
  pages: readonly SearchablePage[],
  names: readonly PatternName[],
): PatternFinding[] {
  const findings: PatternFinding[] = [];
  for (const page of pages) {
    for (const pattern of new Set(names)) {
      for (const { start, end } of matchPattern(pattern, page.text)) {
        findings.push(...regionsOf(page, start, end).map((region) => ({ ...region, pattern })));
      }
    }
  }
  return findings;
}

/** Regions of every e-mail address, UK phone number, NINO, postcode or date of birth asked for. */
export async function findPatterns(
  data: Uint8Array,
  names: readonly PatternName[],
  options: FindOptions = {},
): Promise<PatternFinding[]> {
  return matchPages(await readSearchablePages(data, options), names);
}
