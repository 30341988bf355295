// The safe fallback for a page the engine cannot edit with confidence: pdf.js renders the
// original page (annotations off) at 200 dpi, the regions are blacked out in the pixels, the
// image replaces the page content, and the text that lies outside every region is written back
// invisibly so the page stays searchable. An item that touches a region keeps only its words
// that lie well clear of every region: items carry no per-glyph positions, so each word's place
// is an estimate (as find's is), and a word is dropped if it comes within a character of one.
import { type PDFContext, PDFDict, PDFName } from '@cantoo/pdf-lib';
import { Font } from '@cantoo/pdf-lib/standard-fonts';
import type { PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api';
import { charWeight } from '../find/charWidths';
import { boxOfSpan, type PageRuns, type TextRun } from '../pdfjs';
import { formatHexString, formatName, formatNumber } from './contentStream';
import { flateStream } from './deflate';
import { apply, invert, type Matrix, multiply } from './geometry';
import { encodeWinAnsi } from './overlay';
import { UnicodeTextFont, winAnsiHolds } from './unicodeTextFont';
import type { DisplayRect } from './verify';

const TARGET_DPI = 200;
// pdf.js's own default ceiling for one canvas; tablets refuse larger ones.
const MAX_CANVAS_PIXELS = 32 * 1024 * 1024;
const TEXT_FONT_NAME = 'CwText';
const UNICODE_FONT_NAME = 'CwUniText';
// Items closer than this (points) to a region are dropped from the text layer too.
const TEXT_MARGIN = 1;
const _helvetica = Font.load('Helvetica');

export class CannotRasterise extends Error {}

type Canvas2D = {
  getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
};

// `data` is @napi-rs/canvas's (the canvas pdf.js draws on in Node): the pixels as they are
// stored, premultiplied by alpha, without the conversion and copy getImageData makes (several
// times slower on a page of millions of pixels).
type AnyCanvas = { width: number; height: number; getContext(kind: '2d'): unknown; data?: () => Uint8Array };

/** The canvas's RGBA pixels, and whether their colours are premultiplied by alpha. */
function pixelsOf(
  canvas: AnyCanvas,
  context: Canvas2D,
  width: number,
  height: number,
): { rgba: Uint8Array | Uint8ClampedArray; premultiplied: boolean } {
  if (typeof canvas.data === 'function') {
    const stored = canvas.data();
    if (stored instanceof Uint8Array && stored.length === width * height * 4)
      return { rgba: stored, premultiplied: true };
  }
  return { rgba: context.getImageData(0, 0, width, height).data, premultiplied: false };
}

function makeCanvas(
  doc: PDFDocumentProxy,
  width: number,
  height: number,
): { canvas: AnyCanvas; context: Canvas2D } {
  if (typeof OffscreenCanvas !== 'undefined') {
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    if (!context) throw new CannotRasterise('no drawing surface is available');
    return { canvas: canvas as unknown as AnyCanvas, context: context as unknown as Canvas2D };
  }
  const factory = (
    doc as unknown as {
      canvasFactory?: { create(w: number, h: number): { canvas: AnyCanvas; context: Canvas2D } };
    }
  ).canvasFactory;
  if (!factory) throw new CannotRasterise('no drawing surface is available');
  try {
    return factory.create(width, height);
  } catch {
    throw new CannotRasterise('no drawing surface is available');
  }
}

const overlaps = (a: DisplayRect, b: DisplayRect, margin: number) =>
  a.x < b.x + b.width + margin &&
  b.x < a.x + a.width + margin &&
  a.y < b.y + b.height + margin &&
  b.y < a.y + a.height + margin;

function runBox(run: TextRun): DisplayRect {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const along of [0, run.length]) {
    for (const across of [run.ascent, -run.descent]) {
      xs.push(run.origin.x + run.advance.x * along + run.up.x * across);
      ys.push(run.origin.y + run.advance.y * along + run.up.y * across);
    }
  }
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}

type Piece = { str: string; from: number; to: number };

/** The words of a run with their estimated spans along it (characters weighted as find does). */
function wordsAlong(run: TextRun): Piece[] {
  const chars = Array.from(run.str);
  const weights = chars.map((ch) => charWeight(ch.codePointAt(0) ?? 0));
  const total = weights.reduce((sum, w) => sum + w, 0) || 1;
  const words: Piece[] = [];
  let at = 0;
  let current: Piece | undefined;
  chars.forEach((ch, i) => {
    const from = (at / total) * run.length;
    at += weights[i] ?? 0;
    const to = (at / total) * run.length;
    if (/\s/u.test(ch)) current = undefined;
    else if (current) {
      current.str += ch;
      current.to = to;
    } else {
      current = { str: ch, from, to };
      words.push(current);
    }
  });
  return words;
}

/** What of a run the text layer keeps: all of it, or its words clear of every region. */
function keptPieces(run: TextRun, regions: DisplayRect[], removed: string[]): Piece[] {
  const whole = { str: run.str, from: 0, to: run.length };
  if (!regions.some((r) => overlaps(runBox(run), r, TEXT_MARGIN))) return [whole];
  const charWidth = run.length / Math.max(1, Array.from(run.str).length);
  return wordsAlong(run).filter((word) => {
    const box = boxOfSpan(run, word.from - charWidth, word.to + charWidth);
    const near = regions.some((r) => overlaps(box, r, TEXT_MARGIN));
    if (near) removed.push(word.str);
    return !near;
  });
}

/** One channel of a pixel composited over white (transparent pixels would otherwise turn black). */
function overWhite(value: number, alpha: number, premultiplied: boolean): number {
  if (alpha === 255) return value;
  // Premultiplied values already carry alpha: over white adds the share of white showing through.
  if (premultiplied) return Math.min(255, value + 255 - alpha);
  return Math.round((value * alpha + 255 * (255 - alpha)) / 255);
}

/**
 * The page's samples composited over white: one grey value per pixel when every pixel is grey
 * (most text pages: a third of the data to compress, write and read again), else RGB.
 * Millions of pixels per page, so typed arrays and plain loops only.
 */
function pageSamples(
  rgba: Uint8Array | Uint8ClampedArray,
  pixels: number,
  premultiplied: boolean,
): { samples: Uint8Array; grey: boolean } {
  const n = Math.min(pixels, rgba.length >> 2);
  let grey = true;
  for (let i = 0; i < n * 4 && grey; i += 4) grey = rgba[i] === rgba[i + 1] && rgba[i] === rgba[i + 2];
  const channels = grey ? 1 : 3;
  const samples = new Uint8Array(pixels * channels);
  for (let p = 0, i = 0, j = 0; p < n; p++, i += 4, j += channels) {
    const alpha = rgba[i + 3] as number;
    for (let k = 0; k < channels; k++)
      samples[j + k] = overWhite(rgba[i + k] as number, alpha, premultiplied);
  }
  return { samples, grey };
}

export type RasterisedPage = { contents: Uint8Array; resources: PDFDict; removedText: string[] };

/**
 * Renders page `pageNumber` of the open original and builds its replacement content (user
 * space of the original page, whose boxes and rotation are kept).
 */
export async function rasterisePage(
  doc: PDFDocumentProxy,
  ctx: PDFContext,
  pageNumber: number,
  toDisplay: Matrix,
  regions: DisplayRect[],
  runs: PageRuns | undefined,
): Promise<RasterisedPage> {
  const page = await doc.getPage(pageNumber);
  try {
    const base = page.getViewport({ scale: 1 });
    const scale = Math.min(
      TARGET_DPI / 72,
      Math.sqrt(MAX_CANVAS_PIXELS / Math.max(base.width * base.height, 1)),
    );
    const viewport = page.getViewport({ scale });
    const width = Math.max(1, Math.ceil(viewport.width));
    const height = Math.max(1, Math.ceil(viewport.height));
    const { canvas, context } = makeCanvas(doc, width, height);
    await page.render({
      canvas: canvas as unknown as HTMLCanvasElement,
      canvasContext: context as unknown as CanvasRenderingContext2D,
      viewport,
      annotationMode: 0, // AnnotationMode.DISABLE: annotations are not part of the release
      background: 'rgb(255,255,255)',
    }).promise;
    const { rgba, premultiplied } = pixelsOf(canvas, context, width, height);
    const { samples, grey } = pageSamples(rgba, width * height, premultiplied);
    const channels = grey ? 1 : 3;
    // Burn the boxes into the pixels, rounding outwards.
    const sx = width / base.width;
    const sy = height / base.height;
    for (const r of regions) {
      const x0 = Math.max(0, Math.floor(r.x * sx));
      const y0 = Math.max(0, Math.floor(r.y * sy));
      const x1 = Math.min(width, Math.ceil((r.x + r.width) * sx));
      const y1 = Math.min(height, Math.ceil((r.y + r.height) * sy));
      for (let y = y0; y < y1; y++) samples.fill(0, (y * width + x0) * channels, (y * width + x1) * channels);
    }
    const image = ctx.register(
      // Millions of samples: compressed for speed rather than the last byte of size.
      flateStream(
        ctx,
        samples,
        {
          Type: 'XObject',
          Subtype: 'Image',
          Width: width,
          Height: height,
          ColorSpace: grey ? 'DeviceGray' : 'DeviceRGB',
          BitsPerComponent: 8,
        },
        true,
      ),
    );
    const fromDisplay = invert(toDisplay);
    if (!fromDisplay) throw new CannotRasterise('the page has no usable size');
    const imageToUser = multiply([base.width, 0, 0, -base.height, 0, base.height], fromDisplay);
    const parts = [`q ${imageToUser.map(formatNumber).join(' ')} cm /CwPage Do Q\n`];
    const removedText: string[] = [];
    let hasText = false;
    // Text WinAnsi cannot hold goes in a font of its own, so that it stays searchable too.
    const unicode = new UnicodeTextFont();
    for (const run of runs?.runs ?? []) {
      if (!run.str.trim()) continue;
      const size = run.ascent + run.descent;
      for (const piece of keptPieces(run, regions, removedText)) {
        const latin = winAnsiHolds(piece.str);
        const encoded = latin ? encodeWinAnsi(piece.str) : unicode.encode(piece.str);
        if (!encoded) continue;
        const { bytes, width: em } = encoded;
        const font = latin ? TEXT_FONT_NAME : UNICODE_FONT_NAME;
        const length = piece.to - piece.from;
        if (size <= 0 || em <= 0 || length <= 0) continue;
        const start = {
          x: run.origin.x + run.advance.x * piece.from,
          y: run.origin.y + run.advance.y * piece.from,
        };
        const o = apply(fromDisplay, start.x, start.y);
        const adv = apply(fromDisplay, start.x + run.advance.x, start.y + run.advance.y);
        const up = apply(fromDisplay, start.x + run.up.x, start.y + run.up.y);
        const tm = [adv.x - o.x, adv.y - o.y, up.x - o.x, up.y - o.y, o.x, o.y].map(formatNumber).join(' ');
        const hScale = (length / (em * size)) * 100;
        parts.push(
          `BT 3 Tr ${formatName(font)} ${formatNumber(size)} Tf ${formatNumber(hScale)} Tz ${tm} Tm ${formatHexString(bytes)} Tj ET\n`,
        );
        if (latin) hasText = true;
      }
    }
    const resources = PDFDict.withContext(ctx);
    resources.set(PDFName.of('XObject'), ctx.obj({ CwPage: image }));
    const fonts = PDFDict.withContext(ctx);
    if (hasText) {
      fonts.set(
        PDFName.of(TEXT_FONT_NAME),
        ctx.obj({ Type: 'Font', Subtype: 'Type1', BaseFont: 'Helvetica', Encoding: 'WinAnsiEncoding' }),
      );
    }
    if (unicode.used) fonts.set(PDFName.of(UNICODE_FONT_NAME), unicode.fontDict(ctx));
    if (fonts.keys().length > 0) resources.set(PDFName.of('Font'), fonts);
    return { contents: new TextEncoder().encode(parts.join('')), resources, removedText };
  } finally {
    page.cleanup();
  }
}
