// Civil-date arithmetic: whole-day stepping is checked against date-fns and the JavaScript Date,
// and UK dates of instants against known clock-change dates.
import { addDays as addDaysFns } from 'date-fns';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonthsClamped,
  asIsoDate,
  daysBetween,
  easterSunday,
  londonDate,
  toInstant,
  weekday,
} from './civilDate';

const FIRST = asIsoDate('1990-01-01');

describe('civil dates', () => {
  it('step days exactly as date-fns does, with the weekday of the JavaScript Date', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30_000 }), fc.integer({ min: -800, max: 800 }), (start, n) => {
        const d = addDays(FIRST, start);
        const viaDateFns = addDaysFns(new Date(`${d}T12:00:00Z`), n)
          .toISOString()
          .slice(0, 10);
        expect(addDays(d, n)).toBe(viaDateFns);
        expect(daysBetween(d, addDays(d, n))).toBe(n);
        expect(weekday(d)).toBe(new Date(`${d}T12:00:00Z`).getUTCDay());
      }),
    );
  });

  it('do not move across clock changes', () => {
    expect(addDays(asIsoDate('2026-03-28'), 2)).toBe('2026-03-30');
    expect(addDays(asIsoDate('2026-10-24'), 2)).toBe('2026-10-26');
  });

  it('keep the day of the month, or clamp to the month’s last day', () => {
    expect(addMonthsClamped(asIsoDate('2025-01-31'), 1)).toBe('2025-02-28');
    expect(addMonthsClamped(asIsoDate('2024-01-31'), 1)).toBe('2024-02-29');
    expect(addMonthsClamped(asIsoDate('2025-03-31'), 1)).toBe('2025-04-30');
    expect(addMonthsClamped(asIsoDate('2025-12-15'), 1)).toBe('2026-01-15');
  });

  it('find Easter Sunday', () => {
    // Published dates: 2019-04-21, 2024-03-31, 2025-04-20, 2026-04-05, 2038-04-25.
    expect([2019, 2024, 2025, 2026, 2038].map(easterSunday)).toEqual([
      '2019-04-21',
      '2024-03-31',
      '2025-04-20',
      '2026-04-05',
      '2038-04-25',
    ]);
  });
});

describe('the UK date and time of a moment', () => {
  it('is the next day for 23:30 UTC in summer, the same day in winter', () => {
    expect(londonDate('2026-07-01T23:30:00Z')).toBe('2026-07-02');
    expect(londonDate('2026-01-14T23:30:00Z')).toBe('2026-01-14');
    expect(londonDate('2026-07-02T00:30:00+01:00')).toBe('2026-07-02');
  });

  it('reads a time without an offset as UK time: BST in summer, GMT in winter', () => {
    expect(toInstant('2026-07-01T10:00').toISOString()).toBe('2026-07-01T09:00:00.000Z');
    expect(toInstant('2026-01-14T10:00:00').toISOString()).toBe('2026-01-14T10:00:00.000Z');
    expect(londonDate('2026-07-01T23:30')).toBe('2026-07-01');
  });
});
