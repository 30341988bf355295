// The server decides what a file is from its bytes: real files of each kind it shows in place are
// recognised, and anything that could run as a page (or is merely unknown) is not.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { isInlineType, OPAQUE_TYPE, SNIFF_BYTES, sniffContentType, sniffStream } from './fileKind';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
const CORPUS_DIR = process.env.CLEARWAY_PDF_CORPUS ?? join(import.meta.dirname, '../../../shared/pdf-corpus');
const APP_ICON = join(import.meta.dirname, '../../public/icons/icon-192.png');

describe('what a file is, read from its first bytes', () => {
  it('recognises real PDFs and the app’s own PNG icon', () => {
    expect(sniffContentType(readFileSync(join(CORPUS_DIR, 'tracemonkey.pdf')))).toBe('application/pdf');
    expect(sniffContentType(readFileSync(join(CORPUS_DIR, 'issue1293r.pdf')))).toBe('application/pdf');
    expect(sniffContentType(readFileSync(APP_ICON))).toBe('image/png');
  });

  it('recognises JPEG, GIF and WebP by their signatures', () => {
    expect(sniffContentType(bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF'))).toBe('image/jpeg');
    expect(sniffContentType(bytes('GIF89a', [1, 0, 1, 0]))).toBe('image/gif');
    expect(sniffContentType(bytes('GIF87a', [1, 0, 1, 0]))).toBe('image/gif');
    expect(sniffContentType(bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '))).toBe('image/webp');
  });

  it('treats HTML, SVG, script, text and unknown bytes as opaque, whatever they are named', () => {
    for (const text of [
      '<!doctype html><script>alert(1)</script>',
      '<html><body onload="fetch(`/api`)">',
      '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script/></svg>',
      'alert(document.cookie)',
      'Dear Jordan, thank you for your request.',
      '',
    ]) {
      expect(sniffContentType(bytes(text))).toBe(OPAQUE_TYPE);
    }
    // A ZIP (so also .docx and .xlsx) is not shown in place either.
    expect(sniffContentType(bytes('PK', [3, 4, 20, 0]))).toBe(OPAQUE_TYPE);
  });

  it('does not accept a signature that is cut short or not at the start', () => {
    expect(sniffContentType(bytes('%PDF'))).toBe(OPAQUE_TYPE);
    expect(sniffContentType(bytes(' %PDF-1.7'))).toBe(OPAQUE_TYPE);
    expect(sniffContentType(bytes('<html>%PDF-1.7'))).toBe(OPAQUE_TYPE);
    expect(sniffContentType(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a]))).toBe(OPAQUE_TYPE);
    expect(sniffContentType(bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt '))).toBe(OPAQUE_TYPE);
    expect(sniffContentType(bytes('GIF89'))).toBe(OPAQUE_TYPE);
  });

  it('reads a stream a chunk at a time, stopping once it has enough', async () => {
    const chunks = [bytes('%P'), bytes('DF'), bytes('-1.7\n'), bytes('x'.repeat(SNIFF_BYTES * 4))];
    const stream = Readable.from(chunks);
    expect(await sniffStream(stream)).toBe('application/pdf');
    expect(stream.destroyed).toBe(true);
    expect(await sniffStream(Readable.from([bytes('<h'), bytes('tml>')]))).toBe(OPAQUE_TYPE);
    expect(await sniffStream(Readable.from([]))).toBe(OPAQUE_TYPE);
  });

  it('shows in place only the kinds it recognises', () => {
    for (const type of ['application/pdf', 'image/png', 'image/jpeg', 'image/gif', 'image/webp'])
      expect(isInlineType(type)).toBe(true);
    for (const type of ['text/html', 'image/svg+xml', 'text/plain', OPAQUE_TYPE, 'application/pdf; x=1'])
      expect(isInlineType(type)).toBe(false);
  });
});
