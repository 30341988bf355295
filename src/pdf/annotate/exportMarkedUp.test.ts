import { degrees, PDFDict, PDFDocument, PDFName, PDFStream } from '@cantoo/pdf-lib';
import { describe, expect, it } from 'vitest';
import type { Mark } from '../../domain';
import { extractTextItems, withPdf } from '../pdfjs';
import { readCorpus } from '../testing/corpusCases';
import { qpdfCheck } from '../testing/oracles';
import { exportMarkedUp } from './index';

const SHA = 'a'.repeat(64);
const NAMES = { u1: 'Ann Clearance', u2: 'Bob Official' };

function mark(fields: Partial<Mark> & Pick<Mark, 'id' | 'kind' | 'subtype'>): Mark {
  return {
    documentSha: SHA,
    page: 1,
    rects: [],
    strokes: [],
    text: null,
    colour: null,
    inReplyTo: null,
    exemption: null,
    note: null,
    author: 'u1',
    madeAt: '2026-11-20T10:00:00.000Z',
    status: 'open',
    decidedBy: null,
    decidedAt: null,
    rejectionReason: null,
    history: [],
    ...fields,
  };
}

const comment = (id: string, at: { x: number; y: number }, text: string, fields: Partial<Mark> = {}) =>
  mark({
    id,
    kind: 'annotation',
    subtype: 'comment',
    rects: [{ ...at, width: 0, height: 0 }],
    text,
    ...fields,
  });

type Read = {
  id: string;
  subtype: string;
  title: string;
  contents: string;
  modified: string | null;
  /** The annotation's rectangle back in display coordinates (top-left origin). */
  box: { x: number; y: number; width: number; height: number };
  inReplyTo: string | null;
  replyType: string | null;
  popupRef: string | null;
  hasAppearance: boolean;
  quadPoints: number[] | null;
  inkLists: number[][] | null;
};

/** Every annotation pdf.js reads on a page, with its rectangle converted back to display space. */
async function annotationsOf(pdf: Uint8Array, pageNumber: number, password?: string): Promise<Read[]> {
  return withPdf(pdf, { password }, async (doc) => {
    const page = await doc.getPage(pageNumber);
    const viewport = page.getViewport({ scale: 1 });
    const raw = (await page.getAnnotations()) as Record<string, unknown>[];
    return raw.map((a) => {
      const [x1, y1, x2, y2] = viewport.convertToViewportRectangle(a.rect as number[]);
      return {
        id: a.id as string,
        subtype: a.subtype as string,
        title: (a.titleObj as { str?: string } | undefined)?.str ?? '',
        contents: (a.contentsObj as { str?: string } | undefined)?.str ?? '',
        modified: (a.modificationDate as string | null) ?? null,
        box: {
          x: Math.min(x1!, x2!),
          y: Math.min(y1!, y2!),
          width: Math.abs(x2! - x1!),
          height: Math.abs(y2! - y1!),
        },
        inReplyTo: (a.inReplyTo as string | undefined) ?? null,
        replyType: (a.replyType as string | undefined) ?? null,
        popupRef: (a.popupRef as string | null | undefined) ?? null,
        hasAppearance: Boolean(a.hasAppearance),
        quadPoints: a.quadPoints ? Array.from(a.quadPoints as Float32Array) : null,
        inkLists: a.inkLists ? (a.inkLists as Float32Array[]).map((l) => Array.from(l)) : null,
      };
    });
  });
}

async function wordBox(pdf: Uint8Array, page: number, word: string) {
  const pages = await extractTextItems(pdf);
  const item = pages[page - 1]?.items.find((i) => i.str.includes(word));
  if (!item) throw new Error(`no text item with ${word}`);
  return { x: item.x, y: item.y, width: item.width, height: item.height };
}

const closeTo = (
  actual: { x: number; y: number; width: number; height: number },
  expected: typeof actual,
  slack: number,
) => {
  expect(Math.abs(actual.x - expected.x)).toBeLessThanOrEqual(slack);
  expect(Math.abs(actual.y - expected.y)).toBeLessThanOrEqual(slack);
  expect(Math.abs(actual.width - expected.width)).toBeLessThanOrEqual(slack * 2);
  expect(Math.abs(actual.height - expected.height)).toBeLessThanOrEqual(slack * 2);
};

describe('the marked-up copy', () => {
  it('writes comments, replies, highlights, ink and redactions that pdf.js reads back where they were drawn', async () => {
    const original = readCorpus('tracemonkey.pdf');
    const title = await wordBox(original, 1, 'Trace-based');
    const line = { x: 72, y: 300, width: 200, height: 12 };
    const marks: Mark[] = [
      mark({
        id: 'c1',
        kind: 'annotation',
        subtype: 'comment',
        rects: [{ x: 100, y: 120, width: 0, height: 0 }],
        text: 'Is this the final title?',
      }),
      mark({
        id: 'c2',
        kind: 'annotation',
        subtype: 'comment',
        author: 'u2',
        inReplyTo: 'c1',
        text: 'Yes, agreed with the author.',
        madeAt: '2026-11-20T11:30:00.000Z',
      }),
      mark({
        id: 'h1',
        kind: 'annotation',
        subtype: 'highlight',
        rects: [title],
        text: 'Trace-based',
        author: 'u2',
      }),
      mark({
        id: 'i1',
        kind: 'annotation',
        subtype: 'ink',
        strokes: [
          [
            { x: 300, y: 400, pressure: 0.5 },
            { x: 350, y: 420, pressure: 0.8 },
            { x: 400, y: 410 },
          ],
        ],
      }),
      mark({
        id: 'r1',
        kind: 'redaction',
        subtype: 'text',
        rects: [line, { ...line, y: 314 }],
        exemption: 's40(2)',
        note: 'Name of a junior official',
      }),
      mark({
        id: 'r2',
        kind: 'redaction',
        subtype: 'area',
        rects: [{ x: 72, y: 500, width: 100, height: 40 }],
        exemption: 's43',
        status: 'agreed',
        decidedBy: 'u2',
        decidedAt: '2026-11-21T09:00:00.000Z',
        history: [{ by: 'u2', at: '2026-11-21T09:00:00.000Z', action: 'agreed', detail: null }],
      }),
      mark({
        id: 'r3',
        kind: 'redaction',
        subtype: 'area',
        rects: [line],
        exemption: 's40(2)',
        status: 'rejected',
      }),
      mark({
        id: 'c3',
        kind: 'annotation',
        subtype: 'comment',
        rects: [line],
        text: 'deleted note',
        status: 'deleted',
      }),
    ];
    const before = await annotationsOf(original, 1);
    const out = await exportMarkedUp(original, marks, NAMES);
    const all = (await annotationsOf(out, 1)).filter((a) => !before.some((b) => b.id === a.id));
    const own = all.filter((a) => a.subtype !== 'Popup');

    expect(own.map((a) => a.subtype).sort()).toEqual([
      'Highlight',
      'Ink',
      'Square',
      'Square',
      'Square',
      'Text',
      'Text',
    ]);
    expect(own.some((a) => a.contents.includes('deleted note'))).toBe(false);
    expect(own.every((a) => a.hasAppearance)).toBe(true);

    const [comment, reply] = own.filter((a) => a.subtype === 'Text');
    expect(comment).toMatchObject({
      title: 'Ann Clearance',
      contents: 'Is this the final title?',
      inReplyTo: null,
    });
    expect(comment!.modified).toBe('D:20261120100000Z');
    expect(comment!.popupRef).not.toBeNull();
    expect(all.some((a) => a.subtype === 'Popup' && a.id === comment!.popupRef)).toBe(true);
    closeTo(comment!.box, { x: 100, y: 120, width: 20, height: 20 }, 0.01);
    expect(reply).toMatchObject({
      title: 'Bob Official',
      contents: 'Yes, agreed with the author.',
      inReplyTo: comment!.id,
      replyType: 'R',
    });

    const highlight = own.find((a) => a.subtype === 'Highlight')!;
    expect(highlight.title).toBe('Bob Official');
    closeTo(highlight.box, title, 1.01);
    expect(highlight.quadPoints).toHaveLength(8);

    const ink = own.find((a) => a.subtype === 'Ink')!;
    expect(ink.inkLists).toHaveLength(1);
    expect(ink.inkLists![0]).toHaveLength(6);
    expect(ink.box.x).toBeLessThan(300);
    expect(ink.box.x + ink.box.width).toBeGreaterThan(400);

    const boxes = own.filter((a) => a.subtype === 'Square');
    const [first, second] = boxes.filter((a) => a.contents.startsWith('Proposed redaction'));
    expect(first!.contents).toContain('not applied: the words under this box are still in this copy');
    expect(first!.contents).toContain('Exemption: s40(2)');
    expect(first!.contents).toContain('Note: Name of a junior official');
    closeTo(first!.box, line, 0.01);
    closeTo(second!.box, { ...line, y: 314 }, 0.01);
    expect(second).toMatchObject({ inReplyTo: first!.id, replyType: 'Group', title: 'Ann Clearance' });
    const agreed = boxes.find((a) => a.contents.startsWith('Agreed redaction'))!;
    expect(agreed.contents).toContain('Agreed by Bob Official on 21 November 2026.');
    expect(agreed.modified).toBe('D:20261121090000Z');
    closeTo(agreed.box, { x: 72, y: 500, width: 100, height: 40 }, 0.01);

    const check = await qpdfCheck(out);
    expect(check.detail).toBe(check.ok ? check.detail : 'qpdf passes');
    expect(check.ok).toBe(true);
  });

  it('keeps the annotations already in the file', async () => {
    const original = readCorpus('annotation-highlight-without-appearance.pdf');
    const before = await annotationsOf(original, 1);
    expect(before.length).toBeGreaterThan(0);
    const out = await exportMarkedUp(original, [comment('c1', { x: 50, y: 50 }, 'New')], NAMES);
    const after = await annotationsOf(out, 1);
    for (const a of before) expect(after.map((b) => b.subtype)).toContain(a.subtype);
    expect(after.filter((a) => a.subtype === 'Text' && a.contents === 'New')).toHaveLength(1);
    expect((await qpdfCheck(out)).ok).toBe(true);
  });

  it('places marks on a rotated page where they were drawn on screen, icons upright', async () => {
    const original = readCorpus('hello_world_rotated.pdf');
    const word = await wordBox(original, 1, 'Hello');
    const out = await exportMarkedUp(
      original,
      [
        mark({ id: 'r1', kind: 'redaction', subtype: 'text', rects: [word], exemption: 's40(2)' }),
        mark({ id: 'h1', kind: 'annotation', subtype: 'highlight', rects: [word] }),
        comment('c1', { x: 30, y: 40 }, 'Sideways'),
      ],
      NAMES,
    );
    const read = await annotationsOf(out, 1);
    closeTo(read.find((a) => a.subtype === 'Square')!.box, word, 0.01);
    closeTo(read.find((a) => a.subtype === 'Highlight')!.box, word, 1.01);
    closeTo(read.find((a) => a.subtype === 'Text')!.box, { x: 30, y: 40, width: 20, height: 20 }, 0.01);

    // The note icon's form is turned with the page so it reads upright on screen.
    const doc = await PDFDocument.load(out);
    const annots = doc.getPage(0).node.Annots()!;
    const text = annots
      .asArray()
      .map((ref) => doc.context.lookup(ref, PDFDict))
      .find((d) => d.get(PDFName.of('Subtype')) === PDFName.of('Text'))!;
    const normal = doc.context.lookup(text.lookup(PDFName.of('AP'), PDFDict).get(PDFName.of('N')));
    expect(normal).toBeInstanceOf(PDFStream);
    expect((normal as PDFStream).dict.lookup(PDFName.of('Matrix'))?.toString()).toBe('[ 0 1 -1 0 0 0 ]');
    expect((await qpdfCheck(out)).ok).toBe(true);
  });

  it('places marks through a crop box that does not start at the origin, on a page turned 270°', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage([612, 792]);
    page.setCropBox(50, 100, 500, 600);
    page.setRotation(degrees(270));
    const original = await doc.save();
    const box = { x: 40, y: 60, width: 120, height: 30 };
    const out = await exportMarkedUp(
      original,
      [
        mark({ id: 'r1', kind: 'redaction', subtype: 'area', rects: [box], exemption: 's40(2)' }),
        mark({ id: 'h1', kind: 'annotation', subtype: 'highlight', rects: [box] }),
      ],
      NAMES,
    );
    const read = await annotationsOf(out, 1);
    closeTo(read.find((a) => a.subtype === 'Square')!.box, box, 0.01);
    closeTo(read.find((a) => a.subtype === 'Highlight')!.box, box, 1.01);
  });

  it('opens a password-protected original and writes names and notes in any script', async () => {
    const original = readCorpus('issue6010_1.pdf');
    const out = await exportMarkedUp(
      original,
      [comment('c1', { x: 20, y: 20 }, 'Zoë’s note — “check” ✓', { author: 'u3' })],
      { u3: 'Siân Llŷr' },
      { password: 'abc' },
    );
    const [note] = (await annotationsOf(out, 1)).filter((a) => a.subtype === 'Text');
    expect(note).toMatchObject({ title: 'Siân Llŷr', contents: 'Zoë’s note — “check” ✓' });
    expect((await qpdfCheck(out)).ok).toBe(true);
  });
});
