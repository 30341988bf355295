// Annotations are not copied into the release. Those that are part of what the page shows —
// filled form fields, free text, stamps, drawn shapes and ink — are flattened first: their
// normal appearance is drawn into the page content, where it is redacted like any other
// content. Review markup (notes, highlights, pop-ups), links, attachments and hidden or
// no-view annotations are simply dropped.
import { type PDFContext, PDFDict, PDFName, PDFNumber, type PDFObject, PDFStream } from '@cantoo/pdf-lib';
import { formatName, formatNumber } from './contentStream';
import { boundsOf, type Matrix, quadOf } from './geometry';
import { asDict, getArray, getName, numbersOf, resolve } from './pdfObjects';

const FLATTENED = new Set([
  'Widget',
  'FreeText',
  'Stamp',
  'Square',
  'Circle',
  'Line',
  'Polygon',
  'PolyLine',
  'Ink',
]);
const HIDDEN = 2;
const NO_VIEW = 32;
const MAX_ANNOTATIONS = 10_000;

export type FlattenedAnnotations = { content: Uint8Array; resources: PDFDict; count: number };

function normalAppearance(
  ctx: PDFContext,
  annot: PDFDict,
): { stream: PDFStream; raw: PDFObject } | undefined {
  const ap = asDict(ctx, annot.get(PDFName.of('AP')));
  const rawN = ap?.get(PDFName.of('N'));
  const n = resolve(ctx, rawN);
  if (n instanceof PDFStream && rawN) return { stream: n, raw: rawN };
  if (n instanceof PDFDict) {
    const state = getName(ctx, annot, 'AS');
    const rawState = state ? n.get(PDFName.of(state)) : undefined;
    const chosen = resolve(ctx, rawState);
    return chosen instanceof PDFStream && rawState ? { stream: chosen, raw: rawState } : undefined;
  }
  return undefined;
}

/** Content drawing the page's visible annotations, or undefined when there are none. */
export function flattenAnnotations(ctx: PDFContext, page: PDFDict): FlattenedAnnotations | undefined {
  const annots = getArray(ctx, page, 'Annots');
  if (!annots) return undefined;
  const xobjects = PDFDict.withContext(ctx);
  const parts: string[] = [];
  let count = 0;
  for (let i = 0; i < Math.min(annots.size(), MAX_ANNOTATIONS); i++) {
    const raw = annots.get(i);
    const annot = asDict(ctx, raw);
    if (!annot) continue;
    const subtype = getName(ctx, annot, 'Subtype') ?? '';
    const flagsObj = resolve(ctx, annot.get(PDFName.of('F')));
    const flags = flagsObj instanceof PDFNumber ? flagsObj.asNumber() : 0;
    if (!FLATTENED.has(subtype) || flags & HIDDEN || flags & NO_VIEW) continue;
    const found = normalAppearance(ctx, annot);
    const appearance = found?.stream;
    const rect = numbersOf(ctx, getArray(ctx, annot, 'Rect'));
    if (!appearance || !rect || rect.length !== 4) continue;
    const bbox = numbersOf(ctx, getArray(ctx, appearance.dict, 'BBox'));
    if (bbox?.length !== 4) continue;
    const formMatrix = (numbersOf(ctx, getArray(ctx, appearance.dict, 'Matrix')) ?? [
      1, 0, 0, 1, 0, 0,
    ]) as unknown as Matrix;
    // PDF 32000 12.5.5: the form's bounding box, transformed by its matrix, is fitted to /Rect.
    const b = boundsOf(
      quadOf(
        formMatrix.length === 6 ? formMatrix : [1, 0, 0, 1, 0, 0],
        bbox[0] ?? 0,
        bbox[1] ?? 0,
        bbox[2] ?? 0,
        bbox[3] ?? 0,
      ),
    );
    const [rx0, ry0, rx1, ry1] = [
      Math.min(rect[0] ?? 0, rect[2] ?? 0),
      Math.min(rect[1] ?? 0, rect[3] ?? 0),
      Math.max(rect[0] ?? 0, rect[2] ?? 0),
      Math.max(rect[1] ?? 0, rect[3] ?? 0),
    ];
    const bw = b.x1 - b.x0;
    const bh = b.y1 - b.y0;
    if (bw <= 0 || bh <= 0) continue;
    const sx = (rx1 - rx0) / bw;
    const sy = (ry1 - ry0) / bh;
    const name = `CwA${++count}`;
    xobjects.set(PDFName.of(name), found?.raw ?? appearance);
    const a = [sx, 0, 0, sy, rx0 - b.x0 * sx, ry0 - b.y0 * sy].map(formatNumber).join(' ');
    parts.push(`q ${a} cm ${formatName(name)} Do Q`);
  }
  if (count === 0) return undefined;
  const resources = PDFDict.withContext(ctx);
  resources.set(PDFName.of('XObject'), xobjects);
  return { content: new TextEncoder().encode(parts.join('\n')), resources, count };
}
