// Working-day rules (FOI, EIR, FOISA, reviews, correspondence targets): day 0 is the day of
// receipt, working or not (ICO; DEADLINES.md §0.3); day 1 is the next working day; the due date
// is the `days`th working day. Clarification makes its own arrival day 0 again; working days
// inside a fee-notice pause are not counted (FOIA s10(2): both ends inclusive).
import type { Calendar, Region } from '../calendar';
import { addDays, type IsoDate } from '../civilDate';
import { isWorkingDay, nonWorkingReason, type WorkingDayScope } from '../workingDays';
import { mergePauses, type Pause, pauseHolding } from './pauses';
import type { WorkingDaysRule } from './ruleConfig';
import type { RuleOutcome, Step } from './steps';

export interface ClockInput {
  received: IsoDate;
  /** For working-day rules: the day clarification arrived. For SAR: the day identity or a fee arrived. */
  restartOn?: IsoDate | undefined;
  pauses: readonly Pause[];
}

/** Day 0 and the steps that chose it: receipt, unless a later restart replaces it. */
export const startOfClock = (
  input: ClockInput,
  because: 'clarification' | 'identity_or_fee',
): { start: IsoDate; steps: Step[] } => {
  const steps: Step[] = [];
  const { received, restartOn } = input;
  if (restartOn === undefined || restartOn === received) return { start: received, steps };
  if (restartOn < received) return { start: received, steps: [{ kind: 'restart_ignored', date: restartOn }] };
  steps.push({ kind: 'restart', date: restartOn, because });
  return { start: restartOn, steps };
};

/** The working days a rule counts for a case in `region`: the case's nation, or the rule's fixed definition. */
export const workingScopeOf = (rule: WorkingDaysRule, region: Region): WorkingDayScope =>
  rule.calendar === 'region' ? region : rule.calendar;

export const workingDayDue = (
  rule: WorkingDaysRule,
  region: Region,
  input: ClockInput,
  calendar: Calendar,
): RuleOutcome => {
  const scope = workingScopeOf(rule, region);
  const { start, steps } = rule.clarificationRestarts
    ? startOfClock(input, 'clarification')
    : { start: input.received, steps: [] as Step[] };
  steps.unshift({
    kind: 'start',
    date: input.received,
    isWorkingDay: isWorkingDay(calendar, scope, input.received),
  });
  if (!rule.clarificationRestarts && input.restartOn !== undefined) {
    steps.push({ kind: 'restart_ignored', date: input.restartOn });
  }
  const pauses = rule.pausesApply ? mergePauses(input.pauses) : [];
  if (!rule.pausesApply && input.pauses.length > 0)
    steps.push({ kind: 'pauses_ignored', count: input.pauses.length });

  let d = start;
  for (let n = 0; n < rule.days; ) {
    d = addDays(d, 1);
    const why = nonWorkingReason(calendar, scope, d);
    const pause = pauseHolding(pauses, d);
    if (why) steps.push({ kind: 'skipped', date: d, why });
    else if (pause) steps.push({ kind: 'paused', date: d, pause });
    else steps.push({ kind: 'counted', date: d, n: ++n });
  }
  steps.push({ kind: 'due', date: d });
  return { due: d, steps };
};
