// Where a mark lands in a page's own coordinates. Marks are kept in points from the top-left of
// the page as a person sees it (pdf.js viewport at scale 1, /Rotate applied); annotations are
// written in the page's default user space. The transform is the one pdf.js builds, so a mark
// exported and read back by pdf.js lands where it was drawn, on rotated and cropped pages too.
import { PDFName, PDFNumber, type PDFPage } from '@cantoo/pdf-lib';
import {
  apply,
  displayTransform,
  invert,
  type Matrix,
  type PageGeometry,
  type Point,
} from '../redaction/geometry';

export type PageSpace = {
  /** Display point → user space point. */
  toUser(x: number, y: number): Point;
  /** The page's /Rotate, normalised to 0, 90, 180 or 270. */
  rotation: PageGeometry['rotation'];
  /** Display → user transform (for appearance streams drawn upright on screen). */
  matrix: Matrix;
};

function geometryOf(page: PDFPage): PageGeometry {
  const media = page.getMediaBox();
  const crop = page.getCropBox();
  const clipped: [number, number, number, number] = [
    Math.max(crop.x, media.x),
    Math.max(crop.y, media.y),
    Math.min(crop.x + crop.width, media.x + media.width),
    Math.min(crop.y + crop.height, media.y + media.height),
  ];
  // pdf.js shows the crop box clipped to the media box, or the media box when they do not meet.
  const view: [number, number, number, number] =
    clipped[2] > clipped[0] && clipped[3] > clipped[1]
      ? clipped
      : [media.x, media.y, media.x + media.width, media.y + media.height];
  const angle = page.getRotation().angle;
  const rotation = (angle % 90 === 0 ? ((angle % 360) + 360) % 360 : 0) as PageGeometry['rotation'];
  const unit = page.node.get(PDFName.of('UserUnit'));
  const userUnit = unit instanceof PDFNumber && unit.asNumber() > 0 ? unit.asNumber() : 1;
  return { view, rotation, userUnit };
}

export function pageSpace(page: PDFPage): PageSpace {
  const geometry = geometryOf(page);
  const matrix = invert(displayTransform(geometry));
  if (!matrix) throw new Error('The page has no usable size.');
  return { toUser: (x, y) => apply(matrix, x, y), rotation: geometry.rotation, matrix };
}
