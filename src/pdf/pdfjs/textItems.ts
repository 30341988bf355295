// Text with positions, as pdf.js sees it, in the coordinates the review tool and the redaction
// engine share: points, origin top-left of the page as displayed (pdf.js viewport at scale 1,
// rotation applied). Used by the engine to verify its output, by find to propose redactions,
// and by the tests' property checks.
//
// An item's box follows pdf.js's own text layer (what a person selects on screen): it starts at
// the baseline origin, runs `width` along the text direction, and spans one font height across
// it, `ascent` of it above the baseline. Rotated text gets the axis-aligned box around that quad.
import type { PDFDocumentProxy, TextItem, TextStyle } from 'pdfjs-dist/types/src/display/api';
import { type OpenOptions, PdfOpenError, withPdf } from './openDocument';

export type Point = { x: number; y: number };
export type Box = { x: number; y: number; width: number; height: number };

export type PageTextItem = { str: string } & Box;

export type PageText = {
  page: number; // 1-based
  width: number; // of the page as displayed, in points
  height: number;
  rotation: number; // 0, 90, 180 or 270
  items: PageTextItem[];
};

/** One pdf.js text item with the geometry needed to box part of it (see `boxOfSpan`). */
export type TextRun = {
  str: string;
  hasEOL: boolean;
  fontName: string;
  origin: Point; // baseline start, display coordinates
  advance: Point; // unit vector along the text
  up: Point; // unit vector from baseline towards the top of the glyphs
  length: number; // along `advance`, points
  ascent: number; // points above the baseline
  descent: number; // points below the baseline
};

export type PageRuns = Omit<PageText, 'items'> & { runs: TextRun[] };

export type ExtractOptions = OpenOptions & {
  /** 1-based page numbers to read; all pages when absent. */
  pages?: readonly number[];
};

// pdf.js's default when a font reports no ascent (its text layer uses the same 0.8).
const DEFAULT_ASCENT_RATIO = 0.8;

type Matrix = readonly [number, number, number, number, number, number];

function multiply(m1: Matrix, m2: Matrix): Matrix {
  return [
    m1[0] * m2[0] + m1[2] * m2[1],
    m1[1] * m2[0] + m1[3] * m2[1],
    m1[0] * m2[2] + m1[2] * m2[3],
    m1[1] * m2[2] + m1[3] * m2[3],
    m1[0] * m2[4] + m1[2] * m2[5] + m1[4],
    m1[1] * m2[4] + m1[3] * m2[5] + m1[5],
  ];
}

function ascentRatio(style: TextStyle | undefined): number {
  if (style?.ascent) return style.ascent;
  if (style?.descent) return 1 + style.descent;
  return DEFAULT_ASCENT_RATIO;
}

function toRun(item: TextItem, viewportTransform: Matrix, style: TextStyle | undefined): TextRun {
  const tx = multiply(viewportTransform, item.transform as unknown as Matrix);
  const isVertical = style?.vertical === true;
  const angle = Math.atan2(tx[1], tx[0]) + (isVertical ? Math.PI / 2 : 0);
  const fontHeight = Math.hypot(tx[2], tx[3]);
  const advance = { x: Math.cos(angle), y: Math.sin(angle) };
  const up = { x: Math.sin(angle), y: -Math.cos(angle) };
  // Vertical columns are centred on the origin in pdf.js; box them a full font height either side.
  const ascent = isVertical ? fontHeight : fontHeight * ascentRatio(style);
  const descent = isVertical ? fontHeight : fontHeight - ascent;
  return {
    str: item.str,
    hasEOL: item.hasEOL,
    fontName: item.fontName,
    origin: { x: tx[4], y: tx[5] },
    advance,
    up,
    length: Math.abs(isVertical ? item.height : item.width),
    ascent,
    descent,
  };
}

/** The axis-aligned box of the part of `run` from `from` to `to` points along it. */
export function boxOfSpan(run: TextRun, from = 0, to = run.length): Box {
  const { origin, advance, up, ascent, descent } = run;
  // The four corners as plain numbers (no arrays, no spread): this runs for every character
  // the check and find place. Each coordinate's extremes come from its two independent terms.
  const ax0 = advance.x * from;
  const ax1 = advance.x * to;
  const ux0 = up.x * ascent;
  const ux1 = -up.x * descent;
  const ay0 = advance.y * from;
  const ay1 = advance.y * to;
  const uy0 = up.y * ascent;
  const uy1 = -up.y * descent;
  const x = origin.x + Math.min(ax0, ax1) + Math.min(ux0, ux1);
  const y = origin.y + Math.min(ay0, ay1) + Math.min(uy0, uy1);
  return {
    x,
    y,
    width: origin.x + Math.max(ax0, ax1) + Math.max(ux0, ux1) - x,
    height: origin.y + Math.max(ay0, ay1) + Math.max(uy0, uy1) - y,
  };
}

const messageOf = (error: unknown): string =>
  (error instanceof Error ? error.message : String(error)).replace(/\.$/, '');

/** Every page's text runs (items with their geometry) from an open document. */
export async function readPageRuns(doc: PDFDocumentProxy, pages?: readonly number[]): Promise<PageRuns[]> {
  const wanted = pages ?? Array.from({ length: doc.numPages }, (_, i) => i + 1);
  const result: PageRuns[] = [];
  for (const pageNumber of wanted) {
    if (!Number.isInteger(pageNumber) || pageNumber < 1 || pageNumber > doc.numPages) {
      throw new RangeError(`There is no page ${pageNumber}; the document has ${doc.numPages}.`);
    }
    const page = await doc.getPage(pageNumber).catch((error: unknown) => {
      throw new PdfOpenError('unreadable', `Page ${pageNumber} could not be read (${messageOf(error)}).`);
    });
    try {
      const viewport = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const runs: TextRun[] = [];
      for (const item of content.items) {
        if (!('str' in item)) continue; // marked-content markers carry no text
        runs.push(toRun(item, viewport.transform as unknown as Matrix, content.styles[item.fontName]));
      }
      result.push({
        page: pageNumber,
        width: viewport.width,
        height: viewport.height,
        rotation: ((page.rotate % 360) + 360) % 360,
        runs,
      });
    } catch (error) {
      throw new PdfOpenError(
        'unreadable',
        `The text of page ${pageNumber} could not be read (${messageOf(error)}).`,
      );
    } finally {
      page.cleanup();
    }
  }
  return result;
}

/** Pages' text items as display-coordinate boxes. Items with an empty string are left out. */
export function toPageText(pages: readonly PageRuns[]): PageText[] {
  return pages.map(({ runs, ...page }) => ({
    ...page,
    items: runs.filter((run) => run.str !== '').map((run) => ({ str: run.str, ...boxOfSpan(run) })),
  }));
}

/**
 * Every page's text items of a PDF, in display coordinates (top-left origin, rotation applied,
 * scale 1). Throws PdfOpenError when the file cannot be opened.
 */
export function extractTextItems(data: Uint8Array, options: ExtractOptions = {}): Promise<PageText[]> {
  return withPdf(data, options, async (doc) => toPageText(await readPageRuns(doc, options.pages)));
}
