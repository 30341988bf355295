// The keyboard way to move or resize the selected redaction: arrow keys move it a point, ten
// with Shift, and with Alt change its size. The box moves on screen at once; a run of presses
// is saved as one change once the keys rest, so holding an arrow down makes one event, not fifty.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Mark, Rect } from '../../domain';
import { keyReshape, reshapeRects } from './pointerGeometry';

/** How long the arrow keys must rest before a keyboard move is saved. */
const SAVE_AFTER_MS = 500;

export type Preview = { id: string; rects: Rect[] };

const isTyping = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

export function useKeyboardReshape(options: {
  /** The selected redaction, when this person may change it. */
  mark: Mark | null;
  pageSize(page: number): { width: number; height: number } | undefined;
  save(mark: Mark, rects: Rect[]): Promise<unknown>;
}): Preview | null {
  const [preview, setPreview] = useState<Preview | null>(null);
  const latest = useRef(options);
  latest.current = options;
  const pending = useRef<{ mark: Mark; rects: Rect[]; timer: ReturnType<typeof setTimeout> } | null>(null);

  const flush = useCallback(() => {
    const run = pending.current;
    if (!run) return;
    clearTimeout(run.timer);
    pending.current = null;
    // The preview stays until the saved change is in the case's state, so the box never jumps back.
    void latest.current
      .save(run.mark, run.rects)
      .finally(() => setPreview((p) => (p?.rects === run.rects ? null : p)));
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const { mark, pageSize } = latest.current;
      if (!mark || event.ctrlKey || event.metaKey || isTyping(event.target)) return;
      const change = keyReshape(event);
      if (!change) return;
      event.preventDefault();
      const run = pending.current?.mark.id === mark.id ? pending.current : null;
      const from = run?.rects ?? mark.rects;
      const page = pageSize(mark.page) ?? {
        width: Number.POSITIVE_INFINITY,
        height: Number.POSITIVE_INFINITY,
      };
      const rects = reshapeRects(from, change.handle, change.dx, change.dy, page);
      if (run) clearTimeout(run.timer);
      pending.current = { mark, rects, timer: setTimeout(flush, SAVE_AFTER_MS) };
      setPreview({ id: mark.id, rects });
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [flush]);

  // Another mark selected, or the tool closed: a move still waiting is saved now.
  const selectedId = options.mark?.id ?? null;
  useEffect(() => {
    if (pending.current && pending.current.mark.id !== selectedId) flush();
  }, [selectedId, flush]);
  useEffect(() => flush, [flush]);

  return preview?.id === selectedId ? preview : null;
}
