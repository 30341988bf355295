// A case's statutory due date (or target) from the facts in its state, worked out by the
// deadline engine on a given calendar. Clock stops and extensions recorded on the case are
// turned into the engine's restarts, pauses and extended rules here, in one place.

import type { CalendarState, CaseState } from './caseState';
import { caseTypes, deadlineRuleFor } from './caseTypes';
import {
  type Calendar,
  calendarWithExtraDays,
  computeDeadline,
  type DueDateInput,
  type Pause,
  type RuleKey,
  shippedCalendar,
} from './deadlines';

export type CaseDeadline = {
  rule: string;
  /** The engine's rule, for milestones on the same calendar; null for a date set by hand or by Parliament. */
  ruleKey: RuleKey | null;
  label: string;
  /** `YYYY-MM-DD`, or an ISO instant for a breach report. */
  due: string;
  calendarVersion: string;
  isExtended: boolean;
};

/** The shipped bank holidays plus the days an administrator added (the `org:calendar` stream). */
export function calendarOf(state: CalendarState | null): Calendar {
  return state && state.extraHolidays.length > 0
    ? calendarWithExtraDays(shippedCalendar, state.extraHolidays)
    : shippedCalendar;
}

const extendedRules: Partial<Record<string, RuleKey>> = {
  'foi:pit': 'pit_extension',
  'eir:eir': 'eir_extended',
  'sar:sar': 'sar_extended',
  'internal_review:target': 'internal_review_extended',
};

/** Closed clock stops that pause (rather than restart) this kind of case's clock. */
function pausesOf(state: CaseState): Pause[] {
  const pausing = state.caseType === 'sar' ? 'clarification' : 'fee';
  return state.clockStops.flatMap((s) =>
    s.kind === pausing && s.to !== null ? [{ from: s.from, to: s.to }] : [],
  );
}

/** What the deadline engine is asked for this case (so "How this date was worked out" explains the same date). */
export type CaseDueDateInput = DueDateInput & { rule: RuleKey };

/**
 * The engine's input behind a case's due date: its rule (extended where an extension applies),
 * receipt (awareness for a breach), restart and pauses. Null when the date is not counted by a
 * rule: a transfer, a named day, or an extension with a new target set by hand.
 */
export function caseDueDateInput(state: CaseState): CaseDueDateInput | null {
  const baseRule = deadlineRuleFor(state);
  if (baseRule === null || baseRule === 'named_day') return null;
  const extension = state.extensions.at(-1);
  if (extension?.newTarget) return null;
  return {
    rule: (extension && extendedRules[`${state.caseType}:${extension.kind}`]) ?? baseRule,
    received: state.caseType === 'data_breach' && state.awareAt ? state.awareAt : state.receivedOn,
    region: state.region,
    pauses: pausesOf(state),
    ...(state.clockRestartedOn ? { clarificationReceived: state.clockRestartedOn } : {}),
  };
}

export function caseDeadline(state: CaseState, calendar: Calendar = shippedCalendar): CaseDeadline | null {
  const baseRule = deadlineRuleFor(state);
  if (baseRule === null) return null;
  const fixed = (rule: string, label: string, due: string): CaseDeadline => ({
    rule,
    ruleKey: null,
    label,
    due,
    calendarVersion: calendar.version,
    isExtended: rule !== 'named_day',
  });
  if (baseRule === 'named_day')
    return state.namedDay ? fixed('named_day', 'Named day', state.namedDay) : null;
  const newTarget = state.extensions.at(-1)?.newTarget;
  if (newTarget) return fixed(baseRule, `${caseTypes[state.caseType].label}: extended`, newTarget);
  const input = caseDueDateInput(state);
  if (!input) return null;
  try {
    const deadline = computeDeadline(input, calendar);
    return { ...deadline, ruleKey: input.rule, isExtended: input.rule !== baseRule };
  } catch {
    // A date the engine cannot count from (e.g. beyond the calendar): no date rather than a wrong one.
    return null;
  }
}
