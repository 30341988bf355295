// Adding similar requests together for the cost limit (Fees Regulations reg 5; FOISA fees
// regulations likewise): requests from the same person, or people acting together, for the same
// or similar information, received within any 60 consecutive working days, may be estimated as
// one. Whether two requests are "similar" is the case worker's judgement, recorded as shared
// topic tags; this function only applies the rule to what it is given.
import { z } from 'zod';
import {
  type Calendar,
  type IsoDate,
  isoDateSchema,
  shippedCalendar,
  type WorkingDayScope,
  workingDayOnOrAfter,
  workingDaysBetween,
} from '../deadlines';
import {
  authorityKindSchema,
  type CostEstimate,
  estimateCost,
  feeRegimeSchema,
  parseCostInput,
} from './costLimit';

/** Reg 5: the requests must fall within one period of 60 consecutive working days. */
export const AGGREGATION_WINDOW_WORKING_DAYS = 60;

export const requestForCostSchema = z.object({
  id: z.string().min(1),
  reference: z.string().min(1),
  /** The requester, or everyone who appears to be acting with them (a campaign). */
  requesterIds: z.array(z.string().min(1)).min(1),
  received: isoDateSchema,
  /** Subject tags; requests sharing one are for the same or similar information. */
  topics: z.array(z.string().min(1)),
  hours: z.number().nonnegative(),
});
/** A request as callers give it (dates as plain 'YYYY-MM-DD' strings). */
export type RequestForCost = z.input<typeof requestForCostSchema>;
type CheckedRequest = z.infer<typeof requestForCostSchema>;

export const aggregationInputSchema = z.object({
  regime: feeRegimeSchema,
  authority: authorityKindSchema,
  current: requestForCostSchema,
  earlier: z.array(requestForCostSchema),
});

export type LeftOutBecause = 'different_requester' | 'not_similar' | 'outside_60_working_days';

export type Aggregation =
  | { kind: 'not_applicable'; estimate: CostEstimate; message: string }
  | {
      kind: 'aggregated';
      /** The earlier requests added to this one. */
      included: { id: string; reference: string }[];
      leftOut: { id: string; reference: string; because: LeftOutBecause }[];
      totalHours: number;
      estimate: CostEstimate;
      message: string;
    };

const normalise = (topic: string): string => topic.trim().toLowerCase();

const scopeFor = (regime: 'foi' | 'foisa'): WorkingDayScope =>
  regime === 'foisa' ? 'scotland' : 'any-part-of-the-uk';

export const aggregateForCostLimit = (
  raw: z.input<typeof aggregationInputSchema>,
  calendar: Calendar = shippedCalendar,
): Aggregation => {
  const { regime, authority, current, earlier } = parseCostInput(
    aggregationInputSchema,
    raw,
    'these requests',
  );
  if (regime === 'eir') {
    const estimate = estimateCost({ regime, authority, hours: current.hours });
    return {
      kind: 'not_applicable',
      estimate,
      message: 'The EIR have no cost limit, so requests are not added together.',
    };
  }
  const scope = scopeFor(regime);
  // A request that arrives on a non-working day joins the period at the next working day.
  const periodDay = (d: IsoDate) => workingDayOnOrAfter(calendar, scope, d);
  const people = new Set(current.requesterIds);
  const topics = new Set(current.topics.map(normalise));

  const leftOutBecause = (r: CheckedRequest): LeftOutBecause | null => {
    if (!r.requesterIds.some((p) => people.has(p))) return 'different_requester';
    if (!r.topics.some((t) => topics.has(normalise(t)))) return 'not_similar';
    // Both days inside one run of 60 working days: at most 59 working days after the first.
    const apart = workingDaysBetween(periodDay(r.received), periodDay(current.received), calendar, scope);
    return Math.abs(apart) >= AGGREGATION_WINDOW_WORKING_DAYS ? 'outside_60_working_days' : null;
  };
  const judged = earlier
    .filter((r) => r.id !== current.id)
    .map((request) => ({ request, because: leftOutBecause(request) }));
  const included = judged.filter((j) => j.because === null).map((j) => j.request);
  const leftOut = judged.flatMap((j) =>
    j.because === null ? [] : [{ id: j.request.id, reference: j.request.reference, because: j.because }],
  );
  const totalHours = included.reduce((sum, r) => sum + r.hours, current.hours);
  const estimate = estimateCost({ regime, authority, hours: totalHours });
  const message =
    included.length === 0
      ? `No earlier similar request from the same person in the last 60 working days. ${estimate.message}`
      : `Added together with ${included.length === 1 ? '1 earlier request' : `${included.length} earlier requests`} from the same person for similar information within 60 working days (${included.map((r) => r.reference).join(', ')}). ${estimate.message}`;
  return {
    kind: 'aggregated',
    included: included.map((r) => ({ id: r.id, reference: r.reference })),
    leftOut,
    totalHours,
    estimate,
    message,
  };
};
