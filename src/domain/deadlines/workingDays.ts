// Which days count as working days, and why a day does not. Two definitions are in use:
// - 'any-part-of-the-uk': FOIA s10(6) and EIR reg 2(1) — a bank holiday anywhere in the UK is not
//   a working day, wherever the authority is (so St Patrick's Day stops an English FOI clock);
//   Christmas Day and Good Friday are named in the Act itself.
// - a region: that nation's bank holidays only (FOISA s73 for Scotland, SAR roll-forward, local
//   complaint targets, internal milestones). Christmas Day is named in FOISA s73 too.
import { z } from 'zod';
import { type Calendar, REGION_NAMES, REGIONS, type Region, regionSchema } from './calendar';
import { addDays, type IsoDate, isGoodFriday, isWeekend, weekdayName } from './civilDate';

export const workingDayScopeSchema = z.union([regionSchema, z.literal('any-part-of-the-uk')]);
export type WorkingDayScope = z.infer<typeof workingDayScopeSchema>;

export type NonWorkingReason =
  | { kind: 'weekend'; weekday: string }
  | { kind: 'bank_holiday'; title: string; regions: Region[] }
  | { kind: 'named_in_law'; title: 'Christmas Day' | 'Good Friday' };

/** Why `d` is not a working day in `scope`, or null when it is one. */
export const nonWorkingReason = (
  calendar: Calendar,
  scope: WorkingDayScope,
  d: IsoDate,
): NonWorkingReason | null => {
  if (isWeekend(d)) return { kind: 'weekend', weekday: weekdayName(d) };
  const regions = scope === 'any-part-of-the-uk' ? REGIONS : [scope];
  const where = regions.filter((r) => calendar.holidays[r].has(d));
  const first = where[0];
  if (first)
    return { kind: 'bank_holiday', title: calendar.holidays[first].get(d) ?? 'Bank holiday', regions: where };
  if (d.endsWith('-12-25')) return { kind: 'named_in_law', title: 'Christmas Day' };
  if (scope === 'any-part-of-the-uk' && isGoodFriday(d))
    return { kind: 'named_in_law', title: 'Good Friday' };
  return null;
};

export const isWorkingDay = (calendar: Calendar, scope: WorkingDayScope, d: IsoDate): boolean =>
  nonWorkingReason(calendar, scope, d) === null;

/** `d` itself when it is a working day, else the next one. */
export const workingDayOnOrAfter = (calendar: Calendar, scope: WorkingDayScope, d: IsoDate): IsoDate => {
  let day = d;
  while (!isWorkingDay(calendar, scope, day)) day = addDays(day, 1);
  return day;
};

/**
 * Working days after `from` up to and including `to`; negative when `to` is before `from`.
 * So `workingDaysBetween(today, due)` is the working days left, and 0 when due today.
 */
export const workingDaysBetween = (
  from: IsoDate,
  to: IsoDate,
  calendar: Calendar,
  scope: WorkingDayScope,
): number => {
  if (to < from) return -workingDaysBetween(to, from, calendar, scope);
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(calendar, scope, d)) n++;
  return n;
};

/** Working days left until `due` (0 on the day, negative once overdue). */
export const workingDaysLeft = (
  due: IsoDate,
  today: IsoDate,
  calendar: Calendar,
  scope: WorkingDayScope,
): number => workingDaysBetween(today, due, calendar, scope);

/** The `n`th working day after `from` (n > 0), or the `-n`th working day before it (n < 0). */
export const addWorkingDays = (
  from: IsoDate,
  n: number,
  calendar: Calendar,
  scope: WorkingDayScope,
): IsoDate => {
  const step = n < 0 ? -1 : 1;
  let d = from;
  for (let k = 0; k < Math.abs(n); ) {
    d = addDays(d, step);
    if (isWorkingDay(calendar, scope, d)) k++;
  }
  return d;
};

/** Plain words for a reason: "weekend", "St Patrick’s Day, a bank holiday in Northern Ireland". */
export const describeNonWorking = (why: NonWorkingReason): string => {
  switch (why.kind) {
    case 'weekend':
      return 'weekend';
    case 'named_in_law':
      return why.title;
    case 'bank_holiday': {
      const where =
        why.regions.length === REGIONS.length
          ? 'across the UK'
          : `in ${why.regions.map((r) => REGION_NAMES[r]).join(', and in ')}`;
      return `${why.title}, a bank holiday ${where}`;
    }
  }
};
