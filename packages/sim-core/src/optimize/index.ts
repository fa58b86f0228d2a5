// Public list of the optimizer: search space, search, summary.
export { buildSearchSpace, type VariedField } from './build-search-space.ts';
export { bindingConstraint, type BindingConstraint, type Neighbour } from './binding-constraint.ts';
export { DesignProber, type DesignRecord, type EvaluateDesign } from './design-prober.ts';
export { designUnpricedObjective, designVerdict, nothingOfferedCaveat, onStalePrices, stalePricesCaveat, summarizeDesign, unservedCaveat, type DesignStatus, type DesignSummary, type ExpectationOverSeeds } from './design-summary.ts';
export { fieldCapacity, linkedCapacity, type FieldCapacity } from './monotone-fields.ts';
export { checkObjective, isLatencyMetric, objectiveTrend, type ObjectiveTrend } from './objective.ts';
export { optimizeDesign } from './optimize.ts';
export { paretoFrontier, type FrontierPoint, type ParetoFrontier } from './pareto-frontier.ts';
export { runSearch, searchPlanFor, shardIndices, type SearchOptions } from './run-search.ts';
export { planSearch, searchSteps, staircaseTooLong, type SearchPlan } from './search-plan.ts';
export {
  capacityOrder,
  compareDesigns,
  designKey,
  gridSize,
  valuesByLabel,
  valuesByPath,
  type CapacityDirection,
  type Design,
  type SearchDimension,
  type SearchSpace,
} from './search-space.ts';
export { seedEvaluationFromResult, type ExpectationOutcome, type SeedEvaluation } from './seed-evaluation.ts';
export { summarizeSearch, type BestDesign, type ClosestDesign, type DimensionReport, type OptimizeResult } from './summarize-search.ts';
