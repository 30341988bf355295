// Every transition of every workflow table, generated from the tables so none is missed, with
// the outcome each should have written out here from the rules, not read back from the table.
import { describe, expect, test } from 'vitest';
import type { CaseState } from '../caseState';
import { type CaseType, caseTypeSchema } from '../caseTypes';
import { decide } from '../decide';
import type { CaseEventType } from '../events/catalogue';
import { caseIn, NOW, principalOf, reachableRows, sampleEvent } from '../testing/journeys';
import { workflowFor } from './index';

const CORRESPONDENCE = new Set<CaseType>([
  'complaint',
  'ministerial_correspondence',
  'treat_official',
  'pq',
  'transfer',
  'campaign',
]);
const TAKES_FEES = new Set<CaseType>(['foi', 'foisa', 'sar']);
const EXTENDABLE = new Set<CaseType>([
  'foi',
  'eir',
  'sar',
  'internal_review',
  'complaint',
  'ministerial_correspondence',
  'treat_official',
  'campaign',
]);

function label(caseType: CaseType, status: string): string {
  const words: Record<string, string> = {
    logged: 'Logged',
    awaiting_clarification: 'Awaiting clarification',
    awaiting_fee: 'Awaiting fee',
    awaiting_identity: 'Awaiting proof of identity',
    to_allocate: 'To allocate',
    awaiting_acceptance: 'Awaiting acceptance',
    in_progress: caseType === 'data_breach' ? 'Being assessed' : 'In progress',
    contributions_requested: 'Contributions requested',
    in_review: 'In review',
    in_clearance: 'In clearance',
    ready_to_send: 'Ready to send',
    sent: CORRESPONDENCE.has(caseType) ? 'Reply sent' : 'Sent',
    to_report: 'To report to the ICO',
    reported: 'Reported to the ICO',
    closed: 'Closed',
    withdrawn: 'Withdrawn',
    transferred: 'Transferred',
  };
  return words[status] ?? `no label for ${status}`;
}

const SAME_STATE = new Set<string>([
  'note.added',
  'document.added',
  'document.redacted_copy_added',
  'case.linked',
  'case.details_corrected',
  'case.acknowledged',
  'annotation.added',
  'annotation.edited',
  'annotation.deleted',
  'annotation.resolved',
  'redaction.proposed',
  'redaction.agreed',
  'redaction.rejected',
]);

/** SAR and breach cases: only the information-rights team and the people allocated see them. */
const SENSITIVE = new Set<CaseType>(['sar', 'data_breach']);

/** What should happen, from the rules: the new state's label, or the refusal a person reads. */
function expected(caseType: CaseType, from: string, type: CaseEventType): string | RegExp {
  if (SAME_STATE.has(type)) return label(caseType, from);
  // The journeys ask a contributor and a clearance officer from outside the team, who may not
  // see a sensitive case unless it is allocated to them.
  const isOutsideHelper =
    type === 'contribution.submitted' || (type.startsWith('clearance.') && type !== 'clearance.requested');
  if (SENSITIVE.has(caseType) && isOutsideHelper) return /^You do not have access to this case\.$/;
  switch (type) {
    case 'case.clarification_requested':
      return 'Awaiting clarification';
    case 'case.fee_notice_sent':
      return TAKES_FEES.has(caseType) ? 'Awaiting fee' : /^A fee notice does not apply to/;
    case 'case.identity_requested':
      return 'Awaiting proof of identity';
    case 'case.clarification_received':
    case 'case.fee_received':
    case 'case.identity_received':
      return 'Logged'; // back where the clock stopped (every journey stops it straight after logging)
    case 'case.allocated':
    case 'case.reallocated':
      return 'Awaiting acceptance';
    case 'case.allocation_accepted':
      return label(caseType, 'in_progress');
    case 'case.allocation_rejected':
      return 'To allocate';
    case 'contribution.requested':
      return 'Contributions requested';
    case 'contribution.submitted':
      return 'In progress';
    case 'draft.saved':
      return from === 'ready_to_send' ? 'In progress' : label(caseType, from);
    case 'review.requested':
      return 'In review';
    case 'clearance.requested':
      return 'In clearance';
    case 'review.approved':
    case 'clearance.approved':
      return 'Ready to send';
    case 'review.returned':
    case 'clearance.returned':
      return 'In progress';
    case 'response.sent':
      return label(caseType, 'sent');
    case 'case.extended':
      return EXTENDABLE.has(caseType) ? label(caseType, from) : /cannot be extended/;
    case 'case.closed':
      return caseType === 'data_breach' && from === 'in_progress'
        ? /has not been assessed as not reportable/
        : 'Closed';
    case 'case.reopened':
      return from === 'closed' ? label(caseType, 'in_progress') : 'To allocate';
    case 'case.withdrawn':
      return 'Withdrawn';
    case 'case.transferred':
      return 'Transferred';
    case 'breach.assessed':
      return 'To report to the ICO';
    case 'breach.reported':
      return 'Reported to the ICO';
    case 'case.logged':
      return /already been logged/;
  }
  return `no expectation for ${type}`;
}

/** One field each change must leave behind, checked beside the status. */
function checkFields(type: CaseEventType, before: CaseState, after: CaseState): void {
  switch (type) {
    case 'case.allocated':
      expect(after.allocations.find((a) => a.allocationId === 'a9')).toMatchObject({
        to: 'tom',
        status: 'awaiting_acceptance',
      });
      break;
    case 'case.allocation_accepted':
      expect(after.allocations.filter((a) => a.status === 'accepted').length).toBe(
        before.allocations.filter((a) => a.status === 'accepted').length + 1,
      );
      break;
    case 'case.allocation_rejected':
      expect(
        after.allocations.some((a) => a.status === 'rejected' && a.reason === 'This is a housing matter'),
      ).toBe(true);
      break;
    case 'case.reallocated':
      expect(after.allocations.find((a) => a.allocationId === 'a8')?.to).toBe('tom');
      expect(
        after.allocations.some((a) => a.status === 'handed_on' && a.reason === 'Housing owns this'),
      ).toBe(true);
      break;
    case 'contribution.submitted':
      expect(after.contributions.find((c) => c.contributionId === 'c1')?.text).toBe('About £4,000');
      break;
    case 'draft.saved':
      expect(after.drafts).toHaveLength(before.drafts.length + 1);
      break;
    case 'note.added':
      expect(after.notes.at(-1)).toMatchObject({ text: 'Phoned the requester', by: 'cw' });
      break;
    case 'case.clarification_requested':
      expect(after.clockStops.at(-1)).toMatchObject({ kind: 'clarification', from: '2026-03-03', to: null });
      break;
    case 'case.clarification_received':
      expect(after.clockStops.at(-1)).toMatchObject({ kind: 'clarification', to: '2026-03-05' });
      break;
    case 'response.sent':
      expect(after.response).toMatchObject({ sentOn: '2026-03-20', method: 'email', sentBy: 'cw' });
      break;
    case 'case.closed':
      expect(after.outcome).toMatchObject({ outcome: 'granted_in_part', publishInDisclosureLog: true });
      break;
    case 'case.reopened':
      expect(after.outcome).toBeNull();
      break;
    case 'annotation.edited':
      expect(after.marks.find((m) => m.id === 'm1')?.history.map((h) => h.action)).toEqual([
        'annotation.added',
        'annotation.edited',
      ]);
      break;
    case 'redaction.agreed':
      expect(after.marks.find((m) => m.id === 'x1')?.status).toBe('agreed');
      break;
  }
}

const cases = caseTypeSchema.options.flatMap((caseType) =>
  reachableRows(caseType).flatMap(([status, row]) =>
    Object.keys(row?.events ?? {}).map((type) => ({ caseType, status, type: type as CaseEventType })),
  ),
);

describe('every transition of every workflow table', () => {
  test('the tables are not empty', () => {
    expect(cases.length).toBeGreaterThan(500);
  });

  test.each(cases)('$caseType: $status --$type--> as the rules say', ({ caseType, status, type }) => {
    const before = caseIn(caseType, status);
    if (before.kind !== 'case') throw new Error('not a case');
    expect(before.status).toBe(status);
    const event = sampleEvent(type, before);
    const result = decide(before, event, principalOf(event.actor), { now: NOW });
    const want = expected(caseType, status, type);
    if (typeof want === 'string') {
      if (!result.ok) throw new Error(`refused: ${result.reason}`);
      if (result.state.kind !== 'case') throw new Error('not a case');
      expect(workflowFor(caseType).states[result.state.status]?.label).toBe(want);
      checkFields(type, before, result.state);
    } else {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason).toMatch(want);
    }
  });
});
