// "How this date was worked out": the steps a rule recorded, in plain sentences, so a case
// worker (or the requester, or the ICO) can check the date by hand.
import { type Calendar, REGION_NAMES, type Region } from './calendar';
import { longDate } from './civilDate';
import { ukDateTime } from './format';
import type { Pause } from './rules/pauses';
import type { Basis, RuleConfig } from './rules/ruleConfig';
import type { Step } from './rules/steps';
import { describeNonWorking, type WorkingDayScope } from './workingDays';

export interface Explanation {
  rule: string;
  label: string;
  basis: Basis;
  /** 'YYYY-MM-DD', or an ISO instant for hour-based rules. */
  due: string;
  calendarVersion: string;
  steps: Step[];
  lines: string[];
  /** Things the reader should know, e.g. the holiday list ends before the due date. */
  warnings: string[];
}

const BASIS_WORDS: Record<Basis, string> = {
  statutory: 'set by law',
  guideline: 'regulator’s guideline',
  target: 'your organisation’s target',
};

const ordinal = (n: number): string => {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
};

const scopeWords = (scope: WorkingDayScope | Region): string =>
  scope === 'any-part-of-the-uk'
    ? 'bank holidays in any part of the UK'
    : `bank holidays in ${REGION_NAMES[scope]}`;

const span = (p: Pause): string =>
  p.from === p.to ? `on ${longDate(p.from)}` : `${longDate(p.from)} to ${longDate(p.to)}`;

const stepLine = (step: Step, rule: RuleConfig): string => {
  switch (step.kind) {
    case 'start':
      if (rule.kind === 'working_days') {
        return step.isWorkingDay
          ? `Received ${longDate(step.date)}. That day is day 0; day 1 is the next working day.`
          : `Received ${longDate(step.date)}, not a working day. It is still day 0; day 1 is the next working day.`;
      }
      return `Received ${longDate(step.date)}. The time runs from this day.`;
    case 'restart':
      return step.because === 'clarification'
        ? `Clarification received ${longDate(step.date)}: the count starts again from zero, with this day as day 0.`
        : `Identity or fee received ${longDate(step.date)}: the time starts again from this day.`;
    case 'restart_ignored':
      return `The restart date given, ${longDate(step.date)}, does not change this deadline.`;
    case 'counted':
      return `${longDate(step.date)}: working day ${step.n}`;
    case 'skipped':
      return `${longDate(step.date)}: not counted (${describeNonWorking(step.why)})`;
    case 'paused':
      return `${longDate(step.date)}: not counted (clock stopped ${span(step.pause)})`;
    case 'pauses_ignored':
      return `${step.count === 1 ? 'The clock stop given does' : 'The clock stops given do'} not apply to this rule, so no days were taken off.`;
    case 'period_end':
      if (step.months === undefined)
        return `${step.days} days after the day of receipt is ${longDate(step.date)}.`;
      return step.isClamped
        ? `${step.months === 1 ? 'One month' : `${step.months} months`} on, that month has no matching day, so the last day of the month: ${longDate(step.date)}.`
        : `${step.months === 1 ? 'One month' : `${step.months} months`} on, the matching date is ${longDate(step.date)}.`;
    case 'pause_added':
      return `Clock stopped ${span(step.pause)}: ${step.days} ${step.days === 1 ? 'day does' : 'days do'} not count, so the end moves to ${longDate(step.date)}.`;
    case 'rolled':
      return `${longDate(step.date)} is not a working day (${describeNonWorking(step.why)}), so the date moves to the next day.`;
    case 'due':
      return rule.kind === 'working_days'
        ? `Due ${longDate(step.date)}: the ${ordinal(rule.days)} working day.`
        : `Due ${longDate(step.date)}.`;
    case 'start_at':
      return `Became aware at ${ukDateTime(step.instant)} (UK time).`;
    case 'due_at':
      return `Due ${step.hours} hours later, by ${ukDateTime(step.instant)} (UK time). Weekends, bank holidays and clock changes do not stop this clock.`;
  }
};

const headline = (rule: RuleConfig, scope: WorkingDayScope | null, calendar: Calendar): string => {
  const days =
    scope === null
      ? ''
      : rule.kind === 'working_days'
        ? ` Working days leave out weekends and ${scopeWords(scope)}.`
        : ` A date on a weekend or on one of the ${scopeWords(scope)} moves to the next working day.`;
  return `${rule.label} (${BASIS_WORDS[rule.basis]}).${days} Bank holiday list: ${calendar.version}.`;
};

export const explainSteps = (args: {
  ruleName: string;
  rule: RuleConfig;
  scope: WorkingDayScope | null;
  due: string;
  steps: Step[];
  calendar: Calendar;
}): Explanation => {
  const { rule, steps, calendar } = args;
  const last = steps.findLast((s) => s.kind === 'due')?.date;
  const start = steps.find((s) => s.kind === 'start')?.date;
  const warnings = [
    ...(last !== undefined && last > calendar.coversThrough
      ? [
          `The bank holiday list runs to ${longDate(calendar.coversThrough)}. Later bank holidays are not counted unless an administrator adds them.`,
        ]
      : []),
    ...(rule.appliesFrom !== undefined && start !== undefined && start < rule.appliesFrom
      ? [`This time limit only applies to what arrives on or after ${longDate(rule.appliesFrom)}.`]
      : []),
  ];
  return {
    rule: args.ruleName,
    label: rule.label,
    basis: rule.basis,
    due: args.due,
    calendarVersion: calendar.version,
    steps,
    lines: [headline(rule, args.scope, calendar), ...steps.map((s) => stepLine(s, rule))],
    warnings,
  };
};
