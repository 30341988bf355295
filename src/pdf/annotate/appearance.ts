// Appearance streams (/AP /N) for the exported annotations. Acrobat draws an annotation's own
// appearance when it has one, and macOS Preview and pdf.js draw nothing at all for some kinds
// without one, so every annotation carries a small form XObject that draws it.
import type { PDFContext, PDFRef } from '@cantoo/pdf-lib';
import { formatNumber } from '../redaction/contentStream';
import type { Point } from '../redaction/geometry';

export type Colour = readonly [number, number, number];
export type Box = { x0: number; y0: number; x1: number; y1: number };

const n = formatNumber;
const rgb = ([r, g, b]: Colour) => `${n(r)} ${n(g)} ${n(b)}`;

/** The form XObject for one appearance; `opacity` adds a fill-alpha graphics state /GS0. */
export function appearance(
  ctx: PDFContext,
  bbox: Box,
  content: string,
  options: { opacity?: number; multiply?: boolean; matrix?: readonly number[] } = {},
): PDFRef {
  const gs: Record<string, string | number> = { Type: 'ExtGState' };
  if (options.opacity !== undefined) gs.ca = options.opacity;
  if (options.multiply) gs.BM = 'Multiply';
  const stream = ctx.flateStream(content, {
    Type: 'XObject',
    Subtype: 'Form',
    FormType: 1,
    BBox: [bbox.x0, bbox.y0, bbox.x1, bbox.y1],
    Matrix: options.matrix ? [...options.matrix] : [1, 0, 0, 1, 0, 0],
    Resources: { ExtGState: { GS0: gs } },
  });
  return ctx.register(stream);
}

const polygon = (points: readonly Point[]) =>
  `${points.map((p, i) => `${n(p.x)} ${n(p.y)} ${i === 0 ? 'm' : 'l'}`).join(' ')} h`;

/** Translucent fill of each quad (text order: top-left, top-right, bottom-left, bottom-right). */
export function highlightContent(quads: readonly (readonly Point[])[], colour: Colour): string {
  const paths = quads.map(([a, b, c, d]) => polygon([a!, b!, d!, c!]));
  return `/GS0 gs ${rgb(colour)} rg ${paths.join(' ')} f`;
}

/** A line through the middle of each quad, as a strike-through. */
export function strikeContent(quads: readonly (readonly Point[])[], colour: Colour): string {
  const mid = (p: Point, q: Point) => ({ x: (p.x + q.x) / 2, y: (p.y + q.y) / 2 });
  const lines = quads.map(([a, b, c, d]) => {
    const from = mid(a!, c!);
    const to = mid(b!, d!);
    return `${n(from.x)} ${n(from.y)} m ${n(to.x)} ${n(to.y)} l`;
  });
  return `${rgb(colour)} RG 1 w ${lines.join(' ')} S`;
}

/** Round-capped strokes; a segment's width follows the pen's pressure where it was recorded. */
export function inkContent(
  strokes: readonly (readonly (Point & { pressure?: number })[])[],
  colour: Colour,
  width: number,
): string {
  const parts = [`${rgb(colour)} RG 1 J 1 j`];
  for (const stroke of strokes) {
    if (stroke.length === 1) {
      const [p] = stroke;
      parts.push(`${n(width)} w ${n(p!.x)} ${n(p!.y)} m ${n(p!.x)} ${n(p!.y)} l S`);
    }
    for (let i = 1; i < stroke.length; i++) {
      const a = stroke[i - 1]!;
      const b = stroke[i]!;
      const pressure = b.pressure ?? a.pressure;
      const w = pressure === undefined || pressure <= 0 ? width : width * (0.5 + pressure);
      parts.push(`${n(w)} w ${n(a.x)} ${n(a.y)} m ${n(b.x)} ${n(b.y)} l S`);
    }
  }
  return parts.join('\n');
}

/** A red-bordered, lightly filled, cross-hatched box: plainly a proposal, not a black box. */
export function redactionBoxContent(quad: readonly Point[], colour: Colour): string {
  const [a, b, c, d] = quad as [Point, Point, Point, Point];
  const outline = polygon([a, b, d, c]);
  return [
    `q /GS0 gs ${rgb(colour)} rg ${outline} f Q`,
    `${rgb(colour)} RG 1.5 w ${outline} S`,
    `0.75 w ${n(a.x)} ${n(a.y)} m ${n(d.x)} ${n(d.y)} l ${n(b.x)} ${n(b.y)} m ${n(c.x)} ${n(c.y)} l S`,
  ].join('\n');
}

/** The sticky-note icon, 20 × 20: a speech bubble with three lines of "writing". */
export function noteIconContent(colour: Colour): string {
  return [
    `${rgb(colour)} rg 0 G 1 w`,
    '1.5 19 m 18.5 19 l 18.5 6 l 8 6 l 4 1.5 l 5 6 l 1.5 6 l h B',
    '0.5 w 4 15 m 16 15 l 4 12 m 16 12 l 4 9 m 12 9 l S',
  ].join('\n');
}

export const NOTE_ICON_SIZE = 20;

/** Rotation by `degrees` anticlockwise, so an icon on a page shown rotated still reads upright. */
export function uprightMatrix(degrees: 0 | 90 | 180 | 270): number[] {
  const c = Math.round(Math.cos((degrees * Math.PI) / 180));
  const s = Math.round(Math.sin((degrees * Math.PI) / 180));
  return [c, s, -s, c, 0, 0];
}
