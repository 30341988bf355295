// Payloads of the events that move a case through its workflow: intake, clock stops,
// allocation, contributions, drafting, review, clearance, sending and closing.
import { z } from 'zod';
import {
  campaignOfSchema,
  caseTypeSchema,
  complaintStageSchema,
  pqKindSchema,
  regionSchema,
} from '../caseTypes';
import { caseIdSchema, isoDateSchema, isoInstantSchema, sha256Schema } from '../ids';
import { provisionalReferencePattern } from '../references';
import { userIdSchema } from './envelope';

const text = z.string().trim().min(1, 'must not be empty').max(100_000);
const shortText = z.string().trim().min(1, 'must not be empty').max(500);
const localId = z.string().min(1).max(80);

export const channelSchema = z.enum([
  'email',
  'post',
  'web_form',
  'phone',
  'in_person',
  'parliament',
  'other',
]);
export const requesterTypeSchema = z.enum([
  'member_of_the_public',
  'journalist',
  'business',
  'campaign_group',
  'academic',
  'solicitor',
  'mp',
  'peer',
  'public_body',
  'staff',
  'other',
]);

export const requesterSchema = z.object({
  name: shortText,
  type: requesterTypeSchema.default('member_of_the_public'),
  email: z.email('must be an e-mail address').optional(),
  address: z.string().max(1000).optional(),
  /** For MPs and Peers: constituency or title. */
  constituency: z.string().max(200).optional(),
});
export type Requester = z.infer<typeof requesterSchema>;

/** Most third parties a case names: enough for any real letter, small enough to check quickly. */
export const MAX_THIRD_PARTIES = 50;
/** People other than the requester the case is about or whose details its papers carry, by name,
 * so the review tool can suggest redacting their names; each name once, whatever its case. */
export const thirdPartiesSchema = z
  .array(z.string().trim().min(1, 'must not be empty').max(200))
  .max(MAX_THIRD_PARTIES, `must name ${MAX_THIRD_PARTIES} people or fewer`)
  .refine(
    (names) => new Set(names.map((n) => n.toLocaleLowerCase('en-GB'))).size === names.length,
    'must not name the same person twice',
  );

export const linkRelationSchema = z.enum([
  'internal_review_of',
  'complaint_escalation_of',
  'campaign_member_of',
  'transferred_from',
  'related',
  'duplicate_of',
  'same_requester',
]);
export type LinkRelation = z.infer<typeof linkRelationSchema>;

export const caseLinkSchema = z.object({
  caseId: caseIdSchema,
  relation: linkRelationSchema,
  /** The linked case's reference when known, for display offline. */
  reference: z.string().max(40).optional(),
});
export type CaseLink = z.infer<typeof caseLinkSchema>;

export const caseLoggedSchema = z
  .object({
    caseType: caseTypeSchema,
    /** Provisional reference made on the device; see references.ts. */
    reference: z
      .string()
      .regex(provisionalReferencePattern, 'must be a provisional reference like FOI-2026-P-3fa9c1'),
    /** Date of receipt (day 0 for working-day rules). */
    receivedOn: isoDateSchema,
    channel: channelSchema,
    region: regionSchema.default('england-and-wales'),
    requester: requesterSchema,
    thirdParties: thirdPartiesSchema.optional(),
    subject: shortText,
    requestText: text,
    policyAreaId: localId.optional(),
    /** Internal reviews and later complaint stages open as new cases linked to the one before. */
    linkedTo: caseLinkSchema.optional(),
    complaintStage: complaintStageSchema.optional(),
    pqKind: pqKindSchema.optional(),
    /** Parliament's number for the question. */
    pqUin: z.string().max(40).optional(),
    /** The day a named-day question must be answered on. */
    namedDay: isoDateSchema.optional(),
    /** When the organisation became aware of a data breach (the 72 hours run from here). */
    awareAt: isoInstantSchema.optional(),
    campaignOf: campaignOfSchema.optional(),
    /** The department a transfer is proposed to. */
    proposedDepartment: z.string().max(200).optional(),
  })
  .superRefine((p, ctx) => {
    const need = (field: string, message: string) => ctx.addIssue({ code: 'custom', path: [field], message });
    if (p.caseType === 'internal_review' && p.linkedTo?.relation !== 'internal_review_of')
      need('linkedTo', 'an internal review must be linked to the request it reviews');
    if (p.caseType === 'complaint') {
      if (p.complaintStage === undefined) need('complaintStage', 'a complaint needs its stage (1, 2 or 3)');
      else if (p.complaintStage > 1 && p.linkedTo?.relation !== 'complaint_escalation_of')
        need('linkedTo', `a stage ${p.complaintStage} complaint must be linked to the stage before it`);
    }
    if (p.caseType === 'pq' && p.pqKind === undefined)
      need('pqKind', 'a parliamentary question needs its kind');
    if (p.pqKind === 'commons_named_day' && p.namedDay === undefined)
      need('namedDay', 'a named-day question needs the day it must be answered on');
    if (p.caseType === 'data_breach' && p.awareAt === undefined)
      need('awareAt', 'a breach report needs the time the organisation became aware of it');
    if (p.caseType === 'campaign' && p.campaignOf === undefined)
      need('campaignOf', 'a campaign needs the kind of request it groups');
  });
export type CaseLogged = z.infer<typeof caseLoggedSchema>;

export const detailsCorrectedSchema = z.object({
  subject: shortText.optional(),
  receivedOn: isoDateSchema.optional(),
  region: regionSchema.optional(),
  requester: requesterSchema.optional(),
  /** The whole list as it now stands (an empty list removes them all). */
  thirdParties: thirdPartiesSchema.optional(),
  policyAreaId: localId.optional(),
  reason: shortText,
});

export const clarificationRequestedSchema = z.object({ question: text, requestedOn: isoDateSchema });
export const clarificationReceivedSchema = z.object({ answer: text, receivedOn: isoDateSchema });

export const feeNoticeSentSchema = z.object({
  amountPence: z.number().int().positive('must be more than nothing'),
  sentOn: isoDateSchema,
  estimatedHours: z.number().nonnegative().optional(),
});
export const feeReceivedSchema = z.object({
  amountPence: z.number().int().nonnegative(),
  receivedOn: isoDateSchema,
});

export const identityRequestedSchema = z.object({ requestedOn: isoDateSchema, what: shortText });
export const identityReceivedSchema = z.object({ receivedOn: isoDateSchema });

export const acknowledgedSchema = z.object({ acknowledgedOn: isoDateSchema });

const allocationTarget = {
  to: userIdSchema,
  teamId: localId,
  /** The service or division in plain words, e.g. "Waste policy". */
  service: shortText,
  /** Accept-by date from the organisation's milestones, worked out on the device. */
  acceptBy: isoDateSchema.optional(),
};
export const allocatedSchema = z.object({
  allocationId: localId,
  ...allocationTarget,
  note: text.optional(),
});
export const allocationAcceptedSchema = z.object({ allocationId: localId });
export const allocationRejectedSchema = z.object({
  allocationId: localId,
  reason: z.string().trim().min(1, 'must say why the allocation is rejected').max(2000),
});
export const reallocatedSchema = z.object({
  /** The allocation being handed on. */
  allocationId: localId,
  newAllocationId: localId,
  ...allocationTarget,
  reason: z.string().trim().min(1, 'must say why the case is re-allocated').max(2000),
});

export const contributionRequestedSchema = z.object({
  contributionId: localId,
  to: userIdSchema,
  teamId: localId.optional(),
  question: text,
  dueOn: isoDateSchema,
});
export const contributionSubmittedSchema = z.object({ contributionId: localId, text });

export const draftPartSchema = z.object({
  partId: localId,
  /** Who wrote this part: contributions keep their authors inside the draft. */
  author: userIdSchema,
  text: z.string().max(200_000),
  fromContributionId: localId.optional(),
});
export const draftSavedSchema = z.object({
  version: z.number().int().positive(),
  parts: z.array(draftPartSchema).min(1, 'must have at least one part'),
  templateId: localId.optional(),
});

export const reviewRequestedSchema = z.object({
  reviewId: localId,
  reviewer: userIdSchema,
  note: text.optional(),
});
export const reviewApprovedSchema = z.object({ reviewId: localId, comments: text.optional() });
export const reviewReturnedSchema = z.object({
  reviewId: localId,
  comments: z.string().trim().min(1, 'must say what needs to change').max(20_000),
});
export const clearanceRequestedSchema = z.object({
  clearanceId: localId,
  clearer: userIdSchema,
  note: text.optional(),
});
export const clearanceApprovedSchema = z.object({ clearanceId: localId, comments: text.optional() });
export const clearanceReturnedSchema = z.object({
  clearanceId: localId,
  comments: z.string().trim().min(1, 'must say what needs to change').max(20_000),
});

export const exemptionsSchema = z.array(z.string().trim().min(1).max(40)).max(50);

export const responseSentSchema = z.object({
  sentOn: isoDateSchema,
  method: z.enum(['email', 'post', 'portal', 'parliament', 'hand', 'other']),
  exemptions: exemptionsSchema.default([]),
  documentSha: sha256Schema.optional(),
});

export const extendedSchema = z.object({
  kind: z.enum(['pit', 'sar', 'eir', 'target']),
  reason: z.string().trim().min(1, 'must say why more time is needed').max(2000),
  /** The new target date when the rule leaves it to judgement (PIT). */
  newTarget: isoDateSchema.optional(),
});

export const outcomeSchema = z.enum([
  'granted_in_full',
  'granted_in_part',
  'refused',
  'not_held',
  'withdrawn',
]);
export type Outcome = z.infer<typeof outcomeSchema>;

export const closedSchema = z.object({
  outcome: outcomeSchema,
  exemptions: exemptionsSchema.default([]),
  publishInDisclosureLog: z.boolean().default(false),
  note: text.optional(),
});
export const reopenedSchema = z.object({ reason: z.string().trim().min(1, 'must say why').max(2000) });
export const withdrawnSchema = z.object({ reason: z.string().trim().min(1, 'must say why').max(2000) });
export const transferredSchema = z.object({
  toDepartment: shortText,
  transferredOn: isoDateSchema,
  reason: z.string().trim().min(1, 'must say why').max(2000),
});
export const linkedSchema = caseLinkSchema;
export const noteAddedSchema = z.object({ noteId: localId, text });

export const documentKindSchema = z.enum([
  'request',
  'correspondence',
  'contribution',
  'draft',
  'response',
  'evidence',
  'redacted_copy',
  'other',
]);
export const documentAddedSchema = z.object({
  sha256: sha256Schema,
  name: shortText,
  size: z.number().int().nonnegative(),
  mime: z.string().min(1).max(200),
  kind: documentKindSchema,
});
export const redactionScheduleEntrySchema = z.object({
  page: z.number().int().positive(),
  label: z.string().max(80),
  author: userIdSchema.optional(),
});
export const redactedCopyAddedSchema = z.object({
  originalSha: sha256Schema,
  sha256: sha256Schema,
  name: shortText,
  size: z.number().int().nonnegative(),
  schedule: z.array(redactionScheduleEntrySchema),
  exemptions: exemptionsSchema.default([]),
});

export const breachAssessedSchema = z.object({
  isReportable: z.boolean(),
  reason: z.string().trim().min(1, 'must say why').max(5000),
});
export const breachReportedSchema = z.object({
  reportedAt: isoInstantSchema,
  icoReference: z.string().max(80).optional(),
});
