// Civil dates ('YYYY-MM-DD', a day on the Europe/London calendar) and the little arithmetic the
// deadline rules need. Arithmetic runs in UTC on purpose: a civil date has no time of day, so
// clock changes must never move it (adding a day across 29 March must still give 30 March).
import { TZDate, tz } from '@date-fns/tz';
import { addDays as addDaysFns, addMonths as addMonthsFns, format, isValid, parseISO } from 'date-fns';
import { z } from 'zod';

export const isoDateSchema = z.iso.date('must be a date written YYYY-MM-DD').brand<'IsoDate'>();
export type IsoDate = z.infer<typeof isoDateSchema>;

export const UK_TIME_ZONE = 'Europe/London';
const utc = tz('UTC');
const london = tz(UK_TIME_ZONE);

const toUtcDate = (d: IsoDate): TZDate => {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  return new TZDate(y, m - 1, day, 'UTC');
};
const fromUtcDate = (d: Date): IsoDate => format(d, 'yyyy-MM-dd', { in: utc }) as IsoDate;

export const asIsoDate = (d: string): IsoDate => isoDateSchema.parse(d);

export const addDays = (d: IsoDate, n: number): IsoDate => fromUtcDate(addDaysFns(toUtcDate(d), n));

/** Same day of the month `n` months later, or the last day of that month when it has no such day. */
export const addMonthsClamped = (d: IsoDate, n: number): IsoDate =>
  fromUtcDate(addMonthsFns(toUtcDate(d), n));

/** Calendar days from `a` to `b` (positive when `b` is later). */
export const daysBetween = (a: IsoDate, b: IsoDate): number =>
  Math.round((toUtcDate(b).getTime() - toUtcDate(a).getTime()) / 86_400_000);

/** 0 = Sunday … 6 = Saturday. */
export const weekday = (d: IsoDate): number => toUtcDate(d).getDay();

export const isWeekend = (d: IsoDate): boolean => weekday(d) === 0 || weekday(d) === 6;

export const laterOf = (a: IsoDate, b: IsoDate): IsoDate => (a >= b ? a : b);
export const earlierOf = (a: IsoDate, b: IsoDate): IsoDate => (a <= b ? a : b);

/** "Monday 6 January 2025" */
export const longDate = (d: IsoDate): string => format(toUtcDate(d), 'EEEE d MMMM yyyy', { in: utc });

/** "6 January", or "6 January 2027" when the year differs from `thisYearOf`. */
export const shortDate = (d: IsoDate, thisYearOf: IsoDate): string =>
  format(toUtcDate(d), d.slice(0, 4) === thisYearOf.slice(0, 4) ? 'd MMMM' : 'd MMMM yyyy', { in: utc });

export const weekdayName = (d: IsoDate): string => format(toUtcDate(d), 'EEEE', { in: utc });

const INSTANT = z.iso.datetime({ offset: true });

/** The Europe/London calendar date of an instant: a request e-mailed at 23:30 UTC in summer arrives on the next day. */
export const londonDate = (instant: string): IsoDate => {
  const at = parseISO(instant);
  if (!isValid(at)) throw new RangeError(`"${instant}" is not a date and time`);
  return format(at, 'yyyy-MM-dd', { in: london }) as IsoDate;
};

/** Accepts a date or an instant (e.g. an e-mail's Date header) and gives the UK calendar date. */
export const toCivilDate = (value: string): IsoDate =>
  INSTANT.safeParse(value).success ? londonDate(value) : asIsoDate(value);

export const isInstant = (value: string): boolean => INSTANT.safeParse(value).success;

/** Easter Sunday by the anonymous Gregorian computus (Meeus/Jones/Butcher). */
export const easterSunday = (year: number): IsoDate => {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return asIsoDate(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
};

export const isGoodFriday = (d: IsoDate): boolean => addDays(easterSunday(Number(d.slice(0, 4))), -2) === d;
