// The one small machine that reads the workflow tables: is this event allowed in this state,
// do its guards pass, and which state does the case move to. The data change itself is
// caseFold's; the machine only decides whether it may happen and what status follows.

import { foldCase } from '../caseFold';
import type { CaseState, Status } from '../caseState';
import { type CaseEvent, eventCatalogue } from '../events/catalogue';
import { refuse, type StepResult } from '../stepResult';
import { guards } from './guards';
import { workflowFor } from './index';
import type { Resolve, StateRow, Target, TargetResolver, Transition } from './table';

const isActive = (status: string) => status === 'awaiting_acceptance' || status === 'accepted';

const resolvers: Record<TargetResolver, Resolve> = {
  afterAcceptance: (s) =>
    s.allocations.some((a) => a.status === 'awaiting_acceptance') ? 'awaiting_acceptance' : 'in_progress',
  afterRejection: (s) => {
    if (s.allocations.some((a) => a.status === 'awaiting_acceptance')) return 'awaiting_acceptance';
    return s.allocations.some((a) => a.status === 'accepted') ? 'in_progress' : 'to_allocate';
  },
  afterContribution: (s) =>
    s.contributions.some((c) => c.submittedAt === null) ? 'contributions_requested' : 'in_progress',
  resumeAfterClockStop: (s) => s.statusBeforeStop ?? 'to_allocate',
  afterReopening: (s) => (s.allocations.some((a) => isActive(a.status)) ? 'in_progress' : 'to_allocate'),
  afterAssessment: (s) => (s.breach?.isReportable ? 'to_report' : 'in_progress'),
};

export function stateRow(state: CaseState): StateRow | undefined {
  return workflowFor(state.caseType).states[state.status];
}

export function transitionFor(state: CaseState, type: CaseEvent['type']): Transition | undefined {
  return stateRow(state)?.events[type];
}

/** "This case is closed, so it cannot be allocated. Reopen it first." */
export function refusalInState(state: CaseState, type: CaseEvent['type']): string {
  const row = stateRow(state);
  const is = row?.is ?? state.status.replaceAll('_', ' ');
  const hint = row?.hint ? ` ${row.hint}` : '';
  return `This case is ${is}, so ${eventCatalogue[type].refused}.${hint}`;
}

function resolveTarget(target: Target, before: CaseState, after: CaseState): Status {
  if (target === 'same') return before.status;
  if (typeof target === 'string') return target;
  return resolvers[target.using](after);
}

/** Apply one event to an existing case, by the table: state check, guards, fold, new status. */
export function step(state: CaseState, event: CaseEvent): StepResult<CaseState> {
  const transition = transitionFor(state, event.type);
  if (!transition) return refuse(refusalInState(state, event.type));
  for (const name of transition.guards ?? []) {
    const reason = guards[name](state, event);
    if (reason !== null) return refuse(reason);
  }
  const folded = foldCase(state, event);
  if (!folded.ok) return folded;
  const status = resolveTarget(transition.to, state, folded.state);
  const isResuming = typeof transition.to === 'object' && transition.to.using === 'resumeAfterClockStop';
  return {
    ok: true,
    state: {
      ...folded.state,
      status,
      statusBeforeStop: isResuming ? null : folded.state.statusBeforeStop,
      lastChangedAt: event.madeAt,
      eventCount: state.eventCount + 1,
    },
  };
}
