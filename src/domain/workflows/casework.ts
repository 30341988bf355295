// The rows every casework table shares: role groups, the events allowed alongside any open
// state (notes, documents, mark-up), the allocation rows, and the drafting → review →
// clearance → send spine. The per-type tables compose these instead of copying them.
import { type Role, roleSchema } from '../principal';
import type { GuardName, StateRow, Target, Transition } from './table';

/** The information-rights team's roles: they log, allocate, stop clocks, send and close. */
export const CASE_OFFICE: readonly Role[] = ['case_worker', 'manager'];
/** People who own and draft a response. */
export const HANDLERS: readonly Role[] = ['case_worker', 'manager', 'policy_official'];
export const EVERYONE: readonly Role[] = roleSchema.options;
export const CLEARERS: readonly Role[] = ['clearance_officer', 'manager'];
export const REDACTION_DECIDERS: readonly Role[] = ['clearance_officer', 'manager', 'case_worker'];
/** Who may make a release copy: the people who draft and the people who agree redactions. */
export const RELEASERS: readonly Role[] = [...new Set([...HANDLERS, ...REDACTION_DECIDERS])];

export const go = (roles: readonly Role[], to: Target, guards?: readonly GuardName[]): Transition =>
  guards ? { roles, to, guards } : { roles, to };

type Events = StateRow['events'];

/** Allowed in every open state and leaving it unchanged. */
export const alongside: Events = {
  'note.added': go(EVERYONE, 'same'),
  'document.added': go(EVERYONE, 'same'),
  'document.redacted_copy_added': go(RELEASERS, 'same'),
  'case.linked': go(HANDLERS, 'same'),
  'case.details_corrected': go(CASE_OFFICE, 'same'),
  'case.acknowledged': go(CASE_OFFICE, 'same'),
  'annotation.added': go(EVERYONE, 'same'),
  'annotation.edited': go(EVERYONE, 'same'),
  'annotation.deleted': go(EVERYONE, 'same'),
  'annotation.resolved': go(EVERYONE, 'same'),
  'redaction.proposed': go(EVERYONE, 'same'),
  'redaction.agreed': go(REDACTION_DECIDERS, 'same'),
  'redaction.rejected': go(REDACTION_DECIDERS, 'same'),
};

/** Allowed once a case is finished: the record can still be annotated and linked. */
export const afterwards: Events = {
  'note.added': go(EVERYONE, 'same'),
  'document.added': go(HANDLERS, 'same'),
  'case.linked': go(HANDLERS, 'same'),
  'case.reopened': go(CASE_OFFICE, { using: 'afterReopening' }),
};

export const leaving: Events = {
  'case.withdrawn': go(CASE_OFFICE, 'withdrawn'),
  'case.transferred': go(CASE_OFFICE, 'transferred'),
};

/** Once someone holds the case: add another service, or hand an allocation on (with a reason). */
export const allocating: Events = {
  'case.allocated': go(CASE_OFFICE, 'awaiting_acceptance'),
  'case.reallocated': go(HANDLERS, 'awaiting_acceptance', ['allocationIsActive']),
};

/** While allocations wait: each allocated person accepts or rejects their own. */
export const accepting: Events = {
  ...allocating,
  'case.allocated': go(CASE_OFFICE, 'same'),
  'case.allocation_accepted': go(HANDLERS, { using: 'afterAcceptance' }, ['actorHoldsPendingAllocation']),
  'case.allocation_rejected': go(HANDLERS, { using: 'afterRejection' }, ['actorHoldsPendingAllocation']),
};

const extending: Events = { 'case.extended': go(CASE_OFFICE, 'same', ['extensionAllowed']) };

export type ClockStopKind = 'clarification' | 'fee' | 'identity';

const stopEvents: Record<ClockStopKind, Events> = {
  clarification: { 'case.clarification_requested': go(CASE_OFFICE, 'awaiting_clarification') },
  fee: { 'case.fee_notice_sent': go(CASE_OFFICE, 'awaiting_fee', ['feesApply']) },
  identity: { 'case.identity_requested': go(CASE_OFFICE, 'awaiting_identity') },
};

const stopStates: Record<
  ClockStopKind,
  [key: 'awaiting_clarification' | 'awaiting_fee' | 'awaiting_identity', StateRow]
> = {
  clarification: [
    'awaiting_clarification',
    {
      label: 'Awaiting clarification',
      is: 'waiting for the requester to clarify',
      hint: "Record the requester's answer first, or withdraw the case.",
      isOpen: true,
      events: {
        'case.clarification_received': go(CASE_OFFICE, { using: 'resumeAfterClockStop' }),
        'case.withdrawn': go(CASE_OFFICE, 'withdrawn'),
        ...alongside,
      },
    },
  ],
  fee: [
    'awaiting_fee',
    {
      label: 'Awaiting fee',
      is: 'waiting for the fee to be paid',
      hint: 'Record the fee first, or withdraw the case if it is not paid.',
      isOpen: true,
      events: {
        'case.fee_received': go(CASE_OFFICE, { using: 'resumeAfterClockStop' }),
        'case.withdrawn': go(CASE_OFFICE, 'withdrawn'),
        ...alongside,
      },
    },
  ],
  identity: [
    'awaiting_identity',
    {
      label: 'Awaiting proof of identity',
      is: 'waiting for proof of identity',
      hint: 'Record the proof of identity first, or withdraw the case.',
      isOpen: true,
      events: {
        'case.identity_received': go(CASE_OFFICE, { using: 'resumeAfterClockStop' }),
        'case.withdrawn': go(CASE_OFFICE, 'withdrawn'),
        ...alongside,
      },
    },
  ],
};

const row = (label: string, is: string, hint: string, events: Events, isOpen = true): StateRow => ({
  label,
  is,
  hint,
  isOpen,
  events,
});

const eventsOf = (kinds: readonly ClockStopKind[]): Events =>
  Object.assign({}, ...kinds.map((k) => stopEvents[k]));

/**
 * The casework states from logging to closing, with the clock stops this kind of case has.
 * The whole FOI family, SAR and correspondence tables are this with different stops.
 */
export function caseworkStates(
  stops: readonly ClockStopKind[],
  sentLabel: string,
): Partial<Record<string, StateRow>> {
  const clockStops = eventsOf(stops);
  const intake: Events = {
    ...clockStops,
    'case.allocated': go(CASE_OFFICE, 'awaiting_acceptance'),
    ...leaving,
    ...alongside,
  };
  const drafting: Events = {
    'draft.saved': go(HANDLERS, 'same'),
    'review.requested': go(HANDLERS, 'in_review', ['hasDraft']),
    'clearance.requested': go(HANDLERS, 'in_clearance', ['hasDraft']),
  };
  const refuseUntilSent = 'Send the response first.';
  return {
    logged: row('Logged', 'newly logged', 'Allocate it first.', intake),
    to_allocate: row('To allocate', 'waiting to be allocated', 'Allocate it first.', intake),
    ...Object.fromEntries(stops.map((k) => stopStates[k])),
    awaiting_acceptance: row(
      'Awaiting acceptance',
      'waiting for its allocation to be accepted',
      'The allocation must be accepted first.',
      {
        ...clockStops,
        ...accepting,
        ...leaving,
        ...extending,
        ...alongside,
      },
    ),
    in_progress: row('In progress', 'in progress', 'Finish the draft and have it approved first.', {
      ...clockStops,
      ...allocating,
      ...drafting,
      'contribution.requested': go(HANDLERS, 'contributions_requested'),
      ...extending,
      ...leaving,
      ...alongside,
    }),
    contributions_requested: row(
      'Contributions requested',
      'waiting for contributions',
      'Wait for the contributions first.',
      {
        'contribution.requested': go(HANDLERS, 'same'),
        'contribution.submitted': go(EVERYONE, { using: 'afterContribution' }, ['actorWasAskedToContribute']),
        'draft.saved': go(HANDLERS, 'same'),
        'case.reallocated': go(HANDLERS, 'awaiting_acceptance', ['allocationIsActive']),
        ...extending,
        ...leaving,
        ...alongside,
      },
    ),
    in_review: row('In review', 'in review', 'Wait for the reviewer to approve or return the draft.', {
      'review.approved': go(EVERYONE, 'ready_to_send', ['actorIsReviewer']),
      'review.returned': go(EVERYONE, 'in_progress', ['actorIsReviewer']),
      ...extending,
      ...leaving,
      ...alongside,
    }),
    in_clearance: row('In clearance', 'in clearance', 'Wait for clearance to approve or return it.', {
      'clearance.approved': go(CLEARERS, 'ready_to_send', ['actorIsClearer']),
      'clearance.returned': go(CLEARERS, 'in_progress', ['actorIsClearer']),
      ...extending,
      ...leaving,
      ...alongside,
    }),
    ready_to_send: row('Ready to send', 'ready to send', refuseUntilSent, {
      'response.sent': go(HANDLERS, 'sent'),
      // Changing an approved draft sends it back to be approved again.
      'draft.saved': go(HANDLERS, 'in_progress'),
      'review.requested': go(HANDLERS, 'in_review', ['hasDraft']),
      'clearance.requested': go(HANDLERS, 'in_clearance', ['hasDraft']),
      ...extending,
      ...leaving,
      ...alongside,
    }),
    sent: row(sentLabel, sentLabel.toLowerCase(), 'Close it, or reopen it later if more is needed.', {
      'case.closed': go(CASE_OFFICE, 'closed'),
      ...alongside,
    }),
    closed: row('Closed', 'closed', 'Reopen it first.', afterwards, false),
    withdrawn: row('Withdrawn', 'withdrawn', 'Reopen it first.', afterwards, false),
    transferred: row(
      'Transferred',
      'transferred to another department',
      'Reopen it first.',
      afterwards,
      false,
    ),
  };
}
