import { describe, expect, it } from 'vitest';
import { PAGE_SIZE, pageOf, paramsFromQuery, queryFromParams } from './caseFilterParams';

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

  it('pages 50 at a time and keeps the last page in range', () => {
    const items = Array.from({ length: 120 }, (_, i) => i);
    expect(pageOf(items, 3)).toMatchObject({ page: 3, pages: 3, from: 101, to: 120 });
    expect(pageOf(items, 9).page).toBe(3);
    expect(pageOf(items, 1).rows).toHaveLength(PAGE_SIZE);
    expect(pageOf([], 1)).toMatchObject({ pages: 1, from: 0, to: 0 });
  });
});
