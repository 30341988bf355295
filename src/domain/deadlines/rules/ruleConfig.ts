// A deadline rule as data. The statutory rules (rules/registry.ts) and every organisation's own
// targets (ministerial correspondence, PQs, complaint stages) are values of this one type, so a
// new target is configuration, not code (DEADLINES.md §1.14–1.15).
import { z } from 'zod';
import { isoDateSchema } from '../civilDate';
import { workingDayScopeSchema } from '../workingDays';

/** Whether the law sets the date, the regulator's guidance does, or the organisation does. */
export const basisSchema = z.enum(['statutory', 'guideline', 'target']);
export type Basis = z.infer<typeof basisSchema>;

/**
 * Which days a calendar-period end moves off: the controller's nation (the default; the ICO does
 * not say, DEADLINES.md §6.3), a bank holiday anywhere in the UK, or none (never move it later).
 */
const rollForwardSchema = z.enum(['region', 'any-part-of-the-uk', 'none']);

const common = {
  label: z.string().min(1),
  basis: basisSchema,
  /** The rule only covers what arrives on or after this date (e.g. s164A from 19 June 2026). */
  appliesFrom: isoDateSchema.optional(),
};

/** Receipt is day 0; due on the `days`th working day after it. */
export const workingDaysRuleSchema = z.object({
  kind: z.literal('working_days'),
  ...common,
  days: z.number().int().positive().max(500),
  /** 'region' uses the case's own nation; otherwise a fixed definition (FOISA is always Scotland's). */
  calendar: z.union([z.literal('region'), workingDayScopeSchema]),
  /** Clarification received starts the count again from zero (FOIA s1(3), EIR reg 9, FOISA s10). */
  clarificationRestarts: z.boolean(),
  /** Working days inside a pause are not counted (FOIA/FOISA s10(2) fee notices). */
  pausesApply: z.boolean(),
});

/**
 * Calendar months (UK GDPR, ICO method): the corresponding date `months` later, clamped to the
 * month's last day; paused days added; then moved to the next working day of the case's nation.
 */
export const monthsRuleSchema = z.object({
  kind: z.literal('months'),
  ...common,
  months: z.number().int().positive().max(12),
  rollForward: rollForwardSchema,
});

/** Calendar days counted from the day after receipt, then moved off a non-working day. */
export const calendarDaysRuleSchema = z.object({
  kind: z.literal('calendar_days'),
  ...common,
  days: z.number().int().positive().max(1000),
  rollForward: rollForwardSchema,
});

/** Elapsed hours on absolute time (breach reports): weekends and clock changes make no difference. */
export const hoursRuleSchema = z.object({
  kind: z.literal('hours'),
  ...common,
  hours: z.number().int().positive().max(10_000),
});

export const ruleConfigSchema = z.discriminatedUnion('kind', [
  workingDaysRuleSchema,
  monthsRuleSchema,
  calendarDaysRuleSchema,
  hoursRuleSchema,
]);
export type RuleConfig = z.infer<typeof ruleConfigSchema>;
export type WorkingDaysRule = z.infer<typeof workingDaysRuleSchema>;
export type MonthsRule = z.infer<typeof monthsRuleSchema>;
export type CalendarDaysRule = z.infer<typeof calendarDaysRuleSchema>;
export type HoursRule = z.infer<typeof hoursRuleSchema>;
