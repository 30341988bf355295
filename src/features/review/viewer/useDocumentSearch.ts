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

export type DocumentSearch = {
  search(query: string): Promise<Finding[]>;
  pages(): Promise<SearchablePage[]>;
};

const NOTHING: DocumentSearch = { search: async () => [], pages: async () => [] };

export function useDocumentSearch(pdf: PDFDocumentProxy | null): DocumentSearch {
  return useMemo(
    () =>
      pdf
        ? {
            search: async (query: string) =>
              query.trim() === '' ? [] : searchPages(await searchablePages(pdf), [query]),
            pages: () => searchablePages(pdf),
          }
        : NOTHING,
    [pdf],
  );
}
