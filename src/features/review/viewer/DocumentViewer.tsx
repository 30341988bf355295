// The document viewer of the review tool: every page as a placeholder of its size, pdf.js
// drawing only the pages near the viewport, a text layer for selecting text, search hits, and
// the review screen's overlay of marks on each page. Zoom by buttons, + and -, ctrl+wheel or a
// two-finger pinch keeps the point under the pointer (or the middle of the view) still.
import {
  forwardRef,
  type KeyboardEvent,
  useCallback,
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { Finding } from '../../../pdf/find';
import { type PageElements, readSelection } from './domSelection';
import {
  type DocumentPoint,
  documentPointAt,
  layoutPages,
  modeOf,
  mostVisiblePage,
  offsetOf,
  PAGE_GAP,
  type PageRange,
  type RenderPlan,
  renderPlan,
  visiblePages,
} from './layout';
import { type PageHit, PageView } from './PageView';
import { createRenderQueue, pagePriority } from './renderQueue';
import type { DocumentViewerProps, Rect, ViewerHandle } from './types';
import { usePageSizes } from './usePageSizes';
import { usePinchZoom } from './usePinchZoom';
import { useSettled } from './useSettled';
import { fitWidthScale, wheelZoom, zoomIn, zoomOut } from './zoom';
import './review.css';

const NO_HITS: readonly PageHit[] = [];
// How long a zoom must rest before pages are redrawn at it.
const REDRAW_AFTER_MS = 150;

type Anchor = { point: DocumentPoint; at: number; x: number };

const samePlan = (a: RenderPlan, b: RenderPlan): boolean =>
  a.render.first === b.render.first &&
  a.render.last === b.render.last &&
  a.keep.first === b.keep.first &&
  a.keep.last === b.keep.last;

const isTyping = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

// Another document in the same viewer starts with fresh pages (nothing drawn, no text laid out).
const keys = new WeakMap<object, number>();
let lastKey = 0;
function documentKey(pdf: object): number {
  let key = keys.get(pdf);
  if (key === undefined) {
    key = ++lastKey;
    keys.set(pdf, key);
  }
  return key;
}

/** Puts a page's text layer to sleep (see review.css: not laid out while off screen) or wakes it. */
function sleep(textLayer: Element, asleep: boolean): void {
  if (asleep === textLayer.hasAttribute('data-asleep')) return;
  if (asleep) textLayer.setAttribute('data-asleep', '');
  else textLayer.removeAttribute('data-asleep');
}

/** After the view moved from `before` to `now`: the pages that left it sleep, those now in it wake. */
function wake(pages: Map<number, PageElements>, before: PageRange, now: PageRange): void {
  const from = Math.min(before.first, now.first);
  const to = Math.max(before.last, now.last);
  for (let page = from; page <= to; page++) {
    const elements = pages.get(page);
    if (elements) sleep(elements.textLayer, page < now.first || page > now.last);
  }
}

function hitsByPage(hits: readonly Finding[] | undefined): Map<number, PageHit[]> {
  const byPage = new Map<number, PageHit[]>();
  hits?.forEach((hit, index) => {
    const list = byPage.get(hit.page) ?? [];
    list.push({ hit, index });
    byPage.set(hit.page, list);
  });
  return byPage;
}

export const DocumentViewer = forwardRef<ViewerHandle, DocumentViewerProps>(function DocumentViewer(
  { pdf, scale, onScaleChange, renderOverlay, hits, currentHit, onVisiblePageChange, isDrawing = false },
  ref,
) {
  const sizes = usePageSizes(pdf);
  const scroller = useRef<HTMLElement>(null);
  const layout = useMemo(() => layoutPages(sizes ?? [], scale), [sizes, scale]);
  const renderScale = useSettled(scale, REDRAW_AFTER_MS);
  const [plan, setPlan] = useState<RenderPlan>({
    render: { first: 1, last: 1 },
    keep: { first: 1, last: 1 },
  });
  const pages = useRef(new Map<number, PageElements>());
  const visible = useRef(0);
  const anchor = useRef<Anchor | null>(null);
  const pendingAnchor = useRef<Anchor | null>(null);
  const onScreen = useRef({ first: 1, last: 1 });
  const [queue] = useState(() =>
    createRenderQueue((page, kind) => pagePriority(onScreen.current, page, kind)),
  );
  const current = useRef({ layout, scale, onScaleChange, onVisiblePageChange });
  current.current = { layout, scale, onScaleChange, onVisiblePageChange };

  const register = useCallback((page: number, elements: Omit<PageElements, 'page'> | null) => {
    if (elements) {
      pages.current.set(page, { page, ...elements });
      const { first, last } = onScreen.current;
      sleep(elements.textLayer, page < first || page > last);
    } else pages.current.delete(page);
  }, []);

  /** Reads the scroll position: which pages to draw, the current page, the zoom anchor. */
  const update = useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    const { layout: now, scale: s } = current.current;
    if (now.tops.length === 0) return;
    const top = el.scrollTop;
    const height = el.clientHeight || 1;
    const before = onScreen.current;
    onScreen.current = visiblePages(now, top, height);
    wake(pages.current, before, onScreen.current);
    const next = renderPlan(now, top, height);
    setPlan((old) => (samePlan(old, next) ? old : next));
    anchor.current = {
      point: documentPointAt(now, s, top + height / 2),
      at: height / 2,
      x: el.clientWidth / 2,
    };
    const page = mostVisiblePage(now, top, height);
    if (page !== visible.current) {
      visible.current = page;
      current.current.onVisiblePageChange?.(page);
    }
  }, []);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    let frame = 0;
    const onScroll = () => {
      if (frame === 0)
        frame = requestAnimationFrame(() => {
          frame = 0;
          update();
        });
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    const resize = new ResizeObserver(() => update());
    resize.observe(el);
    return () => {
      el.removeEventListener('scroll', onScroll);
      resize.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [update]);

  // After a zoom (or the page sizes arriving), keep the anchored point where it was on screen.
  const laidOut = useRef<{ scale: number } | null>(null);
  useLayoutEffect(() => {
    const el = scroller.current;
    const previous = laidOut.current;
    laidOut.current = { scale };
    if (!el || layout.tops.length === 0) return;
    const held = pendingAnchor.current ?? anchor.current;
    pendingAnchor.current = null;
    if (held && previous && (el.scrollTop > 0 || held.at !== el.clientHeight / 2)) {
      el.scrollTop = offsetOf(layout, scale, held.point) - held.at;
      if (previous.scale !== scale)
        el.scrollLeft = (el.scrollLeft + held.x) * (scale / previous.scale) - held.x;
    }
    update();
  }, [layout, scale, update]);

  const zoomAround = useCallback((next: number, clientX: number, clientY: number) => {
    const el = scroller.current;
    const { layout: now, scale: s, onScaleChange: change } = current.current;
    if (!el || next === s) return;
    const box = el.getBoundingClientRect();
    const at = clientY - box.top;
    pendingAnchor.current = {
      point: documentPointAt(now, s, el.scrollTop + at),
      at,
      x: clientX - box.left,
    };
    change(next);
  }, []);

  // ctrl+wheel (and a trackpad pinch, which browsers send as ctrl+wheel) zooms the document, not
  // the whole screen; React's wheel listener is passive, so this one is added by hand.
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const onWheel = (event: WheelEvent) => {
      if (!event.ctrlKey && !event.metaKey) return;
      event.preventDefault();
      zoomAround(
        wheelZoom(current.current.scale, event.deltaY, event.deltaMode),
        event.clientX,
        event.clientY,
      );
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [zoomAround]);

  const scaleNow = useCallback(() => current.current.scale, []);
  usePinchZoom(scroller, scaleNow, zoomAround);

  const scrollToPage = useCallback((page: number) => {
    const el = scroller.current;
    const { layout: now } = current.current;
    const clamped = Math.min(Math.max(1, Math.round(page)), now.tops.length);
    if (!el || now.tops.length === 0) return;
    el.scrollTop = (now.tops[clamped - 1] ?? 0) - PAGE_GAP / 2;
  }, []);

  const scrollToRect = useCallback((page: number, rect: Rect) => {
    const el = scroller.current;
    const { layout: now, scale: s } = current.current;
    const top = now.tops[page - 1];
    if (!el || top === undefined) return;
    const rectTop = top + rect.y * s;
    const rectBottom = rectTop + rect.height * s;
    if (rectTop < el.scrollTop || rectBottom > el.scrollTop + el.clientHeight)
      el.scrollTop = rectTop - (el.clientHeight - rect.height * s) / 2;
    const pageBox = pages.current.get(page)?.pageBox as HTMLElement | undefined;
    if (pageBox) {
      const left = pageBox.offsetLeft + rect.x * s;
      const right = left + rect.width * s;
      if (left < el.scrollLeft || right > el.scrollLeft + el.clientWidth)
        el.scrollLeft = left - (el.clientWidth - rect.width * s) / 2;
    }
  }, []);

  const fitWidth = useCallback(() => {
    const el = scroller.current;
    if (!el || !sizes) return;
    const widest = Math.max(...sizes.map((s) => s.width));
    current.current.onScaleChange(fitWidthScale(widest, el.clientWidth));
  }, [sizes]);

  useImperativeHandle(
    ref,
    () => ({
      scrollToPage,
      scrollToRect,
      fitWidth,
      // A text layer asleep off screen still measures: the browser lays it out for the asking.
      selection: () =>
        readSelection(
          scroller.current?.ownerDocument.getSelection() ?? null,
          [...pages.current.values()],
          current.current.scale,
        ),
      clearSelection: () => scroller.current?.ownerDocument.getSelection()?.removeAllRanges(),
    }),
    [scrollToPage, scrollToRect, fitWidth],
  );

  const byPage = useMemo(() => hitsByPage(hits), [hits]);
  const target = currentHit === undefined ? undefined : hits?.[currentHit];
  useEffect(() => {
    if (target) scrollToRect(target.page, target);
  }, [target, scrollToRect]);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (isTyping(event.target) || event.altKey) return;
    const el = scroller.current;
    if (!el) return;
    const middle = el.getBoundingClientRect();
    const zoomAt = (next: number) =>
      zoomAround(next, middle.left + el.clientWidth / 2, middle.top + el.clientHeight / 2);
    const page = visible.current || 1;
    if (event.key === 'PageDown' && !event.ctrlKey) scrollToPage(page + 1);
    else if (event.key === 'PageUp' && !event.ctrlKey) scrollToPage(page - 1);
    else if (event.key === '+' || event.key === '=') zoomAt(zoomIn(scale));
    else if (event.key === '-' || event.key === '_') zoomAt(zoomOut(scale));
    else return;
    event.preventDefault();
  };

  const pageCount = pdf.numPages;
  return (
    <section
      ref={scroller}
      className="review-viewer"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: the scrolling document takes focus so PageUp, PageDown, + and - work, as in any document viewer
      tabIndex={0}
      aria-label={`Document, ${pageCount} ${pageCount === 1 ? 'page' : 'pages'}`}
      onKeyDown={onKeyDown}
    >
      {sizes ? (
        <div
          key={documentKey(pdf)}
          className="review-viewer__pages"
          style={{ minWidth: `${layout.widest + 2 * PAGE_GAP}px` }}
        >
          {sizes.map((size) => (
            <PageView
              key={size.page}
              pdf={pdf}
              size={size}
              pageCount={pageCount}
              scale={scale}
              renderScale={renderScale}
              mode={modeOf(plan, size.page)}
              isDrawing={isDrawing}
              renderOverlay={renderOverlay}
              hits={byPage.get(size.page) ?? NO_HITS}
              currentHit={byPage.has(size.page) ? currentHit : undefined}
              register={register}
              queue={queue}
            />
          ))}
        </div>
      ) : (
        <p className="govuk-body review-viewer__loading">Opening the document…</p>
      )}
    </section>
  );
});
