// Values in the words people read in sentences: dates ("25 November", with the year only when
// it is not this year), money and lists of names. Dates are civil dates, so they are
// formatted in UTC to avoid shifting a day.
const withoutYear = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', timeZone: 'UTC' });
const withYear = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "25 November" (or "25 November 2027" when `now` is in another year). */
export function dayWords(date: string, now: string): string {
  const day = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(day.getTime())) return date;
  return date.slice(0, 4) === now.slice(0, 4) ? withoutYear.format(day) : withYear.format(day);
}

/** "£600.00" */
export const poundsWords = (pence: number): string => `£${(pence / 100).toFixed(2)}`;

/** "Priya Shah", "Priya Shah and Tom Lee", "A, B or C" */
export function listWords(items: readonly string[], conjunction: 'and' | 'or' = 'and'): string {
  if (items.length <= 1) return items[0] ?? 'nobody';
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1)}`;
}
