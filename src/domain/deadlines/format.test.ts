// Deadlines as a person reads them in a list, counted on the deadline's own calendar.
import { describe, expect, it } from 'vitest';
import { asIsoDate } from './civilDate';
import { formatDueDate, rag, shippedCalendar, workingDaysLeft } from './index';

const d = asIsoDate;
const EW = 'england-and-wales';

describe('working days left and the words for them', () => {
  it('counts the working days after today up to the due date', () => {
    // Today Fri 27 Feb 2026, due Wed 4 Mar: Mon 2, Tue 3, Wed 4 → 3.
    expect(workingDaysLeft(d('2026-03-04'), d('2026-02-27'), shippedCalendar, EW)).toBe(3);
    expect(formatDueDate(d('2026-03-04'), d('2026-02-27'), shippedCalendar, EW)).toBe(
      'Due 4 March (3 working days left)',
    );
  });

  it('says "Due today" on the day', () => {
    expect(formatDueDate(d('2026-03-04'), d('2026-03-04'), shippedCalendar, EW)).toBe('Due today');
  });

  it('counts overdue working days', () => {
    // Due Mon 2 Mar 2026, today Wed 4 Mar: Tue 3, Wed 4 → 2 overdue.
    expect(workingDaysLeft(d('2026-03-02'), d('2026-03-04'), shippedCalendar, EW)).toBe(-2);
    expect(formatDueDate(d('2026-03-02'), d('2026-03-04'), shippedCalendar, EW)).toBe(
      '2 working days overdue',
    );
    // Due Tue 3 Mar, today Wed 4 Mar → 1.
    expect(formatDueDate(d('2026-03-03'), d('2026-03-04'), shippedCalendar, EW)).toBe(
      '1 working day overdue',
    );
  });

  it('says a Friday deadline read on Saturday is overdue, with no working days counted', () => {
    expect(formatDueDate(d('2026-03-06'), d('2026-03-07'), shippedCalendar, EW)).toBe(
      'Overdue: was due 6 March',
    );
  });

  it('uses the deadline’s calendar: St Patrick’s Day counts for FOI days but not for English ones', () => {
    // Today Mon 16 Mar 2026, due Wed 18 Mar. Any part of the UK: Tue 17 is a holiday → 1 left.
    // England and Wales: Tue 17, Wed 18 → 2 left.
    expect(formatDueDate(d('2026-03-18'), d('2026-03-16'), shippedCalendar, 'any-part-of-the-uk')).toBe(
      'Due 18 March (1 working day left)',
    );
    expect(formatDueDate(d('2026-03-18'), d('2026-03-16'), shippedCalendar, EW)).toBe(
      'Due 18 March (2 working days left)',
    );
  });

  it('gives the year when the due date is in another year', () => {
    // Today Wed 30 Dec 2026, due Tue 5 Jan 2027 (E&W): Thu 31 Dec, (Fri 1 Jan holiday), Mon 4, Tue 5 → 3.
    expect(formatDueDate(d('2027-01-05'), d('2026-12-30'), shippedCalendar, EW)).toBe(
      'Due 5 January 2027 (3 working days left)',
    );
  });
});

describe('red, amber, green', () => {
  it('is red from 2 working days left and when overdue, amber up to 5, green beyond', () => {
    expect([10, 6, 5, 3, 2, 0, -4].map((n) => rag(n))).toEqual([
      'green',
      'green',
      'amber',
      'amber',
      'red',
      'red',
      'red',
    ]);
  });

  it('follows an organisation’s own thresholds', () => {
    const t = { redAtOrBelow: 0, amberAtOrBelow: 10 };
    expect([11, 10, 1, 0].map((n) => rag(n, t))).toEqual(['green', 'amber', 'amber', 'red']);
  });
});
