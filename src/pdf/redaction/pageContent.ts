// Interprets one content stream (a page's, or a Form XObject's per use) and rewrites it:
// glyphs whose boxes overlap a region are cut out of their strings with kerning so every other
// glyph stays where it was; images and inline images under a region have the pixels under it
// blanked (an inline image becomes an image XObject), or go whole if they cannot be decoded;
// paths inside a region are removed; marked-content properties (/ActualText, /Alt, /E, MCIDs) are dropped and content of
// hidden optional-content groups is removed. Untouched bytes are copied as they were.
// Form XObjects are rewritten per use into new streams, never edited in place.
import { type PDFContext, PDFDict, PDFName, type PDFObject, PDFRef, PDFStream } from '@cantoo/pdf-lib';
import { joinBytes } from './bytes';
import {
  formatHexString,
  formatName,
  formatNumber,
  type Operand,
  type Operation,
  parseContent,
} from './contentStream';
import { flateStream } from './deflate';
import { type Code, type FontModel, fontModel, NotConfident } from './fonts';
import {
  apply,
  boundsOf,
  IDENTITY,
  type Matrix,
  multiply,
  type Point,
  quadOf,
  type Rect,
  rectContains,
  rectsIntersect,
  regionsHit,
} from './geometry';
import { blankImage, type JpegDecoder } from './images';
import { inlineImageStream } from './inlineImages';
import { asDict, getArray, getDict, getName, getNumber, numbersOf, resolve, streamBytes } from './pdfObjects';

export type Limits = {
  maxOperations: number;
  maxStreamBytes: number;
  maxFormDepth: number;
  deadline: number;
};

export type PageCounters = {
  glyphsRemoved: number;
  imagesBlanked: number;
  imagesRemoved: number;
  inlineImagesRemoved: number;
  pathsRemoved: number;
};

/** Shared by every stream of one run. */
export type RunContext = {
  ctx: PDFContext;
  fonts: Map<PDFDict, FontModel | NotConfident>;
  isVisible: (props: PDFDict | undefined) => boolean;
  limits: Limits;
  operations: number;
  /** Rewritten forms that had nothing removed, reused by every later use of the same form. */
  cleanForms: Map<PDFObject, PDFRef>;
  formCount: number;
  /** pdf.js's JPEG decoder, when it could be loaded (JPEG images are blanked, not dropped). */
  jpeg: JpegDecoder | undefined;
  /** Per font, every code drawn in the output (code → its length in bytes). */
  keptCodes: Map<PDFDict, Map<number, number>>;
  /** Fonts some glyph of which was removed: their ToUnicode is cut down to the kept codes. */
  fontsWithRemovals: Set<PDFDict>;
  /** Fonts used somewhere without a model: which codes they draw is unknown. */
  unreadFonts: Set<PDFDict>;
  /** Counter for resource names the rewriter invents, unique across the run. */
  names: number;
};

/** Per page: the regions (user space) and what was taken away. */
export type PageWork = {
  regions: Rect[];
  counters: PageCounters;
  /** Text of removed glyphs, one entry per show operation. */
  removedText: string[];
};

export type RewrittenContent = {
  bytes: Uint8Array;
  resources: PDFDict;
  openSaves: number;
  removedSomething: boolean;
};

type TextState = {
  font?: FontModel;
  fontSize: number;
  charSpace: number;
  wordSpace: number;
  scale: number;
  leading: number;
  rise: number;
};

// fillTiling/strokeTiling: the current colour is a tiling pattern, whose cells are content of
// their own (possibly text) that the engine does not recurse into.
type GState = TextState & {
  fontName?: string;
  fontDict?: PDFDict;
  ctm: Matrix;
  lineWidth: number;
  fillTiling: boolean;
  strokeTiling: boolean;
};

type Edit = { start: number; end: number; text: string };

const RESOURCE_KINDS = ['Font', 'XObject', 'ExtGState', 'ColorSpace', 'Pattern', 'Shading'] as const;
type ResourceKind = (typeof RESOURCE_KINDS)[number];
const DEVICE_SPACES = new Set([
  'DeviceGray',
  'DeviceRGB',
  'DeviceCMYK',
  'Pattern',
  'G',
  'RGB',
  'CMYK',
  'I',
  'Indexed',
]);
const PAINT_OPS = new Set(['S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*', 'n']);
const STROKE_OPS = new Set(['S', 's', 'B', 'B*', 'b', 'b*']);
// Paths bigger than this (points, either side) that only partly overlap a region are not
// glyph-like; keeping their hidden part would keep its data, so the page falls back instead.
const SMALL_PATH = 72;
const PLACEHOLDER_FONT = 'CwNoFont';

const enc = new TextEncoder();

function num(o: Operand | undefined): number {
  return o?.kind === 'number' ? o.value : 0;
}

class Budget {
  constructor(private run: RunContext) {}
  tick(n = 1) {
    this.run.operations += n;
    if (this.run.operations > this.run.limits.maxOperations)
      throw new LimitExceeded('the file has too many drawing operations to check in one run');
    if ((this.run.operations & 0xfff) === 0 && Date.now() > this.run.limits.deadline)
      throw new LimitExceeded('checking the file took too long');
  }
}

export class LimitExceeded extends Error {}

function applyEdits(bytes: Uint8Array, edits: Edit[]): Uint8Array {
  if (edits.length === 0) return bytes;
  edits.sort((a, b) => a.start - b.start);
  const parts: Uint8Array[] = [];
  let pos = 0;
  for (const e of edits) {
    if (e.start < pos) continue; // nested in an earlier edit (e.g. inside removed hidden content)
    parts.push(bytes.subarray(pos, e.start), enc.encode(` ${e.text} `));
    pos = e.end;
  }
  parts.push(bytes.subarray(pos));
  return joinBytes(parts);
}

/**
 * Rewrites `bytes` drawn with `resources` under `ctm`. `formStack` holds the forms being
 * expanded (cycle detection).
 */
export function rewriteContent(
  run: RunContext,
  page: PageWork,
  bytes: Uint8Array,
  resources: PDFDict | undefined,
  ctm: Matrix,
  formStack: PDFObject[],
): RewrittenContent {
  const { ctx } = run;
  const budget = new Budget(run);
  const hasRegions = page.regions.length > 0;
  const ops = parseContent(bytes, run.limits.maxOperations);
  budget.tick(ops.length);
  const edits: Edit[] = [];
  const used: Record<ResourceKind, Map<string, PDFObject>> = {
    Font: new Map(),
    XObject: new Map(),
    ExtGState: new Map(),
    ColorSpace: new Map(),
    Pattern: new Map(),
    Shading: new Map(),
  };
  let removedSomething = false;

  const lookupResource = (kind: ResourceKind, name: string): PDFObject | undefined => {
    const dict = getDict(ctx, resources, kind);
    return dict?.get(PDFName.of(name));
  };
  const keepResource = (kind: ResourceKind, name: string) => {
    const obj = lookupResource(kind, name);
    if (obj !== undefined) used[kind].set(name, obj);
    return obj;
  };

  let gs: GState = {
    ctm,
    lineWidth: 1,
    fillTiling: false,
    strokeTiling: false,
    fontSize: 0,
    charSpace: 0,
    wordSpace: 0,
    scale: 1,
    leading: 0,
    rise: 0,
  };
  const stack: GState[] = [];
  let openSaves = 0;
  let tm: Matrix = IDENTITY;
  let tlm: Matrix = IDENTITY;
  let path:
    | { start: number; points: Point[]; curves: boolean; segments: number; clip: boolean; current: Point }
    | undefined;
  let hidden:
    | { start: number; depth: number; saved: GState; savedStack: GState[]; savedOpen: number }
    | undefined;
  let markedDepth = 0;
  const fontSettings: Array<{ op: Operation; name: string; size: number }> = [];

  const userQuadHits = regionsHit(page.regions);

  // A soft mask is a form of its own (it may hold text); it matters only if its box, placed by
  // the current matrix, reaches a region. Without a usable box, assume it does.
  const softMaskReaches = (smask: PDFDict | undefined): boolean => {
    const group = resolve(ctx, smask?.get(PDFName.of('G')));
    if (!(group instanceof PDFStream)) return true;
    const bbox = numbersOf(ctx, getArray(ctx, group.dict, 'BBox'));
    if (bbox?.length !== 4) return true;
    const matrix = (numbersOf(ctx, getArray(ctx, group.dict, 'Matrix')) ?? [
      1, 0, 0, 1, 0, 0,
    ]) as unknown as Matrix;
    const placed = multiply(matrix.length === 6 ? matrix : IDENTITY, gs.ctm);
    return userQuadHits(quadOf(placed, bbox[0] ?? 0, bbox[1] ?? 0, bbox[2] ?? 0, bbox[3] ?? 0));
  };

  const ensureFont = (): FontModel => {
    if (!gs.font) throw new NotConfident('text is drawn before any font is chosen');
    return gs.font;
  };

  const pathPoint = (x: number, y: number) => {
    const p = apply(gs.ctm, x, y);
    if (path) {
      path.points.push(p);
      path.current = { x, y };
    }
  };
  const startPath = (op: Operation) => {
    path ??= {
      start: op.start,
      points: [],
      curves: false,
      segments: 0,
      clip: false,
      current: { x: 0, y: 0 },
    };
  };

  const keepCode = (font: FontModel, c: Code) => {
    let codes = run.keptCodes.get(font.dict);
    if (!codes) {
      codes = new Map();
      run.keptCodes.set(font.dict, codes);
    }
    codes.set(c.code, c.length);
  };
  /** Text drawn where no region can reach: only which codes it uses is recorded. */
  const recordCodes = (elements: Array<Operand | undefined>) => {
    const font = gs.font;
    if (!font) {
      if (gs.fontDict) run.unreadFonts.add(gs.fontDict);
      return;
    }
    for (const el of elements) {
      if (el?.kind !== 'string') continue;
      const codes = font.split(el.bytes);
      budget.tick(codes.length);
      for (const c of codes) keepCode(font, c);
    }
  };

  const showText = (op: Operation, elements: Operand[], prefix: string) => {
    const font = ensureFont();
    const { fontSize: tfs, charSpace: tc, wordSpace: tw, scale: th, rise } = gs;
    // Every move inside one show operation is along the text line, so each glyph sits at
    // [Tfs·Th 0 0 Tfs x Ts] × Tm × CTM for the distance x moved so far: the product of the
    // last two is made once, and each glyph's corners are placed through it directly.
    const place = multiply(tm, gs.ctm);
    const quad: Point[] = [
      { x: 0, y: 0 },
      { x: 0, y: 0 },
      { x: 0, y: 0 },
      { x: 0, y: 0 },
    ];
    const corner = (p: Point, x: number, y: number) => {
      p.x = place[0] * x + place[2] * y + place[4];
      p.y = place[1] * x + place[3] * y + place[5];
    };
    const yLow = font.descent * tfs + rise;
    const yHigh = font.ascent * tfs + rise;
    let moved = 0; // along the line, text space
    const out: string[] = [];
    let removed = false;
    let removedAdvance = 0; // Σ(w0·Tfs + Tc + Tw) of the current run of removed glyphs
    let text = '';
    const flushKern = () => {
      if (removedAdvance !== 0) {
        if (tfs === 0) throw new NotConfident('text of size zero with character spacing lies under a region');
        out.push(formatNumber((-1000 * removedAdvance) / tfs));
      }
      removedAdvance = 0;
    };
    for (const el of elements) {
      if (el.kind === 'number') {
        flushKern();
        out.push(formatNumber(el.value));
        moved += (-el.value / 1000) * tfs * th;
        continue;
      }
      if (el.kind !== 'string') continue;
      const codes = font.split(el.bytes);
      budget.tick(codes.length);
      let kept: number[] = [];
      const flushKept = () => {
        if (kept.length > 0) {
          out.push(formatHexString(Uint8Array.from(kept)));
          keepResource('Font', gs.fontName ?? '');
        }
        kept = [];
      };
      for (const c of codes) {
        const w0 = font.width(c.code);
        const wordSpace = font.isWordSpace(c) ? tw : 0;
        const xRight = moved + Math.max(w0, 0) * tfs * th;
        corner(quad[0] as Point, moved, yLow);
        corner(quad[1] as Point, xRight, yLow);
        corner(quad[2] as Point, xRight, yHigh);
        corner(quad[3] as Point, moved, yHigh);
        const advance = w0 * tfs + tc + wordSpace;
        if (hasRegions && userQuadHits(quad)) {
          flushKept();
          removed = true;
          run.fontsWithRemovals.add(font.dict);
          removedAdvance += advance;
          page.counters.glyphsRemoved++;
          text += font.unicode(c.code);
        } else {
          flushKern();
          keepCode(font, c);
          for (let k = 0; k < c.length; k++) kept.push(el.bytes[c.start + k] ?? 0);
          if (text && !text.endsWith(' ')) text += ' ';
        }
        moved += advance * th;
      }
      flushKept();
    }
    flushKern();
    tm = [tm[0], tm[1], tm[2], tm[3], moved * tm[0] + tm[4], moved * tm[1] + tm[5]];
    if (removed) {
      removedSomething = true;
      page.removedText.push(text.trim());
      edits.push({ start: op.start, end: op.end, text: `${prefix}[${out.join(' ')}] TJ` });
    }
  };

  const nextLine = () => {
    tlm = multiply([1, 0, 0, 1, 0, -gs.leading], tlm);
    tm = tlm;
  };

  /** Draws a blanked copy of an image under a region in place of `op`, or removes it whole. */
  const drawBlanked = (
    op: Operation,
    image: PDFStream | undefined,
    removedCounter: 'imagesRemoved' | 'inlineImagesRemoved',
  ) => {
    removedSomething = true;
    const blanked = image && blankImage(ctx, image, gs.ctm, page.regions, run.jpeg);
    if (blanked) {
      const newName = `CwI${++run.names}`;
      used.XObject.set(newName, blanked);
      edits.push({ start: op.start, end: op.end, text: `${formatName(newName)} Do` });
      page.counters.imagesBlanked++;
    } else {
      // A format we cannot edit: the whole image goes, so nothing of it can be recovered.
      edits.push({ start: op.start, end: op.end, text: '' });
      page.counters[removedCounter]++;
    }
  };

  const doXObject = (op: Operation, name: string) => {
    const raw = lookupResource('XObject', name);
    const xobj = resolve(ctx, raw);
    if (!(xobj instanceof PDFStream)) {
      edits.push({ start: op.start, end: op.end, text: '' });
      return;
    }
    const dict = xobj.dict;
    if (!run.isVisible(getDict(ctx, dict, 'OC'))) {
      edits.push({ start: op.start, end: op.end, text: '' });
      return;
    }
    const subtype = getName(ctx, dict, 'Subtype');
    if (subtype === 'Image') {
      const quad = quadOf(gs.ctm, 0, 0, 1, 1);
      if (hasRegions && userQuadHits(quad)) {
        drawBlanked(op, xobj, 'imagesRemoved');
        return;
      }
      used.XObject.set(name, raw ?? xobj);
      return;
    }
    if (subtype !== 'Form') {
      edits.push({ start: op.start, end: op.end, text: '' });
      return;
    }
    const key = raw instanceof PDFRef ? raw : xobj;
    if (formStack.includes(key) || formStack.length >= run.limits.maxFormDepth) {
      if (hasRegions) throw new NotConfident('forms on the page draw each other in a loop');
      edits.push({ start: op.start, end: op.end, text: '' });
      return;
    }
    const matrix = (numbersOf(ctx, getArray(ctx, dict, 'Matrix')) ?? [1, 0, 0, 1, 0, 0]) as unknown as Matrix;
    const formCtm = multiply(matrix.length === 6 ? matrix : IDENTITY, gs.ctm);
    const cached = run.cleanForms.get(key);
    let ref: PDFRef;
    // A form drawn where no region can reach it is rewritten once and shared; one with
    // something removed gets its own copy for this use only.
    const bbox = numbersOf(ctx, getArray(ctx, dict, 'BBox'));
    const reachable =
      hasRegions &&
      (bbox?.length !== 4 ||
        userQuadHits(quadOf(formCtm, bbox[0] ?? 0, bbox[1] ?? 0, bbox[2] ?? 0, bbox[3] ?? 0)));
    if (cached && !reachable) ref = cached;
    else {
      const formBytes = streamBytes(xobj, run.limits.maxStreamBytes);
      const formResources = getDict(ctx, dict, 'Resources') ?? resources;
      const inner = rewriteContent(
        run,
        reachable ? page : { ...page, regions: [] },
        formBytes,
        formResources,
        formCtm,
        [...formStack, key],
      );
      const copy = flateStream(ctx, inner.bytes, {});
      for (const k of ['Type', 'Subtype', 'FormType', 'BBox', 'Matrix', 'Group']) {
        const v = dict.get(PDFName.of(k));
        if (v !== undefined) copy.dict.set(PDFName.of(k), v);
      }
      copy.dict.set(PDFName.of('Resources'), inner.resources);
      // Close what the form left open so its own q's cannot leak into the page.
      ref = ctx.register(copy);
      if (inner.removedSomething) removedSomething = true;
      else if (!reachable) run.cleanForms.set(key, ref);
      if (++run.formCount > 100_000) throw new LimitExceeded('the file uses too many forms');
    }
    const newName = `CwX${++run.names}`;
    used.XObject.set(newName, ref);
    edits.push({ start: op.start, end: op.end, text: `${formatName(newName)} Do` });
  };

  const finishPath = (op: Operation) => {
    const current = path;
    path = undefined;
    if (!current) return;
    if (op.op === 'n' || !hasRegions || current.points.length === 0) return;
    const box = boundsOf(current.points);
    const pad = STROKE_OPS.has(op.op) ? gs.lineWidth * Math.hypot(gs.ctm[0], gs.ctm[1]) : 0;
    const padded: Rect = { x0: box.x0 - pad, y0: box.y0 - pad, x1: box.x1 + pad, y1: box.y1 + pad };
    const hits = page.regions.filter((r) => rectsIntersect(padded, r));
    if (hits.length === 0) return;
    const fills = op.op !== 'S' && op.op !== 's';
    if ((fills && gs.fillTiling) || (STROKE_OPS.has(op.op) && gs.strokeTiling)) {
      throw new NotConfident('a tiling pattern is painted under a redaction region');
    }
    const inside = hits.some((r) => rectContains(r, padded));
    const small = padded.x1 - padded.x0 <= SMALL_PATH && padded.y1 - padded.y0 <= SMALL_PATH;
    // Straight-edged boxes and rules carry no hidden shape beyond their corners: keep them
    // when they only pass under a region (table borders, page backgrounds).
    const plain = !current.curves && current.segments <= 5;
    if (!inside && !small && plain) return;
    if (!inside && !small) throw new NotConfident('a drawing crosses a redaction region');
    page.counters.pathsRemoved++;
    removedSomething = true;
    if (current.clip) edits.push({ start: op.start, end: op.end, text: 'n' });
    else edits.push({ start: current.start, end: op.end, text: '' });
  };

  for (const op of ops) {
    if (hidden) {
      if (op.op === 'BDC' || op.op === 'BMC') hidden.depth++;
      else if (op.op === 'EMC' && --hidden.depth === 0) {
        edits.push({ start: hidden.start, end: op.end, text: '' });
        gs = hidden.saved;
        stack.splice(0, stack.length, ...hidden.savedStack);
        openSaves = hidden.savedOpen;
        hidden = undefined;
      }
      continue;
    }
    const a = op.operands;
    switch (op.op) {
      case 'q':
        stack.push({ ...gs });
        openSaves++;
        if (stack.length > 1000) throw new NotConfident('the graphics state is saved too deeply');
        break;
      case 'Q':
        if (stack.length > 0) {
          gs = stack.pop() as GState;
          openSaves--;
        }
        break;
      case 'cm':
        if (a.length === 6) gs.ctm = multiply(a.map(num) as unknown as Matrix, gs.ctm);
        break;
      case 'w':
        gs.lineWidth = num(a[0]);
        break;
      case 'gs': {
        const name = a[0]?.kind === 'name' ? a[0].value : '';
        keepResource('ExtGState', name);
        const ext = asDict(ctx, lookupResource('ExtGState', name));
        if (ext && hasRegions) {
          if (ext.has(PDFName.of('Font'))) throw new NotConfident('a font is set through a graphics state');
          const smask = resolve(ctx, ext.get(PDFName.of('SMask')));
          if (smask && !(smask instanceof PDFName) && softMaskReaches(asDict(ctx, smask))) {
            throw new NotConfident('a soft mask is drawn under a redaction region');
          }
          const lw = resolve(ctx, ext.get(PDFName.of('LW')));
          if (lw && 'asNumber' in lw && typeof lw.asNumber === 'function')
            gs.lineWidth = lw.asNumber() as number;
        }
        break;
      }
      case 'BT':
        tm = IDENTITY;
        tlm = IDENTITY;
        break;
      case 'ET':
        break;
      case 'Tf': {
        const name = a[0]?.kind === 'name' ? a[0].value : '';
        gs.fontSize = num(a[1]);
        // Where regions may remove text, a font is kept only if some glyph drawn with it stays
        // (see below): a font used only by removed text can name it (e.g. a subset font).
        const fontObj = hasRegions ? lookupResource('Font', name) : keepResource('Font', name);
        if (hasRegions) fontSettings.push({ op, name, size: num(a[1]) });
        gs.fontName = name;
        const fontDict = asDict(ctx, fontObj);
        gs.font = undefined;
        gs.fontDict = fontDict;
        if (fontDict) {
          try {
            gs.font = fontModel(ctx, fontDict, run.fonts);
          } catch (error) {
            // Without regions nothing is measured; the font's codes are just not known.
            if (hasRegions) throw error;
          }
        }
        break;
      }
      case 'Tc':
        gs.charSpace = num(a[0]);
        break;
      case 'Tw':
        gs.wordSpace = num(a[0]);
        break;
      case 'Tz':
        gs.scale = num(a[0]) / 100;
        break;
      case 'TL':
        gs.leading = num(a[0]);
        break;
      case 'Ts':
        gs.rise = num(a[0]);
        break;
      case 'Td':
        tlm = multiply([1, 0, 0, 1, num(a[0]), num(a[1])], tlm);
        tm = tlm;
        break;
      case 'TD':
        gs.leading = -num(a[1]);
        tlm = multiply([1, 0, 0, 1, num(a[0]), num(a[1])], tlm);
        tm = tlm;
        break;
      case 'Tm':
        if (a.length === 6) {
          tlm = a.map(num) as unknown as Matrix;
          tm = tlm;
        }
        break;
      case 'T*':
        nextLine();
        break;
      case 'Tj':
        if (hasRegions && a[0]) showText(op, [a[0]], '');
        else recordCodes([a[0]]);
        break;
      case 'TJ':
        if (hasRegions && a[0]?.kind === 'array') showText(op, a[0].items, '');
        else if (a[0]?.kind === 'array') recordCodes(a[0].items);
        break;
      case "'":
        nextLine();
        if (hasRegions && a[0]) showText(op, [a[0]], 'T* ');
        else recordCodes([a[0]]);
        break;
      case '"':
        gs.wordSpace = num(a[0]);
        gs.charSpace = num(a[1]);
        nextLine();
        if (hasRegions && a[2])
          showText(op, [a[2]], `${formatNumber(num(a[0]))} Tw ${formatNumber(num(a[1]))} Tc T* `);
        else recordCodes([a[2]]);
        break;
      case 'Do':
        if (a[0]?.kind === 'name') doXObject(op, a[0].value);
        break;
      case 'BI': {
        const inline = op.inline;
        const cs = inline?.dict.get('CS') ?? inline?.dict.get('ColorSpace');
        if (cs?.kind === 'name' && !DEVICE_SPACES.has(cs.value)) keepResource('ColorSpace', cs.value);
        if (inline && hasRegions && userQuadHits(quadOf(gs.ctm, 0, 0, 1, 1))) {
          // Blanked like an image XObject, and drawn as one.
          const stream = inlineImageStream(ctx, inline, bytes, (name) =>
            resolve(ctx, lookupResource('ColorSpace', name)),
          );
          drawBlanked(op, stream, 'inlineImagesRemoved');
        }
        break;
      }
      case 'm':
        startPath(op);
        pathPoint(num(a[0]), num(a[1]));
        break;
      case 'l':
        startPath(op);
        if (path) path.segments++;
        pathPoint(num(a[0]), num(a[1]));
        break;
      case 'c':
      case 'v':
      case 'y': {
        startPath(op);
        if (path) {
          path.curves = true;
          path.points.push(apply(gs.ctm, path.current.x, path.current.y));
        }
        for (let i = 0; i + 1 < a.length; i += 2) pathPoint(num(a[i]), num(a[i + 1]));
        break;
      }
      case 're': {
        startPath(op);
        const [x, y, w, h] = [num(a[0]), num(a[1]), num(a[2]), num(a[3])];
        if (path) path.segments += 4;
        pathPoint(x, y);
        pathPoint(x + w, y);
        pathPoint(x + w, y + h);
        pathPoint(x, y + h);
        break;
      }
      case 'h':
        break;
      case 'W':
      case 'W*':
        if (path) path.clip = true;
        break;
      case 'cs':
      case 'CS':
        if (a[0]?.kind === 'name' && !DEVICE_SPACES.has(a[0].value)) keepResource('ColorSpace', a[0].value);
        if (op.op === 'cs') gs.fillTiling = false;
        else gs.strokeTiling = false;
        break;
      case 'scn':
      case 'SCN': {
        const last = a[a.length - 1];
        let tiling = false;
        if (last?.kind === 'name') {
          const pattern = asDict(ctx, keepResource('Pattern', last.value));
          tiling = getNumber(ctx, pattern, 'PatternType') === 1;
        }
        if (op.op === 'scn') gs.fillTiling = tiling;
        else gs.strokeTiling = tiling;
        break;
      }
      case 'g':
      case 'rg':
      case 'k':
      case 'sc':
        gs.fillTiling = false;
        break;
      case 'G':
      case 'RG':
      case 'K':
      case 'SC':
        gs.strokeTiling = false;
        break;
      case 'sh':
        if (a[0]?.kind === 'name') keepResource('Shading', a[0].value);
        break;
      case 'BDC': {
        const tag = a[0]?.kind === 'name' ? a[0].value : 'Span';
        const props = a[1];
        const propsDict =
          props?.kind === 'name'
            ? asDict(ctx, getDict(ctx, resources, 'Properties')?.get(PDFName.of(props.value)))
            : undefined;
        if (tag === 'OC' && props?.kind === 'name' && !run.isVisible(propsDict)) {
          hidden = {
            start: op.start,
            depth: 1,
            saved: { ...gs },
            savedStack: [...stack],
            savedOpen: openSaves,
          };
          break;
        }
        markedDepth++;
        // Properties can carry /ActualText, /Alt, /E: keep only the tag.
        edits.push({ start: op.start, end: op.end, text: `${formatName(tag)} BMC` });
        break;
      }
      case 'BMC':
        markedDepth++;
        break;
      case 'EMC':
        if (markedDepth > 0) markedDepth--;
        break;
      case 'DP':
        edits.push({ start: op.start, end: op.end, text: '' });
        break;
      default:
        if (PAINT_OPS.has(op.op)) finishPath(op);
        break;
    }
  }
  if (hidden) edits.push({ start: hidden.start, end: bytes.length, text: '' });

  // Font settings whose font drew nothing that stays point at a plain placeholder instead.
  for (const setting of fontSettings) {
    if (used.Font.has(setting.name)) continue;
    used.Font.set(
      PLACEHOLDER_FONT,
      ctx.obj({ Type: 'Font', Subtype: 'Type1', BaseFont: 'Helvetica', Encoding: 'WinAnsiEncoding' }),
    );
    edits.push({
      start: setting.op.start,
      end: setting.op.end,
      text: `${formatName(PLACEHOLDER_FONT)} ${formatNumber(setting.size)} Tf`,
    });
  }
  const newResources = PDFDict.withContext(ctx);
  for (const kind of RESOURCE_KINDS) {
    if (used[kind].size === 0) continue;
    const d = PDFDict.withContext(ctx);
    for (const [name, obj] of used[kind]) d.set(PDFName.of(name), obj);
    newResources.set(PDFName.of(kind), d);
  }
  const procSet = resolve(ctx, resources?.get(PDFName.of('ProcSet')));
  if (procSet) newResources.set(PDFName.of('ProcSet'), procSet);
  return {
    bytes: applyEdits(bytes, edits),
    resources: newResources,
    openSaves: Math.max(openSaves, 0),
    removedSomething,
  };
}
