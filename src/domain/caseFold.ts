// What each event does to a case's data, apart from its status (the workflow machine sets
// that). Refuses what would corrupt the record: unknown or duplicate ids, stale draft versions.
import type { CaseState, ClockStop, Mark } from './caseState';
import type { CaseEvent, EventOf } from './events/catalogue';
import type { CaseId, IsoDate } from './ids';
import { accept, refuse, type StepResult } from './stepResult';
import { poundsWords } from './words';

type Folded = StepResult<CaseState>;

const has = <T>(list: readonly T[], match: (item: T) => boolean) => list.some(match);

/** A new case from its first event; `reference` is the server's permanent one when it has given it. */
export function startCase(
  caseId: CaseId,
  event: EventOf<'case.logged'>,
  reference: string | undefined,
): CaseState {
  const p = event.payload;
  return {
    kind: 'case',
    caseId,
    caseType: p.caseType,
    reference: reference ?? p.reference,
    isReferenceProvisional: reference === undefined,
    status: 'logged',
    statusBeforeStop: null,
    receivedOn: p.receivedOn,
    region: p.region,
    channel: p.channel,
    requester: p.requester,
    thirdParties: p.thirdParties ?? [],
    subject: p.subject,
    requestText: p.requestText,
    policyAreaId: p.policyAreaId ?? null,
    complaintStage: p.complaintStage ?? null,
    pqKind: p.pqKind ?? null,
    pqUin: p.pqUin ?? null,
    namedDay: p.namedDay ?? null,
    awareAt: p.awareAt ?? null,
    campaignOf: p.campaignOf ?? null,
    proposedDepartment: p.proposedDepartment ?? null,
    loggedBy: event.actor,
    loggedAt: event.madeAt,
    acknowledgedOn: null,
    links: p.linkedTo ? [p.linkedTo] : [],
    clockStops: [],
    clockRestartedOn: null,
    allocations: [],
    contributions: [],
    drafts: [],
    reviews: [],
    clearances: [],
    extensions: [],
    response: null,
    outcome: null,
    breach: null,
    transfer: null,
    withdrawal: null,
    notes: [],
    documents: [],
    marks: [],
    lastChangedAt: event.madeAt,
    eventCount: 1,
  };
}

function stopClock(state: CaseState, kind: ClockStop['kind'], from: IsoDate, detail: string): Folded {
  return accept({
    ...state,
    statusBeforeStop: state.status,
    clockStops: [...state.clockStops, { kind, from, to: null, detail }],
  });
}

function endClockStop(state: CaseState, kind: ClockStop['kind'], on: IsoDate, restarts: boolean): Folded {
  const index = state.clockStops.findLastIndex((s) => s.kind === kind && s.to === null);
  const open = state.clockStops[index];
  if (!open) return refuse('There is no open request for this on the case.');
  if (on < open.from) return refuse(`The reply cannot be dated before the request was made (${open.from}).`);
  const clockStops = state.clockStops.with(index, { ...open, to: on });
  return accept({ ...state, clockStops, clockRestartedOn: restarts ? on : state.clockRestartedOn });
}

type AllocationTarget = { to: string; teamId: string; service: string; acceptBy?: IsoDate | undefined };

/** A new allocation awaiting acceptance; one live allocation per person. */
function allocate(
  state: CaseState,
  allocationId: string,
  target: AllocationTarget,
  by: string,
  at: string,
): Folded {
  if (has(state.allocations, (a) => a.allocationId === allocationId))
    return refuse('An allocation with this id already exists on the case.');
  if (
    has(
      state.allocations,
      (a) => a.to === target.to && (a.status === 'awaiting_acceptance' || a.status === 'accepted'),
    )
  )
    return refuse('This case is already allocated to that person.');
  const allocation = {
    allocationId,
    to: target.to,
    teamId: target.teamId,
    service: target.service,
    acceptBy: target.acceptBy ?? null,
    status: 'awaiting_acceptance' as const,
    allocatedBy: by,
    allocatedAt: at,
    reason: null,
  };
  return accept({ ...state, allocations: [...state.allocations, allocation] });
}

function changeMark(
  state: CaseState,
  id: string,
  event: CaseEvent,
  change: (mark: Mark) => Mark | string,
  detail: string | null = null,
): Folded {
  const index = state.marks.findIndex((m) => m.id === id);
  const mark = state.marks[index];
  if (!mark) return refuse('There is no such mark on this case.');
  if (mark.status === 'deleted') return refuse('That mark has been deleted.');
  const changed = change(mark);
  if (typeof changed === 'string') return refuse(changed);
  const history = [...mark.history, { by: event.actor, at: event.madeAt, action: event.type, detail }];
  return accept({ ...state, marks: state.marks.with(index, { ...changed, history }) });
}

/** What an edit changed, in words, so the history keeps every person's version. */
function describeEdit(p: {
  text?: string | undefined;
  exemption?: string | undefined;
  note?: string | undefined;
  rects?: unknown;
  strokes?: unknown;
}): string | null {
  const parts = [
    p.text !== undefined ? `text "${p.text}"` : null,
    p.exemption !== undefined ? `exemption ${p.exemption}` : null,
    p.note !== undefined ? `note "${p.note}"` : null,
    p.rects !== undefined || p.strokes !== undefined ? 'moved or reshaped' : null,
  ].filter((x): x is string => x !== null);
  return parts.length > 0 ? parts.join('; ') : null;
}

/**
 * Which clock stops restart the clock when they end. SAR (Art 12A): identity and fee restart,
 * clarification only pauses. FOI family: clarification restarts, a fee notice only pauses.
 */
function restartsOn(state: CaseState, kind: ClockStop['kind']): boolean {
  return state.caseType === 'sar' ? kind !== 'clarification' : kind === 'clarification';
}

export function foldCase(state: CaseState, event: CaseEvent): Folded {
  const s = state;
  const by = event.actor;
  const at = event.madeAt;
  switch (event.type) {
    case 'case.logged':
      return refuse('This case has already been logged.');
    case 'case.details_corrected': {
      const { reason: _reason, ...fields } = event.payload;
      const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
      return accept({ ...s, ...defined });
    }
    case 'case.acknowledged':
      return accept({ ...s, acknowledgedOn: event.payload.acknowledgedOn });
    case 'case.clarification_requested':
      return stopClock(s, 'clarification', event.payload.requestedOn, event.payload.question);
    case 'case.clarification_received':
      return endClockStop(s, 'clarification', event.payload.receivedOn, restartsOn(s, 'clarification'));
    case 'case.fee_notice_sent':
      return stopClock(s, 'fee', event.payload.sentOn, poundsWords(event.payload.amountPence));
    case 'case.fee_received':
      return endClockStop(s, 'fee', event.payload.receivedOn, restartsOn(s, 'fee'));
    case 'case.identity_requested':
      return stopClock(s, 'identity', event.payload.requestedOn, event.payload.what);
    case 'case.identity_received':
      return endClockStop(s, 'identity', event.payload.receivedOn, restartsOn(s, 'identity'));
    case 'case.allocated':
      return allocate(s, event.payload.allocationId, event.payload, by, at);
    case 'case.allocation_accepted':
    case 'case.allocation_rejected': {
      const isAccepted = event.type === 'case.allocation_accepted';
      const reason = event.type === 'case.allocation_rejected' ? event.payload.reason : null;
      const allocations = s.allocations.map((a) =>
        a.allocationId === event.payload.allocationId
          ? { ...a, status: isAccepted ? ('accepted' as const) : ('rejected' as const), reason }
          : a,
      );
      return accept({ ...s, allocations });
    }
    case 'case.reallocated': {
      const p = event.payload;
      const handedOn = s.allocations.map((a) =>
        a.allocationId === p.allocationId ? { ...a, status: 'handed_on' as const, reason: p.reason } : a,
      );
      return allocate({ ...s, allocations: handedOn }, p.newAllocationId, p, by, at);
    }
    case 'contribution.requested': {
      const p = event.payload;
      if (has(s.contributions, (c) => c.contributionId === p.contributionId))
        return refuse('A contribution request with this id already exists on the case.');
      const contribution = {
        contributionId: p.contributionId,
        to: p.to,
        teamId: p.teamId ?? null,
        question: p.question,
        dueOn: p.dueOn,
        requestedBy: by,
        text: null,
        submittedAt: null,
      };
      return accept({ ...s, contributions: [...s.contributions, contribution] });
    }
    case 'contribution.submitted': {
      const contributions = s.contributions.map((c) =>
        c.contributionId === event.payload.contributionId
          ? { ...c, text: event.payload.text, submittedAt: at }
          : c,
      );
      return accept({ ...s, contributions });
    }
    case 'draft.saved': {
      const p = event.payload;
      const expected = s.drafts.length + 1;
      if (p.version !== expected)
        return refuse(
          `Someone else saved version ${s.drafts.length} of the draft first. Open the latest draft and save your changes again.`,
        );
      const parts = p.parts.map((part) => ({ ...part, fromContributionId: part.fromContributionId ?? null }));
      return accept({
        ...s,
        drafts: [
          ...s.drafts,
          { version: p.version, parts, templateId: p.templateId ?? null, savedBy: by, savedAt: at },
        ],
      });
    }
    case 'review.requested':
    case 'clearance.requested': {
      const isReview = event.type === 'review.requested';
      const id = event.type === 'review.requested' ? event.payload.reviewId : event.payload.clearanceId;
      const to = event.type === 'review.requested' ? event.payload.reviewer : event.payload.clearer;
      const list = isReview ? s.reviews : s.clearances;
      if (has(list, (a) => a.id === id)) return refuse('A request with this id already exists on the case.');
      const approval = {
        id,
        by: to,
        requestedBy: by,
        status: 'requested' as const,
        comments: null,
        draftVersion: s.drafts.at(-1)?.version ?? null,
      };
      return accept(
        isReview ? { ...s, reviews: [...list, approval] } : { ...s, clearances: [...list, approval] },
      );
    }
    case 'review.approved':
    case 'review.returned': {
      const status = event.type === 'review.approved' ? ('approved' as const) : ('returned' as const);
      const reviews = s.reviews.map((a) =>
        a.id === event.payload.reviewId ? { ...a, status, comments: event.payload.comments ?? null } : a,
      );
      return accept({ ...s, reviews });
    }
    case 'clearance.approved':
    case 'clearance.returned': {
      const status = event.type === 'clearance.approved' ? ('approved' as const) : ('returned' as const);
      const clearances = s.clearances.map((a) =>
        a.id === event.payload.clearanceId ? { ...a, status, comments: event.payload.comments ?? null } : a,
      );
      return accept({ ...s, clearances });
    }
    case 'response.sent': {
      const p = event.payload;
      return accept({
        ...s,
        response: {
          sentOn: p.sentOn,
          method: p.method,
          exemptions: p.exemptions,
          sentBy: by,
          documentSha: p.documentSha ?? null,
        },
      });
    }
    case 'case.extended': {
      const p = event.payload;
      return accept({
        ...s,
        extensions: [
          ...s.extensions,
          { kind: p.kind, reason: p.reason, newTarget: p.newTarget ?? null, by, at },
        ],
      });
    }
    case 'case.closed': {
      const p = event.payload;
      const outcome = {
        outcome: p.outcome,
        exemptions: p.exemptions,
        publishInDisclosureLog: p.publishInDisclosureLog,
        closedBy: by,
        closedAt: at,
      };
      return accept({ ...s, outcome });
    }
    case 'case.reopened':
      return accept({ ...s, outcome: null, withdrawal: null, transfer: null });
    case 'case.withdrawn':
      return accept({ ...s, withdrawal: { reason: event.payload.reason } });
    case 'case.transferred': {
      const p = event.payload;
      return accept({
        ...s,
        transfer: { toDepartment: p.toDepartment, transferredOn: p.transferredOn, reason: p.reason },
      });
    }
    case 'case.linked': {
      const link = event.payload;
      if (link.caseId === s.caseId) return refuse('A case cannot be linked to itself.');
      if (has(s.links, (l) => l.caseId === link.caseId && l.relation === link.relation))
        return refuse('These cases are already linked that way.');
      return accept({ ...s, links: [...s.links, link] });
    }
    case 'note.added': {
      if (has(s.notes, (n) => n.noteId === event.payload.noteId))
        return refuse('A note with this id already exists.');
      return accept({
        ...s,
        notes: [...s.notes, { noteId: event.payload.noteId, text: event.payload.text, by, at }],
      });
    }
    case 'document.added':
    case 'document.redacted_copy_added': {
      const p = event.payload;
      if (has(s.documents, (d) => d.sha256 === p.sha256))
        return refuse('This document is already on the case.');
      const isCopy = event.type === 'document.redacted_copy_added';
      if (isCopy && !has(s.documents, (d) => d.sha256 === event.payload.originalSha))
        return refuse('The original of this redacted copy is not on the case.');
      const document = {
        sha256: p.sha256,
        name: p.name,
        size: p.size,
        mime: event.type === 'document.added' ? event.payload.mime : 'application/pdf',
        kind: event.type === 'document.added' ? event.payload.kind : 'redacted_copy',
        addedBy: by,
        addedAt: at,
        redactedFrom: event.type === 'document.redacted_copy_added' ? event.payload.originalSha : null,
        exemptions: event.type === 'document.redacted_copy_added' ? event.payload.exemptions : [],
      };
      return accept({ ...s, documents: [...s.documents, document] });
    }
    case 'annotation.added':
    case 'redaction.proposed': {
      const p = event.payload;
      const id = event.type === 'annotation.added' ? event.payload.annotationId : event.payload.redactionId;
      if (has(s.marks, (m) => m.id === id)) return refuse('A mark with this id already exists.');
      if (!has(s.documents, (d) => d.sha256 === p.documentSha))
        return refuse('That document is not on this case.');
      if (event.type === 'annotation.added' && event.payload.inReplyTo !== undefined) {
        const parent = s.marks.find((m) => m.id === event.payload.inReplyTo);
        if (!parent || parent.status === 'deleted')
          return refuse('The comment being replied to is not on this case.');
        if (parent.documentSha !== p.documentSha) return refuse('A reply must be on the same document.');
      }
      const isAnnotation = event.type === 'annotation.added';
      const mark: Mark = {
        id,
        kind: isAnnotation ? 'annotation' : 'redaction',
        subtype: p.kind,
        documentSha: p.documentSha,
        page: p.page,
        rects: p.rects,
        strokes: isAnnotation ? (event.payload.strokes ?? []) : [],
        text: p.text ?? null,
        colour: isAnnotation ? (event.payload.colour ?? null) : null,
        inReplyTo: isAnnotation ? (event.payload.inReplyTo ?? null) : null,
        exemption: isAnnotation ? null : event.payload.exemption,
        note: isAnnotation ? null : (event.payload.note ?? null),
        author: by,
        madeAt: at,
        status: 'open',
        decidedBy: null,
        decidedAt: null,
        rejectionReason: null,
        history: [{ by, at, action: event.type, detail: null }],
      };
      return accept({ ...s, marks: [...s.marks, mark] });
    }
    case 'annotation.edited': {
      const p = event.payload;
      return changeMark(
        s,
        p.annotationId,
        event,
        (m) => {
          if (m.kind === 'annotation' && (p.exemption !== undefined || p.note !== undefined))
            return 'Only redactions have an exemption and a note.';
          const reshaped = p.rects !== undefined || p.exemption !== undefined;
          return {
            ...m,
            rects: p.rects ?? m.rects,
            strokes: p.strokes ?? m.strokes,
            text: p.text ?? m.text,
            exemption: p.exemption ?? m.exemption,
            note: p.note ?? m.note,
            // A redaction moved or given another exemption after a decision needs deciding again.
            ...(m.kind === 'redaction' && reshaped && m.status !== 'open'
              ? { status: 'open' as const, decidedBy: null, decidedAt: null, rejectionReason: null }
              : {}),
          };
        },
        describeEdit(p),
      );
    }
    case 'annotation.deleted':
      return changeMark(s, event.payload.annotationId, event, (m) => ({ ...m, status: 'deleted' }));
    case 'annotation.resolved':
      return changeMark(s, event.payload.annotationId, event, (m) =>
        m.kind === 'annotation' ? { ...m, status: 'resolved' } : 'Only comments can be resolved.',
      );
    case 'redaction.agreed':
    case 'redaction.rejected':
      return changeMark(
        s,
        event.payload.redactionId,
        event,
        (m) => {
          if (m.kind !== 'redaction') return 'That mark is not a redaction.';
          if (m.status !== 'open') return `That redaction has already been ${m.status}.`;
          return {
            ...m,
            status: event.type === 'redaction.agreed' ? 'agreed' : 'rejected',
            decidedBy: by,
            decidedAt: at,
            rejectionReason: event.type === 'redaction.rejected' ? event.payload.reason : null,
          };
        },
        event.type === 'redaction.rejected' ? event.payload.reason : null,
      );
    case 'breach.assessed':
      return accept({
        ...s,
        breach: {
          isReportable: event.payload.isReportable,
          reason: event.payload.reason,
          reportedAt: null,
          icoReference: null,
        },
      });
    case 'breach.reported': {
      if (!s.breach) return refuse('Assess the breach before reporting it.');
      const p = event.payload;
      return accept({
        ...s,
        breach: { ...s.breach, reportedAt: p.reportedAt, icoReference: p.icoReference ?? null },
      });
    }
  }
}
