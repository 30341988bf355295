// The guards the workflow tables name. Each looks only at the case and the event (so replay
// gives the same answer as the first decision) and says in words why it refuses, or null.

import type { Approval, CaseState } from '../caseState';
import { caseTypes } from '../caseTypes';
import type { CaseEvent } from '../events/catalogue';
import type { GuardName } from './table';

type Guard = (state: CaseState, event: CaseEvent) => string | null;

function payloadId(event: CaseEvent, key: string): string | undefined {
  const value: unknown = (event.payload as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : undefined;
}

function approvalGuard(list: (s: CaseState) => Approval[], key: string, what: string): Guard {
  return (state, event) => {
    const id = payloadId(event, key);
    const found = list(state).find((a) => a.id === id);
    if (!found) return `There is no ${what} request with that id on this case.`;
    if (found.status !== 'requested') return `That ${what} has already been ${found.status}.`;
    if (found.by !== event.actor) return `Only the person asked to do the ${what} can record it.`;
    return null;
  };
}

/** Which extension each kind of case may have (FOISA has none). */
const extensionKinds: Partial<Record<CaseState['caseType'], string>> = {
  foi: 'pit',
  eir: 'eir',
  sar: 'sar',
  internal_review: 'target',
  complaint: 'target',
  ministerial_correspondence: 'target',
  treat_official: 'target',
  campaign: 'target',
};

const extensionNames: Record<string, string> = {
  pit: 'public interest test extension',
  eir: 'extension for complex and voluminous requests',
  sar: 'extension for complex or numerous requests',
  target: 'new target date',
};

const FEE_TYPES = new Set<CaseState['caseType']>(['foi', 'foisa', 'sar']);

export const guards: Record<GuardName, Guard> = {
  actorHoldsPendingAllocation: (state, event) => {
    const allocation = state.allocations.find((a) => a.allocationId === payloadId(event, 'allocationId'));
    if (!allocation) return 'There is no allocation with that id on this case.';
    if (allocation.status !== 'awaiting_acceptance')
      return `That allocation has already been ${allocation.status.replace('_', ' ')}.`;
    if (allocation.to !== event.actor) return 'Only the person it was allocated to can accept or reject it.';
    return null;
  },
  allocationIsActive: (state, event) => {
    const allocation = state.allocations.find((a) => a.allocationId === payloadId(event, 'allocationId'));
    if (!allocation) return 'There is no allocation with that id on this case.';
    if (allocation.status === 'rejected' || allocation.status === 'handed_on')
      return 'That allocation is no longer active, so it cannot be handed on.';
    return null;
  },
  actorWasAskedToContribute: (state, event) => {
    const contribution = state.contributions.find(
      (c) => c.contributionId === payloadId(event, 'contributionId'),
    );
    if (!contribution) return 'There is no contribution request with that id on this case.';
    if (contribution.submittedAt !== null) return 'That contribution has already been given.';
    if (contribution.to !== event.actor) return 'Only the person asked for this contribution can give it.';
    return null;
  },
  actorIsReviewer: approvalGuard((s) => s.reviews, 'reviewId', 'review'),
  actorIsClearer: approvalGuard((s) => s.clearances, 'clearanceId', 'clearance'),
  hasDraft: (state) => (state.drafts.length > 0 ? null : 'There is no draft yet. Save a draft first.'),
  feesApply: (state) =>
    FEE_TYPES.has(state.caseType)
      ? null
      : `A fee notice does not apply to ${caseTypes[state.caseType].withArticle}.`,
  extensionAllowed: (state, event) => {
    if (event.type !== 'case.extended') return null;
    const allowed = extensionKinds[state.caseType];
    if (!allowed) return `The deadline of ${caseTypes[state.caseType].withArticle} cannot be extended.`;
    if (event.payload.kind !== allowed)
      return `For ${caseTypes[state.caseType].withArticle} the only extension is a ${extensionNames[allowed]}.`;
    if ((allowed === 'sar' || allowed === 'eir') && state.extensions.some((e) => e.kind === allowed))
      return 'This case has already been extended once, which is all the law allows.';
    return null;
  },
  assessedNotReportable: (state) =>
    state.breach && !state.breach.isReportable
      ? null
      : 'This breach has not been assessed as not reportable. Report it to the ICO first, or record the assessment.',
};
