// Zoom maths: the steps the zoom buttons and + / - keys move through, fit width, and how far a
// ctrl+wheel turn or a two-finger pinch zooms. Pure, so it can be tested.

export const MIN_SCALE = 0.25;
export const MAX_SCALE = 5;
export const ZOOM_STEPS = [0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3, 4, 5];

export function clampScale(scale: number): number {
  if (!Number.isFinite(scale)) return 1;
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
}

// A step counts as "the same" as the scale within this, so 1.0999 then zoom in goes to 1.25.
const SAME = 0.005;

export function zoomIn(scale: number): number {
  return ZOOM_STEPS.find((step) => step > scale + SAME) ?? MAX_SCALE;
}

export function zoomOut(scale: number): number {
  return [...ZOOM_STEPS].reverse().find((step) => step < scale - SAME) ?? MIN_SCALE;
}

/** The scale at which a page `pageWidth` points wide fills `available` CSS px, less a margin. */
export function fitWidthScale(pageWidth: number, available: number, margin = 24): number {
  if (pageWidth <= 0 || available <= margin) return 1;
  return clampScale((available - margin) / pageWidth);
}

// One notch of a mouse wheel (deltaY ≈ 100 px) zooms by about 10 %.
const WHEEL_RATE = 0.001;

/** The new scale after a ctrl+wheel (or trackpad pinch, which browsers send as ctrl+wheel). */
export function wheelZoom(scale: number, deltaY: number, deltaMode = 0): number {
  // deltaMode 1 is lines, 2 pages: make them about the size of a pixel delta.
  const pixels = deltaMode === 1 ? deltaY * 33 : deltaMode === 2 ? deltaY * 400 : deltaY;
  const limited = Math.max(-300, Math.min(300, pixels));
  return clampScale(scale * Math.exp(-limited * WHEEL_RATE));
}

export type Point = { x: number; y: number };

export const distance = (a: Point, b: Point): number => Math.hypot(a.x - b.x, a.y - b.y);

/** The scale during a pinch: the start scale times how far the fingers have spread. */
export function pinchScale(startScale: number, startDistance: number, nowDistance: number): number {
  if (startDistance <= 0) return startScale;
  return clampScale(startScale * (nowDistance / startDistance));
}

/** Percentage for people: 1.25 → "125%". */
export const percent = (scale: number): string => `${Math.round(scale * 100)}%`;
