// The shipped bank-holiday data is checked against what the law says it must look like (the gov.uk
// feed has been wrong before: Scotland's 2027 summer holiday, DEADLINES.md §2), and the calendar's
// version changes exactly when an administrator's added days change.
import { describe, expect, it } from 'vitest';
import { addDays, asIsoDate, easterSunday, isWeekend, weekday } from './civilDate';
import { calendarWithExtraDays, dueDate, REGIONS, shippedCalendar } from './index';

const datesOf = (region: (typeof REGIONS)[number]) => [...shippedCalendar.holidays[region].keys()];
const years = [2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027, 2028];

describe('the shipped bank holidays', () => {
  it('never lists a weekend day (substitute days stand in for those)', () => {
    for (const r of REGIONS) expect(datesOf(r).filter((d) => isWeekend(d))).toEqual([]);
  });

  it('has a plausible number of days each year in each nation', () => {
    // E&W 8, Scotland 9, NI 10 in an ordinary year; one-off days add up to 2 (2022).
    const expected = {
      'england-and-wales': [8, 10],
      scotland: [9, 11],
      'northern-ireland': [10, 12],
    } as const;
    for (const r of REGIONS) {
      for (const y of years) {
        const n = datesOf(r).filter((d) => d.startsWith(String(y))).length;
        expect(n, `${r} ${y}`).toBeGreaterThanOrEqual(expected[r][0]);
        expect(n, `${r} ${y}`).toBeLessThanOrEqual(expected[r][1]);
      }
    }
  });

  it('puts Scotland’s summer holiday on the first Monday of August', () => {
    for (const y of years) {
      const firstMonday = [1, 2, 3, 4, 5, 6, 7]
        .map((d) => asIsoDate(`${y}-08-0${d}`))
        .find((d) => weekday(d) === 1);
      expect(shippedCalendar.holidays.scotland.has(firstMonday!), String(y)).toBe(true);
    }
  });

  it('has Good Friday (by the Easter computus) in every nation', () => {
    for (const y of years) {
      const goodFriday = addDays(easterSunday(y), -2);
      for (const r of REGIONS)
        expect(shippedCalendar.holidays[r].get(goodFriday), `${r} ${y}`).toBe('Good Friday');
    }
  });

  it('has the one-off days of 2020, 2022 and 2023 everywhere, and 15 June 2026 in Scotland only', () => {
    for (const d of ['2020-05-08', '2022-06-02', '2022-06-03', '2022-09-19', '2023-05-08']) {
      for (const r of REGIONS) expect(shippedCalendar.holidays[r].has(asIsoDate(d)), `${r} ${d}`).toBe(true);
    }
    for (const d of ['2020-05-04', '2022-05-30']) {
      for (const r of REGIONS) expect(shippedCalendar.holidays[r].has(asIsoDate(d)), `${r} ${d}`).toBe(false);
    }
    const worldCup = asIsoDate('2026-06-15');
    expect(shippedCalendar.holidays.scotland.has(worldCup)).toBe(true);
    expect(shippedCalendar.holidays['england-and-wales'].has(worldCup)).toBe(false);
    expect(shippedCalendar.holidays['northern-ireland'].has(worldCup)).toBe(false);
  });

  it('is versioned by the gov.uk commit it came from', () => {
    expect(shippedCalendar.version).toBe('govuk-cb2a016d');
    expect(shippedCalendar.coversThrough).toBe('2028-12-31');
  });
});

describe('days an administrator adds', () => {
  const funeral = {
    date: '2026-03-02',
    title: 'Hypothetical proclaimed holiday',
    regions: ['england-and-wales'],
  } as const;

  it('move an FOI deadline that runs over them, and change the calendar version', () => {
    // FOI from Mon 2 Feb 2026 is due Mon 2 Mar (see the FOI tests). With 2 Mar a holiday, the 20th
    // working day is Tue 3 Mar.
    const calendar = calendarWithExtraDays(shippedCalendar, [funeral]);
    const input = { rule: 'foi', received: '2026-02-02', region: 'england-and-wales' } as const;
    expect(dueDate(input)).toBe('2026-03-02');
    expect(dueDate(input, calendar)).toBe('2026-03-03');
    expect(calendar.version).not.toBe(shippedCalendar.version);
    expect(calendar.version.startsWith('govuk-cb2a016d+')).toBe(true);
  });

  it('in Northern Ireland only still move an English FOI deadline (any part of the UK)', () => {
    const calendar = calendarWithExtraDays(shippedCalendar, [{ ...funeral, regions: ['northern-ireland'] }]);
    expect(dueDate({ rule: 'foi', received: '2026-02-02', region: 'england-and-wales' }, calendar)).toBe(
      '2026-03-03',
    );
    // …but not an English correspondence target: Mon 2 Mar stays.
    expect(
      dueDate({ rule: 'mp_correspondence', received: '2026-02-02', region: 'england-and-wales' }, calendar),
    ).toBe('2026-03-02');
  });

  it('give the same version whatever order they arrive in, and the base version when there are none', () => {
    const other = { date: '2027-09-06', title: 'Another day', regions: ['scotland'] } as const;
    const a = calendarWithExtraDays(shippedCalendar, [funeral, other]);
    const b = calendarWithExtraDays(calendarWithExtraDays(shippedCalendar, [other]), [funeral]);
    expect(a.version).toBe(b.version);
    expect(calendarWithExtraDays(shippedCalendar, []).version).toBe(shippedCalendar.version);
    expect(calendarWithExtraDays(shippedCalendar, [other]).version).not.toBe(a.version);
  });

  it('refuse a day with no name or no nation, in plain words', () => {
    expect(() => calendarWithExtraDays(shippedCalendar, [{ ...funeral, title: ' ' }])).toThrow(/name/);
    expect(() => calendarWithExtraDays(shippedCalendar, [{ ...funeral, regions: [] }])).toThrow(
      /part of the UK/,
    );
  });
});
