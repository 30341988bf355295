// The deadline panel's facts for one case, worked out on the device from the case's state with
// the same engine the server uses: the statutory due date, working days left, red/amber/green,
// internal milestones and the working ("How this date was worked out"). Pure: pass `today`.

import { caseDeadline as domainCaseDeadline } from '../../domain/caseDeadline';
import type { CaseState } from '../../domain/caseState';
import {
  type Calendar,
  DEFAULT_MILESTONES,
  type DueDateInput,
  type Explanation,
  explainDueDate,
  formatDueDate,
  formatDueInstant,
  type IsoDate,
  londonDate,
  type Milestone,
  milestones,
  type Rag,
  rag,
  shippedCalendar,
  workingDayScopeFor,
  workingDaysLeft,
} from '../../domain/deadlines';

export type CaseDeadline =
  | { kind: 'none'; why: string }
  | { kind: 'stopped'; since: string; why: string }
  | { kind: 'finished'; why: string }
  | {
      kind: 'due';
      due: string;
      /** "Due 4 March (3 working days left)" or "Due by 11:00 on …: 5 hours left". */
      dueText: string;
      workingDaysLeft: number | null;
      rag: Rag;
      explanation: Explanation;
      milestones: Milestone[];
    };

/**
 * The engine's input behind the domain's due date for this case, so "How this date was worked
 * out" explains exactly the date the domain (and the server) computed. Null when the date was
 * set by hand (an extension's new target) or there is no rule.
 */
export function dueDateInputOf(state: CaseState, calendar: Calendar = shippedCalendar): DueDateInput | null {
  const deadline = domainCaseDeadline(state, calendar);
  if (!deadline?.ruleKey) return null;
  // The same clock stops the domain turns into pauses: fee notices (SAR: clarification).
  const pausing = state.caseType === 'sar' ? 'clarification' : 'fee';
  const pauses = state.clockStops.flatMap((stop) =>
    stop.kind === pausing && stop.to !== null ? [{ from: stop.from, to: stop.to }] : [],
  );
  return {
    rule: deadline.ruleKey,
    received: state.caseType === 'data_breach' && state.awareAt ? state.awareAt : state.receivedOn,
    region: state.region,
    pauses,
    ...(state.clockRestartedOn ? { clarificationReceived: state.clockRestartedOn } : {}),
  };
}

const STOP_WORDS = {
  clarification: 'waiting for the requester to clarify',
  fee: 'waiting for the fee to be paid',
  identity: 'waiting for proof of identity',
} as const;

const FINISHED = new Set<CaseState['status']>(['sent', 'closed', 'withdrawn', 'transferred', 'reported']);

export function caseDeadline(
  state: CaseState,
  todayText: string,
  now: string,
  calendar: Calendar = shippedCalendar,
): CaseDeadline {
  const today = todayText as IsoDate;
  if (FINISHED.has(state.status)) {
    const sent = state.response ? ` The response was sent on ${state.response.sentOn}.` : '';
    return {
      kind: 'finished',
      why: `No deadline is running: this case is ${state.status.replace(/_/g, ' ')}.${sent}`,
    };
  }
  const openStop = state.clockStops.find((stop) => stop.to === null);
  if (openStop)
    return {
      kind: 'stopped',
      since: openStop.from,
      why: `The clock is stopped: ${STOP_WORDS[openStop.kind]}.`,
    };
  const input = dueDateInputOf(state, calendar);
  if (!input) {
    const set = domainCaseDeadline(state, calendar);
    return set
      ? { kind: 'none', why: `Due ${set.due}: ${set.label} (a date set by hand, not counted by a rule).` }
      : { kind: 'none', why: 'This kind of case has no deadline set by your organisation.' };
  }
  const explanation = explainDueDate(input, calendar);
  const ruleKey = domainCaseDeadline(state, calendar)?.ruleKey;
  const scope = ruleKey ? workingDayScopeFor(ruleKey, state.region) : null;
  if (!scope) {
    const isLate = explanation.due < now;
    return {
      kind: 'due',
      due: explanation.due,
      dueText: formatDueInstant(explanation.due, now),
      workingDaysLeft: null,
      rag: isLate ? 'red' : 'amber',
      explanation,
      milestones: [],
    };
  }
  const due = explanation.due as IsoDate;
  const left = workingDaysLeft(due, today, calendar, scope);
  const allocatedAt = state.allocations[0]?.allocatedAt;
  const firstAllocation = allocatedAt ? londonDate(allocatedAt) : undefined;
  return {
    kind: 'due',
    due,
    dueText: formatDueDate(due, today, calendar, scope),
    workingDaysLeft: left,
    rag: rag(left),
    explanation,
    milestones: milestones(
      DEFAULT_MILESTONES,
      {
        received: state.clockRestartedOn ?? state.receivedOn,
        due,
        ...(firstAllocation ? { allocatedOn: firstAllocation } : {}),
      },
      calendar,
      scope,
    ),
  };
}
