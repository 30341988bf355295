// Deadlines: the public face of src/domain/deadlines. Pure: no clock (pass `today` / `now`).
//
// CONTRACT
//   dueDate({ rule, received, region, clarificationReceived?, pauses? }, calendar?) -> 'YYYY-MM-DD'
//       (an ISO instant in UTC for 'breach72h' / 'pecr_breach24h', where `received` is an instant)
//     rule: a RuleKey ('foi' | 'eir' | 'eir_extended' | 'internal_review' | 'foisa' | 'sar' |
//           'sar_extended' | 'breach72h' | …see RULES) or a RuleConfig object (organisation targets).
//     received / clarificationReceived: 'YYYY-MM-DD' or an instant (its Europe/London date is used).
//     clarificationReceived: FOI/EIR/FOISA clarification (restarts at day 0); for SAR it is the day
//       identity or a fee arrived (Art 12A "relevant time", restarts). SAR clarification is a pause.
//     pauses: [{ from, to }] inclusive — FOI/FOISA fee-notice periods; SAR clarification periods.
//   computeDeadline(input, calendar?) -> { rule, label, basis, due, calendarVersion }
//   explainDueDate(input, calendar?)  -> { due, calendarVersion, steps, lines, warnings, … }
//   calendarWithExtraDays(shippedCalendar, [{ date, title, regions }]) -> Calendar (new version)
//   workingDaysLeft(due, today, calendar, scope) / workingDaysBetween(from, to, calendar, scope)
//     scope: a Region, or 'any-part-of-the-uk' for FOI/EIR days (workingDayScopeFor(rule, region))
//   formatDueDate(due, today, calendar, scope) -> "Due 4 March (3 working days left)" | "Due today" | …
//   formatDueInstant(due, now) -> "Due by 11:00 on Monday 30 March 2026 (UK time): 5 hours left"
//   milestones(config, { received, due, allocatedOn? }, calendar, region) -> Milestone[]
//   rag(workingDaysLeft, thresholds?) -> 'red' | 'amber' | 'green'
//   checkNamedDay(tabledOn, namedDay) -> { ok: true, due } | { ok: false, reason }
export {
  type Calendar,
  calendarWithExtraDays,
  type ExtraDay,
  type ExtraDayInput,
  extraDaySchema,
  REGION_NAMES,
  REGIONS,
  type Region,
  regionSchema,
  shippedCalendar,
} from './calendar';
export { asIsoDate, type IsoDate, isoDateSchema, londonDate } from './civilDate';
export {
  computeDeadline,
  type Deadline,
  DeadlineInputError,
  type DueDateInput,
  dueDate,
  dueDateInputSchema,
  explainDueDate,
  workingDayScopeFor,
} from './deadline';
export type { Explanation } from './explain';
export { formatDueDate, formatDueInstant, ukDateTime } from './format';
export {
  DEFAULT_MILESTONES,
  type Milestone,
  type MilestoneConfig,
  milestoneConfigSchema,
  milestones,
} from './milestones';
export { DEFAULT_RAG_THRESHOLDS, type Rag, type RagThresholds, rag, ragThresholdsSchema } from './rag';
export { checkNamedDay, NAMED_DAY_NOTICE_WEEKDAYS, type NamedDayCheck } from './rules/namedDay';
export { type Pause, pauseSchema } from './rules/pauses';
export { RULES, type RuleKey, ruleKeySchema } from './rules/registry';
export { type Basis, type RuleConfig, ruleConfigSchema } from './rules/ruleConfig';
export type { Step } from './rules/steps';
export {
  addWorkingDays,
  isWorkingDay,
  type NonWorkingReason,
  nonWorkingReason,
  type WorkingDayScope,
  workingDayOnOrAfter,
  workingDayScopeSchema,
  workingDaysBetween,
  workingDaysLeft,
} from './workingDays';
