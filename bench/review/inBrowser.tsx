// The browser half of bench/review/run.ts, built by Vite and run in Debian's Chromium. Each
// figure is measured on a fresh page load: the review viewer (DocumentViewer), and bare pdf.js
// doing the same work (open, draw page 1; draw pages one after another), with the same pdf.js
// build and options, on the same screen size and pixel ratio.
import type { PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api';
import { createRef, memo, type RefObject, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { DocumentViewer, type PageSize, type ViewerHandle } from '../../src/features/review/viewer';
import { loadPdfjs, openPdf } from '../../src/pdf/pdfjs';
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

const canvasOf = (page: number) => document.querySelector(`section[data-page="${page}"] canvas`);

type Mounted = { pdf: PDFDocumentProxy; handle: ViewerHandle; setMarks(count: number): void };

type BenchProps = {
  pdf: PDFDocumentProxy;
  scale: number;
  marks: number;
  viewer: RefObject<ViewerHandle | null>;
  exposeSetMarks(set: (count: number) => void): void;
};

/** The viewer as the review screen uses it, with `marks` SVG boxes over page 1. */
function Bench({ pdf, scale, marks, viewer, exposeSetMarks }: BenchProps) {
  const [count, setCount] = useState(marks);
  exposeSetMarks(setCount);
  const overlay = (page: PageSize) => (page.page === 1 ? <MarkBoxes page={page} count={count} /> : null);
  return (
    <DocumentViewer ref={viewer} pdf={pdf} scale={scale} onScaleChange={() => {}} renderOverlay={overlay} />
  );
}

/** Mounts the viewer on a document at `scale`, with `marks` SVG boxes drawn over page 1. */
async function mountViewer(url: string, scale: number, marks = 0): Promise<Mounted> {
  const pdf = await openPdf(await bytesOf(url));
  const viewer = createRef<ViewerHandle>();
  let setMarks: (n: number) => void = () => {};
  const host = document.getElementById('root') ?? document.body.appendChild(document.createElement('div'));
  host.id = 'root';
  createRoot(host).render(
    <Bench
      pdf={pdf}
      scale={scale}
      marks={marks}
      viewer={viewer}
      exposeSetMarks={(set) => (setMarks = set)}
    />,
  );
  await waitFor(() => viewer.current !== null);
  return { pdf, handle: viewer.current as unknown as ViewerHandle, setMarks: (n) => setMarks(n) };
}

/** `count` marks as a review screen would draw them: boxes with a title, in page points. */
function MarkBoxes({ page, count }: { page: PageSize; count: number }) {
  return (
    <svg viewBox={`0 0 ${page.width} ${page.height}`} width="100%" height="100%" data-marks={count}>
      <title>{`${count} marks`}</title>
      {Array.from({ length: count }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: mark i is always the same mark here
        <MarkBox key={i} index={i} page={page} count={count} />
      ))}
    </svg>
  );
}

// Each mark its own memoised component, as a review overlay draws them, so a new mark draws one.
const COLUMNS = 25;
const ROWS = 45;
const MarkBox = memo(
  function MarkBox({ index, page }: { index: number; page: PageSize; count: number }) {
    const w = page.width / COLUMNS;
    const h = page.height / ROWS;
    return (
      <g>
        <title>{`Mark ${index + 1}`}</title>
        <rect
          x={(index % COLUMNS) * w + 1}
          y={(Math.floor(index / COLUMNS) % ROWS) * h + 1}
          width={w - 2}
          height={h - 2}
          fill="rgba(255,221,0,0.3)"
          stroke="#d4351c"
        />
      </g>
    );
  },
  (a, b) => a.index === b.index && a.page === b.page,
);

/** Open to page 1 drawn and painted, through the viewer. */
async function viewerFirstPage(url: string, scale: number, marks = 0): Promise<number> {
  const start = performance.now();
  await mountViewer(url, scale, marks);
  await waitFor(
    () => canvasOf(1) !== null && (marks === 0 || document.querySelector('[data-marks]') !== null),
  );
  await painted();
  return performance.now() - start;
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

const textLayerDone = (page: number) =>
  document.querySelector(`section[data-page="${page}"] .textLayer .endOfContent`) !== null;

/**
 * Scrolling: page by page from page 2 to `pages + 1`, each scroll waiting until that page is
 * drawn, painted and its text laid out for selecting; the mean time per page. The viewer draws
 * ahead and gives canvases back behind; the figure is what a reader paging through waits for.
 */
async function viewerScroll(url: string, scale: number, pages: number): Promise<Scroll> {
  const { handle } = await mountViewer(url, scale);
  await waitFor(() => canvasOf(1) !== null && textLayerDone(1));
  await painted();
  const frames = watchFrames();
  const start = performance.now();
  for (let page = 2; page <= pages + 1; page++) {
    handle.scrollToPage(page);
    await waitFor(() => canvasOf(page) !== null && textLayerDone(page));
    await painted();
  }
  const perPage = (performance.now() - start) / pages;
  return { perPage, worstFrame: frames.stop() };
}

type Scroll = { perPage: number; worstFrame: number };
type PageProxy = Awaited<ReturnType<PDFDocumentProxy['getPage']>>;

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

/** Bare pdf.js showing the same pages one after another, each replacing the one before. */
async function bareScroll(url: string, scale: number, pages: number): Promise<Scroll> {
  const pdf = await openPdf(await bytesOf(url));
  let shown = await bareShow(await pdf.getPage(1), scale, null);
  await painted();
  const frames = watchFrames();
  const start = performance.now();
  for (let n = 2; n <= pages + 1; n++) {
    shown = await bareShow(await pdf.getPage(n), scale, shown);
    await painted();
  }
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

/** With `count` marks on page 1 already shown, the time from adding one more to it painted. */
async function markUpdate(url: string, scale: number, count: number): Promise<number> {
  const { setMarks } = await mountViewer(url, scale, count);
  await waitFor(() => canvasOf(1) !== null && document.querySelector(`[data-marks="${count}"]`) !== null);
  await painted();
  const start = performance.now();
  setMarks(count + 1);
  await waitFor(() => document.querySelector(`[data-marks="${count + 1}"]`) !== null);
  await painted();
  return performance.now() - start;
}

Object.assign(window, {
  viewerFirstPage,
  bareFirstPage,
  viewerScroll,
  bareScroll,
  markUpdate,
  benchReady: true,
});
