// The marked-up copy for people without the app: the original PDF with every live mark written
// as a standard PDF annotation that Acrobat, macOS Preview and pdf.js show and let people reply
// to. Comments become sticky notes (/Text with a /Popup; replies point at their comment with
// /IRT), highlights /Highlight, strike-throughs /StrikeOut, ink /Ink, and proposed or agreed
// redactions red /Square boxes whose note says the words are still there: redaction is applied
// only in the release copy, never in this file.
import {
  type PDFContext,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  type PDFPage,
  type PDFRef,
  PDFString,
} from '@cantoo/pdf-lib';
import { exemptionTitle, type Mark } from '../../domain';
import type { Point } from '../redaction/geometry';
import {
  appearance,
  type Box,
  type Colour,
  highlightContent,
  inkContent,
  NOTE_ICON_SIZE,
  noteIconContent,
  redactionBoxContent,
  strikeContent,
  uprightMatrix,
} from './appearance';
import { type PageSpace, pageSpace } from './pageSpace';

export type ExportOptions = {
  /** Resolved comments too (default true); deleted marks and rejected redactions never. */
  includeResolved?: boolean;
  /** The original's password, if it has one. The copy is written without one: it is for sharing. */
  password?: string;
};

const PRINT = 4;
const NO_ZOOM = 8;
const NO_ROTATE = 16;
const INK_WIDTH = 2;
const POPUP = { width: 220, height: 110 };

const DEFAULT_COLOUR: Record<string, Colour> = {
  comment: [1, 0.84, 0.3],
  note: [1, 0.84, 0.3],
  highlight: [1, 0.9, 0.1],
  strike: [0.83, 0.1, 0.1],
  ink: [0.11, 0.44, 0.73],
  redaction: [0.83, 0.19, 0.1],
};

function parseColour(value: string | null, fallback: Colour): Colour {
  const hex = value?.trim().match(/^#?([0-9a-f]{3}|[0-9a-f]{6})$/i)?.[1];
  if (!hex) return fallback;
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
  return [0, 2, 4].map((i) => Number.parseInt(full.slice(i, i + 2), 16) / 255) as unknown as Colour;
}

/** An ISO instant as a PDF date, D:YYYYMMDDHHmmSSZ (UTC). */
export function pdfDate(iso: string): string {
  const d = new Date(iso);
  const pad = (v: number) => String(v).padStart(2, '0');
  return `D:${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
}

const dayOf = (iso: string) =>
  new Date(iso).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/London',
  });

const text = (value: string) => PDFHexString.fromText(value);

function boundsOf(points: readonly Point[], pad = 0): Box {
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  return {
    x0: Math.min(...xs) - pad,
    y0: Math.min(...ys) - pad,
    x1: Math.max(...xs) + pad,
    y1: Math.max(...ys) + pad,
  };
}

const rectArray = (b: Box) => [b.x0, b.y0, b.x1, b.y1];

/** The four corners of a displayed rectangle in user space, in text order: TL, TR, BL, BR. */
function quadOf(space: PageSpace, r: { x: number; y: number; width: number; height: number }): Point[] {
  return [
    space.toUser(r.x, r.y),
    space.toUser(r.x + r.width, r.y),
    space.toUser(r.x, r.y + r.height),
    space.toUser(r.x + r.width, r.y + r.height),
  ];
}

function redactionContents(mark: Mark, nameOf: (id: string) => string): string {
  const agreed = mark.status === 'agreed';
  const lines = [
    `${agreed ? 'Agreed' : 'Proposed'} redaction, not applied: the words under this box are still in this copy. ` +
      'They are removed only in the release copy made in Clearway.',
  ];
  if (mark.exemption) lines.push(`Exemption: ${mark.exemption} ${exemptionTitle(mark.exemption)}`);
  if (mark.note) lines.push(`Note: ${mark.note}`);
  lines.push(`Proposed by ${nameOf(mark.author)} on ${dayOf(mark.madeAt)}.`);
  if (agreed && mark.decidedBy)
    lines.push(`Agreed by ${nameOf(mark.decidedBy)}${mark.decidedAt ? ` on ${dayOf(mark.decidedAt)}` : ''}.`);
  return lines.join('\n');
}

function commentContents(mark: Mark): string {
  const body = mark.text ?? '';
  return mark.status === 'resolved' ? `${body}\n\n(Marked as resolved.)` : body;
}

type Built = { ref: PDFRef; popupAnchor?: Box };

class PageWriter {
  constructor(
    private readonly ctx: PDFContext,
    private readonly page: PDFPage,
    private readonly space: PageSpace,
    private readonly nameOf: (id: string) => string,
  ) {}

  private common(mark: Mark, subtype: string, rect: Box, contents: string, nameSuffix = '') {
    const modified = mark.history.at(-1)?.at ?? mark.madeAt;
    return {
      Type: 'Annot',
      Subtype: subtype,
      Rect: rectArray(rect),
      P: this.page.ref,
      F: PRINT,
      T: text(this.nameOf(mark.author)),
      Contents: text(contents),
      NM: text(mark.id + nameSuffix),
      M: PDFString.of(pdfDate(modified)),
      CreationDate: PDFString.of(pdfDate(mark.madeAt)),
    };
  }

  private add(dict: Record<string, unknown>): PDFRef {
    const ref = this.ctx.register(this.ctx.obj(dict as Parameters<PDFContext['obj']>[0]));
    this.page.node.addAnnot(ref);
    return ref;
  }

  /** A popup beside the annotation, closed, so viewers show the note when it is clicked. */
  addPopup(parent: PDFRef, anchor: Box): void {
    const corner = this.space.toUser(0, 0);
    const at = this.space.toUser(POPUP.width, POPUP.height);
    // The popup's size in user space, placed beside the anchor (clamped by viewers if outside).
    const width = Math.abs(at.x - corner.x) || POPUP.width;
    const height = Math.abs(at.y - corner.y) || POPUP.height;
    const rect: Box = { x0: anchor.x1, y0: anchor.y1 - height, x1: anchor.x1 + width, y1: anchor.y1 };
    const popup = this.add({
      Type: 'Annot',
      Subtype: 'Popup',
      Rect: rectArray(rect),
      P: this.page.ref,
      Parent: parent,
      Open: false,
      F: PRINT,
    });
    this.ctx.lookup(parent, PDFDict).set(PDFName.of('Popup'), popup);
  }

  note(mark: Mark, anchorFrom: Mark = mark): Built {
    const anchor = anchorFrom.rects[0] ?? {
      ...(anchorFrom.strokes[0]?.[0] ?? { x: 0, y: 0 }),
      width: 0,
      height: 0,
    };
    const quad = quadOf(this.space, {
      x: anchor.x,
      y: anchor.y,
      width: NOTE_ICON_SIZE,
      height: NOTE_ICON_SIZE,
    });
    const rect = boundsOf(quad);
    const colour = parseColour(mark.colour, DEFAULT_COLOUR.comment!);
    const ap = appearance(
      this.ctx,
      { x0: 0, y0: 0, x1: NOTE_ICON_SIZE, y1: NOTE_ICON_SIZE },
      noteIconContent(colour),
      { matrix: uprightMatrix(this.space.rotation) },
    );
    const ref = this.add({
      ...this.common(mark, 'Text', rect, commentContents(mark)),
      F: PRINT | NO_ZOOM | NO_ROTATE,
      Name: 'Comment',
      C: [...colour],
      Open: false,
      AP: { N: ap },
    });
    return { ref, popupAnchor: rect };
  }

  textMarkup(mark: Mark, subtype: 'Highlight' | 'StrikeOut'): Built | undefined {
    if (mark.rects.length === 0) return undefined;
    const quads = mark.rects.map((r) => quadOf(this.space, r));
    const rect = boundsOf(quads.flat(), 1);
    const colour = parseColour(
      mark.colour,
      DEFAULT_COLOUR[subtype === 'Highlight' ? 'highlight' : 'strike']!,
    );
    const content = subtype === 'Highlight' ? highlightContent(quads, colour) : strikeContent(quads, colour);
    const ap = appearance(
      this.ctx,
      rect,
      content,
      subtype === 'Highlight' ? { opacity: 0.45, multiply: true } : {},
    );
    const ref = this.add({
      ...this.common(mark, subtype, rect, mark.text ?? ''),
      QuadPoints: quads.flat().flatMap((p) => [p.x, p.y]),
      C: [...colour],
      CA: subtype === 'Highlight' ? 0.45 : 1,
      AP: { N: ap },
    });
    return { ref, popupAnchor: rect };
  }

  ink(mark: Mark): Built | undefined {
    const strokes = mark.strokes
      .filter((s) => s.length > 0)
      .map((s) => s.map((p) => ({ ...this.space.toUser(p.x, p.y), pressure: p.pressure })));
    if (strokes.length === 0) return undefined;
    const rect = boundsOf(strokes.flat(), INK_WIDTH * 1.5 + 1);
    const colour = parseColour(mark.colour, DEFAULT_COLOUR.ink!);
    const ap = appearance(this.ctx, rect, inkContent(strokes, colour, INK_WIDTH));
    const ref = this.add({
      ...this.common(mark, 'Ink', rect, mark.text ?? ''),
      InkList: strokes.map((s) => s.flatMap((p) => [p.x, p.y])),
      BS: { W: INK_WIDTH, S: 'S' },
      C: [...colour],
      AP: { N: ap },
    });
    return { ref, popupAnchor: rect };
  }

  /** One box per rectangle; the second and later ones are grouped with the first (/RT /Group). */
  redaction(mark: Mark): Built | undefined {
    const colour = parseColour(mark.colour, DEFAULT_COLOUR.redaction!);
    const contents = redactionContents(mark, this.nameOf);
    let first: Built | undefined;
    mark.rects.forEach((r, i) => {
      const quad = quadOf(this.space, r);
      const rect = boundsOf(quad);
      const ap = appearance(this.ctx, rect, redactionBoxContent(quad, colour), { opacity: 0.18 });
      const dict: Record<string, unknown> = {
        ...this.common(mark, 'Square', rect, contents, i === 0 ? '' : `#${i + 1}`),
        Subj: text(mark.status === 'agreed' ? 'Agreed redaction' : 'Proposed redaction'),
        C: [...colour],
        IC: [1, 0.85, 0.82],
        BS: { W: 1.5, S: 'S' },
        AP: { N: ap },
      };
      if (first) {
        dict.IRT = first.ref;
        dict.RT = 'Group';
      }
      const ref = this.add(dict);
      first ??= { ref, popupAnchor: rect };
    });
    return first;
  }
}

/** A copy of `pdf` with `marks` as PDF annotations; `names` maps user ids to display names. */
export async function exportMarkedUp(
  pdf: Uint8Array,
  marks: readonly Mark[],
  names: Record<string, string>,
  options: ExportOptions = {},
): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { password: options.password, updateMetadata: false });
  const pages = doc.getPages();
  const nameOf = (id: string) => names[id] ?? id;
  const live = marks.filter(
    (m) =>
      m.status !== 'deleted' &&
      m.status !== 'rejected' &&
      (options.includeResolved !== false || m.status !== 'resolved') &&
      m.page >= 1 &&
      m.page <= pages.length,
  );
  const byId = new Map(live.map((m) => [m.id, m]));
  const rootOf = (m: Mark): Mark => {
    const seen = new Set<string>();
    let at = m;
    while (at.inReplyTo && byId.has(at.inReplyTo) && !seen.has(at.id)) {
      seen.add(at.id);
      at = byId.get(at.inReplyTo)!;
    }
    return at;
  };
  // Parents before their replies: replies need the parent's reference for /IRT.
  const ordered = [...live].sort((a, b) => a.page - b.page || a.madeAt.localeCompare(b.madeAt));
  const writers = new Map<number, PageWriter>();
  const writerFor = (pageNumber: number) => {
    let writer = writers.get(pageNumber);
    if (!writer) {
      const page = pages[pageNumber - 1]!;
      writer = new PageWriter(doc.context, page, pageSpace(page), nameOf);
      writers.set(pageNumber, writer);
    }
    return writer;
  };
  const refs = new Map<string, PDFRef>();
  const replies: Mark[] = [];
  for (const mark of ordered) {
    if (mark.inReplyTo && byId.has(mark.inReplyTo)) {
      replies.push(mark);
      continue;
    }
    const writer = writerFor(mark.page);
    const built =
      mark.kind === 'redaction'
        ? writer.redaction(mark)
        : mark.subtype === 'highlight'
          ? writer.textMarkup(mark, 'Highlight')
          : mark.subtype === 'strike'
            ? writer.textMarkup(mark, 'StrikeOut')
            : mark.subtype === 'ink'
              ? writer.ink(mark)
              : writer.note(mark);
    if (!built) continue;
    refs.set(mark.id, built.ref);
    if (built.popupAnchor) writer.addPopup(built.ref, built.popupAnchor);
  }
  // Replies: notes on the same spot as the mark they answer, linked with /IRT (threaded in
  // Acrobat's and Preview's comment lists).
  for (const reply of replies) {
    const parentRef = refs.get(reply.inReplyTo!);
    if (!parentRef) continue;
    const root = rootOf(reply);
    const built = writerFor(root.page).note(reply, root);
    doc.context.lookup(built.ref, PDFDict).set(PDFName.of('IRT'), parentRef);
    doc.context.lookup(built.ref, PDFDict).set(PDFName.of('RT'), PDFName.of('R'));
    refs.set(reply.id, built.ref);
  }
  return doc.save();
}
