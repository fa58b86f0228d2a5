// Public API of the scenario format: schema, parsing edge, limits, expectations and claims, JSON Schema, catalog checks.
export { API_VERSION, DEFAULT_DRAIN_SECONDS, KIND, scenarioSchema, specSchema } from './scenario-schema.ts';
export { DEFAULT_START_DATE } from '../engine/wall-clock.ts';
export type { ClusterSpec, Scenario, ScenarioInput, ScenarioMetadata, ScenarioSpec } from './scenario-schema.ts';
export { trafficProfileSchema, trafficSchema } from './traffic-schema.ts';
export type { TrafficProfile, TrafficSpec, TrafficSpecInput } from './traffic-schema.ts';
export { batchingSchema, cacheSchema, latencySchema, serviceSchema } from './service-schema.ts';
export { poolNamesOf } from './pool-names.ts';
export type { BatchingSpec, BatchLatencySpec, CacheSpec, LatencySpec, QueueSpec, ServiceSpec, StartupSpec } from './service-schema.ts';
export { hpaBehaviorSchema, hpaMetricSchema, hpaSchema } from './hpa-schema.ts';
export { hpaMetricSource } from './hpa-metric-source.ts';
export { llmSchema, modelShapeSchema, tokenLengthSchema } from './llm-schema.ts';
export type { LlmLoraSpec, LlmSpec, LlmSpeculativeSpec, ModelShapeSpec, TokenLengthSpec } from './llm-schema.ts';
export type { HpaMetricSpec, HpaSpec } from './hpa-schema.ts';
export { cloudOf, nodePoolSchema } from './node-pool-schema.ts';
export type { ClusterAutoscalerSpec, NodePoolSpec, ProvisioningSpec } from './node-pool-schema.ts';
export { trainingSchema } from './training-schema.ts';
export { CAPACITY_TYPES, karpenterNodePoolSchema, karpenterSettingsSchema, stockoutSchema } from './karpenter-schema.ts';
export type { CapacityType, KarpenterBudgetSpec, KarpenterNodePoolSpec, KarpenterSettingsSpec, StockoutSpec } from './karpenter-schema.ts';
export { baselineSchema, costItemSchema, costsSchema } from './costs-schema.ts';
export type { BaselineSpec, CostItemSpec, CostsSpec } from './costs-schema.ts';
export { CLAIM_KEY_PATTERN, claimsSchema, type ScenarioClaim } from './claims-schema.ts';
export type { CheckpointSpec, TrainingSpec } from './training-schema.ts';

export { parseScenarioBytes, parseScenarioText, MAX_REPORTED_ISSUES, type ParseScenarioResult } from './parse-scenario.ts';
export { formatIssue, formatPath, parsePath, printable, printableName, repeatsText, type PathSegment, type ScenarioIssue } from './scenario-issue.ts';
export { createLocator, createSourceLocator, locatePath, type PathLocator, type SourceLocation, type SourceLocator } from './yaml-locator.ts';
export { duplicateKeyErrors } from './yaml-duplicate-keys.ts';
export { jsonDuplicateKey, type DuplicateJsonKey } from './json-duplicate-key.ts';
export { AliasLimitError, toJSWithAliasLimit } from './yaml-alias-limit.ts';
export { blockNestingTooDeepAt, flowNestingTooDeepAt } from './yaml-nesting.ts';
export { scenarioWarnings, type ScenarioWarning } from './scenario-warnings.ts';
export {
  validateScenarioPrices,
  validateScenarioReferences,
  type CatalogInstance,
  type ScenarioCatalog,
  type ScenarioSource,
} from './validate-scenario.ts';

export * from './limits.ts';
export { peakTrafficRate, trafficIntegral, trafficRateAt } from './traffic-rate.ts';
export {
  formatClock,
  formatDuration,
  parseClock,
  parseCount,
  parseDuration,
  parsePercentString,
  suggestCount,
  suggestDuration,
  suggestFraction,
} from './units.ts';
export { suggestNearest } from './suggest.ts';
export { formatLatency } from './format-latency.ts';
export { formatPercentText } from './format-percent.ts';
export { formatUsdText } from './format-usd.ts';
export { formatInteger } from './describe-value.ts';

export { getMetric, METRIC_NAMES, METRICS, type MetricInfo, type MetricName, type MetricValueKind, type PriceSource } from './metrics.ts';
export { formatMetricValue, parseMetricValue, type MetricValueResult } from './metric-value.ts';
export {
  CLAIM_BANDS_TEXT,
  CLAIM_OFF_PCT,
  CLAIM_OFF_RATIO,
  CLAIM_OK_PCT,
  evaluateExpectations,
  formatExpectationResult,
  gradeClaims,
  type GradableClaims,
  parseExpectation,
  type ClaimGrade,
  type ComparisonOp,
  type Expectation,
  type ExpectationError,
  type ExpectationResult,
} from './expectations.ts';
export { claimErrorText, claimRatioText, NO_PERCENT_AGAINST_ZERO } from './claim-miss-text.ts';
export { byteLineColumn, decodeUtf8 } from './utf8.ts';

export { scenarioJsonSchema, scenarioJsonSchemaText } from './json-schema.ts';
