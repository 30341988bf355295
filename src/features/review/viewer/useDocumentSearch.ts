// Search within the open document: its text is read with pdf.js once per document (on the first
// search, so opening stays quick) and every search after that is a plain string scan.
import type { PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api';
import { useMemo } from 'react';
import { type Finding, type SearchablePage, searchPages, toSearchable } from '../../../pdf/find';
import { readPageRuns } from '../../../pdf/pdfjs';

const read = new WeakMap<PDFDocumentProxy, Promise<SearchablePage[]>>();

/** The document's searchable pages, read once per document and shared by every caller. */
export function searchablePages(pdf: PDFDocumentProxy): Promise<SearchablePage[]> {
  let pages = read.get(pdf);
  if (!pages) {
    pages = readPageRuns(pdf).then((runs) => runs.map(toSearchable));
    // A failed read is not kept, so the next search tries again.
    pages.catch(() => read.delete(pdf));
    read.set(pdf, pages);
  }
  return pages;
}

const readOne = new WeakMap<PDFDocumentProxy, Map<number, Promise<SearchablePage | undefined>>>();

/** One page's searchable text: taken from the whole document's when that is already read (or
 * being read), else read on its own, so a moved redaction need not wait for every page. */
export function searchablePage(pdf: PDFDocumentProxy, page: number): Promise<SearchablePage | undefined> {
  const all = read.get(pdf);
  if (all) return all.then((pages) => pages.find((p) => p.page === page));
  const cache = readOne.get(pdf) ?? new Map<number, Promise<SearchablePage | undefined>>();
  readOne.set(pdf, cache);
  let one = cache.get(page);
  if (!one) {
    one = readPageRuns(pdf, [page]).then((runs) => runs.map(toSearchable)[0]);
    one.catch(() => cache.delete(page));
    cache.set(page, one);
  }
  return one;
}

export type DocumentSearch = {
  search(query: string): Promise<Finding[]>;
  pages(): Promise<SearchablePage[]>;
  page(page: number): Promise<SearchablePage | undefined>;
};

const NOTHING: DocumentSearch = {
  search: async () => [],
  pages: async () => [],
  page: async () => undefined,
};

export function useDocumentSearch(pdf: PDFDocumentProxy | null): DocumentSearch {
  return useMemo(
    () =>
      pdf
        ? {
            search: async (query: string) =>
              query.trim() === '' ? [] : searchPages(await searchablePages(pdf), [query]),
            pages: () => searchablePages(pdf),
            page: (page: number) => searchablePage(pdf, page),
          }
        : NOTHING,
    [pdf],
  );
}
