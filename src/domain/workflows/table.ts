// The shape of a workflow table (workflow as data, after the MoJ Correspondence Tool): for each
// state, the events allowed in it, the roles that may send each, its guards and where it leads.

import type { CaseState, Status } from '../caseState';
import type { WorkflowName } from '../caseTypes';
import type { CaseEventType } from '../events/catalogue';
import type { Role } from '../principal';

/** Named guards, implemented in guards.ts: each says in words why it refuses. */
export type GuardName =
  | 'actorHoldsPendingAllocation'
  | 'allocationIsActive'
  | 'actorWasAskedToContribute'
  | 'actorIsReviewer'
  | 'actorIsClearer'
  | 'hasDraft'
  | 'feesApply'
  | 'extensionAllowed'
  | 'assessedNotReportable';

/** Targets that depend on the case after the event (CTS's `transition_to_using`). */
export type TargetResolver =
  | 'afterAcceptance'
  | 'afterRejection'
  | 'afterContribution'
  | 'resumeAfterClockStop'
  | 'afterReopening'
  | 'afterAssessment';

export type Target = Status | 'same' | { using: TargetResolver };

export type Transition = {
  roles: readonly Role[];
  to: Target;
  guards?: readonly GuardName[];
};

export type StateRow = {
  /** Plain words shown to people: "Awaiting acceptance". */
  label: string;
  /** Completes "This case is …": "waiting to be allocated". */
  is: string;
  /** What to do instead when an event is refused here: "Reopen it first." */
  hint: string;
  isOpen: boolean;
  events: Partial<Record<CaseEventType, Transition>>;
};

export type WorkflowTable = {
  name: WorkflowName;
  /** Who may log a new case of this kind, and the state it starts in. */
  start: { roles: readonly Role[]; to: Status };
  states: Partial<Record<Status, StateRow>>;
};

export type Resolve = (state: CaseState) => Status;
