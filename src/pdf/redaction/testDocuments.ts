// Small PDFs built byte by byte for the engine's own tests: each page's content stream is
// written out literally, so a test says exactly which operators carry the secret.
import { degrees, type PDFDict, PDFDocument, PDFName, type PDFRef } from '@cantoo/pdf-lib';

export type TestPage = {
  content: string;
  size?: [number, number];
  rotate?: number;
  /** Extra resources, given as a function of the document so they can register objects. */
  resources?: (doc: PDFDocument, fonts: { helvetica: PDFRef; courier: PDFRef }) => Record<string, unknown>;
  /** Edits to the page dictionary after it is built (annotations, thumbnails …). */
  edit?: (doc: PDFDocument, page: PDFDict) => void;
};

export async function buildPdf(pages: TestPage[], edit?: (doc: PDFDocument) => void): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const ctx = doc.context;
  const helvetica = ctx.register(
    ctx.obj({ Type: 'Font', Subtype: 'Type1', BaseFont: 'Helvetica', Encoding: 'WinAnsiEncoding' }),
  );
  const courier = ctx.register(
    ctx.obj({ Type: 'Font', Subtype: 'Type1', BaseFont: 'Courier', Encoding: 'WinAnsiEncoding' }),
  );
  for (const p of pages) {
    const page = doc.addPage(p.size ?? [400, 300]);
    const extra = p.resources?.(doc, { helvetica, courier }) ?? {};
    page.node.set(
      PDFName.of('Resources'),
      ctx.obj({ Font: { F1: helvetica, F2: courier }, ...extra } as never),
    );
    page.node.set(PDFName.of('Contents'), ctx.register(ctx.stream(p.content)));
    if (p.rotate) page.setRotation(degrees(p.rotate));
    p.edit?.(doc, page.node);
  }
  edit?.(doc);
  return doc.save({ useObjectStreams: false });
}

/** Width of `text` in Courier (every glyph 600/1000 em) at `size`. */
export const courierWidth = (text: string, size: number) => text.length * 0.6 * size;
