// A raw scan of a PDF's bytes for a secret, independent of every PDF library: find each
// `stream … endstream` by its keywords (not by /Length, which may lie), decode what can carry
// text (Flate, LZW, ASCIIHex, ASCII85, in chains), and search the whole file and every decoded
// stream — reachable or not, so orphans left by an incremental update or a careless rewrite are
// found — as plain bytes, as UTF-16, as hex, and as the joined string operands of each stream
// (so "(Sec) -250 (ret) TJ" still reads "Secret"). Image codecs (DCT, JPX, JBIG2, CCITT) are not
// decoded: pixels are checked by rendering, not here.
import { constants, inflateSync } from 'node:zlib';

export type ScanView = { where: string; bytes: Uint8Array };

const latin1 = (bytes: Uint8Array): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');

const MAX_STRING_BYTES = 1 << 20;
const MAX_DICT_LOOKBACK = 8192;

function decodeHex(text: string): Uint8Array {
  const digits = text.replace(/[^0-9a-fA-F]/g, '');
  const padded = digits.length % 2 === 1 ? `${digits}0` : digits;
  return Uint8Array.from(Buffer.from(padded, 'hex'));
}

function decodeAscii85(text: string): Uint8Array {
  const body = text.replace(/\s+/g, '').replace(/^<~/, '').replace(/~>.*$/s, '');
  const out: number[] = [];
  let group: number[] = [];
  const flush = (count: number) => {
    while (group.length < 5) group.push(84); // pad with 'u'
    let value = 0;
    for (const digit of group) value = value * 85 + digit;
    const bytes = [(value >>> 24) & 255, (value >>> 16) & 255, (value >>> 8) & 255, value & 255];
    out.push(...bytes.slice(0, count));
    group = [];
  };
  for (const ch of body) {
    if (ch === 'z' && group.length === 0) {
      out.push(0, 0, 0, 0);
      continue;
    }
    const digit = ch.charCodeAt(0) - 33;
    if (digit < 0 || digit > 84) break;
    group.push(digit);
    if (group.length === 5) flush(4);
  }
  if (group.length > 1) flush(group.length - 1);
  return Uint8Array.from(out);
}

function decodeLzw(data: Uint8Array, earlyChange = 1): Uint8Array {
  const out: number[] = [];
  let table: number[][] = [];
  const reset = () => {
    table = Array.from({ length: 258 }, (_, i) => (i < 256 ? [i] : []));
  };
  reset();
  let codeLength = 9;
  let bits = 0;
  let bitCount = 0;
  let previous: number[] | null = null;
  for (const byte of data) {
    bits = (bits << 8) | byte;
    bitCount += 8;
    while (bitCount >= codeLength) {
      const code = (bits >>> (bitCount - codeLength)) & ((1 << codeLength) - 1);
      bitCount -= codeLength;
      bits &= (1 << bitCount) - 1;
      if (code === 256) {
        reset();
        codeLength = 9;
        previous = null;
        continue;
      }
      if (code === 257) return Uint8Array.from(out);
      const entry: number[] | null = table[code]?.length
        ? table[code]!
        : previous
          ? [...previous, previous[0]!]
          : null;
      if (!entry) return Uint8Array.from(out);
      out.push(...entry);
      if (previous) table.push([...previous, entry[0]!]);
      previous = entry;
      if (table.length + earlyChange >= 1 << codeLength && codeLength < 12) codeLength++;
    }
  }
  return Uint8Array.from(out);
}

const FILTER_ALIASES: Record<string, string> = {
  Fl: 'FlateDecode',
  LZW: 'LZWDecode',
  AHx: 'ASCIIHexDecode',
  A85: 'ASCII85Decode',
};

function filtersOf(dict: string): string[] {
  const match = /\/Filter\s*(\[[^\]]*\]|\/[A-Za-z0-9]+)/.exec(dict);
  if (!match?.[1]) return [];
  return [...match[1].matchAll(/\/([A-Za-z0-9]+)/g)].map((m) => FILTER_ALIASES[m[1]!] ?? m[1]!);
}

/** Decodes through the filter chain as far as it can; null when nothing textual is reachable. */
function decodeChain(data: Uint8Array, filters: string[]): Uint8Array | null {
  let bytes = data;
  for (const filter of filters) {
    try {
      if (filter === 'FlateDecode') {
        // Sync flush: a truncated or over-long stream still yields what it holds.
        bytes = inflateSync(bytes, { finishFlush: constants.Z_SYNC_FLUSH });
      } else if (filter === 'LZWDecode') bytes = decodeLzw(bytes);
      else if (filter === 'ASCIIHexDecode') bytes = decodeHex(latin1(bytes).replace(/>.*$/s, ''));
      else if (filter === 'ASCII85Decode') bytes = decodeAscii85(latin1(bytes));
      else return null; // image codecs and Crypt: not text
    } catch {
      return null;
    }
  }
  return bytes;
}

type StreamSpan = { dataStart: number; dataEnd: number };

/** Every stream body in the file, by keyword, with its decoded form where it has one. */
export function streamViews(pdf: Uint8Array): { views: ScanView[]; spans: StreamSpan[] } {
  const text = latin1(pdf);
  const views: ScanView[] = [];
  const spans: StreamSpan[] = [];
  const keyword = /stream(\r\n|\n|\r)/g;
  let count = 0;
  for (let m = keyword.exec(text); m !== null; m = keyword.exec(text)) {
    if (text.slice(Math.max(0, m.index - 3), m.index) === 'end') continue; // "endstream\n"
    const dataStart = m.index + m[0].length;
    let dataEnd = text.indexOf('endstream', dataStart);
    if (dataEnd === -1) dataEnd = text.length;
    const dictStart = Math.max(0, text.lastIndexOf('obj', m.index), m.index - MAX_DICT_LOOKBACK);
    const dict = text.slice(dictStart, m.index);
    const raw = pdf.subarray(dataStart, dataEnd);
    const filters = filtersOf(dict);
    count++;
    spans.push({ dataStart, dataEnd });
    const decoded = filters.length === 0 ? raw : decodeChain(raw, filters);
    if (decoded)
      views.push({ where: `stream ${count} (${filters.join(' ') || 'unfiltered'})`, bytes: decoded });
    keyword.lastIndex = dataEnd;
  }
  return { views, spans };
}

/** The string operands and objects of `bytes`, decoded, in order: literal `( )` and hex `< >`. */
export function stringsOf(bytes: Uint8Array, skip: readonly StreamSpan[] = []): Uint8Array[] {
  const strings: Uint8Array[] = [];
  let skipIndex = 0;
  for (let i = 0; i < bytes.length; i++) {
    const span = skip[skipIndex];
    if (span && i >= span.dataStart) {
      i = span.dataEnd;
      skipIndex++;
      continue;
    }
    const c = bytes[i];
    if (c === 0x28) {
      // literal string: nesting and escapes
      const out: number[] = [];
      let depth = 1;
      let j = i + 1;
      for (; j < bytes.length && depth > 0 && out.length < MAX_STRING_BYTES; j++) {
        const b = bytes[j]!;
        if (b === 0x5c) {
          const next = bytes[++j];
          if (next === undefined) break;
          const escapes: Record<number, number> = { 110: 10, 114: 13, 116: 9, 98: 8, 102: 12 };
          if (next >= 0x30 && next <= 0x37) {
            let value = next - 0x30;
            for (let k = 0; k < 2 && bytes[j + 1]! >= 0x30 && bytes[j + 1]! <= 0x37; k++) {
              value = value * 8 + (bytes[++j]! - 0x30);
            }
            out.push(value & 255);
          } else if (next === 10 || next === 13) {
            if (next === 13 && bytes[j + 1] === 10) j++;
          } else out.push(escapes[next] ?? next);
          continue;
        }
        if (b === 0x28) depth++;
        if (b === 0x29 && --depth === 0) break;
        out.push(b);
      }
      strings.push(Uint8Array.from(out));
      i = j;
    } else if (c === 0x3c && bytes[i + 1] !== 0x3c) {
      const close = bytes.indexOf(0x3e, i + 1);
      if (close === -1 || close - i > MAX_STRING_BYTES) continue;
      const body = latin1(bytes.subarray(i + 1, close));
      if (/^[0-9a-fA-F\s]*$/.test(body)) {
        strings.push(decodeHex(body));
        i = close;
      }
    } else if (c === 0x3c) i++; // "<<"
  }
  return strings;
}

/** A string's bytes read as a viewer might: [PDFDocEncoding/Latin-1, UTF-16BE, UTF-16LE, UTF-8]. */
function readings(bytes: Uint8Array): [string, string, string, string] {
  const buffer = Buffer.from(bytes);
  const utf8 = buffer.toString('utf8');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return [latin1(bytes), Buffer.from(buffer.subarray(2)).swap16().toString('utf16le'), '', utf8];
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return [latin1(bytes), '', buffer.subarray(2).toString('utf16le'), utf8];
  if (bytes.length % 2 === 1) return [latin1(bytes), '', '', utf8];
  return [latin1(bytes), Buffer.from(buffer).swap16().toString('utf16le'), buffer.toString('utf16le'), utf8];
}

const squash = (text: string): string => text.replace(/\s+/gu, '').toLowerCase();

function utf16(secret: string, bigEndian: boolean): Buffer {
  const le = Buffer.from(secret, 'utf16le');
  return bigEndian ? Buffer.from(le).swap16() : le;
}

export type ScanOptions = {
  /**
   * Skip PDF names (/Helvetica, /TrueType) when reading the bytes as text: for ordinary words
   * that are also PDF vocabulary. Leave off when a name itself may carry the secret (a font
   * named after a person).
   */
  ignoreNames?: boolean;
};

const PDF_NAME = /\/[^\s/<>[\]()%{}]*/g;

/**
 * Every place in `pdf` where `secret` can be read: a list of plain descriptions, empty when
 * the secret is nowhere. Case and white space are ignored.
 */
export function findSecret(pdf: Uint8Array, secret: string, options: ScanOptions = {}): string[] {
  const needle = squash(secret);
  const hexNeedle = Buffer.from(secret, 'latin1').toString('hex');
  const { views, spans } = streamViews(pdf);
  const found: string[] = [];
  for (const view of [{ where: 'file', bytes: pdf }, ...views]) {
    const buffer = Buffer.from(view.bytes.buffer, view.bytes.byteOffset, view.bytes.byteLength);
    const bytesText = latin1(view.bytes);
    const text = options.ignoreNames ? bytesText.replace(PDF_NAME, ' ') : bytesText;
    if (squash(text).includes(needle)) found.push(`${view.where}: as text`);
    for (const bigEndian of [true, false]) {
      if (buffer.includes(utf16(secret, bigEndian)))
        found.push(`${view.where}: as UTF-16${bigEndian ? 'BE' : 'LE'}`);
    }
    if (squash(bytesText).includes(hexNeedle)) found.push(`${view.where}: as hex`);
    const strings = stringsOf(view.bytes, view.where === 'file' ? spans : []);
    const read = strings.map(readings);
    const joined = [0, 1, 2, 3].map((reading) => squash(read.map((r) => r[reading]).join('')));
    if (joined.some((j) => j.includes(needle))) found.push(`${view.where}: in its strings`);
  }
  return found;
}
