import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildResponseLetter, type ResponseLetter } from './responseLetter';

const dir = mkdtempSync(path.join(tmpdir(), 'clearway-letter-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// pdftotext (poppler) reads the PDF back independently of pdf-lib, which wrote it.
function textOf(bytes: Uint8Array): string {
  const file = path.join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, ' ');
}

const LETTER: ResponseLetter = {
  organisation: {
    name: 'Gedling Borough Council',
    addressLines: ['Civic Centre, Arnot Hill Park', 'Arnold, Nottingham NG5 6LU'],
    reviewContact: 'the Chief Executive, Gedling Borough Council, Civic Centre, Arnold NG5 6LU',
  },
  reference: 'FOI-2026-00417',
  requesterName: 'Amira Khan',
  requesterContact: ['amira.khan@example.org'],
  letterDate: '2026-03-27',
  receivedOn: '2026-03-04',
  requestText: 'The number of missed bin collections in 2025, by ward.',
  outcome: 'granted_in_part',
  answer: 'There were 1,204 missed collections in 2025.\n\nThe table by ward is attached.',
  exemptions: [{ section: 's40(2)', title: 'Personal information' }],
  signOff: { name: 'Priya Shah', role: 'Information Rights Officer' },
};

describe('the response letter', () => {
  it('carries the letterhead, reference, dates, answer and exemptions with their section numbers', async () => {
    const text = textOf(await buildResponseLetter(LETTER));
    expect(text).toContain('Gedling Borough Council');
    expect(text).toContain('Our reference: FOI-2026-00417');
    expect(text).toContain('Date: 27 March 2026');
    expect(text).toContain('Your request received: 4 March 2026');
    expect(text).toContain('Dear Amira Khan,');
    expect(text).toContain('There were 1,204 missed collections in 2025.');
    expect(text).toContain('we are withholding');
    expect(text).toContain('Section 40(2): Personal information');
  });

  it('names FOIA sections and EIR regulations under the law each comes from', async () => {
    const text = textOf(
      await buildResponseLetter({
        ...LETTER,
        exemptions: [
          { section: 's43', title: 'Commercial interests' },
          {
            section: 'reg 12(5)(e)',
            title: 'Confidentiality of commercial or industrial information',
            law: 'Environmental Information Regulations 2004',
          },
        ],
      }),
    ).replace(/\s+/g, ' ');
    expect(text).toContain(
      'exemptions in the Freedom of Information Act 2000: - Section 43: Commercial interests',
    );
    expect(text).toContain(
      'exemptions in the Environmental Information Regulations 2004: - Regulation 12(5)(e): Confidentiality',
    );
  });

  it('tells the requester of the internal review and then the Information Commissioner', async () => {
    const text = textOf(await buildResponseLetter(LETTER)).replace(/\s+/g, ' ');
    expect(text).toContain('ask us for an internal review');
    expect(text).toContain('within 40 working days of the date of this letter');
    expect(text).toMatch(/complain to the Information Commissioner/);
    expect(text).toContain('Wycliffe House');
  });

  it('says plainly when nothing is withheld and leaves out the exemptions section', async () => {
    const text = textOf(await buildResponseLetter({ ...LETTER, outcome: 'granted_in_full', exemptions: [] }));
    expect(text).toContain('We hold the information you asked for and it is set out below.');
    expect(text).not.toContain('Information we are withholding');
  });

  it('runs a long answer onto further pages, numbered', async () => {
    const answer = Array.from({ length: 120 }, (_, i) => `Paragraph ${i + 1} of the answer.`).join('\n\n');
    const text = textOf(await buildResponseLetter({ ...LETTER, answer }));
    expect(text).toContain('Paragraph 120 of the answer.');
    expect(text).toMatch(/page 1 of [2-9]/);
  });

  it('draws names with accents and curly quotes, and does not fail on characters the font lacks', async () => {
    const text = textOf(
      await buildResponseLetter({ ...LETTER, requesterName: 'Zoë O’Brien', answer: '“Yes” → 3 ✓ 漢' }),
    );
    expect(text).toContain('Dear Zoë O’Brien,');
    expect(text).toContain('“Yes” -> 3 v ?');
  });

  it('refuses to build a letter without a reference', async () => {
    await expect(buildResponseLetter({ ...LETTER, reference: '' })).rejects.toThrow();
  });
});
