// One entry point for every rule: validate the input at the boundary, pick the rule's engine,
// and return the due date with the calendar version it was worked out with.
import { z } from 'zod';
import { type Calendar, type Region, regionSchema, shippedCalendar } from './calendar';
import { type IsoDate, isInstant, toCivilDate } from './civilDate';
import { type Explanation, explainSteps } from './explain';
import { calendarPeriodDue, rollScopeOf } from './rules/calendarPeriodRule';
import { hoursDue } from './rules/hoursRule';
import { pauseSchema } from './rules/pauses';
import { RULES, type RuleKey, ruleKeySchema } from './rules/registry';
import { type RuleConfig, ruleConfigSchema } from './rules/ruleConfig';
import type { RuleOutcome } from './rules/steps';
import { workingDayDue, workingScopeOf } from './rules/workingDayRule';
import type { WorkingDayScope } from './workingDays';

/** A date 'YYYY-MM-DD', or an instant (turned into its Europe/London date before any counting). */
const dayOrInstant = z.string().refine((v) => isInstant(v) || z.iso.date().safeParse(v).success, {
  message: 'must be a date written YYYY-MM-DD or a date and time',
});

export const dueDateInputSchema = z.object({
  rule: z.union([ruleKeySchema, ruleConfigSchema], { error: 'is not a deadline rule we know' }),
  received: dayOrInstant,
  region: z.enum(regionSchema.options, { error: 'must be England and Wales, Scotland or Northern Ireland' }),
  /** Working-day rules: the day clarification arrived (restarts). SAR: the day identity or fee arrived (restarts). */
  clarificationReceived: dayOrInstant.optional(),
  /** Inclusive clock stops: FOI/FOISA fee-notice periods; SAR clarification periods (Art 12A). */
  pauses: z.array(pauseSchema).optional(),
});
export type DueDateInput = z.input<typeof dueDateInputSchema>;

export interface Deadline {
  rule: string;
  label: string;
  basis: RuleConfig['basis'];
  /** 'YYYY-MM-DD', or for hour-based rules (breach72h) an ISO instant in UTC. */
  due: string;
  calendarVersion: string;
}

export class DeadlineInputError extends Error {
  override name = 'DeadlineInputError';
}

const ruleOf = (rule: RuleKey | RuleConfig): { name: string; config: RuleConfig } =>
  typeof rule === 'string' ? { name: rule, config: RULES[rule] } : { name: 'custom', config: rule };

const scopeOf = (config: RuleConfig, region: Region): WorkingDayScope | null => {
  if (config.kind === 'working_days') return workingScopeOf(config, region);
  if (config.kind === 'hours') return null;
  return rollScopeOf(config, region);
};

const FIELD_WORDS: Record<string, string> = {
  rule: 'The rule',
  received: 'The date received',
  region: 'The part of the UK',
  clarificationReceived: 'The clarification date',
  pauses: 'A clock stop',
};

const parse = (raw: DueDateInput) => {
  const result = dueDateInputSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = FIELD_WORDS[String(issue?.path[0])] ?? 'The input';
    throw new DeadlineInputError(
      `Cannot work out the deadline. ${field} ${issue?.message ?? 'is not valid'}.`,
    );
  }
  return result.data;
};

const run = (raw: DueDateInput, calendar: Calendar) => {
  const input = parse(raw);
  const { name, config } = ruleOf(input.rule);
  const scope = scopeOf(config, input.region);
  let outcome: RuleOutcome;
  if (config.kind === 'hours') {
    if (!isInstant(input.received)) {
      throw new DeadlineInputError(
        'Cannot work out the deadline. Give the date and time you became aware, not just the date.',
      );
    }
    outcome = hoursDue(config, input.received);
  } else {
    const clock = {
      received: toCivilDate(input.received),
      restartOn:
        input.clarificationReceived === undefined ? undefined : toCivilDate(input.clarificationReceived),
      pauses: input.pauses ?? [],
    };
    outcome =
      config.kind === 'working_days'
        ? workingDayDue(config, input.region, clock, calendar)
        : calendarPeriodDue(config, input.region, clock, calendar);
  }
  return { name, config, scope, outcome };
};

/** The due date (the contract other tools call). */
export const dueDate = (input: DueDateInput, calendar: Calendar = shippedCalendar): string =>
  run(input, calendar).outcome.due;

// A due date depends only on its input and the calendar, and the server works one out for every
// case document it writes (each push), mostly for the same few inputs: counting 20 working days
// a day at a time costs far more than finding the answer again. Kept per calendar object (a
// calendar with added days is a new object) and emptied when it grows past a bound.
const knownDeadlines = new WeakMap<Calendar, Map<string, Deadline>>();
const MAX_KNOWN_DEADLINES = 5_000;

/** The due date with the calendar version to store beside it. */
export const computeDeadline = (input: DueDateInput, calendar: Calendar = shippedCalendar): Deadline => {
  const known = knownDeadlines.get(calendar) ?? new Map<string, Deadline>();
  knownDeadlines.set(calendar, known);
  const key = JSON.stringify(input);
  const found = known.get(key);
  // A copy: callers may spread or change what they are given.
  if (found) return { ...found };
  const { name, config, outcome } = run(input, calendar);
  const deadline: Deadline = {
    rule: name,
    label: config.label,
    basis: config.basis,
    due: outcome.due,
    calendarVersion: calendar.version,
  };
  if (known.size >= MAX_KNOWN_DEADLINES) known.clear();
  known.set(key, deadline);
  return { ...deadline };
};

export const explainDueDate = (input: DueDateInput, calendar: Calendar = shippedCalendar): Explanation => {
  const { name, config, scope, outcome } = run(input, calendar);
  return explainSteps({
    ruleName: name,
    rule: config,
    scope,
    due: outcome.due,
    steps: outcome.steps,
    calendar,
  });
};

/** The working-day definition a rule counts with for a case in `region` (null for hour-based rules). */
export const workingDayScopeFor = (rule: RuleKey | RuleConfig, region: Region): WorkingDayScope | null =>
  scopeOf(ruleOf(rule).config, region);

export type { IsoDate };
