// "How this date was worked out": the steps and sentences a person checks the date against.
import { describe, expect, it } from 'vitest';
import { explainDueDate } from './index';

describe('explaining a due date', () => {
  it('shows day 0, each counted and skipped day with its reason, and the due date', () => {
    // Mon 2 Mar 2026 FOI (hand count in the FOI tests): due Tue 31 Mar, St Patrick’s Day skipped.
    const e = explainDueDate({ rule: 'foi', received: '2026-03-02', region: 'england-and-wales' });
    expect(e.due).toBe('2026-03-31');
    expect(e.calendarVersion).toBe('govuk-cb2a016d');
    expect(e.steps[0]).toEqual({ kind: 'start', date: '2026-03-02', isWorkingDay: true });
    expect(e.steps.filter((s) => s.kind === 'counted')).toHaveLength(20);
    // 4 weekends (7/8, 14/15, 21/22, 28/29 March) and St Patrick’s Day.
    expect(e.steps.filter((s) => s.kind === 'skipped')).toHaveLength(9);
    expect(e.lines).toContain(
      'Tuesday 17 March 2026: not counted (St Patrick’s Day, a bank holiday in Northern Ireland)',
    );
    expect(e.lines).toContain('Saturday 7 March 2026: not counted (weekend)');
    expect(e.lines).toContain('Monday 16 March 2026: working day 10');
    expect(e.lines.at(-1)).toBe('Due Tuesday 31 March 2026: the 20th working day.');
    expect(e.lines[0]).toContain('bank holidays in any part of the UK');
  });

  it('says when a request arrived on a non-working day and when clarification restarted the count', () => {
    const e = explainDueDate({
      rule: 'foi',
      received: '2025-01-04',
      region: 'england-and-wales',
      clarificationReceived: '2025-01-08',
    });
    expect(e.lines).toContain(
      'Received Saturday 4 January 2025, not a working day. It is still day 0; day 1 is the next working day.',
    );
    expect(e.lines).toContain(
      'Clarification received Wednesday 8 January 2025: the count starts again from zero, with this day as day 0.',
    );
    expect(e.steps.find((s) => s.kind === 'counted')).toEqual({ kind: 'counted', date: '2025-01-09', n: 1 });
  });

  it('names the fee pause and the bank holidays across the UK', () => {
    const e = explainDueDate({
      rule: 'foi',
      received: '2025-12-15',
      region: 'england-and-wales',
      pauses: [{ from: '2025-12-17', to: '2025-12-17' }],
    });
    expect(e.lines).toContain(
      'Wednesday 17 December 2025: not counted (clock stopped on Wednesday 17 December 2025)',
    );
    expect(e.lines).toContain(
      'Thursday 25 December 2025: not counted (Christmas Day, a bank holiday across the UK)',
    );
    expect(e.lines).toContain('Friday 2 January 2026: not counted (2nd January, a bank holiday in Scotland)');
  });

  it('explains a SAR month end, a pause and the move off a weekend', () => {
    const e = explainDueDate({
      rule: 'sar',
      received: '2025-02-03',
      region: 'england-and-wales',
      pauses: [{ from: '2025-02-10', to: '2025-02-14' }],
    });
    expect(e.lines).toEqual([
      'Subject access: one month (set by law). A date on a weekend or on one of the bank holidays in England and Wales moves to the next working day. Bank holiday list: govuk-cb2a016d.',
      'Received Monday 3 February 2025. The time runs from this day.',
      'One month on, the matching date is Monday 3 March 2025.',
      'Clock stopped Monday 10 February 2025 to Friday 14 February 2025: 5 days do not count, so the end moves to Saturday 8 March 2025.',
      'Saturday 8 March 2025 is not a working day (weekend), so the date moves to the next day.',
      'Sunday 9 March 2025 is not a working day (weekend), so the date moves to the next day.',
      'Due Monday 10 March 2025.',
    ]);
  });

  it('says when a month has no matching day', () => {
    const e = explainDueDate({ rule: 'sar', received: '2024-01-31', region: 'scotland' });
    expect(e.lines).toContain(
      'One month on, that month has no matching day, so the last day of the month: Thursday 29 February 2024.',
    );
  });

  it('says that EIR takes no fee pause', () => {
    const e = explainDueDate({
      rule: 'eir',
      received: '2026-02-02',
      region: 'england-and-wales',
      pauses: [{ from: '2026-02-09', to: '2026-02-13' }],
    });
    expect(e.lines).toContain('The clock stop given does not apply to this rule, so no days were taken off.');
    expect(e.steps.some((s) => s.kind === 'paused')).toBe(false);
  });

  it('warns when the due date is past the end of the bank holiday list', () => {
    const e = explainDueDate({ rule: 'foi', received: '2028-12-20', region: 'england-and-wales' });
    expect(e.warnings).toEqual([
      'The bank holiday list runs to Sunday 31 December 2028. Later bank holidays are not counted unless an administrator adds them.',
    ]);
    expect(
      explainDueDate({ rule: 'foi', received: '2026-02-02', region: 'england-and-wales' }).warnings,
    ).toEqual([]);
  });

  it('warns when a rule did not yet apply on the day of receipt', () => {
    // DPA s164A acknowledgements apply to complaints received from 19 June 2026.
    const before = explainDueDate({ rule: 'dp_complaint_ack', received: '2026-06-01', region: 'scotland' });
    expect(before.warnings).toEqual([
      'This time limit only applies to what arrives on or after Friday 19 June 2026.',
    ]);
    expect(
      explainDueDate({ rule: 'dp_complaint_ack', received: '2026-06-19', region: 'scotland' }).warnings,
    ).toEqual([]);
  });
});
