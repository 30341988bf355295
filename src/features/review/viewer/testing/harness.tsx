// A page for the viewer's browser test (../viewer.browser.test.ts): mounts DocumentViewer on a
// PDF as the review screen does and lets the test drive it through `window.viewerHarness`.
import type { PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api';
import { createRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { Finding } from '../../../../pdf/find';
import { openPdf, readPageRuns } from '../../../../pdf/pdfjs';
import { DocumentViewer } from '../DocumentViewer';
import type { ViewerHandle } from '../types';
import { searchablePages, useDocumentSearch } from '../useDocumentSearch';

type Controls = { setScale(scale: number): void; setHits(hits: Finding[], current?: number): void };

const viewer = createRef<ViewerHandle>();
let controls: Controls | null = null;
let pdf: PDFDocumentProxy | null = null;
const visiblePages: number[] = [];

function Harness({ doc }: { doc: PDFDocumentProxy }) {
  const [scale, setScale] = useState(1);
  const [hits, setHits] = useState<{ hits: Finding[]; current?: number }>({ hits: [] });
  controls = { setScale, setHits: (h, current) => setHits({ hits: h, current }) };
  const search = useDocumentSearch(doc);
  Object.assign(window, { harnessSearch: search.search });
  return (
    <DocumentViewer
      ref={viewer}
      pdf={doc}
      scale={scale}
      onScaleChange={setScale}
      hits={hits.hits}
      currentHit={hits.current}
      onVisiblePageChange={(page) => visiblePages.push(page)}
      renderOverlay={(page) => <span className="harness-overlay">{`overlay ${page.page}`}</span>}
    />
  );
}

const harness = {
  async mount(url: string) {
    pdf = await openPdf(new Uint8Array(await (await fetch(url)).arrayBuffer()));
    createRoot(document.getElementById('root') as HTMLElement).render(<Harness doc={pdf} />);
    while (!viewer.current || !controls) await new Promise((resolve) => setTimeout(resolve, 10));
    return pdf.numPages;
  },
  handle: () => viewer.current,
  setScale: (scale: number) => controls?.setScale(scale),
  setHits: (hits: Finding[], current?: number) => controls?.setHits(hits, current),
  search: (query: string) =>
    (window as unknown as { harnessSearch(q: string): Promise<Finding[]> }).harnessSearch(query),
  /** pdf.js's own reading of a page's text runs, to check the viewer's geometry against. */
  runs: async (page: number) => (await readPageRuns(pdf as PDFDocumentProxy, [page]))[0],
  searchablePages: async () => (await searchablePages(pdf as PDFDocumentProxy)).length,
  visiblePages,
};

Object.assign(window, { viewerHarness: harness, harnessReady: true });
