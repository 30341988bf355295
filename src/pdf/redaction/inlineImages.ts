// An inline image (BI … ID … EI) as an image XObject, so that one under a region is blanked
// pixel by pixel like any other image (images.ts) and drawn with Do, instead of removed whole.
// Abbreviated keys and values (/W, /CS /RGB, /F /Fl …) are written out in full; a colour space
// named in the resources is looked up there.
import {
  PDFArray,
  PDFBool,
  type PDFContext,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFNull,
  PDFNumber,
  type PDFObject,
  PDFRawStream,
} from '@cantoo/pdf-lib';
import { expandInlineDict, type Operand } from './contentStream';

const COLOUR_SPACES: Record<string, string> = {
  G: 'DeviceGray',
  RGB: 'DeviceRGB',
  CMYK: 'DeviceCMYK',
  I: 'Indexed',
};
const FILTERS: Record<string, string> = {
  AHx: 'ASCIIHexDecode',
  A85: 'ASCII85Decode',
  LZW: 'LZWDecode',
  Fl: 'FlateDecode',
  RL: 'RunLengthDecode',
  CCF: 'CCITTFaxDecode',
  DCT: 'DCTDecode',
};

function toObject(ctx: PDFContext, o: Operand, names: Record<string, string>): PDFObject {
  switch (o.kind) {
    case 'number':
      return PDFNumber.of(o.value);
    case 'name':
      return PDFName.of(names[o.value] ?? o.value);
    case 'bool':
      return o.value ? PDFBool.True : PDFBool.False;
    case 'string':
      return PDFHexString.of(Array.from(o.bytes, (b) => b.toString(16).padStart(2, '0')).join(''));
    case 'array': {
      const array = PDFArray.withContext(ctx);
      for (const item of o.items) array.push(toObject(ctx, item, names));
      return array;
    }
    case 'dict': {
      const dict = PDFDict.withContext(ctx);
      for (const [k, v] of o.entries) dict.set(PDFName.of(k), toObject(ctx, v, names));
      return dict;
    }
    default:
      return PDFNull;
  }
}

/**
 * The inline image's dictionary and data as an image stream (not registered), or undefined
 * when its colour space names a resource that is missing.
 */
export function inlineImageStream(
  ctx: PDFContext,
  inline: { dict: Map<string, Operand>; dataStart: number; dataEnd: number },
  bytes: Uint8Array,
  namedColourSpace: (name: string) => PDFObject | undefined,
): PDFRawStream | undefined {
  const dict = PDFDict.withContext(ctx);
  dict.set(PDFName.of('Type'), PDFName.of('XObject'));
  dict.set(PDFName.of('Subtype'), PDFName.of('Image'));
  for (const [key, value] of expandInlineDict(inline.dict)) {
    if (key === 'Length') continue;
    if (key === 'ColorSpace' && value.kind === 'name' && !COLOUR_SPACES[value.value]) {
      // Device names written in full stay as they are; others live in the resources.
      if (value.value.startsWith('Device')) dict.set(PDFName.of(key), PDFName.of(value.value));
      else {
        const named = namedColourSpace(value.value);
        if (named === undefined) return undefined;
        dict.set(PDFName.of(key), named);
      }
      continue;
    }
    const names = key === 'Filter' ? FILTERS : key === 'ColorSpace' ? COLOUR_SPACES : {};
    dict.set(PDFName.of(key), toObject(ctx, value, names));
  }
  return PDFRawStream.of(dict, bytes.slice(inline.dataStart, inline.dataEnd));
}
