// What a stored file is, decided by the server from its first bytes (magic numbers), never from
// the type or name the uploader claimed: a claimed `text/html` served from the app's own origin
// would run its script there. Only kinds a browser shows without running anything (PDF and
// common raster images) are recognised; everything else, HTML and SVG included, is
// `application/octet-stream` and is served as a download.
// Caveat: a signature at offset 0 is all that is checked. Some readers accept a PDF whose `%PDF-`
// comes later in the file; such a file is still stored, only served as a download.
// (The `file-type` package would need Node 22 in its current major, and this list is five checks.)
import type { Readable } from 'node:stream';

export const OPAQUE_TYPE = 'application/octet-stream';
/** Enough bytes for every signature below (WebP's "WEBP" ends at byte 12). */
export const SNIFF_BYTES = 16;

const ascii = (text: string) => Array.from(text, (c) => c.charCodeAt(0));
const startsWith = (head: Uint8Array, signature: readonly number[], at = 0) =>
  head.length >= at + signature.length && signature.every((byte, i) => head[at + i] === byte);

const SIGNATURES = [
  { type: 'application/pdf', matches: (h: Uint8Array) => startsWith(h, ascii('%PDF-')) },
  {
    type: 'image/png',
    matches: (h: Uint8Array) => startsWith(h, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  },
  { type: 'image/jpeg', matches: (h: Uint8Array) => startsWith(h, [0xff, 0xd8, 0xff]) },
  {
    type: 'image/gif',
    matches: (h: Uint8Array) => startsWith(h, ascii('GIF87a')) || startsWith(h, ascii('GIF89a')),
  },
  {
    type: 'image/webp',
    matches: (h: Uint8Array) => startsWith(h, ascii('RIFF')) && startsWith(h, ascii('WEBP'), 8),
  },
] as const;

export type InlineType = (typeof SIGNATURES)[number]['type'];
const INLINE_TYPES: ReadonlySet<string> = new Set(SIGNATURES.map((s) => s.type));

/** True for the kinds a browser may show in place; every other file is served as a download. */
export const isInlineType = (type: string): type is InlineType => INLINE_TYPES.has(type);

/** The content type of a file from its first bytes (at least SNIFF_BYTES of them when it has that many). */
export function sniffContentType(head: Uint8Array): InlineType | typeof OPAQUE_TYPE {
  return SIGNATURES.find((s) => s.matches(head))?.type ?? OPAQUE_TYPE;
}

/** Reads a stream of a file's first bytes (up to SNIFF_BYTES) and sniffs them; the stream is closed after. */
export async function sniffStream(stream: Readable): Promise<InlineType | typeof OPAQUE_TYPE> {
  const chunks: Buffer[] = [];
  let length = 0;
  try {
    for await (const chunk of stream) {
      chunks.push(Buffer.from(chunk as Uint8Array));
      length += (chunk as Uint8Array).length;
      if (length >= SNIFF_BYTES) break;
    }
  } finally {
    stream.destroy();
  }
  return sniffContentType(Buffer.concat(chunks).subarray(0, SNIFF_BYTES));
}
