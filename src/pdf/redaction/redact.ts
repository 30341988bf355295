// One redaction run: open (decrypting if needed), rewrite every page's content (removing what
// lies under the regions and what hidden layers and marked content carry), draw the boxes,
// rebuild the document from a whitelist, then verify the result with pdf.js. Every failure is a
// refusal in one plain sentence; no partial file ever leaves this function.
import {
  PDFArray,
  type PDFContext,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFNumber,
  type PDFObject,
  type PDFPageLeaf,
  PDFStream,
} from '@cantoo/pdf-lib';
import type { PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api';
import { PdfOpenError, readPageRuns, withPdf } from '../pdfjs';
import { flattenAnnotations } from './annotations';
import { joinBytes } from './bytes';
import { ContentSyntaxError } from './contentStream';
import { rasterisePage } from './fallback';
import { rewriteFontInventories } from './fontInventory';
import { NotConfident } from './fonts';
import {
  displayRectToUser,
  displayTransform,
  IDENTITY,
  type Matrix,
  type PageGeometry,
  type Rect,
} from './geometry';
import { emptyRemovedGlyphs } from './glyphOutlines';
import { loadJpegDecoder } from './images';
import { visibilityOf } from './optionalContent';
import { LABEL_FONT_NAME, overlayContent } from './overlay';
import { LimitExceeded, type Limits, type PageWork, type RunContext, rewriteContent } from './pageContent';
import { asDict, getDict, numbersOf, resolve, StreamDecodeError, streamBytes } from './pdfObjects';
import { type RebuiltPage, writeRebuilt } from './rebuild';
import {
  type PageReport,
  type Redaction,
  type RedactionReport,
  type RedactOptions,
  type RedactResult,
  redactionSchema,
} from './types';
import { type PageRegions, searchableText, verifyOutput } from './verify';

const MAX_PAGES = 5000;
const MAX_RUN_MS = 10 * 60 * 1000;
const MAX_OPERATIONS = 50_000_000;
const MAX_STREAM_BYTES = 256 * 1024 * 1024;
const MAX_FORM_DEPTH = 12;
const MAX_OBJECTS = 2_000_000;

class Refusal extends Error {}

const STRIPPED_DESCRIPTIONS: Array<[string, string]> = [
  ['Outlines', 'bookmarks'],
  ['Dests', 'named destinations'],
  ['Names', 'named destinations, attached files and scripts'],
  ['PageLabels', 'page labels'],
  ['AcroForm', 'form fields'],
  ['StructTreeRoot', 'the structure tree (tags, alternative text)'],
  ['Metadata', 'XMP metadata'],
  ['OCProperties', 'the list of layers'],
  ['OpenAction', 'the opening action'],
  ['AA', 'document actions'],
  ['PieceInfo', 'application data'],
];

function pageGeometry(
  ctx: PDFContext,
  leaf: PDFPageLeaf,
): { geometry: PageGeometry; mediaBox: number[]; cropBox?: number[] } {
  const box = (name: string) => {
    const arr = numbersOf(
      ctx,
      resolve(ctx, leaf.getInheritableAttribute(PDFName.of(name))) as PDFArray | undefined,
    );
    if (arr?.length !== 4) return undefined;
    const [a = 0, b = 0, c = 0, d = 0] = arr;
    return [Math.min(a, c), Math.min(b, d), Math.max(a, c), Math.max(b, d)];
  };
  const mediaBox = box('MediaBox') ?? [0, 0, 612, 792];
  const cropBox = box('CropBox');
  let view = mediaBox;
  if (cropBox) {
    // pdf.js shows the crop box clipped to the media box, or the media box if they do not meet.
    const clipped = [
      Math.max(cropBox[0] ?? 0, mediaBox[0] ?? 0),
      Math.max(cropBox[1] ?? 0, mediaBox[1] ?? 0),
      Math.min(cropBox[2] ?? 0, mediaBox[2] ?? 0),
      Math.min(cropBox[3] ?? 0, mediaBox[3] ?? 0),
    ];
    if ((clipped[2] ?? 0) > (clipped[0] ?? 0) && (clipped[3] ?? 0) > (clipped[1] ?? 0)) view = clipped;
  }
  const rotateObj = resolve(ctx, leaf.getInheritableAttribute(PDFName.of('Rotate')));
  let rotation = rotateObj instanceof PDFNumber ? rotateObj.asNumber() : 0;
  rotation = rotation % 90 === 0 ? ((rotation % 360) + 360) % 360 : 0;
  const unit = resolve(ctx, leaf.get(PDFName.of('UserUnit')));
  const userUnit = unit instanceof PDFNumber && unit.asNumber() > 0 ? unit.asNumber() : 1;
  return {
    geometry: {
      view: view as PageGeometry['view'],
      rotation: rotation as PageGeometry['rotation'],
      userUnit,
    },
    mediaBox,
    cropBox,
  };
}

function pageContentBytes(ctx: PDFContext, leaf: PDFPageLeaf): Uint8Array {
  const contents = resolve(ctx, leaf.get(PDFName.of('Contents')));
  const streams: PDFStream[] = [];
  if (contents instanceof PDFStream) streams.push(contents);
  else if (contents instanceof PDFArray) {
    for (const item of contents.asArray()) {
      const s = resolve(ctx, item);
      if (s instanceof PDFStream) streams.push(s);
    }
  }
  const parts = streams.map((s) => streamBytes(s, MAX_STREAM_BYTES));
  // Streams are joined with whitespace: a token never continues across two of them.
  const newline = Uint8Array.of(0x0a);
  return joinBytes(parts.flatMap((p) => [p, newline]));
}

/** Resource dictionaries of two rewritten streams; their invented names never collide. */
function mergeResources(ctx: PDFContext, a: PDFDict, b: PDFDict): PDFDict {
  for (const [kind, value] of b.entries()) {
    const from = asDict(ctx, value);
    const into = asDict(ctx, a.get(kind));
    if (!into) {
      a.set(kind, value);
      continue;
    }
    if (!from) continue;
    for (const [k, v] of from.entries()) {
      if (!into.has(k)) into.set(k, v);
    }
  }
  return a;
}

function listPages(doc: PDFDocument): PDFPageLeaf[] {
  try {
    const pages = doc.getPages();
    if (pages.length > MAX_PAGES)
      throw new Refusal(
        `The file has ${pages.length} pages; the engine handles up to ${MAX_PAGES} in one run.`,
      );
    return pages.map((p) => p.node);
  } catch (error) {
    if (error instanceof Refusal) throw error;
    throw new Refusal(
      'The list of pages in this file is broken (it may loop back on itself), so it cannot be redacted safely.',
    );
  }
}

async function openForEditing(input: Uint8Array, password: string | undefined): Promise<PDFDocument> {
  try {
    // One load: pdf-lib decrypts only when the file is encrypted (pdf.js has already checked
    // the password), and reads an unencrypted file as it is.
    return await PDFDocument.load(input, {
      password: password ?? '',
      ignoreEncryption: true,
      updateMetadata: false,
    });
  } catch (error) {
    if (error instanceof RangeError)
      throw new Refusal('The structure of this file loops back on itself, so it cannot be redacted safely.');
    throw new Refusal('This file could not be read as a PDF, so it cannot be redacted.');
  }
}

const abortIf = (signal: AbortSignal | undefined) => {
  if (signal?.aborted) throw new Refusal('The redaction was cancelled.');
};

export async function redact(
  input: Uint8Array,
  redactions: Redaction[],
  options: RedactOptions = {},
): Promise<RedactResult> {
  try {
    return await run(input, redactions, options);
  } catch (error) {
    if (error instanceof Refusal || error instanceof PdfOpenError)
      return { ok: false, reason: error.message };
    if (error instanceof LimitExceeded)
      return { ok: false, reason: `This file cannot be redacted: ${error.message}.` };
    const detail = error instanceof Error && error.message ? ` (${error.message.replace(/\.$/, '')})` : '';
    return { ok: false, reason: `The redaction could not be completed, so no file was produced${detail}.` };
  }
}

async function run(
  input: Uint8Array,
  redactions: Redaction[],
  options: RedactOptions,
): Promise<RedactResult> {
  const parsed = redactionSchema.array().safeParse(redactions);
  if (!parsed.success)
    throw new Refusal(
      'The list of redactions is not valid: each needs a page number and a position and size in points.',
    );
  abortIf(options.signal);
  // pdf.js opens the original first: it checks the password and gives the text the checks use.
  // The same document draws the pages that fall back, so its fonts are parsed only once.
  return withPdf(input, { password: options.password }, (original) =>
    redactOpened(input, original, parsed.data, options),
  );
}

async function redactOpened(
  input: Uint8Array,
  original: PDFDocumentProxy,
  redactions: Redaction[],
  options: RedactOptions,
): Promise<RedactResult> {
  const { signal, onProgress } = options;
  const originalRuns = await readPageRuns(original);
  const doc = await openForEditing(input, options.password);
  const ctx = doc.context;
  const leaves = listPages(doc);
  if (leaves.length !== originalRuns.length)
    throw new Refusal(
      'Two PDF readers disagree about the pages in this file, so it cannot be redacted safely.',
    );
  for (const r of redactions) {
    if (r.page > leaves.length)
      throw new Refusal(`A redaction is on page ${r.page}, but the document has ${leaves.length} pages.`);
  }

  const catalog = asDict(ctx, ctx.trailerInfo.Root);
  const stripped = STRIPPED_DESCRIPTIONS.filter(([key]) => catalog?.has(PDFName.of(key))).map(
    ([, text]) => text,
  );
  const limits: Limits = {
    maxOperations: MAX_OPERATIONS,
    maxStreamBytes: MAX_STREAM_BYTES,
    maxFormDepth: MAX_FORM_DEPTH,
    deadline: Date.now() + MAX_RUN_MS,
  };
  const runContext: RunContext = {
    ctx,
    fonts: new Map(),
    isVisible: visibilityOf(ctx, catalog),
    limits,
    operations: 0,
    cleanForms: new Map(),
    formCount: 0,
    names: 0,
    keptCodes: new Map(),
    fontsWithRemovals: new Set(),
    unreadFonts: new Set(),
    jpeg: await loadJpegDecoder(),
  };
  const total = leaves.length + 1;
  const rebuilt: RebuiltPage[] = [];
  const reports: PageReport[] = [];
  const regionsForCheck: PageRegions[] = [];
  const removedWords = new Set<string>();
  let hasAnnotations = false;
  let flattenedCount = 0;
  const fallbacks: Array<{
    index: number;
    reason: string;
    toDisplay: Matrix;
    regions: Redaction[];
    finish: (bytes: Uint8Array, resources: PDFDict, openSaves: number) => Uint8Array;
  }> = [];

  for (const [index, leaf] of leaves.entries()) {
    abortIf(signal);
    const pageNumber = index + 1;
    const mine = redactions.filter((r) => r.page === pageNumber);
    const { geometry, mediaBox, cropBox } = pageGeometry(ctx, leaf);
    const toDisplay = displayTransform(geometry);
    const regions: Rect[] = mine.map((r) => displayRectToUser(toDisplay, r));
    const work: PageWork = {
      regions,
      counters: {
        glyphsRemoved: 0,
        imagesBlanked: 0,
        imagesRemoved: 0,
        inlineImagesRemoved: 0,
        pathsRemoved: 0,
      },
      removedText: [],
    };
    if (leaf.has(PDFName.of('Annots'))) hasAnnotations = true;
    const resources = asDict(ctx, leaf.getInheritableAttribute(PDFName.of('Resources')));
    let rewritten: ReturnType<typeof rewriteContent> | undefined;
    let fallbackReason: string | undefined;
    try {
      rewritten = rewriteContent(runContext, work, pageContentBytes(ctx, leaf), resources, IDENTITY, []);
      const flattened = flattenAnnotations(ctx, leaf);
      if (flattened) {
        // Drawn after the page, outside every graphics state the page left open.
        const drawn = rewriteContent(runContext, work, flattened.content, flattened.resources, IDENTITY, []);
        rewritten = {
          bytes: joinBytes([
            rewritten.bytes,
            new TextEncoder().encode(`\n${'Q\n'.repeat(rewritten.openSaves)}`),
            drawn.bytes,
          ]),
          resources: mergeResources(ctx, rewritten.resources, drawn.resources),
          openSaves: drawn.openSaves,
          removedSomething: rewritten.removedSomething || drawn.removedSomething,
        };
        flattenedCount += flattened.count;
      }
    } catch (error) {
      if (error instanceof NotConfident) fallbackReason = error.message;
      else if (error instanceof ContentSyntaxError || error instanceof StreamDecodeError) {
        fallbackReason = `its drawing instructions could not be read (${error.message})`;
      } else throw error;
    }
    const labels = new Set<string>();
    const boxes = mine.map((r, i) => {
      const label = r.label ?? options.label;
      if (label?.trim()) labels.add(label.trim());
      return { rect: regions[i] as Rect, label };
    });
    const finish = (bytes: Uint8Array, pageResources: PDFDict, openSaves: number) => {
      const overlay = overlayContent(boxes, openSaves, toDisplay);
      if (overlay.usesLabelFont) {
        const fonts = getDict(ctx, pageResources, 'Font') ?? PDFDict.withContext(ctx);
        fonts.set(
          PDFName.of(LABEL_FONT_NAME),
          ctx.obj({ Type: 'Font', Subtype: 'Type1', BaseFont: 'Helvetica', Encoding: 'WinAnsiEncoding' }),
        );
        pageResources.set(PDFName.of('Font'), fonts);
      }
      return joinBytes([bytes, new TextEncoder().encode(overlay.text)]);
    };
    const extraBoxes: Array<[string, PDFObject]> = [];
    for (const k of ['BleedBox', 'TrimBox', 'ArtBox']) {
      const v = resolve(ctx, leaf.get(PDFName.of(k)));
      if (v instanceof PDFArray) extraBoxes.push([k, v]);
    }
    rebuilt.push({
      mediaBox: ctx.obj(mediaBox),
      cropBox: cropBox ? ctx.obj(cropBox) : undefined,
      extraBoxes,
      rotate: geometry.rotation,
      userUnit: geometry.userUnit,
      group: resolve(ctx, leaf.get(PDFName.of('Group'))),
      resources: rewritten?.resources ?? PDFDict.withContext(ctx),
      contents: rewritten
        ? finish(rewritten.bytes, rewritten.resources, rewritten.openSaves)
        : new Uint8Array(),
    });
    if (fallbackReason !== undefined) {
      // Nothing was edited on this page: it is replaced by its image as a whole.
      work.counters = {
        glyphsRemoved: 0,
        imagesBlanked: 0,
        imagesRemoved: 0,
        inlineImagesRemoved: 0,
        pathsRemoved: 0,
      };
      fallbacks.push({ index, reason: fallbackReason, toDisplay, regions: mine, finish });
    }
    for (const t of work.removedText) for (const w of t.split(/\s+/)) if (w) removedWords.add(w);
    if (mine.length > 0 || fallbackReason !== undefined) {
      regionsForCheck.push({ page: pageNumber, regions: mine, labels });
      reports.push({
        page: pageNumber,
        regions: mine.length,
        glyphsRemoved: work.counters.glyphsRemoved,
        imagesBlanked: work.counters.imagesBlanked,
        imagesRemoved: work.counters.imagesRemoved,
        inlineImagesRemoved: work.counters.inlineImagesRemoved,
        pathsRemoved: work.counters.pathsRemoved,
        ...(fallbackReason !== undefined ? { fallback: fallbackReason } : {}),
      });
    }
    onProgress?.(pageNumber, total);
  }
  for (const f of fallbacks) {
    abortIf(signal);
    const pageNumber = f.index + 1;
    try {
      const raster = await rasterisePage(
        original,
        ctx,
        pageNumber,
        f.toDisplay,
        f.regions,
        originalRuns[f.index],
      );
      const target = rebuilt[f.index] as RebuiltPage;
      target.resources = raster.resources;
      target.contents = f.finish(raster.contents, raster.resources, 0);
      for (const t of raster.removedText) for (const w of t.split(/\s+/)) if (w) removedWords.add(w);
    } catch (error) {
      const detail = error instanceof Error ? error.message : 'it could not be drawn';
      throw new Refusal(
        `Page ${pageNumber} cannot be redacted safely because ${f.reason}, and it could not be turned into an image instead (${detail}).`,
      );
    }
  }
  if (hasAnnotations)
    stripped.push(
      flattenedCount > 0
        ? 'annotations and comments (form fields, stamps and drawings were flattened into the page first)'
        : 'annotations and comments',
    );
  if (doc.isEncrypted) stripped.push('encryption');

  abortIf(signal);
  rewriteFontInventories(ctx, runContext);
  const fontNotes = emptyRemovedGlyphs(ctx, rebuilt, runContext);
  const pdf = await writeRebuilt(ctx, rebuilt, MAX_OBJECTS);
  abortIf(signal);
  const verified = await verifyOutput(pdf, regionsForCheck, removedWords, searchableText(originalRuns));
  if (!verified.ok)
    throw new Refusal(`The redacted file failed its own check (${verified.reason}), so it was not produced.`);
  onProgress?.(total, total);
  const report: RedactionReport = {
    pages: reports,
    stripped,
    ...(fontNotes.length > 0 ? { fonts: fontNotes } : {}),
    verification: {
      textItemsChecked: verified.textItemsChecked,
      stringsSearched: verified.stringsSearched,
      streamsScanned: verified.streamsScanned,
      passed: true,
    },
  };
  return { ok: true, pdf, report };
}
