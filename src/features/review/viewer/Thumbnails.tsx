// Small pictures of the pages to jump between them. Every page has a button (so all are
// reachable by keyboard), but only the pictures near the visible part of the list are drawn,
// after a short pause so they never hold up the page the person is reading.
import type { PDFDocumentProxy, RenderTask } from 'pdfjs-dist/types/src/display/api';
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { drawPage, releaseCanvas } from './canvasSize';
import { layoutPages, modeOf, type PageMode, type RenderPlan, renderPlan } from './layout';
import type { PageSize } from './types';
import { usePageSizes } from './usePageSizes';
import './review.css';

export const THUMB_WIDTH = 112;
// From one picture's foot to the next one's head: the label (20 px), the button's padding and
// border (2 × 6 px) and the gap between buttons (8 px), as in review.css, so the layout maths
// finds the pictures where the browser puts them.
const THUMB_GAP = 40;
const DRAW_AFTER_MS = 200;

export type ThumbnailsProps = { pdf: PDFDocumentProxy; currentPage: number; onSelect(page: number): void };

export function Thumbnails({ pdf, currentPage, onSelect }: ThumbnailsProps) {
  const sizes = usePageSizes(pdf);
  const list = useRef<HTMLDivElement>(null);
  const scale = useMemo(() => (sizes ? THUMB_WIDTH / Math.max(...sizes.map((s) => s.width)) : 1), [sizes]);
  const layout = useMemo(() => layoutPages(sizes ?? [], scale, THUMB_GAP), [sizes, scale]);
  const [plan, setPlan] = useState<RenderPlan | null>(null);

  useEffect(() => {
    const el = list.current;
    if (!el || layout.tops.length === 0) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const update = () => {
      clearTimeout(timer);
      timer = setTimeout(
        () => setPlan(renderPlan(layout, el.scrollTop, el.clientHeight || 1)),
        DRAW_AFTER_MS,
      );
    };
    update();
    el.addEventListener('scroll', update, { passive: true });
    return () => {
      clearTimeout(timer);
      el.removeEventListener('scroll', update);
    };
  }, [layout]);

  // Keep the current page's picture in view as the document scrolls.
  useEffect(() => {
    const el = list.current;
    const top = layout.tops[currentPage - 1];
    const height = layout.heights[currentPage - 1] ?? 0;
    if (!el || top === undefined) return;
    if (top < el.scrollTop || top + height + THUMB_GAP > el.scrollTop + el.clientHeight)
      el.scrollTop = top - THUMB_GAP;
  }, [currentPage, layout]);

  return (
    <nav className="review-thumbs" aria-label="Pages">
      <div ref={list} className="review-thumbs__list">
        {sizes?.map((size) => (
          <Thumb
            key={size.page}
            pdf={pdf}
            size={size}
            scale={scale}
            mode={plan ? modeOf(plan, size.page) : 'release'}
            current={size.page === currentPage}
            onSelect={onSelect}
          />
        ))}
      </div>
    </nav>
  );
}

type ThumbProps = {
  pdf: PDFDocumentProxy;
  size: PageSize;
  scale: number;
  mode: PageMode;
  current: boolean;
  onSelect(page: number): void;
};

const Thumb = memo(function Thumb({ pdf, size, scale, mode, current, onSelect }: ThumbProps) {
  const host = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    if (mode === 'release') {
      for (const canvas of el.querySelectorAll('canvas')) releaseCanvas(canvas);
      return;
    }
    if (mode === 'keep' || el.querySelector('canvas')) return;
    let cancelled = false;
    let task: RenderTask | null = null;
    (async () => {
      const page = await pdf.getPage(size.page);
      if (cancelled) return;
      const drawing = drawPage(page, scale);
      task = drawing.task;
      await task.promise;
      if (!cancelled) el.append(drawing.canvas);
      else releaseCanvas(drawing.canvas);
    })().catch(() => {
      // A cancelled or failed picture leaves the blank page shape; the page itself still opens.
    });
    return () => {
      cancelled = true;
      task?.cancel();
    };
  }, [pdf, size.page, scale, mode]);

  return (
    <button
      type="button"
      className={`review-thumb${current ? ' review-thumb--current' : ''}`}
      aria-current={current ? 'page' : undefined}
      onClick={() => onSelect(size.page)}
    >
      <span
        ref={host}
        className="review-thumb__picture"
        style={{ width: `${size.width * scale}px`, height: `${size.height * scale}px` }}
      />
      <span className="review-thumb__label">Page {size.page}</span>
    </button>
  );
});
