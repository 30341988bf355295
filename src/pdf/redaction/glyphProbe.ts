// Test probe of what an embedded font can still draw, judged by MuPDF: a page is added to the
// document that draws each given code alone in a grid cell with the document's own font, and
// `mutool draw` says how many dark pixels each cell gets. An emptied glyph leaves none.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFDict, PDFDocument, PDFName, type PDFRef } from '@cantoo/pdf-lib';
import { runTool, withTempPdf } from '../testing/oracles';
import { formatHexString } from './contentStream';

const CELL = 40;
const PER_ROW = 10;
const SIZE = 24;
const FONT_KINDS = new Set(['Type0', 'TrueType', 'Type1']);

/** The first font dictionary (Type0, TrueType or Type1) whose /BaseFont matches. */
export function fontRefNamed(doc: PDFDocument, baseFont: RegExp): PDFRef {
  for (const [ref, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict)) continue;
    const subtype = obj.get(PDFName.of('Subtype'));
    const base = obj.get(PDFName.of('BaseFont'));
    if (!(subtype instanceof PDFName) || !FONT_KINDS.has(subtype.decodeText())) continue;
    if (base instanceof PDFName && baseFont.test(base.decodeText())) return ref;
  }
  throw new Error(`the document has no font named like ${baseFont}`);
}

/** Dark pixels MuPDF draws for each code (the bytes one glyph is shown with) in that font. */
export async function inkOfCodes(pdf: Uint8Array, baseFont: RegExp, codes: Uint8Array[]): Promise<number[]> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const ctx = doc.context;
  const rows = Math.ceil(codes.length / PER_ROW);
  const height = CELL * rows + 20;
  const page = doc.addPage([CELL * PER_ROW + 20, height]);
  page.node.set(PDFName.of('Resources'), ctx.obj({ Font: { P: fontRefNamed(doc, baseFont) } }));
  const content = codes.map((code, i) => {
    const x = 10 + CELL * (i % PER_ROW);
    const y = height - CELL * (Math.floor(i / PER_ROW) + 1);
    return `BT /P ${SIZE} Tf ${x} ${y} Td ${formatHexString(code)} Tj ET`;
  });
  page.node.set(PDFName.of('Contents'), ctx.register(ctx.stream(content.join('\n'))));
  const probe = await doc.save({ useObjectStreams: false });
  const pixels = await withTempPdf(probe, async (path) => {
    const out = join(path, '..', 'probe.pgm');
    const page = String(doc.getPageCount());
    const run = await runTool('mutool', ['draw', '-q', '-r', '72', '-F', 'pgm', '-o', out, path, page]);
    if (run.code !== 0) throw new Error(`mutool draw failed: ${run.stderr}`);
    return readFile(out);
  });
  // Binary PGM: "P5", width, height, maxval, then one byte per pixel.
  const header = pixels.subarray(0, 40).toString('latin1').split(/\s+/);
  const width = Number(header[1]);
  const imageHeight = Number(header[2]);
  const data = pixels.subarray(pixels.length - width * imageHeight);
  return codes.map((_, i) => {
    // The cell runs from the ascent of its row to just past the descent (baseline at its foot).
    const left = 5 + CELL * (i % PER_ROW);
    const top = CELL * Math.floor(i / PER_ROW) + 10;
    let dark = 0;
    for (let y = top; y < Math.min(top + CELL, imageHeight); y++)
      for (let x = left; x < left + CELL; x++) if ((data[y * width + x] ?? 255) < 128) dark++;
    return dark;
  });
}
