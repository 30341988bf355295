// Who may see a case and who may send each event. Need to know: the information-rights team,
// managers and administrators see every ordinary case; others see the cases they were
// allocated or asked to contribute to, review or clear. SAR and data-breach cases hold
// personal data: only the information-rights team and the people allocated see them.

import type { CaseState, StreamState } from './caseState';
import { caseTypes } from './caseTypes';
import { type ClearwayEvent, eventCatalogue, isCaseEvent, type StreamKind } from './events/catalogue';
import { INFORMATION_RIGHTS_TEAM, type Principal, type Role } from './principal';
import { listWords } from './words';
import { workflowFor } from './workflows/index';
import { refusalInState, transitionFor } from './workflows/machine';

export type Permission = { ok: true } | { ok: false; reason: string };

const ALLOWED: Permission = { ok: true };
const deny = (reason: string): Permission => ({ ok: false, reason });

export const roleNames = {
  case_worker: 'a case worker',
  policy_official: 'a policy official',
  contributor: 'a contributor',
  clearance_officer: 'a clearance officer',
  manager: 'a manager',
  administrator: 'an administrator',
} as const satisfies Record<Role, string>;

/** Who looks after the organisation streams. */
const orgEditors: Record<Exclude<StreamKind, 'case'>, readonly Role[]> = {
  directory: ['administrator'],
  templates: ['administrator', 'manager', 'case_worker'],
  calendar: ['administrator'],
};

const isInInformationRights = (p: Principal) => p.teamIds.includes(INFORMATION_RIGHTS_TEAM);
const hasAnyRole = (p: Principal, roles: readonly Role[]) => p.roles.some((r) => roles.includes(r));

function isAllocated(state: CaseState, userId: string): boolean {
  return state.allocations.some(
    (a) => a.to === userId && (a.status === 'awaiting_acceptance' || a.status === 'accepted'),
  );
}

/** Asked to contribute, review or clear: they need the case to do it. */
function isAskedToHelp(state: CaseState, userId: string): boolean {
  return (
    state.contributions.some((c) => c.to === userId) ||
    state.reviews.some((r) => r.by === userId) ||
    state.clearances.some((c) => c.by === userId)
  );
}

export function canSee(principal: Principal, state: StreamState | null): boolean {
  if (state === null || state.kind !== 'case') return true;
  if (isInInformationRights(principal)) return true;
  if (isAllocated(state, principal.userId)) return true;
  if (caseTypes[state.caseType].isSensitive) return false;
  if (hasAnyRole(principal, ['manager', 'administrator'])) return true;
  return state.loggedBy === principal.userId || isAskedToHelp(state, principal.userId);
}

/** "a case worker or a manager" */
export const listRoles = (roles: readonly Role[]): string =>
  listWords(
    roles.map((r) => roleNames[r]),
    'or',
  );

/**
 * May this person send this event to this stream now? Checks the actor, need to know, the
 * workflow (so the reason is the most useful one) and the roles the table allows.
 */
export function canSend(principal: Principal, event: ClearwayEvent, state: StreamState | null): Permission {
  if (event.actor !== principal.userId)
    return deny(`This change is signed as ${event.actor}, but you are signed in as ${principal.userId}.`);
  const belongs = eventCatalogue[event.type].stream;
  if (belongs !== 'case') {
    const editors = orgEditors[belongs];
    return hasAnyRole(principal, editors)
      ? ALLOWED
      : deny(`Only ${listRoles(editors)} can ${eventCatalogue[event.type].action}.`);
  }
  if (state === null || state.kind !== 'case') {
    if (event.type !== 'case.logged') return ALLOWED; // the reducer explains why this cannot happen
    const { roles } = workflowFor(event.payload.caseType).start;
    return hasAnyRole(principal, roles)
      ? ALLOWED
      : deny(`Only ${listRoles(roles)} can ${eventCatalogue[event.type].action}.`);
  }
  if (!canSee(principal, state)) return deny('You do not have access to this case.');
  if (event.type === 'case.logged') return deny('This case has already been logged.');
  if (!isCaseEvent(event)) return ALLOWED; // checked above; narrows the type
  const transition = transitionFor(state, event.type);
  if (!transition) return deny(refusalInState(state, event.type));
  if (!hasAnyRole(principal, transition.roles))
    return deny(`Only ${listRoles(transition.roles)} can ${eventCatalogue[event.type].action}.`);
  // Anyone may pass an allocation on, in any division, but only their own unless they run the casework.
  if (event.type === 'case.reallocated' && !hasAnyRole(principal, ['case_worker', 'manager'])) {
    const held = state.allocations.find((a) => a.allocationId === event.payload.allocationId);
    if (held && held.to !== principal.userId)
      return deny('You can only re-allocate an allocation that is yours.');
  }
  return ALLOWED;
}
