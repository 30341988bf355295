// Commons named-day written questions (SO 22(4); Erskine May 22.4): the answer is due on the day
// the Member names, which must be at least three days after tabling, not counting Saturdays and
// Sundays. Sitting days are not in our calendar (Parliament publishes them), so this checks the
// weekday rule only and the due date is the named day itself.

import { shippedCalendar } from '../calendar';
import { asIsoDate, isWeekend, longDate } from '../civilDate';
import { workingDaysBetween } from '../workingDays';

/** Erskine May: tabled "at least three days (excluding Saturdays and Sundays)" before the answer day. */
export const NAMED_DAY_NOTICE_WEEKDAYS = 3;

export type NamedDayCheck = { ok: true; due: string } | { ok: false; reason: string };

// Bank holidays are not excluded by the rule, only weekends: count on a calendar with no holidays.
const weekdaysOnly = {
  ...shippedCalendar,
  holidays: { 'england-and-wales': new Map(), scotland: new Map(), 'northern-ireland': new Map() },
};

export const checkNamedDay = (tabledOn: string, namedDay: string): NamedDayCheck => {
  const tabled = asIsoDate(tabledOn);
  const named = asIsoDate(namedDay);
  if (isWeekend(named))
    return { ok: false, reason: `${longDate(named)} is a weekend; the named day must be a sitting day.` };
  const notice = workingDaysBetween(tabled, named, weekdaysOnly, 'england-and-wales');
  if (notice < NAMED_DAY_NOTICE_WEEKDAYS) {
    return {
      ok: false,
      reason: `A named day must be at least ${NAMED_DAY_NOTICE_WEEKDAYS} weekdays after the question is tabled; ${longDate(named)} is ${notice <= 0 ? 'not after' : `only ${notice} after`} ${longDate(tabled)}.`,
    };
  }
  return { ok: true, due: named };
};
