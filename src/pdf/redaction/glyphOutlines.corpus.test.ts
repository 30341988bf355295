// Channel 21 on real files of the pdf.js corpus, one per kind of embedded program the engine
// cleans. Every character the original font maps (its ToUnicode) is drawn with the output's
// font: one that poppler still reads in the output must draw exactly as before; one it no
// longer reads (it was only under the regions) must draw nothing at all (a composite font), or
// the .notdef box, as a code the font never had does (a simple font: the code no longer maps).
import { decodePDFRawStream, PDFDict, PDFDocument, PDFName, PDFRawStream } from '@cantoo/pdf-lib';
import { describe, expect, it } from 'vitest';
import { type Mode, planCase, readCorpus } from '../testing/corpusCases';
import { pdftotext } from '../testing/oracles';
import { parseCMap } from './cmap';
import { fontRefNamed, inkOfCodes } from './glyphProbe';
import { redact } from './redact';

type Case = { file: string; mode: Mode; font: RegExp; program: string; isSimple: boolean };
const CASES: Case[] = [
  { file: 'issue15340.pdf', mode: 'line', font: /PingFangSC/, program: 'CID-keyed CFF', isSimple: false },
  {
    file: 'highlight_popup.pdf',
    mode: 'middle',
    font: /MinionPro/,
    program: 'CID-keyed CFF',
    isSimple: false,
  },
  { file: 'attachment.pdf', mode: 'word', font: /./, program: 'simple TrueType', isSimple: true },
];
// The label drawn in every box (Helvetica) is text of the output too, but not in this font.
const LABEL = 's40(2)';

async function codesOfFont(pdf: Uint8Array, font: RegExp) {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const dict = doc.context.lookup(fontRefNamed(doc, font), PDFDict);
  const stream = doc.context.lookup(dict.get(PDFName.of('ToUnicode')));
  if (!(stream instanceof PDFRawStream)) throw new Error('the font has no ToUnicode map');
  const map = parseCMap(decodePDFRawStream(stream).decode());
  const width = map.codespace[0]?.length ?? 1;
  return [...map.unicode].map(([code, text]) => ({
    text,
    bytes: Uint8Array.from({ length: width }, (_, k) => (code >> (8 * (width - 1 - k))) & 0xff),
  }));
}

describe.each(CASES)('$file ($program)', ({ file, mode, font, isSimple }) => {
  it('draws the characters poppler still reads as before, and none of the others', async () => {
    const pdf = readCorpus(file);
    const plan = await planCase(file, pdf, mode);
    if (!plan) throw new Error(`no ${mode} case for ${file}`);
    const result = await redact(pdf, plan.regions);
    if (!result.ok) throw new Error(result.reason);
    expect(result.report.fonts).toBeUndefined();
    const remaining = (await pdftotext(result.pdf)).text.replaceAll(LABEL, '');
    const mapped = await codesOfFont(pdf, font);
    const codes = mapped.filter((c) => c.text.trim() !== '');
    // A one-byte code the font never mapped: what a simple font draws for a code it lacks.
    const isMapped = (b: number) => mapped.some((c) => c.bytes.length === 1 && c.bytes[0] === b);
    const unmapped = [...Array(256).keys()].find((b) => !isMapped(b)) ?? 0;
    const probe = [...codes.map((c) => c.bytes), Uint8Array.of(unmapped)];
    const before = await inkOfCodes(pdf, font, probe);
    const after = await inkOfCodes(result.pdf, font, probe);
    const nothing = isSimple ? after.at(-1) : 0;
    let emptied = 0;
    for (const [i, c] of codes.entries()) {
      if (remaining.includes(c.text)) expect(after[i], `${c.text} is still read`).toBe(before[i]);
      else {
        expect(after[i], `${c.text} is gone from the text`).toBe(nothing);
        if (before[i] !== nothing) emptied++;
      }
    }
    expect(emptied).toBeGreaterThan(0);
  });
});

describe('a font whose outlines the engine cannot yet clean (issue20324.pdf, name-keyed CFF)', () => {
  it('is named in the report as one that may still hold removed letters', async () => {
    const file = 'issue20324.pdf';
    const pdf = readCorpus(file);
    const plan = await planCase(file, pdf, 'line');
    if (!plan) throw new Error(`no line case for ${file}`);
    const result = await redact(pdf, plan.regions);
    if (!result.ok) throw new Error(result.reason);
    expect(result.report.fonts).toEqual([
      expect.stringMatching(
        /^The font MinionPro-Regular may still hold the shapes of removed letters: .*CFF.*\.$/,
      ),
    ]);
  });
});
