import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import { describe, expect, it } from 'vitest';
import { readSearchablePages } from '../find';
import { readCorpus } from '../testing/corpusCases';
import { suggestRedactions } from './index';

/** A two-page letter, one line per entry, 14 pt apart from the top of each page. */
async function letter(pages: string[][]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const lines of pages) {
    const page = doc.addPage([595, 842]);
    lines.forEach((line, i) => {
      page.drawText(line, { x: 72, y: 842 - 72 - i * 14, size: 11, font });
    });
  }
  return doc.save();
}

const PEOPLE = [
  { name: 'Jane Smith', role: 'requester' },
  { name: 'Tom O’Brien-Jones', role: 'third party' },
  { name: 'X', role: 'third party' },
];

describe('suggested redactions', () => {
  it('finds personal data and the case’s people in a letter, once each, in page order', async () => {
    const pdf = await letter([
      [
        'Dear Mrs Smith,',
        'Thank you for your request of 3 May. You gave jane.smith@example.com and 020 7946 0958.',
        'Your National Insurance number QQ 12 34 56 C and postcode SW1A 2AA are on file.',
        'Date of birth: 12/03/1985.',
        'The smithy on Box X Lane stays open; the brown paper is filed.',
      ],
      [
        'We spoke to Tom O’Brien-Jones and to Mr O’Brien-Jones’s manager.',
        'Jane A. Smith signed. J. Smith and Smith agreed. Jane and Smith is not a name.',
      ],
    ]);
    const found = suggestRedactions(await readSearchablePages(pdf), PEOPLE);
    const summary = found.map((s) => [s.finding.page, s.kind, s.finding.text, s.reason]);
    expect(summary).toEqual([
      [1, 'person', 'Mrs Smith', 'Name of the requester, Jane Smith'],
      [1, 'pattern', 'jane.smith@example.com', 'E-mail address'],
      [1, 'pattern', '020 7946 0958', 'Phone number'],
      [1, 'pattern', 'QQ 12 34 56 C', 'National Insurance number'],
      [1, 'pattern', 'SW1A 2AA', 'Postcode'],
      [1, 'pattern', '12/03/1985', 'Date of birth'],
      [2, 'person', 'Tom O’Brien-Jones', 'Name of the third party, Tom O’Brien-Jones'],
      [2, 'person', 'Mr O’Brien-Jones', 'Name of the third party, Tom O’Brien-Jones'],
      [2, 'person', 'Jane A. Smith', 'Name of the requester, Jane Smith'],
      [2, 'person', 'J. Smith', 'Name of the requester, Jane Smith'],
      [2, 'person', 'Smith', 'Name of the requester, Jane Smith'],
      [2, 'person', 'Smith', 'Name of the requester, Jane Smith'],
    ]);
    // Regions sit on the line of the text they cover: line n's baseline is 72 + 14n from the top.
    const email = found.find((s) => s.finding.text.includes('@'))!.finding;
    expect(email.y).toBeLessThan(72 + 14);
    expect(email.y + email.height).toBeGreaterThan(72 + 14);
    expect(email.x).toBeGreaterThan(72);
  });

  it('finds the authors of a real paper by name, but not a lower-case surname inside an address list', async () => {
    const pages = await readSearchablePages(readCorpus('tracemonkey.pdf'), { pages: [1] });
    const found = suggestRedactions(pages, [
      { name: 'Mohammad Haghighat', role: 'third party' },
      { name: 'Michael Franz', role: 'third party' },
      { name: 'Edwin Smith', role: 'the requester' },
    ]);
    const texts = found.map((s) => s.finding.text);
    expect(texts).toContain('Mohammad R. Haghighat');
    expect(texts).toContain('Michael Franz');
    expect(texts).toContain('Edwin Smith');
    // "{mbebenit,changm,franz}@uci.edu" and "edwsmith": no lower-case surname, no part of a word.
    expect(texts.filter((t) => /franz|smith/i.test(t) && !/^(Michael Franz|Edwin Smith)$/.test(t))).toEqual(
      [],
    );
    expect(found.every((s) => s.kind === 'person' && s.finding.page === 1)).toBe(true);
    expect(found.find((s) => s.finding.text === 'Edwin Smith')!.reason).toBe(
      'Name of the requester, Edwin Smith',
    );
  });

  it('suggests nothing for a name of one letter or for no people', async () => {
    const pdf = await letter([['A B wrote to X about Y.']]);
    const pages = await readSearchablePages(pdf);
    expect(
      suggestRedactions(pages, [
        { name: 'A B', role: 'requester' },
        { name: 'X', role: 'third party' },
      ]),
    ).toEqual([]);
    expect(suggestRedactions(pages, [])).toEqual([]);
  });

  it('names each third party in the forms a letter uses, labelled with who it is and their exemption', async () => {
    const pdf = await letter([
      [
        'Dear Mr Ellis,',
        'The complaint about Daniel Okoro was passed to Ms Priya Nair.',
        'Mr Okoro replied; Nair did not. D. Okoro signed the note.',
      ],
    ]);
    const found = suggestRedactions(await readSearchablePages(pdf), [
      { name: 'Jordan Ellis', role: 'requester' },
      { name: 'Daniel Okoro', role: 'third party', exemption: 's40(2)' },
      { name: 'Priya Nair', role: 'third party', exemption: 's40(2)' },
    ]);
    expect(found.map((s) => [s.finding.text, s.reason, s.exemption ?? null])).toEqual([
      ['Mr Ellis', 'Name of the requester, Jordan Ellis', null],
      ['Daniel Okoro', 'Name of the third party, Daniel Okoro', 's40(2)'],
      ['Ms Priya Nair', 'Name of the third party, Priya Nair', 's40(2)'],
      ['Mr Okoro', 'Name of the third party, Daniel Okoro', 's40(2)'],
      ['Nair', 'Name of the third party, Priya Nair', 's40(2)'],
      ['D. Okoro', 'Name of the third party, Daniel Okoro', 's40(2)'],
    ]);
  });
});
