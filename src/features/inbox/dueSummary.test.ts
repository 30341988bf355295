import { describe, expect, it } from 'vitest';
import { dueSummary } from './dueSummary';

describe('the deadline in a list row', () => {
  it('counts FOI working days skipping bank holidays anywhere in the UK (St Patrick’s Day)', () => {
    // Mon 16 March 2026 → Wed 18 March: the 17th is a Northern Ireland bank holiday, so 1 day left.
    expect(
      dueSummary(
        { dueDate: '2026-03-18', status: 'in_progress', caseType: 'foi' },
        '2026-03-16',
        '2026-03-16T09:00:00Z',
      ),
    ).toEqual({
      text: 'Due 18 March (1 working day left)',
      rag: 'red',
    });
  });

  it('is green with plenty of time and red when overdue', () => {
    const now = '2026-03-02T09:00:00Z';
    expect(
      dueSummary({ dueDate: '2026-03-30', status: 'in_progress', caseType: 'foi' }, '2026-03-02', now).rag,
    ).toBe('green');
    expect(
      dueSummary({ dueDate: '2026-02-26', status: 'in_progress', caseType: 'foi' }, '2026-03-02', now),
    ).toEqual({
      text: '2 working days overdue',
      rag: 'red',
    });
  });

  it('shows no colour for a finished case or one with its clock stopped', () => {
    expect(
      dueSummary({ dueDate: '2026-02-26', status: 'closed', caseType: 'foi' }, '2026-03-02', '').rag,
    ).toBeNull();
    expect(
      dueSummary({ dueDate: '', status: 'awaiting_clarification', caseType: 'foi' }, '2026-03-02', '').rag,
    ).toBeNull();
  });
});

describe('list items that carry the state’s label', () => {
  it('treats "Closed" like closed: finished, no colour', () => {
    expect(
      dueSummary({ dueDate: '2026-02-26', status: 'Closed', caseType: 'foi' }, '2026-03-02', '').rag,
    ).toBeNull();
  });
});
