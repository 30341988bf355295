// One plain sentence per event for the timeline: "Allocated to Priya Shah (Waste policy)".
// Names come from the caller (the directory), so the domain stays free of look-ups.
import { caseTypes, pqKindLabels } from './caseTypes';
import type { ClearwayEvent, EventOf, EventType } from './events/catalogue';
import { roleNames } from './permissions';
import type { Role } from './principal';
import { listWords, poundsWords } from './words';

export type NameOf = (userId: string) => string;

const outcomeWords = {
  granted_in_full: 'information given in full',
  granted_in_part: 'information given in part',
  refused: 'refused',
  not_held: 'information not held',
  withdrawn: 'withdrawn',
} as const;

const exemptionWords = (list: readonly string[]) =>
  list.length > 0 ? `, relying on ${list.join(', ')}` : '';

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x) => b.includes(x));
const roleList = (roles: readonly Role[]) =>
  roles.length === 0 ? 'none' : listWords(roles.map((r) => roleNames[r].replace(/^an? /, '')));
const teamList = (teamIds: readonly string[]) => (teamIds.length === 0 ? 'none' : listWords(teamIds));

type Describers = { [T in EventType]: (event: EventOf<T>, nameOf: NameOf) => string };

const describers: Describers = {
  'case.logged': ({ payload: p }) => {
    const kind = p.caseType === 'pq' && p.pqKind ? pqKindLabels[p.pqKind] : caseTypes[p.caseType].label;
    const stage = p.complaintStage ? ` (stage ${p.complaintStage})` : '';
    return `Logged ${kind.toLowerCase()}${stage} from ${p.requester.name}: "${p.subject}"`;
  },
  'case.details_corrected': ({ payload: p }) => `Corrected the case details: ${p.reason}`,
  'case.acknowledged': () => 'Acknowledged receipt to the requester',
  'case.clarification_requested': () => 'Asked the requester to clarify the request (the clock stops)',
  'case.clarification_received': () => 'Recorded the requester’s clarification (the clock starts again)',
  'case.fee_notice_sent': ({ payload: p }) =>
    `Sent a fee notice for ${poundsWords(p.amountPence)} (the clock is paused)`,
  'case.fee_received': ({ payload: p }) => `Recorded the fee of ${poundsWords(p.amountPence)} as paid`,
  'case.identity_requested': ({ payload: p }) => `Asked the requester for proof of identity: ${p.what}`,
  'case.identity_received': () => 'Recorded proof of identity (the clock starts)',
  'case.allocated': ({ payload: p }, nameOf) => `Allocated to ${nameOf(p.to)} (${p.service})`,
  'case.allocation_accepted': () => 'Accepted the allocation',
  'case.allocation_rejected': ({ payload: p }) => `Rejected the allocation: ${p.reason}`,
  'case.reallocated': ({ payload: p }, nameOf) =>
    `Re-allocated to ${nameOf(p.to)} (${p.service}): ${p.reason}`,
  'contribution.requested': ({ payload: p }, nameOf) => `Asked ${nameOf(p.to)} for a contribution`,
  'contribution.submitted': () => 'Gave a contribution',
  'draft.saved': ({ payload: p }) => `Saved version ${p.version} of the draft response`,
  'review.requested': ({ payload: p }, nameOf) => `Sent the draft to ${nameOf(p.reviewer)} for review`,
  'review.approved': () => 'Approved the draft',
  'review.returned': ({ payload: p }) => `Returned the draft with comments: ${p.comments}`,
  'clearance.requested': ({ payload: p }, nameOf) =>
    `Sent the response to ${nameOf(p.clearer)} for clearance`,
  'clearance.approved': () => 'Cleared the response',
  'clearance.returned': ({ payload: p }) => `Returned the response from clearance: ${p.comments}`,
  'response.sent': ({ payload: p }) => `Sent the response by ${p.method}${exemptionWords(p.exemptions)}`,
  'case.extended': ({ payload: p }) => `Extended the deadline: ${p.reason}`,
  'case.closed': ({ payload: p }) =>
    `Closed the case: ${outcomeWords[p.outcome]}${exemptionWords(p.exemptions)}${p.publishInDisclosureLog ? ' (to publish in the disclosure log)' : ''}`,
  'case.reopened': ({ payload: p }) => `Reopened the case: ${p.reason}`,
  'case.withdrawn': ({ payload: p }) => `Withdrew the case: ${p.reason}`,
  'case.transferred': ({ payload: p }) => `Transferred the case to ${p.toDepartment}: ${p.reason}`,
  'case.linked': ({ payload: p }) =>
    `Linked to case ${p.reference ?? p.caseId} (${p.relation.replaceAll('_', ' ')})`,
  'note.added': () => 'Added a note',
  'document.added': ({ payload: p }) => `Added the document "${p.name}"`,
  'document.redacted_copy_added': ({ payload: p }) =>
    `Added a redacted copy "${p.name}" with ${p.schedule.length} ${p.schedule.length === 1 ? 'redaction' : 'redactions'}`,
  'breach.assessed': ({ payload: p }) =>
    p.isReportable ? 'Assessed the breach as reportable to the ICO' : 'Assessed the breach as not reportable',
  'breach.reported': ({ payload: p }) =>
    `Reported the breach to the ICO${p.icoReference ? ` (ICO reference ${p.icoReference})` : ''}`,
  'annotation.added': ({ payload: p }) => `Added a ${p.kind} on page ${p.page}`,
  'annotation.edited': () => 'Changed a mark',
  'annotation.deleted': () => 'Deleted a mark',
  'annotation.resolved': () => 'Resolved a comment',
  'redaction.proposed': ({ payload: p }) => `Proposed a redaction on page ${p.page} (${p.exemption})`,
  'redaction.agreed': () => 'Agreed a redaction',
  'redaction.rejected': ({ payload: p }) => `Rejected a redaction: ${p.reason}`,
  'directory.imported': ({ payload: p }) =>
    `Imported the directory${p.fileName ? ` from ${p.fileName}` : ''}: ${p.policyAreas.length} policy areas, ${p.teams.length} teams, ${p.people.length} people`,
  'directory.policy_area_saved': ({ payload: p }) => `Saved the policy area ${p.name}`,
  'directory.team_saved': ({ payload: p }) => `Saved the team ${p.name}`,
  'directory.person_saved': ({ payload: p }) => `Saved ${p.name} in the directory`,
  'directory.person_removed': ({ payload: p }, nameOf) => `Removed ${nameOf(p.userId)} from the directory`,
  'directory.roles_changed': ({ payload: p }, nameOf) => {
    const changes = [
      sameList(p.rolesBefore, p.rolesAfter)
        ? null
        : `roles from ${roleList(p.rolesBefore)} to ${roleList(p.rolesAfter)}`,
      sameList(p.teamIdsBefore, p.teamIdsAfter)
        ? null
        : `teams from ${teamList(p.teamIdsBefore)} to ${teamList(p.teamIdsAfter)}`,
    ].filter((c) => c !== null);
    return `Changed ${nameOf(p.userId)}’s ${changes.length > 0 ? changes.join(', and ') : 'roles and teams (no difference)'}`;
  },
  'directory.password_reset': ({ payload: p }, nameOf) => `Reset ${nameOf(p.userId)}’s password`,
  'directory.sign_in_unlinked': ({ payload: p }, nameOf) =>
    `Removed ${nameOf(p.userId)}’s organisation sign-in link`,
  'template.saved': ({ payload: p }) => `Saved the template "${p.name}"`,
  'template.retired': () => 'Retired a template',
  'calendar.holiday_added': ({ payload: p }) => `Added ${p.title} (${p.date}) as a bank holiday`,
};

export function describeEvent(event: ClearwayEvent, nameOf: NameOf): string {
  // Each describer takes exactly its own event type; the lookup by `event.type` keeps them paired.
  const describe = describers[event.type] as (e: ClearwayEvent, n: NameOf) => string;
  return describe(event, nameOf);
}
