import { degrees, PDFDocument, type PDFFont, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { type Finding, findPatterns, findText } from './index';

const SIZE = 12;
const PAGE = { width: 612, height: 792 };

type Line = { text: string; x: number; y: number };
type Drawn = { bytes: Uint8Array; font: PDFFont };

async function pdfWith(pages: Line[][], rotation = 0): Promise<Drawn> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const lines of pages) {
    const page = doc.addPage([PAGE.width, PAGE.height]);
    page.setRotation(degrees(rotation));
    for (const { text, x, y } of lines) page.drawText(text, { x, y, size: SIZE, font });
  }
  return { bytes: await doc.save(), font };
}

/** Horizontal extent, in display coordinates, of characters [from, to) of a line on an upright page. */
function glyphSpan(font: PDFFont, line: Line, from: number, to: number) {
  const left = line.x + font.widthOfTextAtSize(line.text.slice(0, from), SIZE);
  return { left, right: line.x + font.widthOfTextAtSize(line.text.slice(0, to), SIZE) };
}

const overlaps = (region: Finding, left: number, right: number) =>
  region.x < right && region.x + region.width > left;

describe('finding text to redact', () => {
  const line: Line = { text: 'Dear Mr John Smith, thank you for writing.', x: 72, y: 700 };

  it('covers every glyph of the phrase and no glyph of the words either side', async () => {
    const { bytes, font } = await pdfWith([[line]]);
    const [region, ...rest] = await findText(bytes, 'john smith');
    expect(rest).toEqual([]);
    expect(region).toMatchObject({ page: 1, text: 'John Smith' });
    const start = line.text.indexOf('John');
    for (let i = start; i < start + 'John Smith'.length; i++) {
      if (line.text[i] === ' ') continue;
      const glyph = glyphSpan(font, line, i, i + 1);
      expect(overlaps(region!, glyph.left, glyph.right), `glyph ${line.text[i]}`).toBe(true);
    }
    const before = glyphSpan(font, line, start - 2, start - 1); // the "r" of "Mr"
    // Positions inside a pdf.js item are estimated, so the region may take touching punctuation
    // (the comma) but never reaches the next word.
    const after = glyphSpan(font, line, start + 12, start + 13); // the "t" of "thank"
    expect(overlaps(region!, before.left, before.right)).toBe(false);
    expect(overlaps(region!, after.left, after.right)).toBe(false);
    // Vertically it covers the baseline (92 from the top).
    expect(region!.y).toBeLessThan(PAGE.height - line.y);
    expect(region!.y + region!.height).toBeGreaterThan(PAGE.height - line.y);
  });

  it('is case-insensitive and finds every occurrence on every page', async () => {
    const { bytes } = await pdfWith([
      [{ text: 'SMITH and smith', x: 72, y: 700 }],
      [{ text: 'nothing here', x: 72, y: 700 }],
      [{ text: 'Mrs Smith', x: 72, y: 500 }],
    ]);
    const found = await findText(bytes, 'Smith');
    expect(found.map((f) => [f.page, f.text])).toEqual([
      [1, 'SMITH'],
      [1, 'smith'],
      [3, 'Smith'],
    ]);
  });

  it('finds a name broken across two lines, with one region on each line', async () => {
    const { bytes } = await pdfWith([
      [
        { text: 'The complaint was made by John', x: 72, y: 700 },
        { text: 'Smith of Leeds.', x: 72, y: 686 },
      ],
    ]);
    const found = await findText(bytes, 'John Smith');
    expect(found).toHaveLength(2);
    expect(found.every((f) => f.text === 'John Smith')).toBe(true);
    const [first, second] = found;
    expect(first!.y).toBeLessThan(second!.y); // line 1 above line 2
    expect(second!.x).toBeLessThan(72 + 10); // "Smith" starts its line
  });

  it('finds a word split between separately drawn pieces of text', async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const page = doc.addPage([PAGE.width, PAGE.height]);
    page.drawText('Ref: Jo', { x: 72, y: 700, size: SIZE, font });
    page.drawText('hnson', { x: 72 + font.widthOfTextAtSize('Ref: Jo', SIZE), y: 700, size: SIZE, font });
    const found = await findText(await doc.save(), 'johnson');
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((f) => f.text === 'Johnson')).toBe(true);
  });

  it('places regions in display coordinates on a rotated page', async () => {
    const { bytes } = await pdfWith([[line]], 90);
    const [region] = await findText(bytes, 'John Smith');
    // Rotated 90° clockwise, PDF (x, y) shows at (y, x): the line's baseline y = 700 becomes x.
    expect(region!.x).toBeLessThan(700);
    expect(region!.x + region!.width).toBeGreaterThan(700);
    expect(region!.height).toBeGreaterThan(region!.width); // the text now runs downwards
  });

  it('finds nothing for an empty query or a phrase that is not there', async () => {
    const { bytes } = await pdfWith([[line]]);
    expect(await findText(bytes, '   ')).toEqual([]);
    expect(await findText(bytes, 'Jane Doe')).toEqual([]);
  });
});

describe('finding personal data by pattern', () => {
  it('finds each kind on a letter, with the text it matched', async () => {
    const { bytes } = await pdfWith([
      [
        { text: 'Ms Jane Doe, 10 High Street, Leeds LS1 4AP', x: 72, y: 720 },
        { text: 'Email jane.doe@example.com or call 0113 496 0000.', x: 72, y: 700 },
        { text: 'National Insurance number QQ 12 34 56 C, date of birth 12/03/1985.', x: 72, y: 680 },
        { text: 'We received your request on 01/04/2025.', x: 72, y: 660 },
      ],
    ]);
    const found = await findPatterns(bytes, ['email', 'phone', 'nino', 'postcode', 'dob']);
    const byPattern = Object.fromEntries(found.map((f) => [f.pattern, f.text]));
    expect(byPattern).toEqual({
      postcode: 'LS1 4AP',
      email: 'jane.doe@example.com',
      phone: '0113 496 0000',
      nino: 'QQ 12 34 56 C',
      dob: '12/03/1985',
    });
    expect(found.every((f) => f.page === 1 && f.width > 0 && f.height > 0)).toBe(true);
  });
});
