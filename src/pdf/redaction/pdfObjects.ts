// Typed reading of pdf-lib objects: every lookup resolves references and checks the type, so a
// malformed file yields `undefined` (handled by the caller) rather than a crash deep inside.
import {
  PDFArray,
  type PDFContext,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFNumber,
  type PDFObject,
  PDFRef,
  PDFStream,
  PDFString,
} from '@cantoo/pdf-lib';
import { decodeStream } from './deflate';

export const N = (name: string) => PDFName.of(name);

export function resolve(ctx: PDFContext, obj: PDFObject | undefined): PDFObject | undefined {
  let o = obj;
  // Reference chains are not valid PDF but occur; bound them.
  for (let i = 0; i < 8 && o instanceof PDFRef; i++) o = ctx.lookup(o);
  return o instanceof PDFRef ? undefined : o;
}

export function getDict(ctx: PDFContext, holder: PDFDict | undefined, key: string): PDFDict | undefined {
  const o = resolve(ctx, holder?.get(N(key)));
  if (o instanceof PDFDict) return o;
  if (o instanceof PDFStream) return o.dict;
  return undefined;
}

export function asDict(ctx: PDFContext, obj: PDFObject | undefined): PDFDict | undefined {
  const o = resolve(ctx, obj);
  if (o instanceof PDFDict) return o;
  if (o instanceof PDFStream) return o.dict;
  return undefined;
}

export function getArray(ctx: PDFContext, holder: PDFDict | undefined, key: string): PDFArray | undefined {
  const o = resolve(ctx, holder?.get(N(key)));
  return o instanceof PDFArray ? o : undefined;
}

export function getNumber(ctx: PDFContext, holder: PDFDict | undefined, key: string): number | undefined {
  const o = resolve(ctx, holder?.get(N(key)));
  return o instanceof PDFNumber && Number.isFinite(o.asNumber()) ? o.asNumber() : undefined;
}

export function getName(ctx: PDFContext, holder: PDFDict | undefined, key: string): string | undefined {
  const o = resolve(ctx, holder?.get(N(key)));
  return o instanceof PDFName ? o.decodeText() : undefined;
}

export function getStream(ctx: PDFContext, holder: PDFDict | undefined, key: string): PDFStream | undefined {
  const o = resolve(ctx, holder?.get(N(key)));
  return o instanceof PDFStream ? o : undefined;
}

export function numbersOf(ctx: PDFContext, arr: PDFArray | undefined): number[] | undefined {
  if (!arr) return undefined;
  const out: number[] = [];
  for (let i = 0; i < arr.size(); i++) {
    const o = resolve(ctx, arr.get(i));
    if (!(o instanceof PDFNumber)) return undefined;
    out.push(o.asNumber());
  }
  return out;
}

export function bytesOfString(obj: PDFObject | undefined): Uint8Array | undefined {
  if (obj instanceof PDFString || obj instanceof PDFHexString) return obj.asBytes();
  return undefined;
}

export class StreamDecodeError extends Error {}

/** The decoded bytes of a stream; throws StreamDecodeError for filters we cannot read. */
export function streamBytes(stream: PDFStream, maxBytes: number): Uint8Array {
  let out: Uint8Array;
  try {
    out = decodeStream(stream, maxBytes);
  } catch (error) {
    throw new StreamDecodeError(error instanceof Error ? error.message : 'undecodable stream');
  }
  if (out.length > maxBytes) throw new StreamDecodeError('stream too large');
  return out;
}
