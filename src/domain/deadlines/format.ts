// Deadlines in the words a person reads in a list or on a case: "Due 4 March (3 working days
// left)", "Due today", "2 working days overdue"; breach deadlines in UK time. The working days
// come from the same calendar as the due date, so the list and the case never disagree.
import { tz } from '@date-fns/tz';
import { differenceInMinutes, format, parseISO } from 'date-fns';
import type { Calendar } from './calendar';
import { type IsoDate, shortDate, UK_TIME_ZONE } from './civilDate';
import { type WorkingDayScope, workingDaysLeft } from './workingDays';

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

export const formatDueDate = (
  due: IsoDate,
  today: IsoDate,
  calendar: Calendar,
  scope: WorkingDayScope,
): string => {
  if (due === today) return 'Due today';
  const left = workingDaysLeft(due, today, calendar, scope);
  if (due > today)
    return `Due ${shortDate(due, today)} (${plural(left, 'working day', 'working days')} left)`;
  // Overdue by 0 working days: due on a Friday and read on the Saturday.
  if (left === 0) return `Overdue: was due ${shortDate(due, today)}`;
  return `${plural(-left, 'working day', 'working days')} overdue`;
};

/** "11:00 on Monday 30 March 2026" in Europe/London wall-clock time. */
export const ukDateTime = (instant: string): string =>
  format(parseISO(instant), "HH:mm 'on' EEEE d MMMM yyyy", { in: tz(UK_TIME_ZONE) });

/** "Due by 11:00 on Monday 30 March 2026 (UK time): 5 hours left" */
export const formatDueInstant = (due: string, now: string): string => {
  const minutes = differenceInMinutes(parseISO(due), parseISO(now));
  const by = `Due by ${ukDateTime(due)} (UK time)`;
  if (minutes < 0) {
    const late = -minutes;
    return late < 60 ? `${by}: overdue` : `${by}: ${plural(Math.floor(late / 60), 'hour', 'hours')} overdue`;
  }
  if (minutes < 60) return `${by}: less than an hour left`;
  return `${by}: ${plural(Math.floor(minutes / 60), 'hour', 'hours')} left`;
};
