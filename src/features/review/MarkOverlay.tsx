// One page's marks, drawn in page points over the viewer's page, and the drawing tools on it:
// drag a box to redact, tap to pin a comment, draw ink with a pen or mouse. While drawing, a
// finger scrolls the viewer instead (the overlay takes `touch-action: none` so the browser
// leaves every pointer to us, and we scroll for touch ourselves).
import { createContext, type PointerEvent, useContext, useRef, useState } from 'react';
import type { InkPoint, Mark, Rect } from '../../domain';
import {
  type Box,
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
  | { kind: 'scroll'; x: number; y: number; scroller: Element | null };

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
  if (!actions) return null;
  const { tool } = actions;
  const marks = actions.marksByPage.get(page) ?? [];
  const isDrawing = isDrawingTool(tool);
  const size = { width, height };

  const pointAt = (event: PointerEvent | globalThis.PointerEvent): InkPoint => {
    const box: Box = svg.current?.getBoundingClientRect() ?? { left: 0, top: 0, width, height };
    return toPagePoint(
      event.clientX,
      event.clientY,
      box,
      size,
      pressureOf(event.pointerType, event.pressure),
    );
  };

  const onPointerDown = (event: PointerEvent<SVGSVGElement>) => {
    if (!isDrawing || event.button > 0) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    if (tool === 'draw' && event.pointerType === 'touch') {
      setGesture({
        kind: 'scroll',
        x: event.clientX,
        y: event.clientY,
        scroller: scrollerOf(event.currentTarget),
      });
    } else if (tool === 'draw') setGesture({ kind: 'ink', points: [pointAt(event)] });
    else if (tool === 'area') setGesture({ kind: 'box', from: pointAt(event), to: pointAt(event) });
  };

  const onPointerMove = (event: PointerEvent<SVGSVGElement>) => {
    if (!gesture) return;
    if (gesture.kind === 'scroll') {
      gesture.scroller?.scrollBy(gesture.x - event.clientX, gesture.y - event.clientY);
      setGesture({ ...gesture, x: event.clientX, y: event.clientY });
    } else if (gesture.kind === 'box') setGesture({ ...gesture, to: pointAt(event) });
    else {
      // A pen reports more often than frames are drawn: take every coalesced sample.
      const samples = event.nativeEvent.getCoalescedEvents?.() ?? [];
      const points = (samples.length > 0 ? samples : [event.nativeEvent]).map(pointAt);
      setGesture({ kind: 'ink', points: [...gesture.points, ...points] });
    }
  };

  const onPointerUp = (event: PointerEvent<SVGSVGElement>) => {
    if (tool === 'comment' && isDrawing && event.button <= 0) {
      actions.placeComment(page, pointAt(event));
      return;
    }
    if (!gesture) return;
    setGesture(null);
    if (gesture.kind === 'box') {
      const rect = rectBetween(gesture.from, pointAt(event));
      if (isBoxBigEnough(rect)) actions.finishBox(page, rect);
    } else if (gesture.kind === 'ink') {
      const stroke = thinStroke([...gesture.points, pointAt(event)]);
      if (stroke.length > 0) actions.finishStroke(page, stroke);
    }
  };

  const pin = PIN_PX / scale;
  return (
    <svg
      ref={svg}
      className={`review-overlay${isDrawing ? ' review-overlay--drawing' : ''}`}
      viewBox={`0 0 ${width} ${height}`}
      preserveAspectRatio="none"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={() => setGesture(null)}
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
          onSelect={isDrawing ? undefined : () => actions.select(mark.id)}
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

function MarkShape(props: {
  mark: Mark;
  page: number;
  pin: number;
  isSelected: boolean;
  onSelect?: (() => void) | undefined;
}) {
  const { mark, pin, isSelected, onSelect } = props;
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
              <text x={r.x + r.width / 2} y={r.y + r.height / 2} fontSize={Math.min(r.height * 0.7, 10)}>
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
            stroke={mark.colour ?? '#1d70b8'}
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
}
