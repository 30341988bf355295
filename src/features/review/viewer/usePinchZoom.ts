// Two-finger pinch zoom on a touch screen. One finger scrolls as the browser does natively; the
// moment a second finger lands the gesture is ours: touch events, not pointer events, because
// the browser cancels the pointers of a touch it has started panning with (pointercancel) and
// sends no more of their moves, while touchmove keeps coming and can stop the pan.
import { type RefObject, useEffect } from 'react';
import { distance, pinchScale } from './zoom';

type Pinch = { startDistance: number; startScale: number };

export function usePinchZoom(
  target: RefObject<HTMLElement | null>,
  scaleNow: () => number,
  zoomAround: (scale: number, clientX: number, clientY: number) => void,
): void {
  useEffect(() => {
    const el = target.current;
    if (!el) return;
    let pinch: Pinch | null = null;
    let frame = 0;
    const points = (event: TouchEvent) => {
      const [a, b] = [event.touches[0], event.touches[1]];
      return a && b ? { a: { x: a.clientX, y: a.clientY }, b: { x: b.clientX, y: b.clientY } } : null;
    };
    const onStart = (event: TouchEvent) => {
      const two = points(event);
      if (!two) return;
      pinch = { startDistance: distance(two.a, two.b), startScale: scaleNow() };
    };
    const onMove = (event: TouchEvent) => {
      const two = points(event);
      if (!pinch || !two) return;
      event.preventDefault();
      const started = pinch;
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() =>
        zoomAround(
          pinchScale(started.startScale, started.startDistance, distance(two.a, two.b)),
          (two.a.x + two.b.x) / 2,
          (two.a.y + two.b.y) / 2,
        ),
      );
    };
    const onEnd = (event: TouchEvent) => {
      if (event.touches.length < 2) pinch = null;
    };
    el.addEventListener('touchstart', onStart, { passive: true });
    el.addEventListener('touchmove', onMove, { passive: false });
    el.addEventListener('touchend', onEnd);
    el.addEventListener('touchcancel', onEnd);
    return () => {
      cancelAnimationFrame(frame);
      el.removeEventListener('touchstart', onStart);
      el.removeEventListener('touchmove', onMove);
      el.removeEventListener('touchend', onEnd);
      el.removeEventListener('touchcancel', onEnd);
    };
  }, [target, scaleNow, zoomAround]);
}
