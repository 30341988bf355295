// Calendar-period rules. SAR (UK GDPR Art 12(3), 12A; ICO method, DEADLINES.md §1.12): from the
// day the clock starts (receipt, or the later day identity or a fee arrived — the "relevant
// time") to the corresponding date `months` later, or that month's last day when there is none;
// an extension is three months from the same start, never chained (31 Jan → 30 Apr, not 28 Apr).
// Clarification periods do not count: their days are added to the unrolled end, and only then is
// the end moved off a weekend or bank holiday of the controller's nation.
// The s164A complaint acknowledgement (30 days from the day after receipt) uses the same ending.
import type { Calendar, Region } from '../calendar';
import { addDays, addMonthsClamped, daysBetween, type IsoDate, laterOf } from '../civilDate';
import { isWorkingDay, nonWorkingReason, type WorkingDayScope } from '../workingDays';
import { mergePauses } from './pauses';
import type { CalendarDaysRule, MonthsRule } from './ruleConfig';
import type { RuleOutcome, Step } from './steps';
import { type ClockInput, startOfClock } from './workingDayRule';

const periodEnd = (rule: MonthsRule | CalendarDaysRule, start: IsoDate): Step & { kind: 'period_end' } => {
  if (rule.kind === 'calendar_days')
    return { kind: 'period_end', date: addDays(start, rule.days), days: rule.days, isClamped: false };
  const date = addMonthsClamped(start, rule.months);
  return { kind: 'period_end', date, months: rule.months, isClamped: date.slice(8) !== start.slice(8) };
};

/** The working days the end is moved onto, or null when it is never moved. */
export const rollScopeOf = (rule: MonthsRule | CalendarDaysRule, region: Region): WorkingDayScope | null =>
  rule.rollForward === 'none' ? null : rule.rollForward === 'region' ? region : rule.rollForward;

export const calendarPeriodDue = (
  rule: MonthsRule | CalendarDaysRule,
  region: Region,
  input: ClockInput,
  calendar: Calendar,
): RuleOutcome => {
  const restarts = rule.kind === 'months';
  const { start, steps } = restarts
    ? startOfClock(input, 'identity_or_fee')
    : { start: input.received, steps: [] as Step[] };
  steps.unshift({
    kind: 'start',
    date: input.received,
    isWorkingDay: isWorkingDay(calendar, region, input.received),
  });
  if (!restarts && input.restartOn !== undefined)
    steps.push({ kind: 'restart_ignored', date: input.restartOn });
  if (!restarts && input.pauses.length > 0)
    steps.push({ kind: 'pauses_ignored', count: input.pauses.length });

  const end = periodEnd(rule, start);
  steps.push(end);
  let d = end.date;
  // A pause counts only for its days inside the running period: days before the clock started
  // were never in it, and a pause that begins after the (already extended) end comes too late.
  for (const pause of restarts ? mergePauses(input.pauses) : []) {
    if (pause.to < start || pause.from > d) continue;
    const days = daysBetween(laterOf(pause.from, start), pause.to) + 1;
    d = addDays(d, days);
    steps.push({ kind: 'pause_added', pause, days, date: d });
  }
  const scope = rollScopeOf(rule, region);
  if (scope !== null) {
    for (let why = nonWorkingReason(calendar, scope, d); why; why = nonWorkingReason(calendar, scope, d)) {
      steps.push({ kind: 'rolled', date: d, why });
      d = addDays(d, 1);
    }
  }
  steps.push({ kind: 'due', date: d });
  return { due: d, steps };
};
