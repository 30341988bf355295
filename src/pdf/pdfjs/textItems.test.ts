import { readFileSync } from 'node:fs';
import { degrees, PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { CORPUS_DIR as CORPUS } from '../testing/corpusCases';
import { extractTextItems, PdfOpenError } from './index';

const corpus = (name: string) => new Uint8Array(readFileSync(`${CORPUS}/${name}`));

async function onePage(rotation: number, draw: { text: string; x: number; y: number; size: number }) {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([612, 792]);
  page.setRotation(degrees(rotation));
  page.drawText(draw.text, { x: draw.x, y: draw.y, size: draw.size, font });
  return { bytes: await doc.save(), width: font.widthOfTextAtSize(draw.text, draw.size) };
}

describe('text items in display coordinates', () => {
  it('puts text drawn on an upright page where a person sees it, top-left origin', async () => {
    const { bytes, width } = await onePage(0, { text: 'Jane Smith', x: 72, y: 700, size: 12 });
    const [page] = await extractTextItems(bytes);
    expect(page).toMatchObject({ page: 1, width: 612, height: 792, rotation: 0 });
    const item = page!.items.find((i) => i.str === 'Jane Smith')!;
    expect(item.x).toBeCloseTo(72, 3);
    // pdf.js measures Helvetica with its own metrics, pdf-lib with its AFM: within 1%.
    expect(Math.abs(item.width - width)).toBeLessThan(width / 100);
    // The baseline (792 − 700 = 92 from the top) lies inside the box, one font size tall.
    expect(item.y).toBeLessThan(92);
    expect(item.y + item.height).toBeGreaterThan(92);
    expect(item.height).toBeCloseTo(12, 1);
  });

  it('applies the page rotation: a 90° page is shown landscape and its text runs downwards', async () => {
    const { bytes, width } = await onePage(90, { text: 'Jane Smith', x: 72, y: 700, size: 12 });
    const [page] = await extractTextItems(bytes);
    expect(page).toMatchObject({ width: 792, height: 612, rotation: 90 });
    const item = page!.items.find((i) => i.str === 'Jane Smith')!;
    // Rotated clockwise: PDF (x, y) is shown at (y, x).
    expect(item.y).toBeCloseTo(72, 3);
    expect(Math.abs(item.height - width)).toBeLessThan(width / 100);
    expect(item.x).toBeLessThan(700);
    expect(item.x + item.width).toBeGreaterThan(700);
  });

  it('reads only the pages asked for', async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    for (const word of ['alpha', 'bravo', 'charlie']) doc.addPage().drawText(word, { x: 50, y: 50, font });
    const pages = await extractTextItems(await doc.save(), { pages: [2] });
    expect(pages.map((p) => [p.page, p.items.map((i) => i.str).join('')])).toEqual([[2, 'bravo']]);
  });

  it('leaves the caller’s bytes usable (pdf.js would otherwise detach them)', async () => {
    const { bytes } = await onePage(0, { text: 'x', x: 10, y: 10, size: 10 });
    await extractTextItems(bytes);
    expect(bytes.byteLength).toBeGreaterThan(0);
    expect((await extractTextItems(bytes)).length).toBe(1);
  });
});

describe('refusing files it cannot open, in plain words', () => {
  it('opens an encrypted file with its password', async () => {
    const pages = await extractTextItems(corpus('issue6010_1.pdf'), { password: 'abc' });
    expect(pages.length).toBeGreaterThan(0);
  });

  it('says a password is needed, or that it is wrong', async () => {
    await expect(extractTextItems(corpus('issue6010_1.pdf'))).rejects.toMatchObject({
      kind: 'needs-password',
    });
    await expect(extractTextItems(corpus('issue6010_1.pdf'), { password: 'nope' })).rejects.toMatchObject({
      kind: 'wrong-password',
      message: 'The password for this PDF is wrong.',
    });
  });

  it('refuses bytes that are not a PDF, and a page tree that loops', async () => {
    const notPdf = new TextEncoder().encode('Dear Sir, this is a letter, not a PDF.');
    await expect(extractTextItems(notPdf)).rejects.toBeInstanceOf(PdfOpenError);
    await expect(extractTextItems(corpus('Pages-tree-refs.pdf'))).rejects.toMatchObject({
      kind: 'unreadable',
    });
  });
});

describe('input as a Node Buffer', () => {
  it('reads a Buffer as well as a plain Uint8Array (pdf.js alone refuses Buffers)', async () => {
    const { bytes } = await onePage(0, { text: 'Buffered', x: 10, y: 10, size: 10 });
    const [page] = await extractTextItems(Buffer.from(bytes));
    expect(page!.items.map((i) => i.str)).toEqual(['Buffered']);
  });
});
