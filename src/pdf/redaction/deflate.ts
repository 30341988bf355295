// Flate-compressed streams for the output. pdf-lib compresses with fflate, in JavaScript, which
// took a third of a run (every rewritten page, form copy and blanked image). In Node the same
// zlib format comes from Node's native zlib, many times faster; in the browser pdf-lib's own
// compressor is used as before (no synchronous native one exists there).
import type { PDFContext, PDFRawStream } from '@cantoo/pdf-lib';

type NodeZlib = { deflateSync(bytes: Uint8Array, options?: { level?: number }): Uint8Array };

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
