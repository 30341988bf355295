// Test support: the people of a small organisation, raw events as a device would send them,
// and journeys that walk a case of any type into any state through the real `decide`.
// Used only by tests; pure like the rest of the domain.

import type { CaseState, Status, StreamState } from '../caseState';
import type { CaseType } from '../caseTypes';
import { decide } from '../decide';
import type { EventType } from '../events/catalogue';
import { INFORMATION_RIGHTS_TEAM, type Principal } from '../principal';
import { provisionalReference } from '../references';
import { workflowFor } from '../workflows/index';
import type { StateRow } from '../workflows/table';

export const CASE_ID = '0190a4b2-1c3d-4e5f-8a9b-0c1d2e3f4a5b';
export const OTHER_CASE_ID = '0190a4b2-1c3d-4e5f-8a9b-ffffffffffff';
export const CASE_STREAM = `case:${CASE_ID}`;
export const DOC_SHA = 'a'.repeat(64);
export const COPY_SHA = 'b'.repeat(64);
export const NOW = '2026-03-10T12:00:00Z';

const person = (
  userId: string,
  displayName: string,
  roles: Principal['roles'],
  teamIds: string[],
): Principal => ({
  userId,
  displayName,
  roles,
  teamIds,
});

export const people = {
  caseWorker: person('cw', 'Sam Case', ['case_worker'], [INFORMATION_RIGHTS_TEAM]),
  manager: person('mgr', 'Maya Manager', ['manager'], [INFORMATION_RIGHTS_TEAM]),
  priya: person('priya', 'Priya Shah', ['policy_official'], ['waste']),
  tom: person('tom', 'Tom Lee', ['policy_official'], ['housing']),
  cara: person('cara', 'Cara Contributor', ['contributor'], ['it']),
  clo: person('clo', 'Clare Officer', ['clearance_officer'], ['private-office']),
  admin: person('admin', 'Ada Admin', ['administrator'], ['digital']),
  outsider: person('olly', 'Olly Outsider', ['policy_official'], ['parks']),
  otherManager: person('mo', 'Mo Other', ['manager'], ['finance']),
} as const;

export type PersonKey = keyof typeof people;
const byId = new Map<string, Principal>(Object.values(people).map((p) => [p.userId, p]));
export const principalOf = (userId: string): Principal => byId.get(userId) ?? people.outsider;
export const nameOf = (userId: string) => byId.get(userId)?.displayName ?? userId;

let counter = 0;
/** A fresh UUIDv7-shaped id: time part fixed, the counter at the end. */
export function nextEventId(): string {
  counter += 1;
  return `0190a4b2-1c3d-7e5f-8a9b-${counter.toString(16).padStart(12, '0')}`;
}

export type RawEvent = {
  id: string;
  stream: string;
  type: string;
  actor: string;
  deviceId: string;
  madeAt: string;
  payload: Record<string, unknown>;
};

export function raw(
  type: EventType | string,
  payload: Record<string, unknown>,
  actor: string,
  stream = CASE_STREAM,
): RawEvent {
  return { id: nextEventId(), stream, type, actor, deviceId: 'tablet-1', madeAt: NOW, payload };
}

const YEAR = 2026;

/** A valid `case.logged` for any case type, with what that type requires. */
export function loggedPayload(
  caseType: CaseType,
  id = nextEventId(),
): { id: string; payload: Record<string, unknown> } {
  const extra: Record<CaseType, Record<string, unknown>> = {
    foi: {},
    eir: {},
    foisa: { region: 'scotland' },
    sar: {},
    internal_review: {
      linkedTo: { caseId: OTHER_CASE_ID, relation: 'internal_review_of', reference: 'FOI-2026-00001' },
    },
    complaint: { complaintStage: 1 },
    data_breach: { awareAt: '2026-03-02T09:00:00Z' },
    ministerial_correspondence: { requester: { name: 'Jane Doe MP', type: 'mp', constituency: 'Anytown' } },
    treat_official: {},
    pq: { pqKind: 'commons_ordinary', pqUin: 'HL1234' },
    transfer: { proposedDepartment: 'Department for Transport' },
    campaign: { campaignOf: 'foi' },
  };
  return {
    id,
    payload: {
      caseType,
      reference: provisionalReference(caseType, YEAR, id),
      receivedOn: '2026-03-02',
      channel: 'email',
      requester: { name: 'Jordan Ellis', email: 'jordan@example.org' },
      subject: 'Missed bin collections',
      requestText: 'How many bin collections were missed in 2025?',
      ...extra[caseType],
    },
  };
}

export function loggedEvent(caseType: CaseType, actor = people.caseWorker.userId): RawEvent {
  const { id, payload } = loggedPayload(caseType);
  return { ...raw('case.logged', payload, actor), id };
}

/** Raw events of the named steps, each with the person who would really send it. */
export const steps = {
  document: () =>
    raw(
      'document.added',
      { sha256: DOC_SHA, name: 'request.pdf', size: 1200, mime: 'application/pdf', kind: 'request' },
      'cw',
    ),
  annotation: () =>
    raw(
      'annotation.added',
      { annotationId: 'm1', documentSha: DOC_SHA, page: 1, kind: 'comment', rects: [], text: 'Check this' },
      'cw',
    ),
  redaction: () =>
    raw(
      'redaction.proposed',
      {
        redactionId: 'x1',
        documentSha: DOC_SHA,
        page: 1,
        rects: [{ x: 10, y: 10, width: 50, height: 12 }],
        exemption: 's40(2)',
      },
      'cw',
    ),
  clarify: () =>
    raw('case.clarification_requested', { question: 'Which year?', requestedOn: '2026-03-03' }, 'cw'),
  feeNotice: () => raw('case.fee_notice_sent', { amountPence: 12_500, sentOn: '2026-03-03' }, 'cw'),
  askIdentity: () =>
    raw('case.identity_requested', { requestedOn: '2026-03-03', what: 'A copy of a utility bill' }, 'cw'),
  allocate: (to = 'priya', allocationId = 'a1') =>
    raw(
      'case.allocated',
      { allocationId, to, teamId: `${to}-team`, service: 'Waste policy', acceptBy: '2026-03-05' },
      'cw',
    ),
  accept: (by = 'priya', allocationId = 'a1') => raw('case.allocation_accepted', { allocationId }, by),
  reject: (by = 'priya', allocationId = 'a1') =>
    raw('case.allocation_rejected', { allocationId, reason: 'This is a housing matter' }, by),
  draft: (version = 1, by = 'priya') =>
    raw('draft.saved', { version, parts: [{ partId: 'p1', author: by, text: 'Dear Jordan, …' }] }, by),
  askContribution: () =>
    raw(
      'contribution.requested',
      { contributionId: 'c1', to: 'cara', question: 'IT costs?', dueOn: '2026-03-12' },
      'priya',
    ),
  askReview: () => raw('review.requested', { reviewId: 'r1', reviewer: 'mgr' }, 'priya'),
  approveReview: () => raw('review.approved', { reviewId: 'r1' }, 'mgr'),
  askClearance: () => raw('clearance.requested', { clearanceId: 'k1', clearer: 'clo' }, 'priya'),
  send: () => raw('response.sent', { sentOn: '2026-03-20', method: 'email', exemptions: ['s40(2)'] }, 'cw'),
  close: () =>
    raw(
      'case.closed',
      { outcome: 'granted_in_part', exemptions: ['s40(2)'], publishInDisclosureLog: true },
      'cw',
    ),
  withdraw: () => raw('case.withdrawn', { reason: 'The requester withdrew it' }, 'cw'),
  transfer: () =>
    raw(
      'case.transferred',
      { toDepartment: 'Department for Transport', transferredOn: '2026-03-04', reason: 'Their policy' },
      'cw',
    ),
  assess: (isReportable: boolean) =>
    raw(
      'breach.assessed',
      { isReportable, reason: isReportable ? 'Health data of 300 people' : 'Encrypted laptop' },
      'cw',
    ),
  report: () => raw('breach.reported', { reportedAt: '2026-03-03T10:00:00Z', icoReference: 'ICO-123' }, 'cw'),
};

type StepName = keyof typeof steps;
type Journey = (() => RawEvent)[];

const base: Journey = [steps.document, steps.annotation, steps.redaction];
const inProgress: Journey = [...base, () => steps.allocate(), () => steps.accept(), () => steps.draft()];
const inReview: Journey = [...inProgress, steps.askReview];
const readyToSend: Journey = [...inReview, steps.approveReview];

/** How to walk a case into each state, step by step (after `case.logged`). */
export const journeys: Record<string, Journey> = {
  logged: base,
  awaiting_clarification: [...base, steps.clarify],
  awaiting_fee: [...base, steps.feeNotice],
  awaiting_identity: [...base, steps.askIdentity],
  awaiting_acceptance: [...base, () => steps.allocate()],
  to_allocate: [...base, () => steps.allocate(), () => steps.reject()],
  in_progress: inProgress,
  contributions_requested: [...inProgress, steps.askContribution],
  in_review: inReview,
  in_clearance: [...inProgress, steps.askClearance],
  ready_to_send: readyToSend,
  sent: [...readyToSend, steps.send],
  closed: [...readyToSend, steps.send, steps.close],
  withdrawn: [...base, steps.withdraw],
  transferred: [...base, steps.transfer],
  to_report: [...base, () => steps.allocate(), () => steps.accept(), () => steps.assess(true)],
  reported: [...base, () => steps.allocate(), () => steps.accept(), () => steps.assess(true), steps.report],
};

/** A breach is assessed rather than drafted, and closes after being reported. */
const breachJourneys: Record<string, Journey> = {
  in_progress: [...base, () => steps.allocate(), () => steps.accept()],
  closed: [...journeys.reported!, steps.close],
};

export function journeyTo(caseType: CaseType, status: string): Journey {
  const journey = (caseType === 'data_breach' ? breachJourneys[status] : undefined) ?? journeys[status];
  if (!journey) throw new Error(`No journey to ${status}`);
  return journey;
}

/** Runs events through `decide` as their actors; throws (failing the test) if one is refused. */
export function run(
  events: readonly RawEvent[],
  start: StreamState | null = null,
  reference?: string,
): StreamState {
  let state = start;
  for (const event of events) {
    const result = decide(state, event, principalOf(event.actor), {
      now: NOW,
      ...(reference && state === null ? { reference } : {}),
    });
    if (!result.ok) throw new Error(`${event.type} by ${event.actor} was refused: ${result.reason}`);
    state = result.state;
  }
  if (state === null) throw new Error('No events');
  return state;
}

export function asCase(state: StreamState): CaseState {
  if (state.kind !== 'case') throw new Error(`Expected a case, got the ${state.kind}`);
  return state;
}

export function caseIn(caseType: CaseType, status: string): CaseState {
  return asCase(run([loggedEvent(caseType), ...journeyTo(caseType, status).map((make) => make())]));
}

/** The fee stop is in the shared FOI-family table but only FOI, FOISA and SAR take fees. */
const TAKES_FEES = new Set<CaseType>(['foi', 'foisa', 'sar']);

/** The states of a type's table that a case of that type can reach, with their rows. */
export function reachableRows(caseType: CaseType): [Status, StateRow][] {
  return (Object.entries(workflowFor(caseType).states) as [Status, StateRow][]).filter(
    ([status]) => status !== 'awaiting_fee' || TAKES_FEES.has(caseType),
  );
}

export type { StepName };

const OTHER_LINK = '0190a4b2-1c3d-4e5f-8a9b-eeeeeeeeeeee';
const extensionKindFor: Partial<Record<CaseType, string>> = { foi: 'pit', eir: 'eir', sar: 'sar' };

/**
 * A valid event of `type` for this case as it stands, sent by the person who would send it:
 * the allocated official accepts, the asked contributor contributes, the reviewer reviews.
 */
export function sampleEvent(type: EventType, state: CaseState): RawEvent {
  const pending = state.allocations.find((a) => a.status === 'awaiting_acceptance');
  const active = state.allocations.find((a) => a.status === 'awaiting_acceptance' || a.status === 'accepted');
  const openContribution = state.contributions.find((c) => c.submittedAt === null);
  const openReview = state.reviews.find((r) => r.status === 'requested');
  const openClearance = state.clearances.find((c) => c.status === 'requested');
  const samples: Partial<Record<EventType, () => RawEvent>> = {
    'case.logged': () => loggedEvent(state.caseType),
    'note.added': () => raw('note.added', { noteId: 'n9', text: 'Phoned the requester' }, 'cw'),
    'document.added': () =>
      raw(
        'document.added',
        {
          sha256: 'c'.repeat(64),
          name: 'letter.pdf',
          size: 10,
          mime: 'application/pdf',
          kind: 'correspondence',
        },
        'cw',
      ),
    'document.redacted_copy_added': () =>
      raw(
        'document.redacted_copy_added',
        {
          originalSha: DOC_SHA,
          sha256: COPY_SHA,
          name: 'request-redacted.pdf',
          size: 900,
          schedule: [{ page: 1, label: 's40(2)' }],
          exemptions: ['s40(2)'],
        },
        'cw',
      ),
    'case.linked': () => raw('case.linked', { caseId: OTHER_LINK, relation: 'related' }, 'cw'),
    'case.details_corrected': () =>
      raw('case.details_corrected', { subject: 'Missed bin collections in 2025', reason: 'Typo' }, 'cw'),
    'case.acknowledged': () => raw('case.acknowledged', { acknowledgedOn: '2026-03-03' }, 'cw'),
    'annotation.added': () =>
      raw(
        'annotation.added',
        {
          annotationId: 'm2',
          documentSha: DOC_SHA,
          page: 2,
          kind: 'highlight',
          rects: [{ x: 1, y: 2, width: 3, height: 4 }],
        },
        'cw',
      ),
    'annotation.edited': () =>
      raw('annotation.edited', { annotationId: 'm1', text: 'Check this again' }, 'cw'),
    'annotation.deleted': () => raw('annotation.deleted', { annotationId: 'm1' }, 'cw'),
    'annotation.resolved': () => raw('annotation.resolved', { annotationId: 'm1' }, 'cw'),
    'redaction.proposed': () =>
      raw(
        'redaction.proposed',
        {
          redactionId: 'x2',
          documentSha: DOC_SHA,
          page: 2,
          rects: [{ x: 1, y: 2, width: 3, height: 4 }],
          exemption: 's43',
        },
        'cw',
      ),
    'redaction.agreed': () => raw('redaction.agreed', { redactionId: 'x1' }, 'cw'),
    'redaction.rejected': () =>
      raw('redaction.rejected', { redactionId: 'x1', reason: 'Already public' }, 'cw'),
    'case.clarification_requested': steps.clarify,
    'case.fee_notice_sent': steps.feeNotice,
    'case.identity_requested': steps.askIdentity,
    'case.clarification_received': () =>
      raw('case.clarification_received', { answer: '2025 only', receivedOn: '2026-03-05' }, 'cw'),
    'case.fee_received': () =>
      raw('case.fee_received', { amountPence: 12_500, receivedOn: '2026-03-05' }, 'cw'),
    'case.identity_received': () => raw('case.identity_received', { receivedOn: '2026-03-05' }, 'cw'),
    'case.allocated': () => steps.allocate('tom', 'a9'),
    'case.allocation_accepted': () => steps.accept(pending?.to, pending?.allocationId),
    'case.allocation_rejected': () => steps.reject(pending?.to, pending?.allocationId),
    'case.reallocated': () =>
      raw(
        'case.reallocated',
        {
          allocationId: active?.allocationId ?? 'a1',
          newAllocationId: 'a8',
          to: 'tom',
          teamId: 'housing',
          service: 'Housing',
          reason: 'Housing owns this',
        },
        active?.to ?? 'priya',
      ),
    'contribution.requested': () =>
      raw(
        'contribution.requested',
        { contributionId: 'c2', to: 'cara', question: 'Costs?', dueOn: '2026-03-13' },
        'priya',
      ),
    'contribution.submitted': () =>
      raw(
        'contribution.submitted',
        { contributionId: openContribution?.contributionId ?? 'c1', text: 'About £4,000' },
        openContribution?.to ?? 'cara',
      ),
    'draft.saved': () => steps.draft(state.drafts.length + 1),
    'review.requested': () => raw('review.requested', { reviewId: 'r2', reviewer: 'mgr' }, 'priya'),
    'review.approved': () =>
      raw('review.approved', { reviewId: openReview?.id ?? 'r1' }, openReview?.by ?? 'mgr'),
    'review.returned': () =>
      raw(
        'review.returned',
        { reviewId: openReview?.id ?? 'r1', comments: 'Say which exemption' },
        openReview?.by ?? 'mgr',
      ),
    'clearance.requested': () => raw('clearance.requested', { clearanceId: 'k2', clearer: 'clo' }, 'priya'),
    'clearance.approved': () =>
      raw('clearance.approved', { clearanceId: openClearance?.id ?? 'k1' }, openClearance?.by ?? 'clo'),
    'clearance.returned': () =>
      raw(
        'clearance.returned',
        { clearanceId: openClearance?.id ?? 'k1', comments: 'Too long' },
        openClearance?.by ?? 'clo',
      ),
    'response.sent': steps.send,
    'case.extended': () =>
      raw(
        'case.extended',
        { kind: extensionKindFor[state.caseType] ?? 'target', reason: 'Public interest test' },
        'cw',
      ),
    'case.closed': steps.close,
    'case.reopened': () => raw('case.reopened', { reason: 'The requester asked again' }, 'cw'),
    'case.withdrawn': steps.withdraw,
    'case.transferred': steps.transfer,
    'breach.assessed': () => steps.assess(true),
    'breach.reported': steps.report,
  };
  const make = samples[type];
  if (!make) throw new Error(`No sample for ${type}`);
  return make();
}
