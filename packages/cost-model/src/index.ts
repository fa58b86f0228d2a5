// Public API of @design-sim/cost-model: a dated, sourced GPU pricing catalog and pure cost functions.
export type { CapacityType, CloudId, GpuInterconnect, GpuSpec, InstanceFamily, InstanceType, NeocloudOffer, PriceFreshness, PricePoint } from './types.ts';
export { CAPACITY_TYPES } from './types.ts';
export { BYTES_PER_GB, FLOPS_PER_TFLOPS, HOURS_PER_MONTH, SECONDS_PER_DAY, SECONDS_PER_HOUR } from './units.ts';

export { catalogAsOf, getSource, listSources, type SourceRef } from './catalog.ts';
export { checkBundledCatalog, parseCatalog } from './parse-catalog.ts';
export { CatalogLookupError } from './catalog-lookup-error.ts';
export { controlPlaneFee, findInstance, getGpu, getInstance, listGpus, listInstances } from './lookup.ts';
export { listNeocloudOffers } from './neoclouds.ts';
export { egressCostUsd, getRate, listRates, storageCostUsd, type RateCard } from './rates.ts';
export { tieredCost, type Tier } from './tiered-cost.ts';
export { editDistance, suggest } from './suggest.ts';

export { accruedBillUsd, hourlyRateUsd, nodeTimeUsd } from './cost-rate.ts';
export { fleetCost, nodePoolHourly, stalePriceNotes, type CostLine, type FleetCost, type FleetCostInput, type NodeUsage } from './fleet-cost.ts';
export { lineItemCosts, type LineItem, type LineItemCosts, type PricedLineItem } from './line-items.ts';
export {
  getManagedService,
  listManagedServices,
  managedServiceCost,
  managedServiceHourly,
  unitsPerHour,
  type ManagedService,
  type ManagedServiceUnit,
  type ManagedServiceUsage,
  type UnitPricePoint,
} from './managed-services.ts';
export {
  freshnessText,
  GPU_PRICE_MAX_AGE_DAYS,
  LIST_PRICE_MAX_AGE_DAYS,
  maxAgeDays,
  observedLabel,
  priceFreshness,
  SPOT_PRICE_MAX_AGE_DAYS,
  type PriceKind,
} from './price-freshness.ts';
export { expectedWallTime, type CheckpointPolicy, type WallTimeBreakdown } from './checkpoint-restart.ts';
export {
  daysForBudget,
  peakFlopsPerGpu,
  tokensForBudget,
  trainingEstimate,
  type TrainingBudget,
  type TrainingEstimate,
  type TrainingInput,
  type TrainingPrecision,
} from './training-cost.ts';
export { trainingByCapacity, trainingOnInstance, type InstanceTrainingEstimate, type InstanceTrainingInput } from './training-on-instance.ts';
export { showback, type Showback, type TeamUsage } from './showback.ts';
export { LLAMA3_FAILURES_PER_GPU_HOUR, LLAMA3_INTERRUPTIONS, nodeFailuresPerHour, type FailureRateInput } from './failure-rate.ts';
export {
  MIXED_ADAM_BYTES_PER_PARAM,
  trainingMemory,
  type TrainingMemory,
  type TrainingMemoryInput,
  type TrainingMemoryRegime,
} from './training-memory.ts';
export { compareServingCost, costPerMillionRequests, type ServingComparisonRow, type ServingOption } from './comparisons.ts';
export { purchaseBreakEven, type PurchaseBreakEven, type PurchaseBreakEvenInput, type PurchaseOptionCost } from './purchase-break-even.ts';
export { getLink, type LinkKind, type NetworkLink } from './links.ts';
export { usdPerMillionTokens } from './token-cost.ts';
