// Blanking the pixels of an image XObject under the regions: the samples are decoded (Flate,
// LZW, ASCII, run-length via pdf-lib; baseline JPEG via pdf.js's decoder), every sample whose
// pixel any region touches (rounded outwards) is set to zero in the image and in its soft mask
// or stencil mask, and the result is written as a new Flate image for this use only; other
// uses of the original keep it. Images in formats we cannot decode come back undefined and the
// caller removes them whole (never only covered).
import {
  decodePDFRawStream,
  PDFArray,
  type PDFContext,
  PDFDict,
  PDFName,
  PDFNumber,
  PDFRawStream,
  type PDFRef,
  PDFStream,
} from '@cantoo/pdf-lib';
import type { JpegImage } from 'pdfjs-dist/legacy/image_decoders/pdf.image_decoders.mjs';
import { withBuiltinsKept } from '../pdfjs';
import { flateStream } from './deflate';
import { apply, boundsOf, invert, type Matrix, type Rect, rectsIntersect } from './geometry';
import { getName, getNumber, resolve } from './pdfObjects';

export type JpegDecoder = typeof JpegImage;

let decoders: Promise<JpegDecoder | undefined> | undefined;
/** pdf.js's JPEG decoder, loaded once; undefined if it cannot be loaded here. */
export function loadJpegDecoder(): Promise<JpegDecoder | undefined> {
  // Its polyfills would replace built-ins (Array.prototype.push in Node 20) for everyone.
  decoders ??= withBuiltinsKept(() => import('pdfjs-dist/legacy/image_decoders/pdf.image_decoders.mjs')).then(
    (m) => m.JpegImage,
    () => undefined,
  );
  return decoders;
}

const MAX_IMAGE_SAMPLES = 200_000_000;
const COPIED_KEYS = ['ColorSpace', 'BitsPerComponent', 'Decode', 'ImageMask', 'Intent', 'Interpolate'];

function filtersOf(ctx: PDFContext, dict: PDFDict): string[] {
  const f = resolve(ctx, dict.get(PDFName.of('Filter')));
  if (f instanceof PDFName) return [f.decodeText()];
  if (f instanceof PDFArray)
    return f.asArray().map((x) => (resolve(ctx, x) as PDFName | undefined)?.decodeText?.() ?? '?');
  return [];
}

function hasPredictor(ctx: PDFContext, dict: PDFDict): boolean {
  const parms = resolve(ctx, dict.get(PDFName.of('DecodeParms')));
  const all = parms instanceof PDFArray ? parms.asArray().map((p) => resolve(ctx, p)) : [parms];
  return all.some((p) => p instanceof PDFDict && (getNumber(ctx, p, 'Predictor') ?? 1) > 1);
}

function componentsOf(ctx: PDFContext, dict: PDFDict): number | undefined {
  if (resolve(ctx, dict.get(PDFName.of('ImageMask')))?.toString() === 'true') return 1;
  const cs = resolve(ctx, dict.get(PDFName.of('ColorSpace')));
  const name =
    cs instanceof PDFName
      ? cs.decodeText()
      : cs instanceof PDFArray
        ? (resolve(ctx, cs.get(0)) as PDFName | undefined)?.decodeText?.()
        : undefined;
  switch (name) {
    case 'DeviceGray':
    case 'CalGray':
    case 'G':
    case 'Indexed':
    case 'I':
    case 'Separation':
      return 1;
    case 'DeviceRGB':
    case 'CalRGB':
    case 'RGB':
    case 'Lab':
      return 3;
    case 'DeviceCMYK':
    case 'CMYK':
      return 4;
    case 'ICCBased': {
      const stream = cs instanceof PDFArray ? resolve(ctx, cs.get(1)) : undefined;
      return stream instanceof PDFStream ? getNumber(ctx, stream.dict, 'N') : undefined;
    }
    case 'DeviceN': {
      const names = cs instanceof PDFArray ? resolve(ctx, cs.get(1)) : undefined;
      return names instanceof PDFArray ? names.size() : undefined;
    }
    default:
      return undefined;
  }
}

function decodeSamples(
  ctx: PDFContext,
  stream: PDFStream,
  jpeg: JpegDecoder | undefined,
  w: number,
  h: number,
  nc: number,
): Uint8Array | undefined {
  const filters = filtersOf(ctx, stream.dict);
  if (!(stream instanceof PDFRawStream)) return undefined;
  if (filters.length === 1 && filters[0] === 'DCTDecode') {
    if (!jpeg || nc === 4) return undefined; // CMYK JPEGs carry an inversion we would have to guess
    try {
      const image = new jpeg();
      image.parse(stream.getContents());
      if (image.numComponents !== nc) return undefined;
      return image.getData({ width: w, height: h, isSourcePDF: true });
    } catch {
      return undefined;
    }
  }
  if (
    filters.some(
      (f) =>
        ![
          'FlateDecode',
          'Fl',
          'LZWDecode',
          'LZW',
          'ASCIIHexDecode',
          'AHx',
          'ASCII85Decode',
          'A85',
          'RunLengthDecode',
          'RL',
        ].includes(f),
    )
  )
    return undefined;
  if (hasPredictor(ctx, stream.dict)) return undefined;
  try {
    return decodePDFRawStream(stream).decode();
  } catch {
    return undefined;
  }
}

/** Pixel rectangles (x0, y0, x1, y1; rows from the top) that the regions touch. */
function pixelBoxes(
  ctm: Matrix,
  regions: Rect[],
  w: number,
  h: number,
): Array<[number, number, number, number]> {
  const inverse = invert(ctm);
  if (!inverse) return [[0, 0, w, h]];
  const out: Array<[number, number, number, number]> = [];
  for (const r of regions) {
    const corners = [
      apply(inverse, r.x0, r.y0),
      apply(inverse, r.x1, r.y0),
      apply(inverse, r.x1, r.y1),
      apply(inverse, r.x0, r.y1),
    ];
    const u = boundsOf(corners);
    if (!rectsIntersect(u, { x0: 0, y0: 0, x1: 1, y1: 1 })) continue;
    out.push([
      Math.max(0, Math.floor(u.x0 * w)),
      Math.max(0, Math.floor((1 - u.y1) * h)),
      Math.min(w, Math.ceil(u.x1 * w)),
      Math.min(h, Math.ceil((1 - u.y0) * h)),
    ]);
  }
  return out;
}

function clearSamples(
  data: Uint8Array,
  w: number,
  nc: number,
  bpc: number,
  boxes: Array<[number, number, number, number]>,
) {
  const rowBytes = Math.ceil((w * nc * bpc) / 8);
  for (const [x0, y0, x1, y1] of boxes) {
    for (let y = y0; y < y1; y++) {
      const row = y * rowBytes;
      if (bpc % 8 === 0) {
        const bytesPer = (nc * bpc) / 8;
        data.fill(0, row + x0 * bytesPer, row + x1 * bytesPer);
        continue;
      }
      for (let bit = x0 * nc * bpc; bit < x1 * nc * bpc; bit++) {
        const i = row + (bit >> 3);
        data[i] = (data[i] ?? 0) & ~(0x80 >> (bit & 7));
      }
    }
  }
}

/**
 * A blanked copy of the image (and its masks) for one use under `ctm`, or undefined when the
 * image cannot be decoded here.
 */
export function blankImage(
  ctx: PDFContext,
  image: PDFStream,
  ctm: Matrix,
  regions: Rect[],
  jpeg: JpegDecoder | undefined,
  depth = 0,
): PDFRef | undefined {
  const dict = image.dict;
  const w = getNumber(ctx, dict, 'Width') ?? 0;
  const h = getNumber(ctx, dict, 'Height') ?? 0;
  const isMask = resolve(ctx, dict.get(PDFName.of('ImageMask')))?.toString() === 'true';
  const bpc = isMask ? 1 : (getNumber(ctx, dict, 'BitsPerComponent') ?? 8);
  const nc =
    componentsOf(ctx, dict) ?? (getName(ctx, dict, 'Subtype') === 'Image' && depth > 0 ? 1 : undefined);
  if (!nc || w <= 0 || h <= 0 || ![1, 2, 4, 8, 16].includes(bpc) || w * h * nc > MAX_IMAGE_SAMPLES)
    return undefined;
  const decoded = decodeSamples(ctx, image, jpeg, w, h, nc);
  const size = Math.ceil((w * nc * bpc) / 8) * h;
  if (!decoded || decoded.length < size) return undefined;
  // pdf.js returns a Uint8ClampedArray for JPEGs; pdf-lib takes only a Uint8Array.
  const data = new Uint8Array(decoded.subarray(0, size));
  clearSamples(data, w, nc, bpc, pixelBoxes(ctm, regions, w, h));
  const copy = flateStream(ctx, data, { Type: 'XObject', Subtype: 'Image', Width: w, Height: h });
  for (const k of COPIED_KEYS) {
    const v = dict.get(PDFName.of(k));
    if (v !== undefined) copy.dict.set(PDFName.of(k), v);
  }
  if (!isMask) copy.dict.set(PDFName.of('BitsPerComponent'), PDFNumber.of(bpc));
  // JPEG data was converted to plain samples: a /Decode meant for the JPEG stays valid.
  for (const maskKey of ['SMask', 'Mask']) {
    const mask = resolve(ctx, dict.get(PDFName.of(maskKey)));
    if (mask instanceof PDFStream) {
      if (depth > 0) return undefined;
      const blanked = blankImage(ctx, mask, ctm, regions, jpeg, depth + 1);
      if (!blanked) return undefined;
      copy.dict.set(PDFName.of(maskKey), blanked);
    } else if (mask instanceof PDFArray) copy.dict.set(PDFName.of(maskKey), mask);
  }
  return ctx.register(copy);
}
