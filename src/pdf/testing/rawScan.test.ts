import { deflateSync } from 'node:zlib';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { findSecret } from './rawScan';

const SECRET = 'Zebedee Quartermaine';

async function plainDoc(): Promise<PDFDocument> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage().drawText('Nothing to see here.', { x: 50, y: 700, font });
  return doc;
}

describe('the raw scan finds a secret however it is stored', () => {
  it('finds nothing when the secret is not there', async () => {
    const doc = await plainDoc();
    expect(findSecret(await doc.save(), SECRET)).toEqual([]);
  });

  it('in a Flate-compressed content stream', async () => {
    const doc = await plainDoc();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    doc.getPage(0).drawText(SECRET, { x: 50, y: 600, font });
    const found = findSecret(await doc.save(), SECRET);
    expect(found.some((f) => f.startsWith('stream'))).toBe(true);
  });

  it('split across a TJ array by kerning, in a stream written by hand', async () => {
    const doc = await plainDoc();
    const content = '(Zebe) -20 (dee Quarter) 15 (maine) ';
    const stream = doc.context.flateStream(`BT /F1 12 Tf 50 500 Td [${content}] TJ ET`);
    doc.context.register(stream); // an orphan: reachable from nothing
    const found = findSecret(await doc.save({ useObjectStreams: false }), SECRET);
    expect(
      found.filter((f) => f.startsWith('stream') && f.endsWith('(FlateDecode): in its strings')),
    ).toHaveLength(1);
    expect(found.some((f) => f.endsWith('as text'))).toBe(false); // only the joined strings read it
  });

  it('as a UTF-16 title in the document information, in hex', async () => {
    const doc = await plainDoc();
    doc.setTitle(`${SECRET} — file note`); // the dash forces UTF-16 hex
    const found = findSecret(await doc.save({ useObjectStreams: false }), SECRET);
    expect(found).toContain('file: in its strings');
  });

  it('inside an object stream, and behind an ASCII85 + Flate chain', async () => {
    const doc = await plainDoc();
    doc.setKeywords([SECRET]);
    const packed = await doc.save({ useObjectStreams: true });
    expect(findSecret(packed, SECRET).some((f) => f.startsWith('stream'))).toBe(true);

    const encoded = ascii85(deflateSync(Buffer.from(`(${SECRET}) Tj`)));
    const raw = `%PDF-1.4\n1 0 obj\n<< /Length ${encoded.length} /Filter [/ASCII85Decode /FlateDecode] >>\nstream\n${encoded}\nendstream\nendobj\n%%EOF\n`;
    expect(findSecret(new TextEncoder().encode(raw), SECRET)).toContain(
      'stream 1 (ASCII85Decode FlateDecode): as text',
    );
  });
});

function ascii85(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 4) {
    const chunk = [...bytes.subarray(i, i + 4)];
    const n = chunk.length;
    while (chunk.length < 4) chunk.push(0);
    let value = ((chunk[0]! << 24) | (chunk[1]! << 16) | (chunk[2]! << 8) | chunk[3]!) >>> 0;
    if (value === 0 && n === 4) {
      out += 'z';
      continue;
    }
    const digits: string[] = [];
    for (let k = 0; k < 5; k++) {
      digits.unshift(String.fromCharCode((value % 85) + 33));
      value = Math.floor(value / 85);
    }
    out += digits.slice(0, n + 1).join('');
  }
  return `${out}~>`;
}
