import { decodePDFRawStream, PDFDocument, PDFName, PDFRawStream } from '@cantoo/pdf-lib';
import { describe, expect, it } from 'vitest';
import { redact } from './index';
import { buildPdf } from './testDocuments';

const SIZE = 10;

async function imagesOf(pdf: Uint8Array): Promise<Uint8Array[]> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const out: Uint8Array[] = [];
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (obj instanceof PDFRawStream && obj.dict.get(PDFName.of('Subtype'))?.toString() === '/Image') {
      out.push(decodePDFRawStream(obj).decode());
    }
  }
  return out;
}

describe('images under a region', () => {
  it('blanks exactly the pixels under the region, in a new image, and keeps the rest', async () => {
    // A 10 × 10 red image drawn 100 pt square at (100, 100): one pixel is 10 pt.
    const red = new Uint8Array(SIZE * SIZE * 3);
    for (let i = 0; i < red.length; i += 3) red[i] = 255;
    const pdf = await buildPdf([
      {
        content: 'q 100 0 0 100 100 100 cm /Im1 Do Q',
        resources: (doc) => ({
          XObject: {
            Im1: doc.context.register(
              doc.context.flateStream(red, {
                Type: 'XObject',
                Subtype: 'Image',
                Width: SIZE,
                Height: SIZE,
                ColorSpace: 'DeviceRGB',
                BitsPerComponent: 8,
              }),
            ),
          },
        }),
      },
    ]);
    // Display y = 300 − user y: the image spans display y 100–200. Cover its left 3 columns
    // (x 100–130) but only part of the third: rounding outwards takes the whole column.
    const result = await redact(pdf, [{ page: 1, x: 90, y: 90, width: 35, height: 120 }]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.report.pages[0]?.imagesBlanked).toBe(1);
    const [pixels] = await imagesOf(result.pdf);
    expect(pixels).toBeDefined();
    for (let y = 0; y < SIZE; y++) {
      for (let x = 0; x < SIZE; x++) {
        expect(pixels?.[(y * SIZE + x) * 3]).toBe(x < 3 ? 0 : 255);
      }
    }
  });

  it('blanks the pixels of an inline image under the region, and keeps the rest', async () => {
    // The same red square as above, inline, its samples written in hex (/F /AHx).
    const hex = 'ff0000'.repeat(SIZE * SIZE);
    const pdf = await buildPdf([
      {
        content: `q 100 0 0 100 100 100 cm BI /W ${SIZE} /H ${SIZE} /BPC 8 /CS /RGB /F /AHx ID ${hex}> EI Q`,
      },
    ]);
    const result = await redact(pdf, [{ page: 1, x: 90, y: 90, width: 35, height: 120 }]);
    if (!result.ok) throw new Error(result.reason);
    expect(result.report.pages[0]?.imagesBlanked).toBe(1);
    expect(result.report.pages[0]?.inlineImagesRemoved).toBe(0);
    const [pixels] = await imagesOf(result.pdf);
    for (let y = 0; y < SIZE; y++) {
      for (let x = 0; x < SIZE; x++) {
        expect(pixels?.[(y * SIZE + x) * 3]).toBe(x < 3 ? 0 : 255);
        expect(pixels?.[(y * SIZE + x) * 3 + 1]).toBe(0);
      }
    }
  });

  it('removes an inline image under a region whole when its encoding cannot be decoded here', async () => {
    const pdf = await buildPdf([
      { content: 'q 100 0 0 100 100 100 cm BI /W 2 /H 1 /BPC 1 /CS /G /F /CCF ID \u0001\u0002 EI Q' },
    ]);
    const result = await redact(pdf, [{ page: 1, x: 90, y: 90, width: 35, height: 120 }]);
    expect(result.ok && result.report.pages[0]?.inlineImagesRemoved).toBe(1);
    expect(result.ok && (await imagesOf(result.pdf)).length).toBe(0);
  });
});
