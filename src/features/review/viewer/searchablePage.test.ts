// A moved redaction reads only its own page's text, not the whole document's first.
import type { PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api';
import { describe, expect, it } from 'vitest';
import { withPdf } from '../../../pdf/pdfjs';
import { buildPdf } from '../../../pdf/redaction/testDocuments';
import { searchablePage, searchablePages } from './useDocumentSearch';

const line = (words: string) => ({ content: `BT /F1 12 Tf 40 250 Td (${words}) Tj ET` });

/** Records which pages are fetched from the open document. */
function countPages(doc: PDFDocumentProxy): number[] {
  const fetched: number[] = [];
  const getPage = doc.getPage.bind(doc);
  doc.getPage = (n: number) => {
    fetched.push(n);
    return getPage(n);
  };
  return fetched;
}

describe('one page of searchable text', () => {
  it('reads only the page asked for, once, and later takes it from the whole read', async () => {
    const pdf = await buildPdf([line('First page'), line('Second page Amira Khan'), line('Third page')]);
    await withPdf(pdf, {}, async (doc) => {
      const fetched = countPages(doc);
      const page = await searchablePage(doc, 2);
      expect(page?.page).toBe(2);
      expect(page?.text).toContain('Amira Khan');
      expect(fetched).toEqual([2]);
      expect(await searchablePage(doc, 2)).toBe(page);
      expect(fetched).toEqual([2]);

      const all = await searchablePages(doc);
      expect(fetched).toEqual([2, 1, 2, 3]);
      expect(await searchablePage(doc, 3)).toBe(all[2]);
      expect(fetched).toEqual([2, 1, 2, 3]);
      expect(await searchablePage(doc, 9)).toBeUndefined();
    });
  });
});
