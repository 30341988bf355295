// The shape of a stream's state as the reducer leaves it. Plain JSON (arrays, not maps) so it
// is stored and sent as it is and folding on top of a stored copy gives the same result.
import type { CampaignOf, CaseType, ComplaintStage, PqKind, Region } from './caseTypes';
import type { CaseLink, Outcome, Requester } from './events/casePayloads';
import type { DirectoryPerson, DirectoryTeam, PolicyArea } from './events/orgPayloads';
import type { InkPoint, Rect } from './events/reviewPayloads';
import type { CaseId, IsoDate } from './ids';

export const statuses = [
  'logged',
  'awaiting_clarification',
  'awaiting_fee',
  'awaiting_identity',
  'to_allocate',
  'awaiting_acceptance',
  'in_progress',
  'contributions_requested',
  'in_review',
  'in_clearance',
  'ready_to_send',
  'sent',
  'to_report',
  'reported',
  'closed',
  'withdrawn',
  'transferred',
] as const;
export type Status = (typeof statuses)[number];

export type AllocationStatus = 'awaiting_acceptance' | 'accepted' | 'rejected' | 'handed_on';
export type Allocation = {
  allocationId: string;
  to: string;
  teamId: string;
  service: string;
  acceptBy: IsoDate | null;
  status: AllocationStatus;
  allocatedBy: string;
  allocatedAt: string;
  /** Why it was rejected or handed on. */
  reason: string | null;
};

export type Contribution = {
  contributionId: string;
  to: string;
  teamId: string | null;
  question: string;
  dueOn: IsoDate;
  requestedBy: string;
  text: string | null;
  submittedAt: string | null;
};

export type DraftPart = { partId: string; author: string; text: string; fromContributionId: string | null };
export type Draft = {
  version: number;
  parts: DraftPart[];
  templateId: string | null;
  savedBy: string;
  savedAt: string;
};

export type Approval = {
  id: string;
  /** The reviewer or clearance officer asked. */
  by: string;
  requestedBy: string;
  status: 'requested' | 'approved' | 'returned';
  comments: string | null;
  /** The draft version they were asked to look at. */
  draftVersion: number | null;
};

export type ClockStop = {
  kind: 'clarification' | 'fee' | 'identity';
  from: IsoDate;
  to: IsoDate | null;
  detail: string;
};

export type Mark = {
  id: string;
  kind: 'annotation' | 'redaction';
  /** comment, highlight, ink, strike, note for annotations; how it was made for redactions. */
  subtype: string;
  documentSha: string;
  page: number;
  rects: Rect[];
  strokes: InkPoint[][];
  text: string | null;
  colour: string | null;
  inReplyTo: string | null;
  exemption: string | null;
  note: string | null;
  author: string;
  madeAt: string;
  status: 'open' | 'resolved' | 'deleted' | 'agreed' | 'rejected';
  /** Who agreed or rejected a redaction, and why it was rejected. */
  decidedBy: string | null;
  decidedAt: string | null;
  rejectionReason: string | null;
  /** Everyone who changed it, in order: two people editing offline both stay in the history. */
  history: { by: string; at: string; action: string; detail: string | null }[];
};

export type CaseDocument = {
  sha256: string;
  name: string;
  size: number;
  mime: string;
  kind: string;
  addedBy: string;
  addedAt: string;
  redactedFrom: string | null;
  exemptions: string[];
};

export type CaseState = {
  kind: 'case';
  caseId: CaseId;
  caseType: CaseType;
  reference: string;
  isReferenceProvisional: boolean;
  status: Status;
  /** Where the case was when a clock stop began, to return there when it ends. */
  statusBeforeStop: Status | null;
  receivedOn: IsoDate;
  region: Region;
  channel: string;
  requester: Requester;
  /** Other people named on the case (see thirdPartiesSchema). Documents folded before the field
   * existed lack it: read it with thirdPartiesOf. */
  thirdParties: string[];
  subject: string;
  requestText: string;
  policyAreaId: string | null;
  complaintStage: ComplaintStage | null;
  pqKind: PqKind | null;
  pqUin: string | null;
  namedDay: IsoDate | null;
  awareAt: string | null;
  campaignOf: CampaignOf | null;
  proposedDepartment: string | null;
  loggedBy: string;
  loggedAt: string;
  acknowledgedOn: IsoDate | null;
  links: CaseLink[];
  clockStops: ClockStop[];
  /** Latest date a clarification (or, for SAR, identity or fee) restarted the clock. */
  clockRestartedOn: IsoDate | null;
  allocations: Allocation[];
  contributions: Contribution[];
  drafts: Draft[];
  reviews: Approval[];
  clearances: Approval[];
  extensions: { kind: string; reason: string; newTarget: IsoDate | null; by: string; at: string }[];
  response: {
    sentOn: IsoDate;
    method: string;
    exemptions: string[];
    sentBy: string;
    documentSha: string | null;
  } | null;
  outcome: {
    outcome: Outcome;
    exemptions: string[];
    publishInDisclosureLog: boolean;
    closedBy: string;
    closedAt: string;
  } | null;
  breach: {
    isReportable: boolean;
    reason: string;
    reportedAt: string | null;
    icoReference: string | null;
  } | null;
  transfer: { toDepartment: string; transferredOn: IsoDate; reason: string } | null;
  withdrawal: { reason: string } | null;
  notes: { noteId: string; text: string; by: string; at: string }[];
  documents: CaseDocument[];
  marks: Mark[];
  lastChangedAt: string;
  eventCount: number;
};

export type DirectoryState = {
  kind: 'directory';
  policyAreas: PolicyArea[];
  teams: DirectoryTeam[];
  people: DirectoryPerson[];
};

export type Template = {
  templateId: string;
  name: string;
  caseTypes: CaseType[];
  body: string;
  version: number;
  isRetired: boolean;
  savedBy: string;
};
export type TemplatesState = { kind: 'templates'; templates: Template[] };

export type ExtraHoliday = { date: IsoDate; title: string; regions: Region[]; addedBy: string };
export type CalendarState = { kind: 'calendar'; extraHolidays: ExtraHoliday[] };

export type StreamState = CaseState | DirectoryState | TemplatesState | CalendarState;

/** The third parties named on a case; none for a case document stored before they could be. */
export const thirdPartiesOf = (state: CaseState): readonly string[] => state.thirdParties ?? [];
