// Who a case is waiting on now: the people and teams whose My work it belongs in. The
// information-rights team holds the steps at either end (logging, clarifying, allocating,
// sending, closing); in the middle a case waits on the people it was allocated to, asked to
// contribute, to review or to clear. The seeds' "middle stage" delays come from cases that sat
// in nobody's list: every open state names someone here.
// myWorkKeys says the same as a list of keys a server can store and match without the state
// (sync-server, "My work first" on a new device): it must agree exactly with the device's own
// rule (src/data/migrations.ts withDerivedFields and src/data/caseSummaries.ts), which
// src/data/myWorkKeys.test.ts checks.
import type { Allocation, CaseState, Status } from './caseState';
import { INFORMATION_RIGHTS_TEAM } from './principal';

export type WaitingOn = { userIds: string[]; teamIds: string[] };

const NOBODY: WaitingOn = { userIds: [], teamIds: [] };
const THE_TEAM: WaitingOn = { userIds: [], teamIds: [INFORMATION_RIGHTS_TEAM] };

/** The allocations that make someone a case's owner: offered and not yet answered, or accepted. */
export function activeAllocations(state: CaseState): Allocation[] {
  return state.allocations.filter((a) => a.status === 'awaiting_acceptance' || a.status === 'accepted');
}

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

/** Statuses that take a case out of everyone's My work (the device's ENDED_STATUSES). */
const ENDS_MY_WORK: ReadonlySet<Status> = new Set<Status>(['closed', 'withdrawn', 'transferred']);

const userKey = (userId: string) => `user:${userId}`;
const teamKey = (teamId: string) => `team:${teamId}`;

/**
 * Everyone whose My work the case is in, as sorted unique keys (`user:<id>`, `team:<id>`): its
 * owners (active allocations) and whoever it is waiting on, none once it has ended. A person's
 * My work holds the case when this shares a key with their personKeys.
 */
export function myWorkKeys(state: CaseState): string[] {
  if (ENDS_MY_WORK.has(state.status)) return [];
  const waiting = waitingOn(state);
  const keys = [
    ...activeAllocations(state).map((a) => userKey(a.to)),
    ...waiting.userIds.map(userKey),
    ...waiting.teamIds.map(teamKey),
  ];
  return [...new Set(keys)].sort();
}

/** The keys that name a person in myWorkKeys: themselves and each of their teams. */
export function personKeys(person: { userId: string; teamIds: readonly string[] }): string[] {
  return [userKey(person.userId), ...person.teamIds.map(teamKey)];
}
