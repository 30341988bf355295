// Properties of the deadline engine that must hold for every receipt date, rule and nation.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, asIsoDate, type IsoDate } from './civilDate';
import {
  addWorkingDays,
  calendarWithExtraDays,
  dueDate,
  explainDueDate,
  isWorkingDay,
  REGIONS,
  type RuleKey,
  shippedCalendar,
  workingDayScopeFor,
  workingDaysBetween,
} from './index';

// Receipts from 2019 to mid-2028, so every due date stays inside the shipped holiday list.
const FIRST = asIsoDate('2019-01-01');
const day = fc.integer({ min: 0, max: 3_440 }).map((n) => addDays(FIRST, n));
const region = fc.constantFrom(...REGIONS);
const workingDayRule = fc.constantFrom<RuleKey>(
  'foi',
  'pit_extension',
  'eir',
  'eir_extended',
  'internal_review',
  'foisa',
  'mp_correspondence',
  'pq_ordinary',
  'complaint_stage_1',
);
const anyDateRule = fc.constantFrom<RuleKey>(
  'foi',
  'eir',
  'foisa',
  'sar',
  'sar_extended',
  'lords_wq',
  'dp_complaint_ack',
);
const restartingRule = fc.constantFrom<RuleKey>(
  'foi',
  'eir',
  'foisa',
  'internal_review',
  'sar',
  'sar_extended',
);

const workingDaysIn = (from: IsoDate, to: IsoDate, scope: Parameters<typeof isWorkingDay>[1]): number => {
  let n = 0;
  for (let d = from; d <= to; d = addDays(d, 1)) if (isWorkingDay(shippedCalendar, scope, d)) n++;
  return n;
};

describe('deadline properties', () => {
  it('a due date is never a weekend or a holiday of the calendar its rule counts with', () => {
    fc.assert(
      fc.property(anyDateRule, day, region, (rule, received, r) => {
        const due = asIsoDate(dueDate({ rule, received, region: r }));
        const scope = workingDayScopeFor(rule, r);
        expect(scope).not.toBeNull();
        expect(isWorkingDay(shippedCalendar, scope!, due)).toBe(true);
      }),
    );
  });

  it('a later receipt never gives an earlier due date', () => {
    fc.assert(
      fc.property(anyDateRule, day, fc.integer({ min: 0, max: 60 }), region, (rule, received, later, r) => {
        const a = dueDate({ rule, received, region: r });
        const b = dueDate({ rule, received: addDays(received, later), region: r });
        expect(b >= a).toBe(true);
      }),
    );
  });

  it('a clarification restart never shortens the time', () => {
    fc.assert(
      fc.property(
        restartingRule,
        day,
        fc.integer({ min: -30, max: 90 }),
        region,
        (rule, received, offset, r) => {
          const plain = dueDate({ rule, received, region: r });
          const restarted = dueDate({
            rule,
            received,
            region: r,
            clarificationReceived: addDays(received, offset),
          });
          expect(restarted >= plain).toBe(true);
        },
      ),
    );
  });

  it('a fee pause inside the 20 days extends the FOI deadline by exactly its working days', () => {
    fc.assert(
      fc.property(
        day,
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 0, max: 40 }),
        (received, start, length) => {
          const plain = asIsoDate(dueDate({ rule: 'foi', received, region: 'england-and-wales' }));
          const from = addDays(received, start);
          fc.pre(from <= plain);
          const to = addDays(from, length);
          const paused = dueDate({
            rule: 'foi',
            received,
            region: 'england-and-wales',
            pauses: [{ from, to }],
          });
          const k = workingDaysIn(from, to, 'any-part-of-the-uk');
          expect(paused).toBe(addWorkingDays(plain, k, shippedCalendar, 'any-part-of-the-uk'));
        },
      ),
    );
  });

  it('a SAR clarification pause never shortens the time', () => {
    fc.assert(
      fc.property(
        day,
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 20 }),
        region,
        (received, s, len, r) => {
          const from = addDays(received, s);
          const plain = dueDate({ rule: 'sar', received, region: r });
          const paused = dueDate({
            rule: 'sar',
            received,
            region: r,
            pauses: [{ from, to: addDays(from, len) }],
          });
          expect(paused >= plain).toBe(true);
        },
      ),
    );
  });

  it('a working-day due date is exactly the rule’s number of working days after day 0, and the working shows each one', () => {
    fc.assert(
      fc.property(workingDayRule, day, region, (rule, received, r) => {
        const e = explainDueDate({ rule, received, region: r });
        const scope = workingDayScopeFor(rule, r)!;
        const counted = e.steps.filter((s) => s.kind === 'counted');
        expect(workingDaysBetween(received, asIsoDate(e.due), shippedCalendar, scope)).toBe(counted.length);
        expect(counted.at(-1)?.date).toBe(e.due);
        expect(e.lines.length).toBe(e.steps.length + 1);
      }),
    );
  });

  it('a day an administrator adds never brings a due date forward, and the version ignores order', () => {
    const extraDay = fc.record({
      date: day,
      title: fc.constantFrom('Proclaimed holiday', 'State occasion'),
      regions: fc.subarray([...REGIONS], { minLength: 1 }),
    });
    fc.assert(
      fc.property(
        anyDateRule,
        day,
        region,
        fc.array(extraDay, { minLength: 1, maxLength: 4 }),
        (rule, received, r, extra) => {
          const calendar = calendarWithExtraDays(shippedCalendar, extra);
          expect(
            dueDate({ rule, received, region: r }, calendar) >= dueDate({ rule, received, region: r }),
          ).toBe(true);
          expect(calendarWithExtraDays(shippedCalendar, [...extra].reverse()).version).toBe(calendar.version);
        },
      ),
    );
  });
});
