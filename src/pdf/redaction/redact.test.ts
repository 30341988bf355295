import { readFileSync } from 'node:fs';
import {
  decodePDFRawStream,
  PDFDocument,
  PDFName,
  PDFRawStream,
  type PDFRef,
  PDFString,
} from '@cantoo/pdf-lib';
import { describe, expect, it } from 'vitest';
import { extractTextItems, type PageText } from '../pdfjs';
import { redact } from './index';
import { buildPdf, courierWidth } from './testDocuments';
import type { Redaction } from './types';

const CORPUS = '/work/shared/pdf-corpus';
const _corpus = (name: string) => new Uint8Array(readFileSync(`${CORPUS}/${name}`));

/** Every decompressed stream and every string of a PDF, as lower-case single-byte text. */
async function everything(pdf: Uint8Array): Promise<string> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const parts: string[] = [Buffer.from(pdf).toString('latin1')];
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (obj instanceof PDFRawStream) {
      try {
        parts.push(Buffer.from(decodePDFRawStream(obj).decode()).toString('latin1'));
      } catch {
        // images in filters pdf-lib cannot decode
      }
    }
  }
  return parts.join('\n').toLowerCase();
}

const textOf = (pages: PageText[]) => pages.map((p) => p.items.map((i) => i.str).join(' ')).join('\n');

async function mustRedact(pdf: Uint8Array, redactions: Redaction[], options = {}) {
  const result = await redact(pdf, redactions, options);
  if (!result.ok) throw new Error(`refused: ${result.reason}`);
  return result;
}

// Courier at 12 pt from x = 50 on the baseline y = 200 of a 400 × 300 page: display y = 300 − 200.
const LINE = 'Name: John Smith, born 1970';
const lineRegion = (from: number, to: number): Redaction => ({
  page: 1,
  x: 50 + courierWidth(LINE.slice(0, from), 12) + 0.5,
  y: 100 - 9,
  width: courierWidth(LINE.slice(from, to), 12) - 1,
  height: 10,
});

describe('redact', () => {
  it('removes the glyphs under a region and leaves every other glyph where it was', async () => {
    const pdf = await buildPdf([{ content: `BT /F2 12 Tf 50 200 Td (${LINE}) Tj ET` }]);
    const { pdf: out, report } = await mustRedact(pdf, [lineRegion(6, 16)]);
    const pages = await extractTextItems(out);
    const text = textOf(pages);
    expect(text).not.toMatch(/John|Smith/);
    expect(text).toContain('Name:');
    expect(text).toContain('born 1970');
    expect(await everything(out)).not.toMatch(/john|smith/);
    const born = pages[0]?.items.find((i) => i.str.includes('born'));
    const expectedX = 50 + courierWidth(LINE.slice(0, LINE.indexOf('born')), 12);
    expect((born?.x ?? 0) + courierWidth(born?.str.slice(0, born.str.indexOf('born')) ?? '', 12)).toBeCloseTo(
      expectedX,
      1,
    );
    expect(report.pages[0]?.glyphsRemoved).toBe(10);
  });

  it('cuts several regions out of one TJ, measuring each glyph from the original positions', async () => {
    const pdf = await buildPdf([{ content: 'BT /F2 12 Tf 50 200 Td [(AAAA) -1000 (BBBB) (CCCC)] TJ ET' }]);
    const charW = courierWidth('A', 12);
    const regions: Redaction[] = [
      { page: 1, x: 50 + 0.5, y: 91, width: 4 * charW - 1, height: 10 },
      // BBBB starts 4 glyphs plus a 1000-unit (12 pt) kern after the start
      { page: 1, x: 50 + 8 * charW + 12 + 0.5, y: 91, width: 4 * charW - 1, height: 10 },
    ];
    const { pdf: out } = await mustRedact(pdf, regions);
    const items = (await extractTextItems(out))[0]?.items ?? [];
    expect(items.map((i) => i.str).join('')).toBe('BBBB');
    expect(items[0]?.x).toBeCloseTo(50 + 4 * charW + 12, 1);
  });

  it('removes invisible (render mode 3) text under a region, as OCR layers are', async () => {
    const pdf = await buildPdf([{ content: `BT 3 Tr /F2 12 Tf 50 200 Td (${LINE}) Tj ET` }]);
    const { pdf: out } = await mustRedact(pdf, [lineRegion(6, 16)]);
    expect(await everything(out)).not.toMatch(/john|smith/);
    expect(textOf(await extractTextItems(out))).toContain('born 1970');
  });

  it('redacts one use of a shared form and leaves the other use intact', async () => {
    const pdf = await buildPdf([
      {
        content: 'q 1 0 0 1 0 0 cm /Fm1 Do Q q 1 0 0 1 0 -100 cm /Fm1 Do Q',
        resources: (doc, fonts) => ({
          XObject: {
            Fm1: doc.context.register(
              doc.context.stream('BT /F2 12 Tf 50 200 Td (SECRET) Tj ET', {
                Type: 'XObject',
                Subtype: 'Form',
                BBox: [0, 0, 400, 300],
                Resources: { Font: { F2: fonts.courier } },
              }),
            ),
          },
        }),
      },
    ]);
    // The second use is 100 pt lower: display y 200.
    const { pdf: out } = await mustRedact(pdf, [{ page: 1, x: 49, y: 190, width: 80, height: 12 }]);
    const items = (await extractTextItems(out))[0]?.items ?? [];
    expect(items.filter((i) => i.str === 'SECRET')).toHaveLength(1);
    expect(items[0]?.y).toBeLessThan(150);
  });

  it('removes the content of hidden layers before dropping the layer list', async () => {
    const layers: { hidden?: PDFRef; visible?: PDFRef } = {};
    const pdf = await buildPdf(
      [
        {
          content:
            '/OC /hid BDC BT /F1 12 Tf 50 200 Td (HiddenSecret) Tj ET EMC /OC /vis BDC BT /F1 12 Tf 50 100 Td (Shown) Tj ET EMC',
          resources: (doc) => {
            layers.hidden = doc.context.register(
              doc.context.obj({ Type: 'OCG', Name: PDFString.of('Private') }),
            );
            layers.visible = doc.context.register(
              doc.context.obj({ Type: 'OCG', Name: PDFString.of('Public') }),
            );
            return { Properties: { hid: layers.hidden, vis: layers.visible } };
          },
        },
      ],
      (doc) => {
        doc.catalog.set(
          PDFName.of('OCProperties'),
          doc.context.obj({
            OCGs: [layers.hidden, layers.visible],
            D: { OFF: [layers.hidden], ON: [layers.visible] },
          } as never),
        );
      },
    );
    const { pdf: out } = await mustRedact(pdf, []);
    const all = await everything(out);
    expect(all).not.toContain('hiddensecret');
    expect(all).not.toContain('ocproperties');
    expect(textOf(await extractTextItems(out))).toContain('Shown');
  });

  it('drops /ActualText and /Alt carried by marked content', async () => {
    const pdf = await buildPdf([
      {
        content:
          '/Span <</ActualText (Jane Doe) /Alt (Jane Doe)>> BDC BT /F1 12 Tf 50 200 Td (xxxx) Tj ET EMC',
      },
    ]);
    const { pdf: out } = await mustRedact(pdf, []);
    expect(await everything(out)).not.toContain('jane doe');
  });
});
