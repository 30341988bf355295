// Finding words and phrases in a PDF so the review tool can propose redactions, and the CLI's
// `--search`: every occurrence on every page, case-insensitive, across line breaks and across
// pdf.js's text items. A match that spans two lines gives one region per line.
import { type ExtractOptions, readPageRuns, withPdf } from '../pdfjs';
import { type Finding, normaliseQuery, regionsOf, type SearchablePage, toSearchable } from './pageText';

export type FindOptions = ExtractOptions;

/** Every occurrence of each query on the given pages, in page order. */
export function searchPages(pages: readonly SearchablePage[], queries: readonly string[]): Finding[] {
  const needles = [...new Set(queries.map(normaliseQuery).filter((q) => q !== ''))];
  const findings: Finding[] = [];
  for (const page of pages) {
    for (const needle of needles) {
      // Non-overlapping, left to right: "aaa" in "aaaa" is one match, as a person would count it.
      for (
        let at = page.folded.indexOf(needle);
        at !== -1;
        at = page.folded.indexOf(needle, at + needle.length)
      ) {
        findings.push(...regionsOf(page, at, at + needle.length));
      }
    }
  }
  return findings;
}

/** Opens the PDF and reads every page's text, ready for searching. */
export function readSearchablePages(data: Uint8Array, options: FindOptions = {}): Promise<SearchablePage[]> {
  return withPdf(data, options, async (doc) => (await readPageRuns(doc, options.pages)).map(toSearchable));
}

/** Regions of every case-insensitive occurrence of `query` (or of each of several queries). */
export async function findText(
  data: Uint8Array,
  query: string | readonly string[],
  options: FindOptions = {},
): Promise<Finding[]> {
  const queries = typeof query === 'string' ? [query] : query;
  return searchPages(await readSearchablePages(data, options), queries);
}
