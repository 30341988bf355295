// Who a case is waiting on now: the people and teams whose My work it belongs in. The
// information-rights team holds the steps at either end (logging, clarifying, allocating,
// sending, closing); in the middle a case waits on the people it was allocated to, asked to
// contribute, to review or to clear. The seeds' "middle stage" delays come from cases that sat
// in nobody's list: every open state names someone here.
import type { CaseState } from './caseState';
import { INFORMATION_RIGHTS_TEAM } from './principal';

export type WaitingOn = { userIds: string[]; teamIds: string[] };

const NOBODY: WaitingOn = { userIds: [], teamIds: [] };
const THE_TEAM: WaitingOn = { userIds: [], teamIds: [INFORMATION_RIGHTS_TEAM] };

function owners(state: CaseState): string[] {
  return state.allocations.filter((a) => a.status === 'accepted').map((a) => a.to);
}

function unique(userIds: string[]): WaitingOn {
  return { userIds: [...new Set(userIds)], teamIds: [] };
}

export function waitingOn(state: CaseState): WaitingOn {
  switch (state.status) {
    case 'logged':
    case 'awaiting_clarification':
    case 'awaiting_fee':
    case 'awaiting_identity':
    case 'to_allocate':
    case 'ready_to_send':
    case 'sent':
    case 'to_report':
      return THE_TEAM;
    case 'awaiting_acceptance':
      return unique(state.allocations.filter((a) => a.status === 'awaiting_acceptance').map((a) => a.to));
    case 'in_progress':
      return unique(owners(state));
    case 'contributions_requested':
      return unique([
        ...state.contributions.filter((c) => c.submittedAt === null).map((c) => c.to),
        ...owners(state),
      ]);
    case 'in_review':
      return unique(state.reviews.filter((r) => r.status === 'requested').map((r) => r.by));
    case 'in_clearance':
      return unique(state.clearances.filter((c) => c.status === 'requested').map((c) => c.by));
    case 'reported':
    case 'closed':
    case 'withdrawn':
    case 'transferred':
      return NOBODY;
  }
}

/** Whether a case belongs in this person's My work. */
export function isWaitingOn(
  state: CaseState,
  person: { userId: string; teamIds: readonly string[] },
): boolean {
  const waiting = waitingOn(state);
  return waiting.userIds.includes(person.userId) || waiting.teamIds.some((t) => person.teamIds.includes(t));
}
