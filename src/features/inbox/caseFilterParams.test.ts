import { describe, expect, it } from 'vitest';
import { pageSpan, paramsFromQuery, queryFromParams } from './caseFilterParams';

describe('the All cases filter in the address', () => {
  it('reads types, states, team, person, due range, overdue, sort and page', () => {
    const query = queryFromParams(
      new URLSearchParams(
        'type=foi&type=eir&state=in_review&team=waste&person=priya&dueFrom=2026-03-01&dueTo=2026-03-31&overdue=1&sort=reference&dir=desc&page=3',
      ),
    );
    expect(query).toEqual({
      filter: {
        types: ['foi', 'eir'],
        statuses: ['in_review'],
        teamId: 'waste',
        ownerId: 'priya',
        dueFrom: '2026-03-01',
        dueTo: '2026-03-31',
        isOverdue: true,
        sort: 'reference',
        direction: 'desc',
      },
      page: 3,
    });
  });

  it('round-trips: a shared link shows the same list', () => {
    const query = queryFromParams(new URLSearchParams('type=sar&overdue=1&sort=due&page=2'));
    expect(queryFromParams(paramsFromQuery(query))).toEqual(query);
  });

  it('ignores nonsense rather than failing (a hand-edited address)', () => {
    expect(queryFromParams(new URLSearchParams('dueFrom=yesterday&sort=colour&page=-4'))).toEqual({
      filter: {},
      page: 1,
    });
  });

  it('counts pages of 50 and says which rows a page shows', () => {
    expect(pageSpan(120, 3, 20)).toEqual({ pages: 3, from: 101, to: 120 });
    expect(pageSpan(120, 1, 50)).toEqual({ pages: 3, from: 1, to: 50 });
    expect(pageSpan(0, 1, 0)).toEqual({ pages: 1, from: 0, to: 0 });
    // A case logged on this device heads the first page beside the 50 it already had.
    expect(pageSpan(101, 1, 51)).toEqual({ pages: 3, from: 1, to: 51 });
  });
});
