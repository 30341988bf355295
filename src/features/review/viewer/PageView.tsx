// One page of the document: a placeholder of the page's size always (so the scroll bar is true),
// and, when near the viewport, the page drawn on a canvas by pdf.js, its text layer for
// selecting text, the search hits, and the review screen's overlay of marks. Pages that move
// away have their render cancelled and, further away, their canvas and text given back.
import type { PDFDocumentProxy, RenderTask } from 'pdfjs-dist/types/src/display/api';
import type { TextLayer } from 'pdfjs-dist/types/src/display/text_layer';
import {
  type CSSProperties,
  memo,
  type PointerEvent,
  type ReactNode,
  useDeferredValue,
  useEffect,
  useRef,
} from 'react';
import type { Finding } from '../../../pdf/find';
import { loadPdfjs } from '../../../pdf/pdfjs';
import { drawPage, releaseCanvas } from './canvasSize';
import type { PageMode } from './layout';
import type { RenderQueue } from './renderQueue';
import type { PageSize } from './types';
import { isFirstShown, pageShown } from './usePageSizes';

export type PageHit = { hit: Finding; index: number };

export type PageViewProps = {
  pdf: PDFDocumentProxy;
  size: PageSize;
  pageCount: number;
  /** The zoom the page is laid out at. */
  scale: number;
  /** The zoom the canvas is drawn at: follows `scale` once a pinch or wheel turn settles. */
  renderScale: number;
  mode: PageMode;
  isDrawing: boolean;
  renderOverlay?: (page: PageSize, scale: number) => ReactNode;
  hits: readonly PageHit[];
  currentHit: number | undefined;
  register(page: number, elements: { pageBox: HTMLElement; textLayer: HTMLElement } | null): void;
  /** Draws one page at a time, the most wanted first. */
  queue: RenderQueue;
};

/** While a selection is being dragged, the text layer says so (see .endOfContent above). */
function markSelecting(event: PointerEvent<HTMLDivElement>): void {
  const layer = event.currentTarget;
  layer.classList.add('selecting');
  layer.ownerDocument.addEventListener('pointerup', () => layer.classList.remove('selecting'), {
    once: true,
  });
}

/** Resolves once what was just put on the page has been painted (`frames` frames on). */
const afterPaint = (frames = 1): Promise<void> =>
  new Promise((resolve) => {
    const tick = () => (--frames > 0 ? requestAnimationFrame(tick) : setTimeout(resolve, 0));
    requestAnimationFrame(tick);
  });

const isCancelled = (error: unknown): boolean =>
  (error as { name?: string } | null)?.name === 'RenderingCancelledException' ||
  (error as { name?: string } | null)?.name === 'AbortException';

function PageViewInner(props: PageViewProps) {
  const { pdf, size, pageCount, scale, renderScale, mode, isDrawing, hits, currentHit, register, queue } =
    props;
  const page = size.page;
  const boxRef = useRef<HTMLDivElement>(null);
  const canvasHost = useRef<HTMLDivElement>(null);
  const textHost = useRef<HTMLDivElement>(null);
  const drawnScale = useRef<number | null>(null);
  const textLayer = useRef<TextLayer | null>(null);

  useEffect(() => {
    const pageBox = boxRef.current;
    const textLayerEl = textHost.current;
    if (pageBox && textLayerEl) register(page, { pageBox, textLayer: textLayerEl });
    return () => register(page, null);
  }, [page, register]);

  // The canvas: drawn (through the queue, one page at a time) when the page is in the render
  // window at a zoom it is not drawn at yet; the drawing is cancelled if the page leaves.
  useEffect(() => {
    const host = canvasHost.current;
    if (!host) return;
    if (mode === 'release') {
      for (const canvas of host.querySelectorAll('canvas')) releaseCanvas(canvas);
      drawnScale.current = null;
      return;
    }
    if (mode === 'keep' || drawnScale.current === renderScale) return;
    let cancelled = false;
    let task: RenderTask | null = null;
    const dequeue = queue.request({
      page,
      kind: 'canvas',
      run: async () => {
        const proxy = await pdf.getPage(page);
        if (cancelled) return;
        const drawing = drawPage(proxy, renderScale);
        task = drawing.task;
        try {
          await task.promise;
        } catch (error) {
          releaseCanvas(drawing.canvas);
          if (!isCancelled(error)) console.error(`Page ${page} could not be drawn`, error);
          return;
        }
        if (cancelled) return releaseCanvas(drawing.canvas);
        // Swap only when the new drawing is complete, so a zoom never flashes a blank page.
        for (const old of host.querySelectorAll('canvas')) releaseCanvas(old);
        host.append(drawing.canvas);
        drawnScale.current = renderScale;
        // Let the page be painted before the next job (often this page's text) takes the thread;
        // the document's first page is left a frame more, then the rest of the document is read.
        if (isFirstShown(pdf)) {
          await afterPaint(2);
          pageShown(pdf);
        } else await afterPaint();
      },
    });
    return () => {
      cancelled = true;
      dequeue();
      task?.cancel();
    };
  }, [pdf, page, mode, renderScale, queue]);

  // The text layer: laid out once at scale 1; CSS (--total-scale-factor) sizes it for the zoom.
  // Only pages in the render window keep theirs (a canvas is kept further): pdf.js adds each of
  // the document's fonts to the page as it first draws with it, and every font added makes the
  // browser lay out all text on the page again, so every text layer kept costs on every page drawn.
  const hasText = mode === 'render';
  useEffect(() => {
    const host = textHost.current;
    if (!host) return;
    if (!hasText) {
      textLayer.current?.cancel();
      textLayer.current = null;
      host.replaceChildren();
      return;
    }
    if (textLayer.current) return;
    let cancelled = false;
    let layer: TextLayer | null = null;
    let finished = false;
    const dequeue = queue.request({
      page,
      kind: 'text',
      run: async () => {
        const [{ lib }, proxy] = await Promise.all([loadPdfjs(), pdf.getPage(page)]);
        if (cancelled) return;
        layer = new lib.TextLayer({
          textContentSource: proxy.streamTextContent({ includeMarkedContent: true }),
          container: host,
          viewport: proxy.getViewport({ scale: 1 }),
        });
        textLayer.current = layer;
        try {
          await layer.render();
          finished = true;
          // As pdf.js's own viewer does: a block after the text that, while selecting, covers
          // the page, so dragging past the last line does not select the whole page.
          const end = document.createElement('div');
          end.className = 'endOfContent';
          host.append(end);
        } catch (error) {
          if (!isCancelled(error)) console.error(`The text of page ${page} could not be laid out`, error);
        }
      },
    });
    return () => {
      cancelled = true;
      dequeue();
      // A layer cut off half way is thrown away, so it is laid out afresh next time.
      if (layer && textLayer.current === layer && !finished) {
        layer.cancel();
        textLayer.current = null;
        host.replaceChildren();
      }
    };
  }, [pdf, page, hasText, queue]);

  const live = mode !== 'release';
  // The marks come in a render of their own just after the page, so a page with many marks
  // starts drawing without waiting for them.
  const marksLive = useDeferredValue(live, false);
  const style = {
    width: `${size.width * scale}px`,
    height: `${size.height * scale}px`,
    '--total-scale-factor': scale,
  } as CSSProperties;
  return (
    <section
      ref={boxRef}
      className="review-page"
      style={style}
      aria-label={`Page ${page} of ${pageCount}`}
      data-page={page}
      data-mode={mode}
    >
      <div ref={canvasHost} className="review-page__canvas-host" />
      {live && hits.length > 0 ? <HitsLayer size={size} hits={hits} currentHit={currentHit} /> : null}
      <div
        ref={textHost}
        className={`textLayer review-page__text${isDrawing ? ' review-page__text--drawing' : ''}`}
        onPointerDown={markSelecting}
      />
      <div
        className={`review-page__overlay${isDrawing ? ' review-page__overlay--drawing' : ''}`}
        data-page-overlay={page}
      >
        {marksLive && props.renderOverlay ? props.renderOverlay(size, scale) : null}
      </div>
    </section>
  );
}

function HitsLayer({
  size,
  hits,
  currentHit,
}: {
  size: PageSize;
  hits: readonly PageHit[];
  currentHit: number | undefined;
}) {
  return (
    <svg
      className="review-page__hits"
      viewBox={`0 0 ${size.width} ${size.height}`}
      preserveAspectRatio="none"
      aria-hidden="true"
    >
      {hits.map(({ hit, index }) => (
        <rect
          key={`${index}-${hit.x}-${hit.y}`}
          className={index === currentHit ? 'review-hit review-hit--current' : 'review-hit'}
          x={hit.x}
          y={hit.y}
          width={hit.width}
          height={hit.height}
        />
      ))}
    </svg>
  );
}

/** Re-renders only when something this page shows changes (scrolling re-renders few pages). */
export const PageView = memo(PageViewInner);
