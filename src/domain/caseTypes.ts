// Every kind of work Clearway handles, with the words people use for it, the prefix of its
// reference number, the deadline rule that times it and the workflow table that moves it.
import { z } from 'zod';
import type { RuleKey } from './deadlines';

export const caseTypeSchema = z.enum([
  'foi',
  'eir',
  'foisa',
  'sar',
  'internal_review',
  'complaint',
  'data_breach',
  'ministerial_correspondence',
  'treat_official',
  'pq',
  'transfer',
  'campaign',
]);
export type CaseType = z.infer<typeof caseTypeSchema>;

export const pqKindSchema = z.enum(['commons_ordinary', 'commons_named_day', 'lords']);
export type PqKind = z.infer<typeof pqKindSchema>;

export const complaintStageSchema = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export type ComplaintStage = z.infer<typeof complaintStageSchema>;

/** The request types a campaign can group (near-identical letters answered once). */
export const campaignOfSchema = z.enum(['foi', 'eir', 'ministerial_correspondence', 'treat_official']);
export type CampaignOf = z.infer<typeof campaignOfSchema>;

// One list of the UK's parts for the whole domain: the deadline calendar's.
export { type Region, regionSchema } from './deadlines';

export type WorkflowName = 'information_request' | 'sar' | 'correspondence' | 'data_breach' | 'transfer';

export type CaseTypeInfo = {
  label: string;
  /** "an FOI request": for sentences. */
  withArticle: string;
  referencePrefix: string;
  workflow: WorkflowName;
  /** Personal data at its heart: only the information-rights team and the people allocated see it. */
  isSensitive: boolean;
};

export const caseTypes = {
  foi: {
    label: 'Freedom of Information request',
    withArticle: 'an FOI request',
    referencePrefix: 'FOI',
    workflow: 'information_request',
    isSensitive: false,
  },
  eir: {
    label: 'Environmental Information Regulations request',
    withArticle: 'an EIR request',
    referencePrefix: 'EIR',
    workflow: 'information_request',
    isSensitive: false,
  },
  foisa: {
    label: 'Freedom of Information (Scotland) request',
    withArticle: 'an FOISA request',
    referencePrefix: 'FOISA',
    workflow: 'information_request',
    isSensitive: false,
  },
  sar: {
    label: 'Subject access request',
    withArticle: 'a subject access request',
    referencePrefix: 'SAR',
    workflow: 'sar',
    isSensitive: true,
  },
  internal_review: {
    label: 'Internal review',
    withArticle: 'an internal review',
    referencePrefix: 'IR',
    workflow: 'information_request',
    isSensitive: false,
  },
  complaint: {
    label: 'Complaint',
    withArticle: 'a complaint',
    referencePrefix: 'COMP',
    workflow: 'correspondence',
    isSensitive: false,
  },
  data_breach: {
    label: 'Data breach report',
    withArticle: 'a data breach report',
    referencePrefix: 'DB',
    workflow: 'data_breach',
    isSensitive: true,
  },
  ministerial_correspondence: {
    label: 'Ministerial correspondence',
    withArticle: 'a letter from an MP or Peer',
    referencePrefix: 'MC',
    workflow: 'correspondence',
    isSensitive: false,
  },
  treat_official: {
    label: 'Treat official correspondence',
    withArticle: 'a treat official letter',
    referencePrefix: 'TO',
    workflow: 'correspondence',
    isSensitive: false,
  },
  pq: {
    label: 'Parliamentary question',
    withArticle: 'a parliamentary question',
    referencePrefix: 'PQ',
    workflow: 'correspondence',
    isSensitive: false,
  },
  transfer: {
    label: 'Transfer to another department',
    withArticle: 'a transfer',
    referencePrefix: 'TR',
    workflow: 'transfer',
    isSensitive: false,
  },
  campaign: {
    label: 'Campaign',
    withArticle: 'a campaign',
    referencePrefix: 'CAMP',
    workflow: 'correspondence',
    isSensitive: false,
  },
} as const satisfies Record<CaseType, CaseTypeInfo>;

export const pqKindLabels = {
  commons_ordinary: 'Commons written question',
  commons_named_day: 'Commons named-day question',
  lords: 'Lords written question',
} as const satisfies Record<PqKind, string>;

/** What the deadline engine needs to know beyond the type to pick a rule. */
export type DeadlineFacts = {
  caseType: CaseType;
  pqKind?: PqKind | null | undefined;
  complaintStage?: ComplaintStage | null | undefined;
  campaignOf?: CampaignOf | null | undefined;
};

const complaintRules = {
  1: 'complaint_stage_1',
  2: 'complaint_stage_2',
  3: 'complaint_stage_3',
} as const satisfies Record<ComplaintStage, RuleKey>;

const campaignRules = {
  foi: 'foi',
  eir: 'eir',
  ministerial_correspondence: 'mp_correspondence',
  treat_official: 'treat_official',
} as const satisfies Record<CampaignOf, RuleKey>;

/**
 * The deadline rule (a key of the deadline engine's RULES) that times a case; `named_day` when
 * Parliament fixed the date; null for a transfer, which has no clock of its own.
 */
export function deadlineRuleFor(facts: DeadlineFacts): RuleKey | 'named_day' | null {
  switch (facts.caseType) {
    case 'foi':
    case 'eir':
    case 'foisa':
    case 'sar':
    case 'internal_review':
    case 'treat_official':
      return facts.caseType;
    case 'data_breach':
      return 'breach72h';
    case 'ministerial_correspondence':
      return 'mp_correspondence';
    case 'complaint':
      return complaintRules[facts.complaintStage ?? 1];
    case 'pq':
      if (facts.pqKind === 'commons_named_day') return 'named_day';
      return facts.pqKind === 'lords' ? 'lords_wq' : 'pq_ordinary';
    case 'campaign':
      return campaignRules[facts.campaignOf ?? 'foi'];
    case 'transfer':
      return null;
  }
}
