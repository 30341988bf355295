// One page's marks, drawn in page points over the viewer's page, and the drawing tools on it:
// drag a box to redact, tap to pin a comment, draw ink with a pen or mouse. While drawing, a
// finger scrolls the viewer instead (the overlay takes `touch-action: none` so the browser
// leaves every pointer to us, and we scroll for touch ourselves).
import {
  createContext,
  memo,
  type PointerEvent,
  useCallback,
  useContext,
  useEffect,
  useRef,
  useState,
} from 'react';
import type { InkPoint, Mark, Rect } from '../../domain';
import {
  isBoxBigEnough,
  pressureOf,
  rectBetween,
  strokePath,
  strokeWidth,
  thinStroke,
  toPagePoint,
} from './pointerGeometry';

export type Tool = 'select' | 'comment' | 'highlight' | 'draw' | 'area';

export const isDrawingTool = (tool: Tool) => tool === 'comment' || tool === 'draw' || tool === 'area';

export type OverlayActions = {
  marksByPage: Map<number, Mark[]>;
  selectedId: string | null;
  tool: Tool;
  select(id: string): void;
  finishBox(page: number, rect: Rect): void;
  finishStroke(page: number, stroke: InkPoint[]): void;
  placeComment(page: number, at: { x: number; y: number }): void;
};

export const OverlayContext = createContext<OverlayActions | null>(null);

/** Pins and handles keep this size on screen (CSS px) at any zoom: a 44 px target. */
const PIN_PX = 44;

type Gesture =
  | { kind: 'box'; from: InkPoint; to: InkPoint }
  | { kind: 'ink'; points: InkPoint[] }
  | { kind: 'scroll'; x: number; y: number; scroller: Element | null }
  | { kind: 'tap' };

function scrollerOf(element: Element): Element | null {
  for (let at = element.parentElement; at; at = at.parentElement) {
    const { overflowY, overflowX } = getComputedStyle(at);
    if (/(auto|scroll)/.test(overflowY + overflowX)) return at;
  }
  return document.scrollingElement;
}

export function MarkOverlay({
  width,
  height,
  page,
  scale,
}: {
  width: number;
  height: number;
  page: number;
  scale: number;
}) {
  const actions = useContext(OverlayContext);
  const [gesture, setGesture] = useState<Gesture | null>(null);
  const svg = useRef<SVGSVGElement>(null);
  // The listeners below live as long as the page is drawn; they read the latest tool and
  // actions from here rather than being added again on every render.
  const latest = useRef({ actions, width, height, page, gesture });
  latest.current = { actions, width, height, page, gesture };
  // One function for every mark, for ever: a memoised mark re-renders only when it changes.
  const pick = useCallback((id: string) => latest.current.actions?.select(id), []);

  // Listening on the viewer's overlay layer (this SVG's parent) catches pointer events aimed at
  // the layer itself as well as at the drawing.
  useEffect(() => {
    const host = svg.current?.parentElement;
    if (!host) return;
    const pointAt = (event: globalThis.PointerEvent): InkPoint => {
      const { width: w, height: h } = latest.current;
      return toPagePoint(
        event.clientX,
        event.clientY,
        host.getBoundingClientRect(),
        { width: w, height: h },
        pressureOf(event.pointerType, event.pressure),
      );
    };
    const update = (next: Gesture | null) => {
      latest.current.gesture = next;
      setGesture(next);
    };
    const down = (event: globalThis.PointerEvent) => {
      const tool = latest.current.actions?.tool ?? 'select';
      if (!isDrawingTool(tool) || event.button > 0) return;
      event.preventDefault();
      try {
        host.setPointerCapture(event.pointerId);
      } catch {
        // A pointer the browser does not know as active (a synthetic event) cannot be captured;
        // the gesture still works while it stays over the page.
      }
      if (tool === 'draw' && event.pointerType === 'touch')
        update({ kind: 'scroll', x: event.clientX, y: event.clientY, scroller: scrollerOf(host) });
      else if (tool === 'draw') update({ kind: 'ink', points: [pointAt(event)] });
      else if (tool === 'area') update({ kind: 'box', from: pointAt(event), to: pointAt(event) });
      else update({ kind: 'tap' });
    };
    const move = (event: globalThis.PointerEvent) => {
      const current = latest.current.gesture;
      if (!current) return;
      if (current.kind === 'scroll') {
        current.scroller?.scrollBy(current.x - event.clientX, current.y - event.clientY);
        update({ ...current, x: event.clientX, y: event.clientY });
      } else if (current.kind === 'box') update({ ...current, to: pointAt(event) });
      else if (current.kind === 'ink') {
        // A pen reports more often than frames are drawn: take every coalesced sample.
        const samples = event.getCoalescedEvents?.() ?? [];
        const points = (samples.length > 0 ? samples : [event]).map(pointAt);
        update({ kind: 'ink', points: [...current.points, ...points] });
      }
    };
    const up = (event: globalThis.PointerEvent) => {
      const current = latest.current.gesture;
      const { actions: act, page: at } = latest.current;
      update(null);
      if (!current || !act) return;
      if (current.kind === 'tap') act.placeComment(at, pointAt(event));
      else if (current.kind === 'box') {
        const rect = rectBetween(current.from, pointAt(event));
        if (isBoxBigEnough(rect)) act.finishBox(at, rect);
      } else if (current.kind === 'ink') {
        const stroke = thinStroke([...current.points, pointAt(event)]);
        if (stroke.length > 0) act.finishStroke(at, stroke);
      }
    };
    const cancel = () => update(null);
    host.addEventListener('pointerdown', down);
    host.addEventListener('pointermove', move);
    host.addEventListener('pointerup', up);
    host.addEventListener('pointercancel', cancel);
    return () => {
      host.removeEventListener('pointerdown', down);
      host.removeEventListener('pointermove', move);
      host.removeEventListener('pointerup', up);
      host.removeEventListener('pointercancel', cancel);
    };
  }, []);

  if (!actions) return null;
  const { tool } = actions;
  const marks = actions.marksByPage.get(page) ?? [];
  const isDrawing = isDrawingTool(tool);

  const pin = PIN_PX / scale;
  return (
    <svg
      ref={svg}
      className={`review-overlay${isDrawing ? ' review-overlay--drawing' : ''}`}
      viewBox={`0 0 ${width} ${height}`}
      preserveAspectRatio="none"
      aria-hidden="true"
      focusable="false"
    >
      <defs>
        <pattern
          id={`hatch-${page}`}
          width="6"
          height="6"
          patternUnits="userSpaceOnUse"
          patternTransform="rotate(45)"
        >
          <line x1="0" y1="0" x2="0" y2="6" stroke="#d4351c" strokeWidth="2" />
        </pattern>
      </defs>
      {isDrawing ? <rect className="review-overlay__catch" width={width} height={height} /> : null}
      {marks.map((mark) => (
        <MarkShape
          key={mark.id}
          mark={mark}
          page={page}
          pin={pin}
          isSelected={mark.id === actions.selectedId}
          onPick={isDrawing ? undefined : pick}
        />
      ))}
      {gesture?.kind === 'box' ? (
        <rect className="review-overlay__drag" {...rectBetween(gesture.from, gesture.to)} />
      ) : null}
      {gesture?.kind === 'ink' ? (
        <path
          className="review-overlay__ink"
          d={strokePath(gesture.points)}
          strokeWidth={strokeWidth(gesture.points)}
        />
      ) : null}
    </svg>
  );
}

/** The exemption label's size (points): fits the box's height and, roughly, its width. */
function labelSize(r: Rect, label: string): number {
  // Helvetica-like capitals and digits average about 0.6 em wide.
  return Math.max(3, Math.min(r.height * 0.7, 10, r.width / (label.length * 0.6)));
}

// Memoised: adding, changing or selecting one mark of a thousand draws that one (or two) again.
const MarkShape = memo(function MarkShape(props: {
  mark: Mark;
  page: number;
  pin: number;
  isSelected: boolean;
  onPick?: ((id: string) => void) | undefined;
}) {
  const { mark, pin, isSelected, onPick } = props;
  const onSelect = onPick ? () => onPick(mark.id) : undefined;
  const pick = onSelect
    ? {
        onPointerUp: (event: PointerEvent) => {
          event.stopPropagation();
          onSelect();
        },
      }
    : {};
  const selected = `${isSelected ? ' review-mark--selected' : ''}${onSelect ? ' review-overlay__pick' : ''}`;
  if (mark.kind === 'redaction') {
    const status = mark.status === 'agreed' ? 'agreed' : mark.status === 'rejected' ? 'rejected' : 'proposed';
    return (
      <g className={`review-mark review-mark--${status}${selected}`} data-mark-id={mark.id} {...pick}>
        {mark.rects.map((r, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a mark's rectangles never reorder.
          <g key={i}>
            <rect
              x={r.x}
              y={r.y}
              width={r.width}
              height={r.height}
              fill={status === 'proposed' ? `url(#hatch-${props.page})` : undefined}
            />
            {status === 'agreed' && mark.exemption && r.height >= 6 ? (
              <text x={r.x + r.width / 2} y={r.y + r.height / 2} fontSize={labelSize(r, mark.exemption)}>
                {mark.exemption}
              </text>
            ) : null}
          </g>
        ))}
      </g>
    );
  }
  if (mark.subtype === 'highlight' || mark.subtype === 'strike') {
    return (
      <g className={`review-mark review-mark--${mark.subtype}${selected}`} data-mark-id={mark.id}>
        {mark.rects.map((r, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a mark's rectangles never reorder.
          <rect key={i} x={r.x} y={r.y} width={r.width} height={r.height} />
        ))}
      </g>
    );
  }
  if (mark.subtype === 'ink') {
    return (
      <g className={`review-mark review-mark--ink${selected}`} data-mark-id={mark.id} {...pick}>
        {mark.strokes.map((stroke, i) => (
          <path
            // biome-ignore lint/suspicious/noArrayIndexKey: a mark's strokes never reorder.
            key={i}
            d={strokePath(stroke)}
            style={{ stroke: mark.colour ?? '#1d70b8' }}
            strokeWidth={strokeWidth(stroke)}
          />
        ))}
      </g>
    );
  }
  if (mark.inReplyTo) return null;
  // A comment: the quoted text lightly tinted, and a pin at its start (or where it was placed).
  const anchor = mark.rects[0] ?? { x: 0, y: 0, width: 0, height: 0 };
  const status = mark.status === 'resolved' ? ' review-mark--resolved' : '';
  return (
    <g className={`review-mark review-mark--comment${status}${selected}`} data-mark-id={mark.id} {...pick}>
      {mark.rects
        .filter((r) => r.width > 0 && r.height > 0)
        .map((r, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a mark's rectangles never reorder.
          <rect key={i} className="review-mark__quote" x={r.x} y={r.y} width={r.width} height={r.height} />
        ))}
      <g transform={`translate(${anchor.x} ${anchor.y}) scale(${pin / 44})`}>
        <circle className="review-mark__target" cx="0" cy="-22" r="22" />
        <path className="review-mark__pin" d="M0 0 L-9 -16 A11 11 0 1 1 9 -16 Z" />
      </g>
    </g>
  );
});
