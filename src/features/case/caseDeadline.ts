// The deadline panel's facts for one case, worked out on the device from the case's state with
// the same engine the server uses: the statutory due date, working days left, red/amber/green,
// internal milestones and the working ("How this date was worked out"). Pure: pass `today`.

import type { CaseState } from '../../domain/caseState';
import { deadlineRuleFor } from '../../domain/caseTypes';
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
  type RuleKey,
  rag,
  ruleKeySchema,
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

const EXTENDED_RULES: Partial<Record<string, RuleKey>> = {
  pit: 'pit_extension',
  eir: 'eir_extended',
  sar: 'sar_extended',
};

function ruleFor(state: CaseState): RuleKey | null {
  const extension = state.extensions.at(-1);
  const extended = extension ? EXTENDED_RULES[extension.kind] : undefined;
  if (extended) return extended;
  const parsed = ruleKeySchema.safeParse(
    deadlineRuleFor({
      caseType: state.caseType,
      pqKind: state.pqKind ?? undefined,
      complaintStage: state.complaintStage ?? undefined,
      campaignOf: state.campaignOf ?? undefined,
    }),
  );
  return parsed.success ? parsed.data : null;
}

/** The engine's input for this case: receipt, the latest restart and the fee pauses that ended. */
export function dueDateInputOf(state: CaseState): DueDateInput | null {
  const rule = ruleFor(state);
  if (!rule) return null;
  const pauses = state.clockStops
    .filter((stop) => stop.kind === 'fee' && stop.to !== null)
    .map((stop) => ({ from: stop.from, to: stop.to ?? stop.from }));
  return {
    rule,
    received: rule === 'breach72h' && state.awareAt ? state.awareAt : state.receivedOn,
    region: state.region,
    ...(state.clockRestartedOn ? { clarificationReceived: state.clockRestartedOn } : {}),
    ...(pauses.length > 0 ? { pauses } : {}),
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
  today: IsoDate,
  now: string,
  calendar: Calendar = shippedCalendar,
): CaseDeadline {
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
  const input = dueDateInputOf(state);
  if (!input) return { kind: 'none', why: 'This kind of case has no deadline set by your organisation.' };
  const explanation = explainDueDate(input, calendar);
  const scope = workingDayScopeFor(input.rule, state.region);
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
