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
import { findText } from '../find';
import { extractTextItems, type PageText } from '../pdfjs';
import { CORPUS_DIR } from '../testing/corpusCases';
import { redact } from './index';
import { buildPdf, courierWidth } from './testDocuments';
import type { Redaction } from './types';

const corpus = (name: string) => new Uint8Array(readFileSync(`${CORPUS_DIR}/${name}`));

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

describe('rebuilding the document', () => {
  it('keeps nothing but the pages: no info, bookmarks, annotations, scripts, attachments or thumbnails', async () => {
    const pdf = await buildPdf(
      [
        {
          content: 'BT /F1 12 Tf 50 200 Td (Kept text) Tj ET',
          edit: (doc, page) => {
            const ctx = doc.context;
            page.set(
              PDFName.of('Annots'),
              ctx.obj([
                ctx.register(
                  ctx.obj({
                    Type: 'Annot',
                    Subtype: 'Text',
                    Rect: [0, 0, 10, 10],
                    Contents: PDFString.of('reviewer note'),
                  }),
                ),
              ]),
            );
            page.set(PDFName.of('Thumb'), ctx.register(ctx.stream('thumbnail of the draft')));
            page.set(
              PDFName.of('PieceInfo'),
              ctx.obj({ App: { Private: PDFString.of('private app data') } }),
            );
          },
        },
      ],
      (doc) => {
        const ctx = doc.context;
        doc.setAuthor('Author Name');
        doc.setTitle('Draft title');
        doc.catalog.set(
          PDFName.of('Outlines'),
          ctx.register(ctx.obj({ Type: 'Outlines', Title: PDFString.of('bookmark heading') })),
        );
        doc.catalog.set(
          PDFName.of('Names'),
          ctx.obj({
            JavaScript: {
              Names: [
                PDFString.of('js'),
                ctx.obj({ S: 'JavaScript', JS: PDFString.of('app.alert("script")') }),
              ],
            },
            EmbeddedFiles: { Names: [PDFString.of('a.txt'), ctx.register(ctx.stream('attached secret'))] },
          }),
        );
        doc.catalog.set(
          PDFName.of('Metadata'),
          ctx.register(ctx.stream('<x:xmpmeta>xmp author</x:xmpmeta>')),
        );
      },
    );
    const { pdf: out, report } = await mustRedact(pdf, []);
    const all = await everything(out);
    for (const secret of [
      'reviewer note',
      'thumbnail',
      'private app data',
      'author name',
      'draft title',
      'bookmark heading',
      'script',
      'attached secret',
      'xmp author',
    ]) {
      expect(all).not.toContain(secret);
    }
    expect(textOf(await extractTextItems(out))).toContain('Kept text');
    const doc = await PDFDocument.load(out, { updateMetadata: false });
    expect(
      doc.catalog
        .keys()
        .map((k) => k.decodeText())
        .sort(),
    ).toEqual(['Pages', 'Type']);
    expect(report.stripped).toContain('bookmarks');
  });

  it('writes one revision: text that only earlier revisions held is gone', async () => {
    // issue15092.pdf: an earlier revision holds the old field value 232,323.00.
    const input = corpus('issue15092.pdf');
    expect(Buffer.from(input).toString('latin1')).toContain('232,323.00');
    const { pdf: out } = await mustRedact(input, []);
    const raw = Buffer.from(out).toString('latin1');
    expect(raw.match(/startxref/g)).toHaveLength(1);
    expect(raw).not.toMatch(/\/Prev\b/);
    expect(await everything(out)).not.toContain('232,323.00');
  });

  it('decrypts with the right password and writes the result unencrypted', async () => {
    const refused = await redact(corpus('issue6010_1.pdf'), []);
    expect(refused).toEqual({ ok: false, reason: expect.stringMatching(/password/i) });
    const { pdf: out } = await mustRedact(corpus('issue6010_1.pdf'), [], { password: 'abc' });
    expect(Buffer.from(out).toString('latin1')).not.toContain('/Encrypt');
    expect((await extractTextItems(out)).length).toBeGreaterThan(0);
  });

  it('refuses a page tree that loops, with a sentence and no file', async () => {
    const result = await redact(corpus('Pages-tree-refs.pdf'), []);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/^[A-Z].*\.$/);
  });

  it('refuses bytes that are not a PDF', async () => {
    const result = await redact(new TextEncoder().encode('not a pdf at all'), []);
    expect(result.ok).toBe(false);
  });

  it('stops when cancelled', async () => {
    const pdf = await buildPdf([{ content: 'BT /F1 12 Tf 50 200 Td (x) Tj ET' }]);
    const controller = new AbortController();
    controller.abort();
    expect(await redact(pdf, [], { signal: controller.signal })).toEqual({
      ok: false,
      reason: 'The redaction was cancelled.',
    });
  });
});

describe('regions on rotated pages', () => {
  it('takes regions in display coordinates, rotation applied', async () => {
    const pdf = await buildPdf([{ content: 'BT /F2 12 Tf 50 200 Td (Keep Secret Keep) Tj ET', rotate: 90 }]);
    const [page] = await extractTextItems(pdf);
    expect(page?.rotation).toBe(90);
    const item = page?.items[0];
    if (!item) throw new Error('no text');
    // The line runs down the displayed page: "Secret" is characters 5 to 11 of it.
    const charH = courierWidth('x', 12);
    const region: Redaction = {
      page: 1,
      x: item.x - 1,
      y: item.y + 5 * charH + 0.5,
      width: item.width + 2,
      height: 6 * charH - 1,
    };
    const { pdf: out } = await mustRedact(pdf, [region]);
    const text = textOf(await extractTextItems(out));
    expect(text).not.toContain('Secret');
    expect(text.match(/Keep/g)).toHaveLength(2);
  });
});

/** A page drawn in /F9, a font with no widths the engine can measure (so the page falls back). */
const unmeasuredPage = (content: string) =>
  buildPdf([
    {
      content,
      resources: (doc) => ({
        Font: {
          F9: doc.context.register(
            doc.context.obj({ Type: 'Font', Subtype: 'Type1', BaseFont: 'MysteryFont' }),
          ),
        },
      }),
    },
  ]);

describe('fallback', () => {
  it('rasterises a page whose font cannot be measured, keeping the text outside the region searchable', async () => {
    const pdf = await unmeasuredPage(
      'BT /F9 12 Tf 50 200 Td (Unmeasured Secret) Tj ET BT /F9 12 Tf 50 100 Td (Searchable line) Tj ET',
    );
    const { pdf: out, report } = await mustRedact(pdf, [{ page: 1, x: 40, y: 85, width: 200, height: 20 }]);
    expect(report.pages[0]?.fallback).toMatch(/width/);
    const text = textOf(await extractTextItems(out));
    expect(text).not.toMatch(/Unmeasured|Secret/);
    expect(text).toContain('Searchable line');
    expect(await everything(out)).not.toMatch(/unmeasured|secret/);
  });

  it('keeps the words of a line that lie clear of the region in the text of a page that falls back', async () => {
    const pdf = await unmeasuredPage('BT /F9 12 Tf 50 200 Td (Keep these words Secret and these too) Tj ET');
    const found = await findText(pdf, 'Secret');
    expect(found).toHaveLength(1);
    const { pdf: out, report } = await mustRedact(pdf, found);
    expect(report.pages[0]?.fallback).toMatch(/width/);
    const text = textOf(await extractTextItems(out));
    expect(text).not.toMatch(/Secret/);
    // Words within a character of the region go too: their places are estimates.
    expect(text).toMatch(/Keep these/);
    expect(text).toMatch(/these too/);
  });
});

describe('fonts that lost glyphs', () => {
  it('keep no ToUnicode entries for removed codes (subset fonts number glyphs in reading order)', async () => {
    // attachment.pdf: "This document contains …" in a subset font whose codes follow first use.
    const input = corpus('attachment.pdf');
    const [page] = await extractTextItems(input);
    const item = page?.items.find((i) => i.str.includes('document'));
    if (!item) throw new Error('fixture changed');
    const before = item.str.slice(0, item.str.indexOf('document'));
    const charWidth = item.width / item.str.length;
    const region: Redaction = {
      page: 1,
      x: item.x + before.length * charWidth,
      y: item.y,
      width: 8 * charWidth,
      height: item.height,
    };
    const { pdf: out } = await mustRedact(input, [region]);
    const doc = await PDFDocument.load(out, { updateMetadata: false });
    const maps: string[] = [];
    for (const [, obj] of doc.context.enumerateIndirectObjects()) {
      if (
        obj instanceof PDFRawStream &&
        Buffer.from(decodePDFRawStream(obj).decode()).toString('latin1').includes('bfchar')
      ) {
        const text = Buffer.from(decodePDFRawStream(obj).decode()).toString('latin1');
        const chars = [...text.matchAll(/<[0-9a-f]+> <([0-9a-f]{4})>/g)].map((m) =>
          String.fromCharCode(Number.parseInt(m[1] ?? '0', 16)),
        );
        maps.push(chars.join(''));
      }
    }
    expect(maps.length).toBeGreaterThan(0);
    expect(maps.join('')).not.toContain('docu');
  });
});

describe('soft masks', () => {
  const withMask = (bbox: number[]) =>
    buildPdf([
      {
        content: 'q /GS1 gs BT /F2 12 Tf 50 200 Td (Masked words) Tj ET Q',
        resources: (doc, fonts) => {
          const group = doc.context.register(
            doc.context.stream('BT /F2 12 Tf 50 200 Td (MaskSecret) Tj ET', {
              Type: 'XObject',
              Subtype: 'Form',
              BBox: bbox,
              Group: { S: 'Transparency', CS: 'DeviceGray' },
              Resources: { Font: { F2: fonts.courier } },
            }),
          );
          return {
            ExtGState: { GS1: { Type: 'ExtGState', SMask: { Type: 'Mask', S: 'Luminosity', G: group } } },
          };
        },
      },
    ]);
  const region: Redaction = { page: 1, x: 45, y: 88, width: 100, height: 16 };

  it('send the page to the fallback when the mask reaches a region (it may hold text)', async () => {
    const { report, pdf: out } = await mustRedact(await withMask([0, 0, 400, 300]), [region]);
    expect(report.pages[0]?.fallback).toMatch(/soft mask/);
    expect(await everything(out)).not.toContain('masksecret');
  });

  it('are left alone when they lie clear of every region', async () => {
    const { report } = await mustRedact(await withMask([300, 0, 400, 50]), [region]);
    expect(report.pages[0]?.fallback).toBeUndefined();
  });
});

describe('encodings of fonts that lost glyphs', () => {
  it('drop /Differences entries only removed text used (glyph names in first-use order spell it)', async () => {
    const pdf = await buildPdf([
      {
        // "Secret" on one line, "Kept" on the next, through a custom encoding numbered by first use.
        content: 'BT /F7 12 Tf 50 200 Td <010203040205> Tj 0 -100 Td <06020705> Tj ET',
        resources: (doc) => ({
          Font: {
            F7: doc.context.register(
              doc.context.obj({
                Type: 'Font',
                Subtype: 'Type1',
                BaseFont: 'Helvetica',
                Encoding: { Type: 'Encoding', Differences: [1, 'S', 'e', 'c', 'r', 't', 'K', 'p'] },
              }),
            ),
          },
        }),
      },
    ]);
    const { pdf: out } = await mustRedact(pdf, [{ page: 1, x: 45, y: 85, width: 60, height: 20 }]);
    const doc = await PDFDocument.load(out, { updateMetadata: false });
    const differences: string[] = [];
    for (const [, obj] of doc.context.enumerateIndirectObjects()) {
      const text = String(obj);
      if (text.includes('/Differences')) differences.push(text);
    }
    expect(differences.join(' ')).not.toMatch(/\/S\b|\/c\b|\/r\b/);
    expect(differences.join(' ')).toMatch(/\/K\b/);
    expect(textOf(await extractTextItems(out))).toContain('Kept');
  });
});
