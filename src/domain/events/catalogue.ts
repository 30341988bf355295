// The catalogue of event types: for each, its payload schema, the stream it belongs on and
// how a sentence refers to it. `ClearwayEvent` is derived from here, so a new event type is
// one entry in this table plus its rule in the workflow tables.
import type { z } from 'zod';
import * as c from './casePayloads';
import type { EventEnvelope } from './envelope';
import * as o from './orgPayloads';
import * as r from './reviewPayloads';

export type StreamKind = 'case' | 'directory' | 'templates' | 'calendar';

/**
 * Each entry: the payload schema; the stream it belongs on; `refused` completes "This case
 * is closed, so …" ("it cannot be allocated"); `action` completes "Only a manager can …".
 */
const entry = <S extends z.ZodType, K extends StreamKind>(
  schema: S,
  stream: K,
  refused: string,
  action: string,
) => ({
  schema,
  stream,
  refused,
  action,
});

export const eventCatalogue = {
  'case.logged': entry(c.caseLoggedSchema, 'case', 'it cannot be logged again', 'log a case'),
  'case.details_corrected': entry(
    c.detailsCorrectedSchema,
    'case',
    'its details cannot be corrected',
    "correct a case's details",
  ),
  'case.acknowledged': entry(c.acknowledgedSchema, 'case', 'it cannot be acknowledged', 'acknowledge a case'),
  'case.clarification_requested': entry(
    c.clarificationRequestedSchema,
    'case',
    'clarification cannot be requested',
    'ask for clarification',
  ),
  'case.clarification_received': entry(
    c.clarificationReceivedSchema,
    'case',
    'a clarification cannot be recorded',
    'record a clarification',
  ),
  'case.fee_notice_sent': entry(
    c.feeNoticeSentSchema,
    'case',
    'a fee notice cannot be sent',
    'send a fee notice',
  ),
  'case.fee_received': entry(c.feeReceivedSchema, 'case', 'a fee cannot be recorded', 'record a fee'),
  'case.identity_requested': entry(
    c.identityRequestedSchema,
    'case',
    'proof of identity cannot be requested',
    'ask for proof of identity',
  ),
  'case.identity_received': entry(
    c.identityReceivedSchema,
    'case',
    'proof of identity cannot be recorded',
    'record proof of identity',
  ),
  'case.allocated': entry(c.allocatedSchema, 'case', 'it cannot be allocated', 'allocate a case'),
  'case.allocation_accepted': entry(
    c.allocationAcceptedSchema,
    'case',
    'an allocation cannot be accepted',
    'accept an allocation',
  ),
  'case.allocation_rejected': entry(
    c.allocationRejectedSchema,
    'case',
    'an allocation cannot be rejected',
    'reject an allocation',
  ),
  'case.reallocated': entry(c.reallocatedSchema, 'case', 'it cannot be re-allocated', 're-allocate a case'),
  'contribution.requested': entry(
    c.contributionRequestedSchema,
    'case',
    'contributions cannot be requested',
    'ask for a contribution',
  ),
  'contribution.submitted': entry(
    c.contributionSubmittedSchema,
    'case',
    'a contribution cannot be added',
    'give a contribution',
  ),
  'draft.saved': entry(c.draftSavedSchema, 'case', 'the draft cannot be changed', 'change the draft'),
  'review.requested': entry(
    c.reviewRequestedSchema,
    'case',
    'it cannot be sent for review',
    'send a draft for review',
  ),
  'review.approved': entry(
    c.reviewApprovedSchema,
    'case',
    'the review cannot be approved',
    'approve a review',
  ),
  'review.returned': entry(
    c.reviewReturnedSchema,
    'case',
    'the draft cannot be returned from review',
    'return a draft from review',
  ),
  'clearance.requested': entry(
    c.clearanceRequestedSchema,
    'case',
    'it cannot be sent for clearance',
    'send a draft for clearance',
  ),
  'clearance.approved': entry(c.clearanceApprovedSchema, 'case', 'it cannot be cleared', 'clear a response'),
  'clearance.returned': entry(
    c.clearanceReturnedSchema,
    'case',
    'it cannot be returned from clearance',
    'return a draft from clearance',
  ),
  'response.sent': entry(c.responseSentSchema, 'case', 'the response cannot be sent', 'send the response'),
  'case.extended': entry(c.extendedSchema, 'case', 'the deadline cannot be extended', 'extend a deadline'),
  'case.closed': entry(c.closedSchema, 'case', 'it cannot be closed', 'close a case'),
  'case.reopened': entry(c.reopenedSchema, 'case', 'it cannot be reopened', 'reopen a case'),
  'case.withdrawn': entry(c.withdrawnSchema, 'case', 'it cannot be withdrawn', 'withdraw a case'),
  'case.transferred': entry(c.transferredSchema, 'case', 'it cannot be transferred', 'transfer a case'),
  'case.linked': entry(c.linkedSchema, 'case', 'it cannot be linked', 'link cases'),
  'note.added': entry(c.noteAddedSchema, 'case', 'a note cannot be added', 'add a note'),
  'document.added': entry(c.documentAddedSchema, 'case', 'a document cannot be added', 'add a document'),
  'document.redacted_copy_added': entry(
    c.redactedCopyAddedSchema,
    'case',
    'a redacted copy cannot be added',
    'add a redacted copy',
  ),
  'breach.assessed': entry(
    c.breachAssessedSchema,
    'case',
    'the breach cannot be assessed',
    'assess a breach',
  ),
  'breach.reported': entry(
    c.breachReportedSchema,
    'case',
    'the breach cannot be recorded as reported',
    'record a breach as reported',
  ),
  'annotation.added': entry(
    r.annotationAddedSchema,
    'case',
    'documents cannot be marked up',
    'mark up a document',
  ),
  'annotation.edited': entry(r.annotationEditedSchema, 'case', 'marks cannot be changed', 'change a mark'),
  'annotation.deleted': entry(r.annotationRefSchema, 'case', 'marks cannot be deleted', 'delete a mark'),
  'annotation.resolved': entry(
    r.annotationRefSchema,
    'case',
    'comments cannot be resolved',
    'resolve a comment',
  ),
  'redaction.proposed': entry(
    r.redactionProposedSchema,
    'case',
    'redactions cannot be proposed',
    'propose a redaction',
  ),
  'redaction.agreed': entry(
    r.redactionAgreedSchema,
    'case',
    'redactions cannot be agreed',
    'agree a redaction',
  ),
  'redaction.rejected': entry(
    r.redactionRejectedSchema,
    'case',
    'redactions cannot be rejected',
    'reject a redaction',
  ),
  'directory.imported': entry(
    o.directoryImportedSchema,
    'directory',
    'the directory cannot be imported',
    'import the directory',
  ),
  'directory.policy_area_saved': entry(
    o.policyAreaSchema,
    'directory',
    'policy areas cannot be saved',
    'save a policy area',
  ),
  'directory.team_saved': entry(o.directoryTeamSchema, 'directory', 'teams cannot be saved', 'save a team'),
  'directory.person_saved': entry(
    o.directoryPersonSchema,
    'directory',
    'people cannot be saved',
    'save a person in the directory',
  ),
  'directory.person_removed': entry(
    o.personRemovedSchema,
    'directory',
    'people cannot be removed',
    'remove a person from the directory',
  ),
  'directory.roles_changed': entry(
    o.rolesChangedSchema,
    'directory',
    "people's roles and teams cannot be changed",
    "change people's roles and teams",
  ),
  'directory.password_reset': entry(
    o.passwordResetSchema,
    'directory',
    'passwords cannot be reset',
    "reset people's passwords",
  ),
  'directory.sign_in_unlinked': entry(
    o.signInUnlinkedSchema,
    'directory',
    'organisation sign-in links cannot be removed',
    "remove people's organisation sign-in links",
  ),
  'template.saved': entry(o.templateSavedSchema, 'templates', 'templates cannot be saved', 'save a template'),
  'template.retired': entry(
    o.templateRetiredSchema,
    'templates',
    'templates cannot be retired',
    'retire a template',
  ),
  'calendar.holiday_added': entry(
    o.holidayAddedSchema,
    'calendar',
    'holidays cannot be added',
    'add a bank holiday',
  ),
} as const;

export type EventType = keyof typeof eventCatalogue;
export const eventTypes = Object.keys(eventCatalogue) as EventType[];

export type PayloadOf<T extends EventType> = z.output<(typeof eventCatalogue)[T]['schema']>;

type EnvelopeFields = Omit<EventEnvelope, 'type' | 'payload'>;

/** One event with its typed payload; narrow on `type`. */
export type EventOf<T extends EventType> = EnvelopeFields & { type: T; payload: PayloadOf<T> };

export type ClearwayEvent = { [T in EventType]: EventOf<T> }[EventType];
export type CaseEvent = Extract<ClearwayEvent, { type: CaseEventType }>;
export type CaseEventType = {
  [T in EventType]: (typeof eventCatalogue)[T]['stream'] extends 'case' ? T : never;
}[EventType];

export function isEventType(type: string): type is EventType {
  return Object.hasOwn(eventCatalogue, type);
}

export function isCaseEvent(event: ClearwayEvent): event is CaseEvent {
  return eventCatalogue[event.type].stream === 'case';
}
