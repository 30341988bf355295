// The named rules, each with its source (DEADLINES.md section in brackets). Organisation targets
// here are defaults; an organisation passes its own RuleConfig to override them.
import { z } from 'zod';
import { isoDateSchema } from '../civilDate';
import type { Basis, RuleConfig, WorkingDaysRule } from './ruleConfig';

type Clocks = Pick<WorkingDaysRule, 'clarificationRestarts' | 'pausesApply'>;
const RESTARTS_AND_FEE_PAUSES: Clocks = { clarificationRestarts: true, pausesApply: true };
const RESTARTS_ONLY: Clocks = { clarificationRestarts: true, pausesApply: false };
const NO_CLOCK_STOPS: Clocks = { clarificationRestarts: false, pausesApply: false };

const workingDays = (
  label: string,
  basis: Basis,
  days: number,
  calendar: WorkingDaysRule['calendar'],
  clocks: Clocks,
): WorkingDaysRule => ({ kind: 'working_days', label, basis, days, calendar, ...clocks });

const FOIA_DAYS = 'any-part-of-the-uk';

export const RULES = {
  // FOIA s10(1): 20th working day after receipt; any-part-of-UK working days [1.1–1.4].
  foi: workingDays('FOI: 20 working days', 'statutory', 20, FOIA_DAYS, RESTARTS_AND_FEE_PAUSES),
  // FOIA s10(3): the ICO's guideline of at most 20 more working days for the public interest test [1.5].
  pit_extension: workingDays(
    'FOI public interest extension: 40 working days (ICO guideline)',
    'guideline',
    40,
    FOIA_DAYS,
    RESTARTS_AND_FEE_PAUSES,
  ),
  // EIR reg 5(2), restart on particulars reg 9(4); EIR has no fee pause [1.9].
  eir: workingDays('EIR: 20 working days', 'statutory', 20, FOIA_DAYS, RESTARTS_ONLY),
  // EIR reg 7(1): complex and voluminous [1.9].
  eir_extended: workingDays('EIR extended: 40 working days', 'statutory', 40, FOIA_DAYS, RESTARTS_ONLY),
  // EIR reg 11(4): reconsideration within 40 working days of the representations [1.9].
  eir_reconsideration: workingDays('EIR review: 40 working days', 'statutory', 40, FOIA_DAYS, NO_CLOCK_STOPS),
  // s45 Code and ICO: 20 working days, 40 at most [1.11].
  internal_review: workingDays(
    'FOI internal review: 20 working days (Code of Practice)',
    'guideline',
    20,
    FOIA_DAYS,
    RESTARTS_ONLY,
  ),
  internal_review_extended: workingDays(
    'FOI internal review: 40 working days (ICO and Code maximum)',
    'guideline',
    40,
    FOIA_DAYS,
    RESTARTS_ONLY,
  ),
  // FOISA s10(1), s73: Scottish working days whatever the case's region; fee pause s10(2); no PIT [1.10].
  foisa: workingDays('FOISA: 20 working days', 'statutory', 20, 'scotland', RESTARTS_AND_FEE_PAUSES),
  // FOISA s21(1) [1.10].
  foisa_review: workingDays('FOISA review: 20 working days', 'statutory', 20, 'scotland', NO_CLOCK_STOPS),
  // UK GDPR Art 12(3) and 12A, the ICO's corresponding-date method [1.12].
  sar: {
    kind: 'months',
    label: 'Subject access: one month',
    basis: 'statutory',
    months: 1,
    rollForward: 'region',
  },
  // Extension: three months from the original start, never chained from the one-month date [1.12].
  sar_extended: {
    kind: 'months',
    label: 'Subject access extended: three months from the start',
    basis: 'statutory',
    months: 3,
    rollForward: 'region',
  },
  // DPA 2018 s164A (complaints received from 19 June 2026): acknowledge within 30 days [1.12].
  dp_complaint_ack: {
    kind: 'calendar_days',
    label: 'Acknowledge a data protection complaint: 30 days',
    basis: 'statutory',
    appliesFrom: isoDateSchema.parse('2026-06-19'),
    days: 30,
    rollForward: 'region',
  },
  // UK GDPR Art 33(1) [1.13]; PECR reg 5A [1.13].
  breach72h: {
    kind: 'hours',
    label: 'Report a personal data breach: 72 hours',
    basis: 'statutory',
    hours: 72,
  },
  pecr_breach24h: { kind: 'hours', label: 'Report a PECR breach: 24 hours', basis: 'statutory', hours: 24 },
  // Cabinet Office Guide to Handling Correspondence: at most 20 working days, receipt is day 0 [1.14].
  mp_correspondence: workingDays(
    'MPs’ and Peers’ letters: 20 working days',
    'target',
    20,
    'region',
    NO_CLOCK_STOPS,
  ),
  treat_official: workingDays(
    'Treat official letters: 20 working days',
    'target',
    20,
    'region',
    NO_CLOCK_STOPS,
  ),
  // Commons ordinary written question: "within a working week" of tabling; Lords: 10 working days [1.14].
  pq_ordinary: workingDays('Commons written question: 5 working days', 'target', 5, 'region', NO_CLOCK_STOPS),
  lords_wq: workingDays('Lords written question: 10 working days', 'target', 10, 'region', NO_CLOCK_STOPS),
  // Local complaint stages: set by each organisation; typical figures as defaults [1.15].
  complaint_stage_1: workingDays(
    'Complaint stage 1: 10 working days',
    'target',
    10,
    'region',
    NO_CLOCK_STOPS,
  ),
  complaint_stage_2: workingDays(
    'Complaint stage 2: 20 working days',
    'target',
    20,
    'region',
    NO_CLOCK_STOPS,
  ),
  complaint_stage_3: workingDays(
    'Complaint stage 3: 20 working days',
    'target',
    20,
    'region',
    NO_CLOCK_STOPS,
  ),
} satisfies Record<string, RuleConfig>;

export type RuleKey = keyof typeof RULES;
export const ruleKeySchema = z.enum(Object.keys(RULES) as [RuleKey, ...RuleKey[]]);
