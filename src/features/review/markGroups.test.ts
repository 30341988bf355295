// The side list: marks by page then person, replies under their comment, history in words.
import { describe, expect, it } from 'vitest';
import { nameOf, raw } from '../../domain/testing/journeys';
import { groupMarks, marksByPage, openRedactionsOn, repliesTo } from './markGroups';
import { historyLines, markKindWords, markStatusWords } from './markWords';
import { agree, annotate, marksOf, propose, reviewed } from './reviewFixture';

describe('the marks list', () => {
  it('groups marks by page, then by person in name order, oldest first', () => {
    const state = reviewed(
      propose('r1', 'priya', { page: 2 }),
      annotate('c1', 'clo', { page: 1 }),
      propose('r2', 'cw', { page: 2 }),
      annotate('c2', 'priya', { page: 2 }),
    );
    const groups = groupMarks(marksOf(state), nameOf);
    expect(groups.map((g) => g.page)).toEqual([1, 2]);
    expect(groups[1]?.people.map((p) => p.name)).toEqual(['Priya Shah', 'Sam Case']);
    expect(groups[1]?.people[0]?.marks.map((m) => m.id)).toEqual(['r1', 'c2']);
  });

  it('keeps replies and deleted marks out of the list, replies under their comment', () => {
    const state = reviewed(
      annotate('c1', 'clo'),
      annotate('re2', 'cw', { inReplyTo: 'c1', rects: [] }),
      annotate('re1', 'priya', { inReplyTo: 'c1', rects: [] }),
      annotate('gone', 'cw'),
      raw('annotation.deleted', { annotationId: 'gone' }, 'cw'),
    );
    const listed = groupMarks(marksOf(state), nameOf).flatMap((g) => g.people.flatMap((p) => p.marks));
    expect(listed.map((m) => m.id)).toEqual(['c1']);
    expect(repliesTo(marksOf(state), 'c1').map((m) => m.id)).toEqual(['re2', 're1']);
    expect(
      marksByPage(marksOf(state))
        .get(1)
        ?.map((m) => m.id),
    ).toEqual(['c1', 're2', 're1']);
  });

  it('says who proposed and who agreed a redaction', () => {
    const state = reviewed(propose('r1', 'priya'), agree('r1', 'clo'));
    const mark = marksOf(state)[0]!;
    expect(markKindWords(mark)).toBe('Redaction (s40(2))');
    expect(markStatusWords(mark)).toBe('Agreed');
    expect(historyLines(mark, nameOf).map((l) => l.text)).toEqual([
      'Proposed by Priya Shah',
      'Agreed by Clare Officer',
    ]);
  });

  it('gives the reason a redaction was rejected', () => {
    const state = reviewed(
      propose('r1', 'priya'),
      raw('redaction.rejected', { redactionId: 'r1', reason: 'Senior official, name is public' }, 'clo'),
    );
    expect(historyLines(marksOf(state)[0]!, nameOf).at(-1)?.text).toBe(
      'Rejected by Clare Officer: Senior official, name is public',
    );
  });

  it('offers to agree only the open redactions on the page', () => {
    const state = reviewed(
      propose('r1', 'priya'),
      propose('r2', 'priya'),
      propose('r3', 'priya', { page: 2 }),
      agree('r2'),
      annotate('c1', 'priya'),
    );
    expect(openRedactionsOn(marksOf(state), 1).map((m) => m.id)).toEqual(['r1']);
  });
});
