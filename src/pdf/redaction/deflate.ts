// Flate streams in and out. pdf-lib compresses with fflate and inflates with its own
// FlateStream, both in JavaScript; compressing took a third of a run (every rewritten page, form
// copy and blanked image) and inflating (every page read, and every stream of the output read
// again by the check) much of the rest. In Node the same zlib format comes from Node's native
// zlib, many times faster; in the browser pdf-lib's own code is used as before (no synchronous
// native zlib exists there).
import {
  decodePDFRawStream,
  PDFArray,
  type PDFContext,
  PDFName,
  PDFRawStream,
  type PDFStream,
} from '@cantoo/pdf-lib';

type NodeZlib = {
  deflateSync(bytes: Uint8Array, options?: { level?: number }): Uint8Array;
  inflateSync(bytes: Uint8Array, options?: { maxOutputLength?: number }): Uint8Array;
};

function nativeZlib(): NodeZlib | undefined {
  if (typeof process === 'undefined' || typeof window !== 'undefined') return undefined;
  const load = (process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule;
  return load?.('node:zlib') as NodeZlib | undefined;
}

const zlib = nativeZlib();

type StreamDict = Parameters<PDFContext['flateStream']>[1];

/**
 * `ctx.flateStream`, compressed natively where it can be. `fast` trades size for speed (zlib
 * level 1: a page image compresses several times faster, into a somewhat larger stream).
 */
export function flateStream(
  ctx: PDFContext,
  bytes: Uint8Array,
  dict: StreamDict = {},
  fast = false,
): PDFRawStream {
  if (!zlib) return ctx.flateStream(bytes, dict);
  const packed = zlib.deflateSync(bytes, fast ? { level: 1 } : {});
  return ctx.stream(new Uint8Array(packed.buffer, packed.byteOffset, packed.byteLength), {
    ...dict,
    Filter: 'FlateDecode',
  });
}

const FLATE = PDFName.of('FlateDecode');
const FILTER = PDFName.of('Filter');

/** Whether the stream's only filter is FlateDecode (pdf-lib ignores its predictors too). */
function flateOnly(stream: PDFRawStream): boolean {
  const filter = stream.dict.get(FILTER);
  if (filter === FLATE) return true;
  return filter instanceof PDFArray && filter.size() === 1 && filter.get(0) === FLATE;
}

/**
 * A stream's decoded bytes, as pdf-lib's `decodePDFRawStream(…).decode()` gives them, inflated
 * natively where it can be. Data zlib refuses (truncated or damaged streams, which pdf-lib reads
 * as far as it can) and streams still to be decrypted go through pdf-lib as before.
 */
export function decodeStream(stream: PDFStream, maxBytes = Number.POSITIVE_INFINITY): Uint8Array {
  if (!(stream instanceof PDFRawStream)) return stream.getContents();
  if (zlib && !stream.transform && flateOnly(stream)) {
    let out: Uint8Array;
    try {
      // Bounded, so a few kilobytes that inflate to gigabytes (a compression bomb) stop here.
      out = zlib.inflateSync(
        stream.contents,
        Number.isFinite(maxBytes) ? { maxOutputLength: maxBytes + 1 } : undefined,
      );
    } catch (error) {
      if (error instanceof RangeError) throw new Error('stream too large');
      // pdf-lib's reader below decides what such a stream holds.
      return decodePDFRawStream(stream).decode();
    }
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  }
  return decodePDFRawStream(stream).decode();
}
