// Every page's size at scale 1, read up front so the viewer can lay out placeholders of the
// right size for all pages before drawing any. Until all are read, pages are assumed the size
// of page 1 (most documents are one paper size), so page 1 shows as soon as it can.
import type { PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api';
import { useEffect, useState } from 'react';
import type { PageSize } from './types';

const read = new WeakMap<PDFDocumentProxy, Promise<PageSize[]>>();
type Gate = { shown: Promise<void>; isShown: boolean; show(): void };
const firstShown = new WeakMap<PDFDocumentProxy, Gate>();
// Without a viewer to say page 1 is up (thumbnails alone), read the sizes after this long.
const READ_ANYWAY_AFTER_MS = 1_000;

function firstShownOf(pdf: PDFDocumentProxy) {
  let gate = firstShown.get(pdf);
  if (!gate) {
    let resolve = () => {};
    const shown = new Promise<void>((done) => {
      resolve = done;
    });
    const made: Gate = {
      shown,
      isShown: false,
      show: () => {
        made.isShown = true;
        resolve();
      },
    };
    gate = made;
    firstShown.set(pdf, gate);
  }
  return gate;
}

/**
 * The viewer calls this once a page is on screen. Reading every page's size asks pdf.js's
 * worker for every page, which in a 300-page bundle would hold up drawing page 1; as pdf.js's
 * own viewer does, the other pages are read only after the first is shown.
 */
export function pageShown(pdf: PDFDocumentProxy): void {
  firstShownOf(pdf).show();
}

/** True until a page of `pdf` has been shown. */
export function isFirstShown(pdf: PDFDocumentProxy): boolean {
  return !firstShownOf(pdf).isShown;
}

async function sizeOf(pdf: PDFDocumentProxy, page: number): Promise<PageSize> {
  const viewport = (await pdf.getPage(page)).getViewport({ scale: 1 });
  return { page, width: viewport.width, height: viewport.height };
}

/** All pages' sizes, read once per document, after the first page is shown. */
export function readPageSizes(pdf: PDFDocumentProxy): Promise<PageSize[]> {
  let sizes = read.get(pdf);
  if (!sizes) {
    const pages = Array.from({ length: pdf.numPages }, (_, i) => i + 1);
    const wait = new Promise<void>((resolve) => setTimeout(resolve, READ_ANYWAY_AFTER_MS));
    sizes = Promise.race([firstShownOf(pdf).shown, wait]).then(() =>
      Promise.all(pages.map((page) => sizeOf(pdf, page))),
    );
    read.set(pdf, sizes);
  }
  return sizes;
}

export function usePageSizes(pdf: PDFDocumentProxy): PageSize[] | null {
  const [sizes, setSizes] = useState<{ pdf: PDFDocumentProxy; sizes: PageSize[] } | null>(null);
  useEffect(() => {
    let cancelled = false;
    sizeOf(pdf, 1)
      .then((first) => {
        if (cancelled) return;
        setSizes((now) =>
          now?.pdf === pdf
            ? now
            : {
                pdf,
                sizes: Array.from({ length: pdf.numPages }, (_, i) => ({ ...first, page: i + 1 })),
              },
        );
        return readPageSizes(pdf);
      })
      .then((all) => {
        // Pages the size of page 1 (most) keep their size object, so they do not draw again.
        if (!cancelled && all)
          setSizes((now) => {
            const before = now?.pdf === pdf ? now.sizes : [];
            const same = (a: PageSize | undefined, b: PageSize) =>
              a !== undefined && a.width === b.width && a.height === b.height;
            const sizes = all.map((size, i) => (same(before[i], size) ? (before[i] as PageSize) : size));
            return sizes.every((size, i) => size === before[i]) ? now : { pdf, sizes };
          });
      })
      .catch((error: unknown) => console.error('The page sizes could not be read', error));
    return () => {
      cancelled = true;
    };
  }, [pdf]);
  return sizes?.pdf === pdf ? sizes.sizes : null;
}
