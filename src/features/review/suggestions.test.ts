// Suggestions on a real PDF for the review tool: the requester by name and personal data by
// pattern (src/pdf/suggest); anything a redaction already covers is not suggested again.
import { describe, expect, it } from 'vitest';
import { readSearchablePages } from '../../pdf/find';
import { buildPdf } from '../../pdf/redaction/testDocuments';
import { marksOf, propose, reviewed } from './reviewFixture';
import { peopleToLookFor, suggestRedactions, withoutCovered } from './suggestions';

const letter = () =>
  buildPdf([
    { content: 'BT /F1 12 Tf 40 250 Td (Dear Amira Khan, thank you. Ask Mr Lowe.) Tj ET' },
    { content: 'BT /F1 12 Tf 40 250 Td (Write to amira.khan@example.org or call 020 7946 0958.) Tj ET' },
  ]);

describe('suggested redactions', () => {
  it('finds personal data by pattern and the requester by name, in page order', async () => {
    const pages = await readSearchablePages(await letter());
    const found = suggestRedactions(pages, peopleToLookFor('foi', 'Amira Khan', []));
    expect(found.map((s) => [s.finding.page, s.kind, s.finding.text])).toEqual([
      [1, 'person', 'Amira Khan'],
      [2, 'pattern', 'amira.khan@example.org'],
      [2, 'pattern', '020 7946 0958'],
    ]);
  });

  it("finds a third party named on the case, under the case law's personal-information exemption", async () => {
    const pages = await readSearchablePages(await letter());
    const onSar = suggestRedactions(pages, peopleToLookFor('sar', 'Amira Khan', ['Graham Lowe']));
    const lowe = onSar.find((s) => s.finding.text === 'Mr Lowe');
    expect(lowe?.reason).toBe('Name of the third party, Graham Lowe');
    expect(lowe?.exemption).toBe('DPA Sch 2 para 16');
    // In a subject access request the requester receives their own name: it is not suggested.
    expect(onSar.some((s) => s.finding.text === 'Amira Khan')).toBe(false);
    const onFoi = suggestRedactions(pages, peopleToLookFor('foi', 'Amira Khan', ['Graham Lowe']));
    expect(onFoi.find((s) => s.finding.text === 'Mr Lowe')?.exemption).toBe('s40(2)');
    // In an FOI release (to the world) the requester's name is suggested, with the reviewer's exemption.
    expect(onFoi.find((s) => s.finding.text === 'Amira Khan')?.exemption).toBeUndefined();
    expect(onFoi.find((s) => s.finding.text === 'Amira Khan')?.reason).toBe(
      'Name of the requester, Amira Khan',
    );
  });

  it('leaves out what a redaction on the same page already covers', async () => {
    const pages = await readSearchablePages(await letter());
    const found = suggestRedactions(pages, [{ name: 'Amira Khan', role: 'requester' }]);
    const name = found[0]!.finding;
    const state = reviewed(
      propose('r1', 'cw', { page: 1, rects: [{ x: name.x + 2, y: name.y, width: 10, height: 5 }] }),
      // The same place on another page covers nothing there.
      propose('r2', 'cw', { page: 2, rects: [{ x: 0, y: 0, width: 5, height: 5 }] }),
    );
    expect(withoutCovered(found, marksOf(state)).map((s) => s.finding.text)).toEqual([
      'amira.khan@example.org',
      '020 7946 0958',
    ]);
  });
});
