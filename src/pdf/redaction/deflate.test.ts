// A stream that inflates past the engine's limit is refused as too large at the limit, not
// inflated whole first (a few kilobytes can inflate to gigabytes); one within it reads back.
import { PDFDocument } from '@cantoo/pdf-lib';
import { describe, expect, it } from 'vitest';
import { decodeStream, flateStream } from './deflate';
import { StreamDecodeError, streamBytes } from './pdfObjects';

describe('inflating a stream', () => {
  it('stops at the limit with a plain reason, and reads a stream within it', async () => {
    const doc = await PDFDocument.create();
    const zeros = new Uint8Array(4_000_000);
    const stream = flateStream(doc.context, zeros, {});
    // Inflating itself stops at the limit: nothing past it is made.
    expect(() => decodeStream(stream, 1_000_000)).toThrow('stream too large');
    expect(() => streamBytes(stream, 1_000_000)).toThrow(StreamDecodeError);
    expect(() => streamBytes(stream, 1_000_000)).toThrow('stream too large');
    expect(streamBytes(stream, 5_000_000).length).toBe(zeros.length);
  });
});
