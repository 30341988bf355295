// One page's marks, drawn in page points over the viewer's page, and the drawing tools on it:
// drag a box to redact, tap to pin a comment, draw ink with a pen or mouse. While drawing, a
// finger scrolls the viewer instead (the overlay takes `touch-action: none` so the browser
// leaves every pointer to us, and we scroll for touch ourselves). The selected redaction has
// handles (44 px targets at any zoom): drag the box to move it, a corner to resize it, with a
// mouse, pen or finger, whatever tool is on.
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
  boundsOf,
  type Handle,
  isBoxBigEnough,
  isHandle,
  pressureOf,
  rectBetween,
  reshapeRects,
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
  /** Gives a redaction new rectangles, settling once the change is in the case's state (or
   * refused); null when this person may not change marks. */
  reshape?: ((markId: string, rects: Rect[]) => Promise<unknown>) | null;
};

export const OverlayContext = createContext<OverlayActions | null>(null);

/** Pins and handles keep this size on screen (CSS px) at any zoom: a 44 px target. */
const PIN_PX = 44;

type Gesture =
  | { kind: 'box'; from: InkPoint; to: InkPoint }
  | { kind: 'ink'; points: InkPoint[] }
  | { kind: 'scroll'; x: number; y: number; scroller: Element | null }
  | { kind: 'tap' }
  | { kind: 'reshape'; markId: string; handle: Handle; from: InkPoint; rects: Rect[]; now: Rect[] };

/** The selected redaction on this page, when it may be moved. */
function reshapeable(actions: OverlayActions | null, page: number): Mark | null {
  if (!actions?.reshape || !actions.selectedId) return null;
  const mark = actions.marksByPage.get(page)?.find((m) => m.id === actions.selectedId);
  return mark?.kind === 'redaction' && mark.status !== 'deleted' && mark.rects.length > 0 ? mark : null;
}

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
  // A dragged redaction stays where it was dropped until the saved change is in the case's
  // state (or is refused), so the box never jumps back to its old place meanwhile.
  const [held, setHeld] = useState<{ markId: string; rects: Rect[] } | null>(null);
  const svg = useRef<SVGSVGElement>(null);
  // The listeners below live as long as the page is drawn; they read the latest tool and
  // actions from here rather than being added again on every render.
  const latest = useRef({ actions, width, height, page, gesture, held });
  latest.current = { actions, width, height, page, gesture, held };
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
    const grab = (event: globalThis.PointerEvent): boolean => {
      const target = event.target instanceof Element ? event.target.closest('[data-handle]') : null;
      const handle = target?.getAttribute('data-handle') ?? undefined;
      const mark = reshapeable(latest.current.actions, latest.current.page);
      if (!target || !isHandle(handle) || !mark || event.button > 0) return false;
      event.preventDefault();
      try {
        host.setPointerCapture(event.pointerId);
      } catch {
        // As below: a synthetic pointer cannot be captured; the drag works while over the page.
      }
      const from = pointAt(event);
      // Dragged again before the last drop is saved: start from where it was dropped.
      const { held: dropped } = latest.current;
      const rects = dropped?.markId === mark.id ? dropped.rects : mark.rects;
      update({ kind: 'reshape', markId: mark.id, handle, from, rects, now: rects });
      return true;
    };
    const down = (event: globalThis.PointerEvent) => {
      // A handle of the selected redaction is taken first, whatever the tool.
      if (grab(event)) return;
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
      else if (current.kind === 'reshape') {
        const p = pointAt(event);
        const { width: w, height: h } = latest.current;
        const now = reshapeRects(current.rects, current.handle, p.x - current.from.x, p.y - current.from.y, {
          width: w,
          height: h,
        });
        update({ ...current, now });
      } else if (current.kind === 'ink') {
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
      else if (current.kind === 'reshape') {
        // A press without a drag only selects (the mark's own pointerup does that).
        if (act.reshape && JSON.stringify(current.now) !== JSON.stringify(current.rects)) {
          const dropped = { markId: current.markId, rects: current.now };
          setHeld(dropped);
          void act
            .reshape(current.markId, current.now)
            .catch(() => undefined)
            .finally(() => setHeld((h) => (h === dropped ? null : h)));
        }
      } else if (current.kind === 'box') {
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
  const movable = reshapeable(actions, page);
  const moving =
    gesture?.kind === 'reshape' && gesture.markId === movable?.id
      ? gesture.now
      : held && held.markId === movable?.id
        ? held.rects
        : null;
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
          mark={moving && mark.id === movable?.id ? { ...mark, rects: moving } : mark}
          page={page}
          pin={pin}
          isSelected={mark.id === actions.selectedId}
          isMovable={mark.id === movable?.id}
          onPick={isDrawing ? undefined : pick}
        />
      ))}
      {movable ? <Handles rects={moving ?? movable.rects} pin={pin} pageWidth={width} /> : null}
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

const CORNERS = ['nw', 'ne', 'sw', 'se'] as const;

/** A corner's target reaches mostly outside the box (a quarter inside), so on a box smaller
 * than the targets the middle still moves it rather than resizing it. */
const outward = (at: { x: number; y: number }, c: (typeof CORNERS)[number], side: number) => ({
  x: c.endsWith('w') ? at.x - side * 0.75 : at.x - side * 0.25,
  y: c.startsWith('n') ? at.y - side * 0.75 : at.y - side * 0.25,
  width: side,
  height: side,
});

const squareAt = (at: { x: number; y: number }, side: number) => ({
  x: at.x - side / 2,
  y: at.y - side / 2,
  width: side,
  height: side,
});

/** Corner handles to resize the selected box and a round one beside it to move it (the box
 * itself moves too): each a 44 px target around a small visible grip. */
function Handles({ rects, pin, pageWidth }: { rects: Rect[]; pin: number; pageWidth: number }) {
  const b = boundsOf(rects);
  const grip = pin * 0.32;
  const line = pin / 22;
  const corner = (c: (typeof CORNERS)[number]) => ({
    x: c.endsWith('w') ? b.x : b.x + b.width,
    y: c.startsWith('n') ? b.y : b.y + b.height,
  });
  // The move handle sits clear of the right-hand corners, or of the left ones near the page's edge.
  const isRoomRight = b.x + b.width + pin * 1.6 <= pageWidth;
  const mover = { x: isRoomRight ? b.x + b.width + pin * 1.1 : b.x - pin * 1.1, y: b.y + b.height / 2 };
  const arm = pin * 0.18;
  return (
    <g className="review-handles">
      {CORNERS.map((c) => {
        const at = corner(c);
        return (
          <g key={c} className={`review-handle review-handle--${c}`} data-handle={c}>
            <rect className="review-handle__target" {...outward(at, c, pin)} />
            <rect className="review-handle__grip" {...squareAt(at, grip)} strokeWidth={line} />
          </g>
        );
      })}
      <g className="review-handle review-handle--move" data-handle="move">
        <circle className="review-handle__target" cx={mover.x} cy={mover.y} r={pin / 2} />
        <circle className="review-handle__grip" cx={mover.x} cy={mover.y} r={pin * 0.3} strokeWidth={line} />
        <path
          className="review-handle__arrows"
          strokeWidth={line}
          d={`M${mover.x - arm} ${mover.y}H${mover.x + arm}M${mover.x} ${mover.y - arm}V${mover.y + arm}`}
        />
      </g>
    </g>
  );
}

// Memoised: adding, changing or selecting one mark of a thousand draws that one (or two) again.
const MarkShape = memo(function MarkShape(props: {
  mark: Mark;
  page: number;
  pin: number;
  isSelected: boolean;
  /** The selected redaction that may be moved: the box itself is a move handle. */
  isMovable?: boolean;
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
      <g
        className={`review-mark review-mark--${status}${selected}${props.isMovable ? ' review-handle review-handle--body' : ''}`}
        data-mark-id={mark.id}
        data-handle={props.isMovable ? 'move' : undefined}
        {...pick}
      >
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
