// The browser half of bench/review/run.ts, loaded by the viewer's test page
// (src/features/review/viewer/testing/index.html?page=bench) in Debian's Chromium. Each figure is
// measured on a fresh page load: the review viewer (DocumentViewer, with the review screen's
// MarkOverlay), and bare pdf.js doing the same work (open, draw page 1; draw pages one after
// another, canvas then text layer), with the same pdf.js build and options, on the same screen
// size and pixel ratio. Setting up (opening, page 1) is a call of its own, so run.ts can read
// Chromium's CPU counters around the measured part alone.
import type { PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api';
import { createRef, type Dispatch, type Ref, type SetStateAction, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { Mark } from '../../src/domain';
import { MarkOverlay, type OverlayActions, OverlayContext } from '../../src/features/review/MarkOverlay';
import { DocumentViewer, type PageSize, type ViewerHandle } from '../../src/features/review/viewer';
import { loadPdfjs, openPdf } from '../../src/pdf/pdfjs';
import '../../src/features/review/review.css';
import '../../src/features/review/viewer/review.css';

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
/** Resolves once what was just put in the document has been painted. */
const painted = async () => {
  await nextFrame();
  await nextFrame();
};
const bytesOf = async (url: string) => new Uint8Array(await (await fetch(url)).arrayBuffer());

function waitFor(test: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (test()) return resolve();
    const observer = new MutationObserver(() => {
      if (test()) {
        observer.disconnect();
        resolve();
      }
    });
    observer.observe(document.body, { childList: true, subtree: true });
  });
}

/** Resolves once nothing in the document has changed for `quietMs` (the viewer's drawing ahead done). */
function settled(quietMs = 400): Promise<void> {
  return new Promise((resolve) => {
    let timer = setTimeout(done, quietMs);
    const observer = new MutationObserver(() => {
      clearTimeout(timer);
      timer = setTimeout(done, quietMs);
    });
    function done() {
      observer.disconnect();
      resolve();
    }
    observer.observe(document.body, { childList: true, subtree: true, attributes: true });
  });
}

/** Every page in the viewer's render window drawn with its text, then nothing changing. */
async function viewerIdle(): Promise<void> {
  await waitFor(() =>
    [...document.querySelectorAll('section[data-mode="render"]')].every(
      (page) => page.querySelector('canvas') !== null && page.querySelector('.endOfContent') !== null,
    ),
  );
  await settled();
}

const canvasOf = (page: number) => document.querySelector(`section[data-page="${page}"] canvas`);
const textLayerDone = (page: number) =>
  document.querySelector(`section[data-page="${page}"] .textLayer .endOfContent`) !== null;

// `count` redactions on page 1 in a grid, as the review screen's overlay draws proposed ones.
const COLUMNS = 25;
const ROWS = 45;
function redaction(index: number, size: { width: number; height: number }): Mark {
  const w = size.width / COLUMNS;
  const h = size.height / ROWS;
  return {
    id: `mark-${index}`,
    kind: 'redaction',
    subtype: 'area',
    documentSha: 'bench',
    page: 1,
    rects: [
      {
        x: (index % COLUMNS) * w + 1,
        y: (Math.floor(index / COLUMNS) % ROWS) * h + 1,
        width: w - 2,
        height: h - 2,
      },
    ],
    strokes: [],
    text: null,
    colour: null,
    inReplyTo: null,
    exemption: 's40',
    note: null,
    author: 'bench',
    madeAt: '2026-01-01T00:00:00Z',
    status: 'open',
    decidedBy: null,
    decidedAt: null,
    rejectionReason: null,
    history: [],
  };
}

const overlayActions = (marks: Mark[]): OverlayActions => ({
  marksByPage: new Map([[1, marks]]),
  selectedId: null,
  tool: 'select',
  select: () => {},
  finishBox: () => {},
  finishStroke: () => {},
  placeComment: () => {},
});

const renderOverlay = (page: PageSize, scale: number) => (
  <MarkOverlay width={page.width} height={page.height} page={page.page} scale={scale} />
);

type BenchProps = { pdf: PDFDocumentProxy; scale: number; marks: Mark[]; viewer: Ref<ViewerHandle> };

let setMarks: Dispatch<SetStateAction<Mark[]>> = () => {};

/** The viewer as the review screen uses it: MarkOverlay over every page, the marks on page 1. */
function Bench({ pdf, scale, marks: initial, viewer }: BenchProps) {
  const [marks, set] = useState(initial);
  setMarks = set;
  return (
    <OverlayContext.Provider value={overlayActions(marks)}>
      <DocumentViewer
        ref={viewer}
        pdf={pdf}
        scale={scale}
        onScaleChange={() => {}}
        renderOverlay={renderOverlay}
      />
    </OverlayContext.Provider>
  );
}

let pageSize = { width: 612, height: 792 };

/** Mounts the viewer on a document at `scale`, with `marks` redactions drawn over page 1. */
async function mountViewer(url: string, scale: number, marks = 0): Promise<ViewerHandle> {
  const pdf = await openPdf(await bytesOf(url));
  const view = (await pdf.getPage(1)).getViewport({ scale: 1 });
  pageSize = { width: view.width, height: view.height };
  const viewer = createRef<ViewerHandle>();
  const all = Array.from({ length: marks }, (_, i) => redaction(i, pageSize));
  createRoot(document.getElementById('root') as HTMLElement).render(
    <Bench pdf={pdf} scale={scale} marks={all} viewer={viewer} />,
  );
  await waitFor(() => viewer.current !== null);
  return viewer.current as unknown as ViewerHandle;
}

const marksDrawn = (count: number) =>
  document.querySelectorAll('[data-page-overlay="1"] [data-mark-id]').length === count;

/** Open to page 1 drawn and painted, through the viewer (with `marks` on page 1). */
async function viewerFirstPage(url: string, scale: number, marks = 0): Promise<number> {
  const start = performance.now();
  await mountViewer(url, scale, marks);
  await waitFor(() => canvasOf(1) !== null && marksDrawn(marks));
  await painted();
  return performance.now() - start;
}

type PageProxy = Awaited<ReturnType<PDFDocumentProxy['getPage']>>;

function drawOn(page: PageProxy, scale: number) {
  const viewport = page.getViewport({ scale });
  const ratio = window.devicePixelRatio || 1;
  const canvas = document.createElement('canvas');
  canvas.width = Math.floor(viewport.width * ratio);
  canvas.height = Math.floor(viewport.height * ratio);
  canvas.style.width = `${viewport.width}px`;
  canvas.style.height = `${viewport.height}px`;
  const task = page.render({
    canvas,
    viewport,
    transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0],
  });
  return { canvas, done: task.promise };
}

/** The same with bare pdf.js: open, page 1 at the same zoom and pixel ratio, on screen. */
async function bareFirstPage(url: string, scale: number): Promise<number> {
  const start = performance.now();
  const pdf = await openPdf(await bytesOf(url));
  const page = await pdf.getPage(1);
  const canvas = drawOn(page, scale);
  await canvas.done;
  document.body.append(canvas.canvas);
  await painted();
  return performance.now() - start;
}

/** Bare pdf.js showing one page as a viewer must: canvas, painted, then its text layer. */
async function bareShow(page: PageProxy, scale: number, replacing: HTMLElement | null): Promise<HTMLElement> {
  const { lib } = await loadPdfjs();
  const box = document.createElement('section');
  box.className = 'review-page';
  const viewport = page.getViewport({ scale });
  box.style.cssText = `width:${viewport.width}px;height:${viewport.height}px;--total-scale-factor:${scale}`;
  const drawing = drawOn(page, scale);
  await drawing.done;
  box.append(drawing.canvas);
  if (replacing) {
    replacing.replaceWith(box);
    for (const old of replacing.querySelectorAll('canvas')) old.width = 0;
  } else document.body.append(box);
  await painted();
  const text = document.createElement('div');
  text.className = 'textLayer';
  box.append(text);
  await new lib.TextLayer({
    textContentSource: page.streamTextContent({ includeMarkedContent: true }),
    container: text,
    viewport: page.getViewport({ scale: 1 }),
  }).render();
  return box;
}

/** One step of scrolling: show `page` (drawn, painted, its text laid out for selecting). */
let step: (page: number) => Promise<void> = async () => {
  throw new Error('prepareScroll first');
};

/**
 * Sets up scrolling on `side`: the document open and page 1 shown with its text. The viewer
 * draws ahead and gives canvases back behind; bare pdf.js draws each page as it is asked for,
 * replacing the one before.
 */
async function prepareScroll(side: 'viewer' | 'bare', url: string, scale: number): Promise<void> {
  if (side === 'viewer') {
    const handle = await mountViewer(url, scale);
    await viewerIdle();
    step = async (page) => {
      handle.scrollToPage(page);
      await waitFor(() => canvasOf(page) !== null && textLayerDone(page));
      await painted();
    };
  } else {
    const pdf = await openPdf(await bytesOf(url));
    let shown = await bareShow(await pdf.getPage(1), scale, null);
    step = async (page) => {
      shown = await bareShow(await pdf.getPage(page), scale, shown);
      await painted();
    };
  }
  await painted();
}

type Scroll = { perPage: number; worstFrame: number };

/** Pages 2 to `pages + 1` one after another, as a reader paging through: the mean time per page. */
async function scrollPages(pages: number): Promise<Scroll> {
  const frames = watchFrames();
  const start = performance.now();
  for (let page = 2; page <= pages + 1; page++) await step(page);
  const perPage = (performance.now() - start) / pages;
  return { perPage, worstFrame: frames.stop() };
}

/** The longest gap between animation frames while watching: how long the screen froze. */
function watchFrames(): { stop(): number } {
  let last = performance.now();
  let worst = 0;
  let running = true;
  const tick = (now: number) => {
    worst = Math.max(worst, now - last);
    last = now;
    if (running) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  return {
    stop: () => {
      running = false;
      return worst;
    },
  };
}

let markCount = 0;

/** Page 1 shown with `count` marks on it, for addMark. */
async function prepareMarks(url: string, scale: number, count: number): Promise<void> {
  await mountViewer(url, scale, count);
  markCount = count;
  await waitFor(() => canvasOf(1) !== null && marksDrawn(count));
  await viewerIdle();
}

/** The time from adding one more mark to page 1 to it painted. */
async function addMark(): Promise<number> {
  const start = performance.now();
  const index = markCount;
  // The existing marks keep their identity, as marks folded from events do.
  setMarks((before) => [...before, redaction(index, pageSize)]);
  markCount += 1;
  await waitFor(() => marksDrawn(markCount));
  await painted();
  return performance.now() - start;
}

Object.assign(window, {
  viewerFirstPage,
  bareFirstPage,
  prepareScroll,
  scrollPages,
  prepareMarks,
  addMark,
  benchReady: true,
});
