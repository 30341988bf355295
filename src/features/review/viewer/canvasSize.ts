// Drawing a page on a canvas. How many device pixels a page's canvas gets: the page's CSS size times the screen's pixel
// ratio, capped so one canvas never takes more than MAX_CANVAS_PIXELS (a tablet at 400 % on a
// 3× screen would otherwise ask for hundreds of megabytes and the browser would refuse it).
import type { PDFPageProxy, RenderTask } from 'pdfjs-dist/types/src/display/api';

export const MAX_CANVAS_PIXELS = 16_777_216; // 4096 × 4096, as pdf.js's viewer allows on mobile

/** The ratio of canvas pixels to CSS px for a page of cssWidth × cssHeight. */
export function outputScale(cssWidth: number, cssHeight: number, pixelRatio: number): number {
  const ratio = Number.isFinite(pixelRatio) && pixelRatio > 0 ? pixelRatio : 1;
  const area = cssWidth * cssHeight * ratio * ratio;
  if (area <= MAX_CANVAS_PIXELS || area <= 0) return ratio;
  return ratio * Math.sqrt(MAX_CANVAS_PIXELS / area);
}

/** Starts drawing `page` at `scale` CSS px per point on a new canvas sized for this screen. */
export function drawPage(page: PDFPageProxy, scale: number): { canvas: HTMLCanvasElement; task: RenderTask } {
  const viewport = page.getViewport({ scale });
  const ratio = outputScale(viewport.width, viewport.height, window.devicePixelRatio);
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.floor(viewport.width * ratio));
  canvas.height = Math.max(1, Math.floor(viewport.height * ratio));
  const task = page.render({
    canvas,
    viewport,
    transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0],
  });
  return { canvas, task };
}

/** Gives a canvas's memory back at once (setting its size to zero; Safari keeps it otherwise). */
export function releaseCanvas(canvas: HTMLCanvasElement): void {
  canvas.width = 0;
  canvas.height = 0;
  canvas.remove();
}
