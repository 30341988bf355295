// The FOI cost limit (FOIA s12; Fees Regulations SI 2004/3244 regs 3–4): only four activities may
// be costed, at £25 an hour, against £600 for central government (FOIA Schedule 1 Part I) or £450
// for every other authority — 24 or 18 hours. FOISA (SSI 2004/467): £600, staff time at most £15
// an hour. EIR has no cost limit; a very costly request may be "manifestly unreasonable" instead.
// Money is held in pence so no sum is ever off by a fraction of a penny.
import { z } from 'zod';

export const feeRegimeSchema = z.enum(['foi', 'foisa', 'eir']);
export type FeeRegime = z.infer<typeof feeRegimeSchema>;

/** Central government: the bodies in FOIA Schedule 1 Part I (departments, Parliament, devolved legislatures, armed forces). */
export const authorityKindSchema = z.enum(['central_government', 'other']);
export type AuthorityKind = z.infer<typeof authorityKindSchema>;

/** The only activities reg 4(3) lets an authority count. Redaction and consideration time do not count. */
export const costableActivitySchema = z.enum(
  ['determining_if_held', 'locating', 'retrieving', 'extracting'],
  {
    error:
      'is not one of the four activities the regulations let you count (finding out if it is held, locating, retrieving, extracting)',
  },
);
export type CostableActivity = z.infer<typeof costableActivitySchema>;

export const activityHoursSchema = z.array(
  z.object({ activity: costableActivitySchema, hours: z.number().nonnegative().max(100_000) }),
);

export const costEstimateInputSchema = z.object({
  regime: feeRegimeSchema,
  authority: authorityKindSchema,
  /** Person-hours for the four costable activities together. */
  hours: z.number().nonnegative().max(100_000),
});
export type CostEstimateInput = z.infer<typeof costEstimateInputSchema>;

export type CostEstimate =
  | { kind: 'no_cost_limit'; regime: 'eir'; hours: number; message: string }
  | {
      kind: 'within_limit' | 'over_limit';
      regime: 'foi' | 'foisa';
      hours: number;
      costPence: number;
      limitPence: number;
      hourlyRatePence: number;
      /** Hours the limit allows: 24, 18 or 40. */
      hoursAtLimit: number;
      message: string;
    };

const LIMITS_PENCE = { central_government: 60_000, other: 45_000 } as const satisfies Record<
  AuthorityKind,
  number
>;
const FOI_HOURLY_RATE_PENCE = 2_500;
const FOISA_LIMIT_PENCE = 60_000;
const FOISA_HOURLY_RATE_CAP_PENCE = 1_500;

/** "£250", "£612.50" */
export const pounds = (pence: number): string =>
  pence % 100 === 0 ? `£${pence / 100}` : `£${(pence / 100).toFixed(2)}`;

const hoursWords = (h: number): string => `${h} ${h === 1 ? 'hour' : 'hours'}`;

/** Hours across the costable activities. */
export const costableHours = (activities: z.input<typeof activityHoursSchema>): number =>
  parseCostInput(activityHoursSchema, activities, 'this work').reduce((sum, a) => sum + a.hours, 0);

/** Thrown with a sentence a person can read when an estimate's input is not usable. */
export class CostInputError extends Error {
  override name = 'CostInputError';
}

const HOURS_WORDS = 'the hours must be a number from 0 upwards';

/** Parses at the boundary and turns a schema failure into a plain sentence. */
export const parseCostInput = <T>(schema: z.ZodType<T>, raw: unknown, what: string): T => {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.at(-1);
  throw new CostInputError(
    `Cannot estimate the cost of ${what}: ${field === 'hours' ? HOURS_WORDS : `the ${String(field ?? 'input')} ${issue?.message ?? 'is not valid'}`}.`,
  );
};

export const estimateCost = (raw: CostEstimateInput): CostEstimate => {
  const { regime, authority, hours } = parseCostInput(costEstimateInputSchema, raw, 'this request');
  if (regime === 'eir') {
    return {
      kind: 'no_cost_limit',
      regime,
      hours,
      message: `The EIR have no cost limit. If ${hoursWords(hours)} of work is too much, consider whether the request is manifestly unreasonable (regulation 12(4)(b)); the ICO uses 18 or 24 hours as a guide.`,
    };
  }
  const hourlyRatePence = regime === 'foisa' ? FOISA_HOURLY_RATE_CAP_PENCE : FOI_HOURLY_RATE_PENCE;
  const limitPence = regime === 'foisa' ? FOISA_LIMIT_PENCE : LIMITS_PENCE[authority];
  const costPence = Math.round(hours * hourlyRatePence);
  // s12: refuse only when the cost "would exceed" the limit, so exactly at the limit is within it.
  const isOver = costPence > limitPence;
  const whose =
    regime === 'foisa'
      ? 'for Scottish authorities'
      : authority === 'central_government'
        ? 'for central government'
        : 'for this authority';
  const cost = `${pounds(costPence)} (${hoursWords(hours)} at ${pounds(hourlyRatePence)} an hour)`;
  return {
    kind: isOver ? 'over_limit' : 'within_limit',
    regime,
    hours,
    costPence,
    limitPence,
    hourlyRatePence,
    hoursAtLimit: limitPence / hourlyRatePence,
    message: isOver
      ? `Estimated cost ${cost} is over the ${pounds(limitPence)} limit ${whose}. You can refuse the request under section 12, with advice on how to narrow it.`
      : `Estimated cost ${cost} is within the ${pounds(limitPence)} limit ${whose}.`,
  };
};
