// Dates in the words people read in sentences: "25 November", with the year only when it is
// not this year. Dates are civil dates, so they are formatted in UTC to avoid shifting a day.
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

/** "Priya Shah", "Priya Shah and Tom Lee", "A, B and C" */
export function namesWords(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? 'nobody';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
