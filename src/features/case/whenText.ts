// Dates and times as people read them on a case page, always in UK time: "4 March 2026 at
// 14:05". Device clocks and the server both send ISO instants; people think in London time.
import { TZDate } from '@date-fns/tz';
import { format, parseISO } from 'date-fns';

const UK_ZONE = 'Europe/London';

/** "4 March 2026 at 14:05" for an ISO instant; the raw value if it cannot be read. */
export function instantText(iso: string): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return iso;
  return format(new TZDate(instant, UK_ZONE), "d MMMM yyyy 'at' HH:mm");
}

/** "4 March 2026" for a calendar date `YYYY-MM-DD`. */
export function dayText(day: string): string {
  const parsed = parseISO(day);
  return Number.isNaN(parsed.getTime()) ? day : format(parsed, 'd MMMM yyyy');
}

/** Today's date in the UK as `YYYY-MM-DD` (for defaults in forms; the caller passes `now`). */
export function ukDay(now: Date): string {
  return format(new TZDate(now, UK_ZONE), 'yyyy-MM-dd');
}
