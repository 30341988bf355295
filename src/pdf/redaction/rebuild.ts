// The release document is rebuilt from a whitelist, not cleaned from a blacklist: a new catalog
// with only the page tree, new page dictionaries with only geometry, resources and content, a
// fresh minimal Info and trailer ID, no encryption. Then every object no longer reachable from
// the trailer is deleted (pdf-lib keeps objects of earlier revisions and orphans otherwise, and
// they carry old text), and per-object metadata is stripped from what remains.
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
  PDFWriter,
} from '@cantoo/pdf-lib';
import { flateStream } from './deflate';

export type RebuiltPage = {
  mediaBox: PDFObject;
  cropBox?: PDFObject;
  extraBoxes: Array<[string, PDFObject]>;
  rotate: number;
  userUnit?: number;
  group?: PDFObject;
  resources: PDFDict;
  contents: Uint8Array;
};

// Keys that carry private data, history or behaviour wherever they sit (REDACTION.md 8, 9, 13, 15, 17).
const STRIPPED_KEYS = [
  'Metadata',
  'PieceInfo',
  'LastModified',
  'SpiderInfo',
  'AA',
  'OPI',
  'Alternates',
  'Thumb',
  'StructParent',
  'StructParents',
  'AF',
  'OC',
  // Glyph inventories of subset fonts: optional, and they list the characters of removed text.
  'CharSet',
  'CIDSet',
  'ID',
].map((k) => PDFName.of(k));

const LENGTH = PDFName.of('Length');

function randomBytes(n: number): Uint8Array {
  const out = new Uint8Array(n);
  globalThis.crypto.getRandomValues(out);
  return out;
}

const toHex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** Every object reachable from the trailer's Root and Info. */
export function reachableRefs(ctx: PDFContext, maxObjects: number): Set<string> {
  const seen = new Set<string>();
  const todo: PDFObject[] = [];
  const roots = [ctx.trailerInfo.Root, ctx.trailerInfo.Info].filter((r): r is PDFObject => r !== undefined);
  todo.push(...roots);
  while (todo.length > 0) {
    const o = todo.pop();
    if (o instanceof PDFRef) {
      const tag = o.tag;
      if (seen.has(tag)) continue;
      seen.add(tag);
      if (seen.size > maxObjects) throw new Error('too many objects');
      const target = ctx.lookup(o);
      if (target) todo.push(target);
    } else if (o instanceof PDFDict) todo.push(...o.values());
    else if (o instanceof PDFArray) todo.push(...o.asArray());
    else if (o instanceof PDFStream) {
      // The writer replaces /Length with the real length, so an indirect length object is garbage.
      for (const [k, v] of o.dict.entries()) if (k !== LENGTH) todo.push(v);
    }
  }
  return seen;
}

function stripKeys(ctx: PDFContext, skip: Set<PDFObject>) {
  for (const [, obj] of ctx.enumerateIndirectObjects()) {
    const dict = obj instanceof PDFStream ? obj.dict : obj instanceof PDFDict ? obj : undefined;
    if (!dict || skip.has(dict)) continue;
    for (const key of STRIPPED_KEYS) {
      // /ID and /OC only matter on the dictionaries that define them (forms, images, web capture);
      // fonts use neither key, so deleting them everywhere else is safe.
      if (dict.has(key)) dict.delete(key);
    }
  }
}

/** Replaces the document structure with the rebuilt pages and writes one clean revision. */
export async function writeRebuilt(
  ctx: PDFContext,
  pages: RebuiltPage[],
  maxObjects: number,
): Promise<Uint8Array> {
  const pagesRef = ctx.nextRef();
  const kids: PDFRef[] = [];
  for (const p of pages) {
    const dict = PDFDict.withContext(ctx);
    dict.set(PDFName.of('Type'), PDFName.of('Page'));
    dict.set(PDFName.of('Parent'), pagesRef);
    dict.set(PDFName.of('MediaBox'), p.mediaBox);
    if (p.cropBox) dict.set(PDFName.of('CropBox'), p.cropBox);
    for (const [k, v] of p.extraBoxes) dict.set(PDFName.of(k), v);
    if (p.rotate) dict.set(PDFName.of('Rotate'), PDFNumber.of(p.rotate));
    if (p.userUnit && p.userUnit !== 1) dict.set(PDFName.of('UserUnit'), PDFNumber.of(p.userUnit));
    if (p.group) dict.set(PDFName.of('Group'), p.group);
    dict.set(PDFName.of('Resources'), p.resources);
    dict.set(PDFName.of('Contents'), ctx.register(flateStream(ctx, p.contents, {})));
    kids.push(ctx.register(dict));
  }
  ctx.assign(pagesRef, ctx.obj({ Type: 'Pages', Kids: kids, Count: kids.length }));
  const catalogRef = ctx.register(ctx.obj({ Type: 'Catalog', Pages: pagesRef }));
  const infoRef = ctx.register(ctx.obj({ Producer: PDFString.of('Clearway redaction') }));
  ctx.trailerInfo.Root = catalogRef;
  ctx.trailerInfo.Info = infoRef;
  ctx.trailerInfo.Encrypt = undefined;
  const id = PDFHexString.of(toHex(randomBytes(16)));
  ctx.trailerInfo.ID = ctx.obj([id, id]);
  (ctx as { security?: unknown }).security = undefined;

  // Strip first (it can orphan objects such as XMP streams), then collect the garbage.
  const structural = new Set<PDFObject>();
  stripKeys(ctx, structural);
  const keep = reachableRefs(ctx, maxObjects);
  for (const [ref] of ctx.enumerateIndirectObjects()) {
    if (!keep.has(ref.tag)) ctx.delete(ref);
  }
  return PDFWriter.forContext(ctx, Number.POSITIVE_INFINITY).serializeToBuffer();
}
