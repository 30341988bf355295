// The events the tool sends for new marks pass the domain's own checks and fold into the marks
// a person expects: one redaction per page of a selection, one per search hit, ink with pressure.
import { describe, expect, it } from 'vitest';
import { raw } from '../../domain/testing/journeys';
import {
  comment,
  highlightSelection,
  ink,
  redactArea,
  redactFindings,
  redactSelection,
  reply,
} from './newMarks';
import { DOC, marksOf, reviewed } from './reviewFixture';

const ids = () => {
  let n = 0;
  return () => `mark-${++n}`;
};
const details = { exemption: 's40(2)', note: '  ' };
const asEvents = (marks: { type: string; payload: object }[], by = 'cw') =>
  marks.map((m) => raw(m.type, m.payload as Record<string, unknown>, by));

describe('new marks', () => {
  it('redacts a selection that runs over a page break as one redaction per page', () => {
    const selection = [
      { page: 1, rects: [{ x: 10, y: 700, width: 200, height: 12 }], text: 'Amira' },
      { page: 2, rects: [{ x: 10, y: 40, width: 80, height: 12 }], text: 'Khan' },
      { page: 3, rects: [], text: '' },
    ];
    const marks = marksOf(reviewed(...asEvents(redactSelection(selection, DOC, details, ids()))));
    expect(marks.map((m) => [m.page, m.subtype, m.text, m.exemption, m.note])).toEqual([
      [1, 'text', 'Amira', 's40(2)', null],
      [2, 'text', 'Khan', 's40(2)', null],
    ]);
  });

  it('makes one redaction per search hit with the note given', () => {
    const hits = [
      { page: 1, x: 1, y: 2, width: 30, height: 10, text: 'Amira Khan' },
      { page: 4, x: 5, y: 6, width: 30, height: 10, text: 'amira khan' },
    ];
    const made = redactFindings(hits, 'search', DOC, { exemption: 's40(2)', note: 'Requester' }, ids());
    const marks = marksOf(reviewed(...asEvents(made)));
    expect(marks.map((m) => [m.page, m.rects, m.note])).toEqual([
      [1, [{ x: 1, y: 2, width: 30, height: 10 }], 'Requester'],
      [4, [{ x: 5, y: 6, width: 30, height: 10 }], 'Requester'],
    ]);
  });

  it('keeps a dragged box, a highlight, a comment with its reply, and ink with pressure', () => {
    const newId = ids();
    const stroke = [
      { x: 1, y: 1, pressure: 0.3 },
      { x: 9, y: 9, pressure: 0.8 },
    ];
    const selection = [{ page: 2, rects: [{ x: 1, y: 1, width: 5, height: 5 }], text: 'budget' }];
    const events = asEvents([
      redactArea(1, { x: 5, y: 5, width: 50, height: 20 }, DOC, details, newId()),
      ...highlightSelection(selection, DOC, newId),
      comment(
        { page: 3, rects: [{ x: 40, y: 50, width: 0, height: 0 }], quote: null },
        ' Check this ',
        DOC,
        'c1',
      ),
      reply({ id: 'c1', page: 3, documentSha: DOC }, 'Checked', newId()),
      ink(2, stroke, DOC, newId()),
    ]);
    const marks = marksOf(reviewed(...events));
    expect(marks.map((m) => [m.kind, m.subtype, m.page, m.text, m.inReplyTo])).toEqual([
      ['redaction', 'area', 1, null, null],
      ['annotation', 'highlight', 2, 'budget', null],
      ['annotation', 'comment', 3, 'Check this', null],
      ['annotation', 'comment', 3, 'Checked', 'c1'],
      ['annotation', 'ink', 2, null, null],
    ]);
    expect(marks.at(-1)?.strokes).toEqual([stroke]);
  });
});
