// Fees and the cost limit: estimates against the s12 limit, and adding similar requests together.
export {
  AGGREGATION_WINDOW_WORKING_DAYS,
  type Aggregation,
  aggregateForCostLimit,
  aggregationInputSchema,
  type LeftOutBecause,
  type RequestForCost,
  requestForCostSchema,
} from './aggregation';
export {
  type AuthorityKind,
  activityHoursSchema,
  authorityKindSchema,
  type CostableActivity,
  type CostEstimate,
  type CostEstimateInput,
  CostInputError,
  costableActivitySchema,
  costableHours,
  costEstimateInputSchema,
  estimateCost,
  type FeeRegime,
  feeRegimeSchema,
  pounds,
} from './costLimit';
